"""Audiences and the role x audience map."""

from typing import Any

import pytest

from advocacy.accounts.models import Membership, Organization
from advocacy.audiences.models import RoleAudience
from advocacy.core.models import AuditEvent
from tests.conftest import MakeMember
from tests.factories import AdvocacyRoleFactory, AudienceFactory, RoleAudienceFactory
from tests.queries import assert_constant_queries


@pytest.fixture
def lead(org: Organization, make_member: MakeMember) -> Membership:
    return make_member(org, "comms_lead")


def test_comms_lead_describes_an_audience(lead: Membership, client_for: Any) -> None:
    response = client_for(lead.user).post(
        "/api/v1/orgs/acme/audiences/",
        {
            "name": "CIOs of large banks",
            "description": "Bank CIOs",
            "topics": ["cloud risk", "Cloud Risk", " ", "AI governance"],
            "networks": ["linkedin"],
            "engagement_notes": "Sunday evenings",
        },
        format="json",
    )

    assert response.status_code == 201
    assert response.json()["topics"] == ["cloud risk", "AI governance"]
    assert AuditEvent.objects.unscoped().filter(verb="audience.created").exists()


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"name": ""}, "name"),
        ({"name": "A", "topics": "cloud"}, "topics"),
        ({"name": "A", "topics": ["t" * 61]}, "topics"),
        ({"name": "A", "topics": ["t"] * 51}, "topics"),
        ({"name": "A", "networks": ["friendster"]}, "networks"),
        ({"name": "A", "engagement_notes": "n" * 5001}, "engagement_notes"),
    ],
)
def test_bad_audiences_are_refused(lead: Membership, client_for: Any, payload: dict[str, Any], field: str) -> None:
    response = client_for(lead.user).post("/api/v1/orgs/acme/audiences/", payload, format="json")

    assert response.status_code == 400
    assert field in response.json()["fields"]


def test_mapping_a_role_to_an_audience(org: Organization, lead: Membership, client_for: Any) -> None:
    role, audience = AdvocacyRoleFactory(organization=org, name="Sales"), AudienceFactory(organization=org, name="CIOs")
    client = client_for(lead.user)

    created = client.post(
        "/api/v1/orgs/acme/role-audiences/",
        {"role": str(role.id), "audience": str(audience.id), "level": "lead"},
        format="json",
    )
    duplicate = client.post(
        "/api/v1/orgs/acme/role-audiences/",
        {"role": str(role.id), "audience": str(audience.id), "level": "avoid"},
        format="json",
    )
    changed = client.patch(
        f"/api/v1/orgs/acme/role-audiences/{created.json()['id']}/", {"level": "avoid"}, format="json"
    )

    assert created.status_code == 201
    assert created.json()["role_name"] == "Sales"
    assert duplicate.status_code == 409
    assert duplicate.json()["code"] == "mapping_exists"
    assert changed.json()["level"] == "avoid"
    assert RoleAudience.objects.unscoped().get().level == "avoid"
    assert AuditEvent.objects.unscoped().filter(verb="role_audience.changed").exists()


@pytest.mark.parametrize("bad", ["other_tenant_role", "other_tenant_audience", "unknown", "garbage", "bad_level"])
def test_mappings_refuse_foreign_or_unknown_ids(
    org: Organization, outsider_org: Organization, lead: Membership, client_for: Any, bad: str
) -> None:
    body = {
        "role": str(AdvocacyRoleFactory(organization=org).id),
        "audience": str(AudienceFactory(organization=org).id),
        "level": "lead",
    }
    if bad == "other_tenant_role":
        body["role"] = str(AdvocacyRoleFactory(organization=outsider_org).id)
    elif bad == "other_tenant_audience":
        body["audience"] = str(AudienceFactory(organization=outsider_org).id)
    elif bad == "unknown":
        body["role"] = "00000000-0000-0000-0000-000000000000"
    elif bad == "garbage":
        body["audience"] = {"$ne": None}  # type: ignore[assignment]
    else:
        body["level"] = "maybe"

    response = client_for(lead.user).post("/api/v1/orgs/acme/role-audiences/", body, format="json")

    assert response.status_code == 400
    assert response.json()["code"] == "validation_error"
    assert not RoleAudience.objects.unscoped().exists()


def test_the_matrix_is_ready_for_a_grid(org: Organization, employee: Membership, client_for: Any) -> None:
    sales, legal = (
        AdvocacyRoleFactory(organization=org, name="Sales"),
        AdvocacyRoleFactory(organization=org, name="Legal"),
    )
    cios, press = AudienceFactory(organization=org, name="CIOs"), AudienceFactory(organization=org, name="Press")
    archived = AudienceFactory(organization=org, name="Old", archived_at="2026-01-01T00:00:00Z")
    RoleAudienceFactory(organization=org, role=sales, audience=cios, level="lead")
    RoleAudienceFactory(organization=org, role=legal, audience=press, level="avoid")
    RoleAudienceFactory(organization=org, role=legal, audience=archived, level="avoid")

    matrix = client_for(employee.user).get("/api/v1/orgs/acme/role-audiences/matrix").json()

    assert [r["name"] for r in matrix["roles"]] == ["Legal", "Sales"]
    assert [a["name"] for a in matrix["audiences"]] == ["CIOs", "Press"]
    assert len(matrix["cells"]) == 2
    assert matrix["levels"] == {str(legal.id): {str(press.id): "avoid"}, str(sales.id): {str(cios.id): "lead"}}


def test_matrix_and_lists_cost_constant_queries(org: Organization, employee: Membership, client_for: Any) -> None:
    client = client_for(employee.user)

    def add_pairs(n: int) -> None:
        for _ in range(n):
            RoleAudienceFactory(organization=org)

    assert_constant_queries(client, "/api/v1/orgs/acme/role-audiences/matrix", add_pairs, budget=6)
    assert_constant_queries(client, "/api/v1/orgs/acme/role-audiences/?page_size=100", add_pairs, budget=6)
    assert_constant_queries(client, "/api/v1/orgs/acme/audiences/?page_size=100", add_pairs, budget=6)


def test_archiving_an_audience_hides_it_from_lists_and_matrix(
    org: Organization, lead: Membership, client_for: Any
) -> None:
    link = RoleAudienceFactory(organization=org)
    client = client_for(lead.user)

    client.delete(f"/api/v1/orgs/acme/audiences/{link.audience_id}/")

    assert client.get("/api/v1/orgs/acme/audiences/").json()["count"] == 0
    assert client.get("/api/v1/orgs/acme/role-audiences/matrix").json()["cells"] == []
    assert client.post(f"/api/v1/orgs/acme/audiences/{link.audience_id}/restore").json()["archived"] is False
