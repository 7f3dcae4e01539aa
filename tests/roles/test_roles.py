"""Advocacy roles: objectives validated, names unique, archived not deleted, held by members,
and per-object grants."""

from typing import Any

import pytest

from advocacy.accounts.models import Membership, Organization
from advocacy.core.models import AuditEvent
from advocacy.roles.models import AdvocacyRole
from tests.conftest import MakeMember
from tests.factories import AdvocacyRoleFactory, assign_roles
from tests.queries import assert_constant_queries

OBJECTIVE = {"name": "Clicks from CIOs", "metric": "clicks", "target": 40, "period": "month"}


@pytest.fixture
def lead(org: Organization, make_member: MakeMember) -> Membership:
    return make_member(org, "comms_lead")


def test_comms_lead_defines_a_role_with_objectives(lead: Membership, client_for: Any) -> None:
    response = client_for(lead.user).post(
        "/api/v1/orgs/acme/roles/",
        {
            "name": "  Sales ",
            "description": "Account executives",
            "responsibilities": "Speak to buyers",
            "objectives": [OBJECTIVE],
            "networks": ["x", "linkedin", "x"],
            "review_before_posting": True,
        },
        format="json",
    )

    assert response.status_code == 201
    body = response.json()
    assert body["name"] == "Sales"
    assert body["objectives"] == [OBJECTIVE]
    assert body["networks"] == ["linkedin", "x"]
    assert body["review_before_posting"] is True
    assert AuditEvent.objects.unscoped().filter(verb="role.created", object_id=body["id"]).exists()


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"name": ""}, "name"),
        ({"name": "   "}, "name"),
        ({"name": "x" * 101}, "name"),
        ({"name": "Ok", "description": "d" * 2001}, "description"),
        ({"name": "Ok", "objectives": [{**OBJECTIVE, "target": -5}]}, "objectives"),
        ({"name": "Ok", "objectives": [{**OBJECTIVE, "target": 0}]}, "objectives"),
        ({"name": "Ok", "objectives": [{**OBJECTIVE, "period": "fortnight"}]}, "objectives"),
        ({"name": "Ok", "objectives": [{**OBJECTIVE, "metric": "vanity_reach"}]}, "objectives"),
        ({"name": "Ok", "objectives": [{"name": "", "metric": "clicks", "target": 1, "period": "week"}]}, "objectives"),
        ({"name": "Ok", "objectives": [{**OBJECTIVE, "extra": 1}]}, "objectives"),
        ({"name": "Ok", "objectives": [OBJECTIVE] * 21}, "objectives"),
        ({"name": "Ok", "objectives": "many"}, "objectives"),
        ({"name": "Ok", "networks": ["myspace"]}, "networks"),
        ({"name": "Ok", "review_before_posting": "sometimes"}, "review_before_posting"),
    ],
)
def test_bad_roles_are_refused_with_field_errors(
    lead: Membership, client_for: Any, payload: dict[str, Any], field: str
) -> None:
    response = client_for(lead.user).post("/api/v1/orgs/acme/roles/", payload, format="json")

    assert response.status_code == 400
    assert response.json()["code"] == "validation_error"
    assert field in response.json()["fields"]
    assert not AdvocacyRole.objects.unscoped().exists()


def test_role_names_are_unique_among_active_roles(org: Organization, lead: Membership, client_for: Any) -> None:
    client = client_for(lead.user)
    first = client.post("/api/v1/orgs/acme/roles/", {"name": "Sales"}, format="json").json()

    duplicate = client.post("/api/v1/orgs/acme/roles/", {"name": "Sales"}, format="json")
    client.delete(f"/api/v1/orgs/acme/roles/{first['id']}/")
    after_archive = client.post("/api/v1/orgs/acme/roles/", {"name": "Sales"}, format="json")
    restore = client.post(f"/api/v1/orgs/acme/roles/{first['id']}/restore")

    assert duplicate.status_code == 409
    assert duplicate.json()["code"] == "role_name_taken"
    assert after_archive.status_code == 201
    assert restore.status_code == 409
    assert restore.json()["code"] == "role_name_taken"


