"""Readiness: each member describes their social presence per network and the audiences of
their roles they reach; comms leads see everyone's, filtered by role and audience."""

from typing import Any

import pytest

from advocacy.accounts.models import Membership, Organization
from advocacy.coaching.models import SocialPresence, SocialPresenceAudience
from tests.coaching.conftest import Strategy, ids
from tests.conftest import MakeMember
from tests.factories import NetworkConnectionFactory, SocialPresenceFactory, assign_roles
from tests.queries import assert_constant_queries

ME = "/api/v1/orgs/acme/me/readiness"
LIST = "/api/v1/orgs/acme/readiness/"


@pytest.fixture
def seller(org: Organization, make_member: MakeMember, strategy: Strategy) -> Membership:
    member = make_member(org)
    assign_roles(member, strategy.sales)
    return member


def test_a_member_describes_their_presence_and_sees_their_connections_alongside(
    seller: Membership, strategy: Strategy, client_for: Any
) -> None:
    NetworkConnectionFactory(
        organization=seller.organization,
        membership=seller,
        network="linkedin",
        account_name="Jordan Lee",
        account_url="https://www.linkedin.com/in/jordan",
    )
    NetworkConnectionFactory(organization=seller.organization, membership=seller, network="mastodon")
    NetworkConnectionFactory(organization=seller.organization, membership=seller, network="x", status="revoked")
    client = client_for(seller.user)

    saved = client.put(
        ME,
        {
            "networks": [
                {
                    "network": "linkedin",
                    "profile_url": "https://www.linkedin.com/in/jordan",
                    "audience_size": "500_to_2000",
                    "audience_description": "Heads of data at regional banks",
                    "audiences": [str(strategy.cios.id), str(strategy.cios.id), str(strategy.devops.id)],
                    "posting_frequency": "weekly",
                },
                {"network": "x", "posting_frequency": "rarely"},
            ]
        },
        format="json",
    )

    assert saved.status_code == 200, saved.content
    rows = {row["network"]: row for row in client.get(ME).json()["networks"]}
    assert list(rows) == ["linkedin", "x", "mastodon"]
    assert rows["linkedin"]["described"]
    assert rows["linkedin"]["connected"]
    assert rows["linkedin"]["connection"] == {
        "account_name": "Jordan Lee",
        "account_url": "https://www.linkedin.com/in/jordan",
    }
    assert [a["name"] for a in rows["linkedin"]["audiences"]] == ["CIOs", "DevOps engineers"]
    assert rows["linkedin"]["audience_size"] == "500_to_2000"
    # A revoked connection is not a connection.
    assert rows["x"]["described"]
    assert not rows["x"]["connected"]
    assert rows["x"]["connection"] is None
    assert rows["x"]["audience_size"] == "unknown"
    # Connected but not described yet: shown, so the member knows what to fill in.
    assert rows["mastodon"]["connected"]
    assert not rows["mastodon"]["described"]
    assert rows["mastodon"]["audience_size"] is None
    reachable = {a["name"]: a["level"] for a in client.get(ME).json()["reachable_audiences"]}
    assert reachable == {"CIOs": "lead", "DevOps engineers": "support"}


def test_putting_again_replaces_the_description(seller: Membership, strategy: Strategy, client_for: Any) -> None:
    client = client_for(seller.user)
    client.put(
        ME,
        {"networks": [{"network": "linkedin", "audiences": [str(strategy.cios.id)]}, {"network": "x"}]},
        format="json",
    )

    client.put(ME, {"networks": [{"network": "linkedin", "audiences": [str(strategy.devops.id)]}]}, format="json")

    assert list(SocialPresence.objects.unscoped().values_list("network", flat=True)) == ["linkedin"]
    assert list(SocialPresenceAudience.objects.unscoped().values_list("audience_id", flat=True)) == [strategy.devops.id]


@pytest.mark.parametrize("audience", ["press_avoided_by_my_role", "orphans_no_role_of_mine"])
def test_audiences_my_roles_do_not_engage_are_refused(
    seller: Membership, strategy: Strategy, client_for: Any, audience: str
) -> None:
    target = strategy.press if audience.startswith("press") else strategy.orphans

    response = client_for(seller.user).put(
        ME, {"networks": [{"network": "linkedin", "audiences": [str(target.id)]}]}, format="json"
    )

    assert response.status_code == 422
    assert response.json()["code"] == "audience_not_in_roles"
    assert not SocialPresence.objects.unscoped().exists()


@pytest.mark.parametrize(
    "entry",
    [
        {"network": "friendster"},
        {"network": "linkedin", "profile_url": "javascript:alert(1)"},
        {"network": "linkedin", "audience_size": "huge"},
        {"network": "linkedin", "posting_frequency": "hourly"},
        {"network": "linkedin", "audiences": "CIOs"},
        {"network": "linkedin", "audiences": ["not-a-uuid"]},
        {"network": "linkedin", "audience_description": "x" * 2001},
        {"network": "linkedin", "followers": 10},
    ],
)
def test_bad_descriptions_are_refused_with_a_code(
    seller: Membership, strategy: Strategy, client_for: Any, entry: dict[str, Any]
) -> None:
    response = client_for(seller.user).put(ME, {"networks": [entry]}, format="json")

    assert response.status_code == 400
    assert response.json()["code"] == "validation_error"
    assert not SocialPresence.objects.unscoped().exists()


