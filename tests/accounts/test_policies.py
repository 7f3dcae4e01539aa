"""The social media policy: versions, acknowledgement of the current version only."""

from typing import Any

import pytest

from advocacy.accounts.models import Membership, Organization
from advocacy.accounts.selectors import membership_has_acknowledged_current_policy
from advocacy.core.models import AuditEvent
from advocacy.core.tenancy import tenant_context


def _publish(client: Any, title: str = "Policy", body: str = "# Be kind") -> Any:
    return client.post("/api/v1/orgs/acme/policies/", {"title": title, "body": body}, format="json")


def test_publishing_numbers_versions_and_needs_acknowledgement(
    org: Organization, admin: Membership, employee: Membership, client_for: Any
) -> None:
    admin_client, employee_client = client_for(admin.user), client_for(employee.user)

    with tenant_context(org):
        assert membership_has_acknowledged_current_policy(membership=employee)  # nothing to acknowledge yet
    first = _publish(admin_client).json()
    with tenant_context(org):
        assert not membership_has_acknowledged_current_policy(membership=employee)
    assert employee_client.get("/api/v1/me").json()["memberships"][0]["policy_acknowledged"] is False
    acknowledged = employee_client.post(f"/api/v1/orgs/acme/policies/{first['id']}/acknowledge")
    assert employee_client.get("/api/v1/me").json()["memberships"][0]["policy_acknowledged"] is True
    again = employee_client.post(f"/api/v1/orgs/acme/policies/{first['id']}/acknowledge")
    with tenant_context(org):
        assert membership_has_acknowledged_current_policy(membership=employee)
    second = _publish(admin_client, body="# Be kinder").json()
    old = employee_client.post(f"/api/v1/orgs/acme/policies/{first['id']}/acknowledge")
    current = employee_client.get("/api/v1/orgs/acme/policies/current").json()

    assert (first["version"], second["version"]) == (1, 2)
    assert acknowledged.status_code == 200
    assert acknowledged.json()["acknowledged_at"] is not None
    assert again.status_code == 200
    assert old.status_code == 409
    assert old.json()["code"] == "not_current_policy"
    assert current["version"] == 2
    assert current["is_current"] is True
    assert current["acknowledged_at"] is None
    with tenant_context(org):
        assert not membership_has_acknowledged_current_policy(membership=employee)
    assert AuditEvent.objects.unscoped().filter(verb="policy.acknowledged").count() == 1
    assert employee_client.get("/api/v1/me").json()["memberships"][0]["policy_acknowledged"] is False
    assert AuditEvent.objects.unscoped().filter(verb="policy.published").count() == 2


def test_acknowledgements_are_per_member(
    org: Organization, admin: Membership, employee: Membership, make_member: Any, client_for: Any
) -> None:
    policy = _publish(client_for(admin.user)).json()
    colleague = make_member(org)
    client_for(employee.user).post(f"/api/v1/orgs/acme/policies/{policy['id']}/acknowledge")

    listing = client_for(admin.user).get("/api/v1/orgs/acme/policies/").json()["results"][0]

    assert listing["acknowledged_count"] == 1
    with tenant_context(org):
        assert not membership_has_acknowledged_current_policy(membership=colleague)


def test_no_policy_yet_is_a_clear_404(employee: Membership, client_for: Any) -> None:
    response = client_for(employee.user).get("/api/v1/orgs/acme/policies/current")

    assert response.status_code == 404
    assert response.json()["code"] == "no_policy"


@pytest.mark.parametrize(
    ("body", "field"),
    [({"title": "", "body": "x"}, "title"), ({"title": "T"}, "body"), ({"title": "T", "body": "b" * 100_001}, "body")],
)
def test_bad_policies_are_refused(admin: Membership, client_for: Any, body: dict[str, Any], field: str) -> None:
    response = client_for(admin.user).post("/api/v1/orgs/acme/policies/", body, format="json")

    assert response.status_code == 400
    assert field in response.json()["fields"]