def test_deleting_a_role_archives_it(
    org: Organization, lead: Membership, employee: Membership, client_for: Any
) -> None:
    role = AdvocacyRoleFactory(organization=org, name="Sales")
    assign_roles(employee, role)
    client = client_for(lead.user)

    deleted = client.delete(f"/api/v1/orgs/acme/roles/{role.id}/")
    listed = client.get("/api/v1/orgs/acme/roles/").json()
    with_archived = client.get("/api/v1/orgs/acme/roles/?include_archived=true").json()
    me = client_for(employee.user).get("/api/v1/me").json()

    assert deleted.status_code == 204
    assert listed["count"] == 0
    assert with_archived["results"][0]["archived"] is True
    assert me["memberships"][0]["advocacy_roles"] == []
    assert AdvocacyRole.objects.unscoped().filter(pk=role.pk).exists()
    assert AuditEvent.objects.unscoped().filter(verb="role.archived").exists()

    restored = client.post(f"/api/v1/orgs/acme/roles/{role.id}/restore").json()
    assert restored["archived"] is False
    assert client_for(employee.user).get("/api/v1/me").json()["memberships"][0]["advocacy_role_names"] == ["Sales"]


def test_members_read_roles_but_do_not_write_them(org: Organization, employee: Membership, client_for: Any) -> None:
    role = AdvocacyRoleFactory(organization=org)
    client = client_for(employee.user)

    assert client.get("/api/v1/orgs/acme/roles/").json()["count"] == 1
    assert client.patch(f"/api/v1/orgs/acme/roles/{role.id}/", {"name": "Mine"}, format="json").status_code == 403
    assert client.post("/api/v1/orgs/acme/roles/", {"name": "Mine"}, format="json").status_code == 403


def test_admin_gives_members_their_roles(
    org: Organization, outsider_org: Organization, admin: Membership, employee: Membership, client_for: Any
) -> None:
    sales, execs = (
        AdvocacyRoleFactory(organization=org, name="Sales"),
        AdvocacyRoleFactory(organization=org, name="Execs"),
    )
    client = client_for(admin.user)

    response = client.patch(
        f"/api/v1/orgs/acme/members/{employee.id}/", {"advocacy_roles": [str(sales.id), str(execs.id)]}, format="json"
    )
    me = client_for(employee.user).get("/api/v1/me").json()["memberships"][0]
    narrowed = client.patch(
        f"/api/v1/orgs/acme/members/{employee.id}/", {"advocacy_roles": [str(execs.id)]}, format="json"
    )

    assert response.status_code == 200
    assert set(response.json()["advocacy_roles"]) == {str(sales.id), str(execs.id)}
    assert me["advocacy_role_names"] == ["Execs", "Sales"]
    assert narrowed.json()["advocacy_role_names"] == ["Execs"]
    event = AuditEvent.objects.unscoped().filter(verb="membership.roles_changed").order_by("-seq").first()
    assert event is not None
    assert event.before == {"advocacy_roles": ["Execs", "Sales"]}
    assert event.after == {"advocacy_roles": ["Execs"]}


@pytest.mark.parametrize("kind", ["other_tenant", "archived", "unknown", "not_a_uuid"])
def test_member_roles_must_be_active_roles_of_this_organisation(
    org: Organization, outsider_org: Organization, admin: Membership, employee: Membership, client_for: Any, kind: str
) -> None:
    role_id = {
        "other_tenant": lambda: str(AdvocacyRoleFactory(organization=outsider_org).id),
        "archived": lambda: str(AdvocacyRoleFactory(organization=org, archived_at="2026-01-01T00:00:00Z").id),
        "unknown": lambda: "00000000-0000-0000-0000-000000000000",
        "not_a_uuid": lambda: "sales",
    }[kind]()

    response = client_for(admin.user).patch(
        f"/api/v1/orgs/acme/members/{employee.id}/", {"advocacy_roles": [role_id]}, format="json"
    )

    assert response.status_code == 400
    assert "advocacy_roles" in response.json()["fields"]
    assert not employee.role_assignments.model.objects.unscoped().exists()


def test_members_can_be_filtered_by_role(
    org: Organization, admin: Membership, employee: Membership, client_for: Any
) -> None:
    role = AdvocacyRoleFactory(organization=org)
    assign_roles(employee, role)

    rows = client_for(admin.user).get(f"/api/v1/orgs/acme/members/?advocacy_role={role.id}").json()["results"]

    assert [r["id"] for r in rows] == [str(employee.id)]


