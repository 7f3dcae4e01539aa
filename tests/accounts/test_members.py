"""Members: who sees what, role changes, the last admin, deactivation."""

from typing import Any

from advocacy.accounts.models import Membership, Organization
from advocacy.core.models import AuditEvent
from tests.conftest import MakeMember


def test_admins_see_full_member_rows(admin: Membership, employee: Membership, client_for: Any) -> None:
    rows = client_for(admin.user).get("/api/v1/orgs/acme/members/").json()["results"]

    row = next(r for r in rows if r["id"] == str(employee.id))
    assert set(row) == {
        "id",
        "email",
        "name",
        "org_role",
        "advocacy_roles",
        "advocacy_role_names",
        "ambassador",
        "is_active",
        "joined_at",
    }
    assert row["email"] == employee.user.email


def test_employees_see_names_only(admin: Membership, employee: Membership, client_for: Any) -> None:
    rows = client_for(employee.user).get("/api/v1/orgs/acme/members/").json()["results"]

    assert all(set(r) == {"id", "name", "advocacy_role_names"} for r in rows)
    assert not client_for(employee.user).get(f"/api/v1/orgs/acme/members/{admin.id}/").json().get("email")


def test_members_can_be_filtered(
    org: Organization, admin: Membership, make_member: MakeMember, client_for: Any
) -> None:
    make_member(org, "reviewer")

    rows = client_for(admin.user).get("/api/v1/orgs/acme/members/?org_role=reviewer").json()["results"]

    assert [r["org_role"] for r in rows] == ["reviewer"]


def test_admin_changes_a_role_and_ambassador_flag(admin: Membership, employee: Membership, client_for: Any) -> None:
    response = client_for(admin.user).patch(
        f"/api/v1/orgs/acme/members/{employee.id}/", {"org_role": "comms_lead", "ambassador": True}, format="json"
    )

    assert response.status_code == 200
    assert response.json()["org_role"] == "comms_lead"
    assert response.json()["ambassador"] is True
    event = AuditEvent.objects.unscoped().get(verb="membership.changed")
    assert event.before == {"org_role": "employee", "ambassador": False, "is_active": True}
    assert event.after["org_role"] == "comms_lead"


def test_the_last_admin_cannot_be_demoted_or_deactivated(admin: Membership, client_for: Any) -> None:
    client = client_for(admin.user)

    demote = client.patch(f"/api/v1/orgs/acme/members/{admin.id}/", {"org_role": "employee"}, format="json")
    deactivate = client.delete(f"/api/v1/orgs/acme/members/{admin.id}/")

    assert demote.status_code == 409
    assert demote.json()["code"] == "last_admin"
    assert deactivate.status_code == 409
    admin.refresh_from_db()
    assert admin.org_role == "admin"
    assert admin.is_active


def test_an_admin_can_step_down_when_another_admin_remains(
    org: Organization, admin: Membership, make_member: MakeMember, client_for: Any
) -> None:
    make_member(org, "admin")

    response = client_for(admin.user).patch(
        f"/api/v1/orgs/acme/members/{admin.id}/", {"org_role": "employee"}, format="json"
    )

    assert response.status_code == 200


def test_deactivated_members_lose_access_and_keep_history(
    admin: Membership, employee: Membership, client_for: Any
) -> None:
    response = client_for(admin.user).delete(f"/api/v1/orgs/acme/members/{employee.id}/")

    assert response.status_code == 204
    employee.refresh_from_db()
    assert not employee.is_active
    assert employee.deactivated_at is not None
    assert client_for(employee.user).get("/api/v1/orgs/acme/").status_code == 404
    assert AuditEvent.objects.unscoped().filter(verb="membership.deactivated", object_id=str(employee.id)).exists()
    assert client_for(employee.user).get("/api/v1/me").json()["memberships"] == []


def test_non_admins_cannot_change_members(
    org: Organization, make_member: MakeMember, employee: Membership, client_for: Any
) -> None:
    lead = make_member(org, "comms_lead")

    response = client_for(lead.user).patch(
        f"/api/v1/orgs/acme/members/{employee.id}/", {"org_role": "admin"}, format="json"
    )

    assert response.status_code == 403
    employee.refresh_from_db()
    assert employee.org_role == "employee"


def test_member_list_costs_the_same_queries_for_1_and_50_rows(
    org: Organization, admin: Membership, make_member: MakeMember, client_for: Any, django_assert_max_num_queries: Any
) -> None:
    client = client_for(admin.user)
    client.get("/api/v1/orgs/acme/members/")  # warm the session

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        client.get("/api/v1/orgs/acme/members/?page_size=100")
    for _ in range(49):
        make_member(org)
    with CaptureQueriesContext(connection) as fifty:
        body = client.get("/api/v1/orgs/acme/members/?page_size=100").json()

    assert body["count"] == 50
    assert len(fifty) == len(one)
    assert len(fifty) <= 6