def test_each_network_is_described_once(seller: Membership, client_for: Any) -> None:
    response = client_for(seller.user).put(ME, {"networks": [{"network": "x"}, {"network": "x"}]}, format="json")

    assert response.status_code == 400
    assert "networks" in response.json()["fields"]


def test_another_organisations_audience_is_not_found(seller: Membership, strategy: Strategy, client_for: Any) -> None:
    response = client_for(seller.user).put(
        ME, {"networks": [{"network": "linkedin", "audiences": [str(strategy.outsider_audience.id)]}]}, format="json"
    )

    assert response.status_code == 400
    assert response.json()["code"] == "validation_error"
    assert response.json()["detail"].startswith("networks.0.audiences")
    assert "No such item in this organisation" in response.json()["detail"]
    assert not SocialPresence.objects.unscoped().exists()


def test_my_readiness_is_only_mine(
    seller: Membership, outsider_member: Membership, make_member: MakeMember, client_for: Any
) -> None:
    colleague = make_member(seller.organization)
    SocialPresenceFactory(organization=seller.organization, membership=colleague, network="x")

    mine = client_for(seller.user).get(ME).json()
    stranger = client_for(outsider_member.user).get(ME)

    assert mine["networks"] == []
    assert stranger.status_code == 404


def test_comms_leads_see_who_reaches_an_audience_and_who_does_not_yet(
    org: Organization, make_member: MakeMember, lead: Membership, strategy: Strategy, client_for: Any
) -> None:
    reaches, silent, executive = make_member(org), make_member(org), make_member(org)
    assign_roles(reaches, strategy.sales)
    assign_roles(silent, strategy.sales)
    assign_roles(executive, strategy.executives)
    presence = SocialPresenceFactory(organization=org, membership=reaches, network="linkedin")
    SocialPresenceAudience.objects.unscoped().create(organization=org, presence=presence, audience=strategy.cios)
    gone = make_member(org, is_active=False)
    SocialPresenceFactory(organization=org, membership=gone)
    client = client_for(lead.user)

    everyone = client.get(LIST).json()
    sales = client.get(f"{LIST}?role={strategy.sales.id}").json()
    reaching = client.get(f"{LIST}?audience={strategy.cios.id}").json()
    not_yet = client.get(f"{LIST}?audience={strategy.cios.id}&reaches=false&role={strategy.sales.id}").json()
    undescribed = client.get(f"{LIST}?described=false").json()

    assert ids(everyone["results"], "member") == {str(m.id) for m in (reaches, silent, executive, lead)}
    assert ids(sales["results"], "member") == {str(reaches.id), str(silent.id)}
    assert ids(reaching["results"], "member") == {str(reaches.id)}
    assert ids(not_yet["results"], "member") == {str(silent.id)}
    assert ids(undescribed["results"], "member") == {str(silent.id), str(executive.id), str(lead.id)}
    row = reaching["results"][0]
    assert row["described"] is True
    assert row["reached_audiences"] == [{"id": str(strategy.cios.id), "name": "CIOs"}]
    assert row["advocacy_roles"] == [{"id": str(strategy.sales.id), "name": "Sales"}]
    assert row["networks"][0]["profile_url"] == "https://www.linkedin.com/in/someone"


def test_the_readiness_list_is_paginated(
    org: Organization, make_member: MakeMember, lead: Membership, client_for: Any
) -> None:
    for _ in range(3):
        make_member(org)

    page = client_for(lead.user).get(f"{LIST}?page_size=2").json()

    assert page["count"] == 4
    assert len(page["results"]) == 2
    assert page["next"] is not None


@pytest.mark.parametrize(
    "query",
    [
        "role={outsider_role}",
        "audience={outsider_audience}",
        "role=nope",
        "audience=00000000-0000-0000-0000-000000000000",
    ],
)
def test_filters_with_another_organisations_ids_are_refused(
    lead: Membership, strategy: Strategy, client_for: Any, query: str
) -> None:
    query = query.format(outsider_role=strategy.outsider_role.id, outsider_audience=strategy.outsider_audience.id)

    response = client_for(lead.user).get(f"{LIST}?{query}")

    assert response.status_code == 400
    assert response.json()["code"] == "validation_error"


def test_employees_and_strangers_cannot_list_readiness(
    seller: Membership, outsider_admin: Membership, client_for: Any
) -> None:
    SocialPresenceFactory(organization=seller.organization, membership=seller)

    employee = client_for(seller.user).get(LIST)
    stranger = client_for(outsider_admin.user).get(LIST)
    own_list = client_for(outsider_admin.user).get("/api/v1/orgs/outsider/readiness/")

    assert employee.status_code == 403
    assert stranger.status_code == 404
    assert own_list.status_code == 200
    assert str(seller.id) not in own_list.content.decode()


def test_my_readiness_costs_the_same_for_one_network_and_five(
    seller: Membership, strategy: Strategy, client_for: Any
) -> None:
    networks = iter(["linkedin", "x", "mastodon", "bluesky", "sandbox"])

    def add(n: int) -> None:
        for _ in range(min(n, 4)):
            network = next(networks)
            presence = SocialPresenceFactory(organization=seller.organization, membership=seller, network=network)
            SocialPresenceAudience.objects.unscoped().create(
                organization=seller.organization, presence=presence, audience=strategy.cios
            )
            NetworkConnectionFactory(organization=seller.organization, membership=seller, network=network)

    assert_constant_queries(client_for(seller.user), ME, add, budget=10)