def test_an_admin_grants_one_member_control_of_one_role(
    org: Organization, admin: Membership, employee: Membership, client_for: Any
) -> None:
    granted, other = AdvocacyRoleFactory(organization=org), AdvocacyRoleFactory(organization=org)
    admin_client, employee_client = client_for(admin.user), client_for(employee.user)

    grant = admin_client.post(
        f"/api/v1/orgs/acme/roles/{granted.id}/grants", {"member": str(employee.id)}, format="json"
    )
    edit_granted = employee_client.patch(
        f"/api/v1/orgs/acme/roles/{granted.id}/", {"description": "mine"}, format="json"
    )
    edit_other = employee_client.patch(f"/api/v1/orgs/acme/roles/{other.id}/", {"description": "mine"}, format="json")
    self_grant = employee_client.post(
        f"/api/v1/orgs/acme/roles/{other.id}/grants", {"member": str(employee.id)}, format="json"
    )
    revoke = admin_client.delete(f"/api/v1/orgs/acme/roles/{granted.id}/grants/{employee.id}")
    after_revoke = employee_client.patch(f"/api/v1/orgs/acme/roles/{granted.id}/", {"description": "x"}, format="json")

    assert grant.status_code == 200
    assert grant.json()["results"] == [
        {"member": str(employee.id), "name": employee.user.name, "email": employee.user.email}
    ]
    assert edit_granted.status_code == 200
    assert edit_other.status_code == 403
    assert self_grant.status_code == 403
    assert revoke.status_code == 204
    assert after_revoke.status_code == 403
    assert set(AuditEvent.objects.unscoped().filter(verb__startswith="grant.").values_list("verb", flat=True)) == {
        "grant.assigned",
        "grant.removed",
    }


def test_a_grant_to_another_tenants_member_is_refused(
    org: Organization, admin: Membership, outsider_admin: Membership, client_for: Any
) -> None:
    role = AdvocacyRoleFactory(organization=org)

    response = client_for(admin.user).post(
        f"/api/v1/orgs/acme/roles/{role.id}/grants", {"member": str(outsider_admin.id)}, format="json"
    )

    assert response.status_code == 400
    assert "member" in response.json()["fields"]


def test_role_list_costs_constant_queries(org: Organization, employee: Membership, client_for: Any) -> None:
    def add(n: int) -> None:
        for _ in range(n):
            assign_roles(employee, AdvocacyRoleFactory(organization=org))

    assert_constant_queries(client_for(employee.user), "/api/v1/orgs/acme/roles/?page_size=100", add, budget=6)


def test_member_list_with_roles_costs_constant_queries(
    org: Organization, admin: Membership, make_member: MakeMember, client_for: Any
) -> None:
    role = AdvocacyRoleFactory(organization=org)

    def add(n: int) -> None:
        for _ in range(n):
            assign_roles(make_member(org), role)

    assert_constant_queries(client_for(admin.user), "/api/v1/orgs/acme/members/?page_size=100", add, budget=7)


def test_me_costs_constant_queries_across_organisations(
    org: Organization, employee: Membership, client_for: Any, make_member: MakeMember
) -> None:
    from tests.factories import OrganizationFactory

    def add(n: int) -> None:
        for _ in range(n):
            other = OrganizationFactory()
            membership = make_member(other, user=employee.user)
            assign_roles(membership, AdvocacyRoleFactory(organization=other))

    assert_constant_queries(client_for(employee.user), "/api/v1/me", add, budget=5)


def test_can_edit_tells_the_ui_who_may_change_each_role(
    org: Organization, admin: Membership, lead: Membership, employee: Membership, client_for: Any
) -> None:
    granted, other = AdvocacyRoleFactory(organization=org, name="A"), AdvocacyRoleFactory(organization=org, name="B")
    client_for(admin.user).post(
        f"/api/v1/orgs/acme/roles/{granted.id}/grants", {"member": str(employee.id)}, format="json"
    )

    as_employee = client_for(employee.user).get("/api/v1/orgs/acme/roles/").json()["results"]
    as_lead = client_for(lead.user).get("/api/v1/orgs/acme/roles/").json()["results"]
    one = client_for(employee.user).get(f"/api/v1/orgs/acme/roles/{other.id}/").json()

    assert {r["name"]: r["can_edit"] for r in as_employee} == {"A": True, "B": False}
    assert all(r["can_edit"] for r in as_lead)
    assert one["can_edit"] is False


def test_a_nested_validation_error_says_where_it_is(lead: Membership, client_for: Any) -> None:
    response = client_for(lead.user).post(
        "/api/v1/orgs/acme/roles/", {"name": "Ok", "objectives": [OBJECTIVE, {**OBJECTIVE, "target": 0}]}, format="json"
    )

    assert response.json()["detail"].startswith("objectives.1.target: ")
