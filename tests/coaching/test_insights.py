"""Insights for comms leads: what works with which audience through which role, content
nobody picks, audiences nobody reaches, reservations about to lapse. From real data only."""

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from advocacy.accounts.models import Membership, Organization
from tests.coaching.activity import clicks, conversations, posted
from tests.coaching.conftest import Strategy, ids
from tests.conftest import MakeMember
from tests.factories import (
    ContentItemFactory,
    GridCellFactory,
    NetworkConnectionFactory,
    ReservedRelationshipFactory,
    ShareFactory,
    approved_content,
    assign_roles,
)
from tests.queries import assert_constant_queries

INSIGHTS = "/api/v1/orgs/acme/insights/"


@pytest.fixture
def seller(org: Organization, make_member: MakeMember, strategy: Strategy) -> Membership:
    member = make_member(org)
    assign_roles(member, strategy.sales)
    return member


@pytest.fixture
def executive(org: Organization, make_member: MakeMember, strategy: Strategy) -> Membership:
    member = make_member(org)
    assign_roles(member, strategy.executives)
    return member


def test_the_grid_shows_what_real_shares_achieved_per_role_and_audience(
    org: Organization,
    outsider_org: Organization,
    seller: Membership,
    executive: Membership,
    lead: Membership,
    strategy: Strategy,
    make_member: MakeMember,
    client_for: Any,
) -> None:
    # Given: a report placed for Sales x CIOs, shared by a seller, clicked by people and bots.
    report = approved_content(org, title="Bank report")
    GridCellFactory(organization=org, role=strategy.sales, audience=strategy.cios, content=report)
    share = posted(seller, report)
    clicks(share, humans=4, bots=10)
    conversations(share, comments=3, reactions=2)
    # A keynote in the Executives' "every audience" column, shared by an executive.
    keynote = approved_content(org, title="Keynote")
    GridCellFactory(organization=org, role=strategy.executives, audience=None, content=keynote)
    clicks(posted(executive, keynote), humans=1)
    # Another organisation's much better share must not show.
    outsider = make_member(outsider_org)
    clicks(posted(outsider, approved_content(outsider_org, title="Foreign")), humans=99)

    grid = client_for(lead.user).get(INSIGHTS).json()["grid"]

    assert grid == [
        {
            "role": {"id": str(strategy.sales.id), "name": "Sales"},
            "audience": {"id": str(strategy.cios.id), "name": "CIOs"},
            "content": {"id": str(report.id), "title": "Bank report"},
            "shares": 1,
            "clicks": 4,
            "unique_visitors": 4,
            "conversations": 3,
            "reactions": 2,
        },
        {
            "role": {"id": str(strategy.executives.id), "name": "Executives"},
            "audience": None,
            "content": {"id": str(keynote.id), "title": "Keynote"},
            "shares": 1,
            "clicks": 1,
            "unique_visitors": 1,
            "conversations": 0,
            "reactions": 0,
        },
    ]


def test_nothing_is_invented_when_nothing_happened(
    org: Organization, lead: Membership, strategy: Strategy, client_for: Any
) -> None:
    GridCellFactory(organization=org, role=strategy.sales, audience=strategy.cios)

    insights = client_for(lead.user).get(INSIGHTS).json()

    assert insights["grid"] == []


def test_a_cell_counts_only_shares_made_through_its_role_and_audience(
    org: Organization, seller: Membership, executive: Membership, lead: Membership, strategy: Strategy, client_for: Any
) -> None:
    # The same content sits in two cells; only the seller shared it.
    content = approved_content(org)
    GridCellFactory(organization=org, role=strategy.sales, audience=strategy.cios, content=content)
    GridCellFactory(organization=org, role=strategy.executives, audience=strategy.press, content=content)
    clicks(posted(seller, content), humans=2)

    grid = client_for(lead.user).get(INSIGHTS).json()["grid"]

    assert [(row["role"]["name"], row["audience"]["name"]) for row in grid] == [("Sales", "CIOs")]


def test_filters_narrow_the_grid(
    org: Organization, seller: Membership, executive: Membership, lead: Membership, strategy: Strategy, client_for: Any
) -> None:
    report, keynote = approved_content(org), approved_content(org)
    GridCellFactory(organization=org, role=strategy.sales, audience=strategy.cios, content=report)
    GridCellFactory(organization=org, role=strategy.executives, audience=strategy.press, content=keynote)
    clicks(posted(seller, report), humans=2)
    clicks(posted(executive, keynote), humans=1)
    client = client_for(lead.user)

    by_role = client.get(f"{INSIGHTS}?role={strategy.executives.id}").json()["grid"]
    by_audience = client.get(f"{INSIGHTS}?audience={strategy.cios.id}").json()["grid"]
    limited = client.get(f"{INSIGHTS}?limit=1").json()["grid"]

    assert [row["content"]["id"] for row in by_role] == [str(keynote.id)]
    assert [row["content"]["id"] for row in by_audience] == [str(report.id)]
    assert [row["content"]["id"] for row in limited] == [str(report.id)]


def test_content_nobody_picks(
    org: Organization, seller: Membership, lead: Membership, strategy: Strategy, client_for: Any
) -> None:
    waiting = approved_content(org, title="Waiting")
    drafted_only = approved_content(org, title="Drafted only")
    shared = approved_content(org, title="Shared")
    confirmed = approved_content(org, title="Confirmed")
    for content in (waiting, drafted_only, shared, confirmed):
        GridCellFactory(organization=org, role=strategy.sales, audience=strategy.cios, content=content)
    GridCellFactory(organization=org, role=strategy.executives, content=waiting)
    approved_content(org, title="Not in the grid")
    ContentItemFactory(organization=org, title="Draft")
    for content, status, network in ((drafted_only, "draft", "x"), (confirmed, "confirmed", "mastodon")):
        connection = NetworkConnectionFactory(organization=org, membership=seller, network=network)
        ShareFactory(
            organization=org, membership=seller, content=content, connection=connection, network=network, status=status
        )
    posted(seller, shared)

    unpicked = client_for(lead.user).get(INSIGHTS).json()["unpicked_content"]

    assert {row["title"]: row["cells"] for row in unpicked} == {"Waiting": 2, "Drafted only": 1}
    assert all(row["approved_at"] for row in unpicked)


def test_audiences_no_role_reaches(
    org: Organization, seller: Membership, lead: Membership, strategy: Strategy, client_for: Any
) -> None:
    content = approved_content(org)
    GridCellFactory(organization=org, role=strategy.sales, audience=strategy.cios, content=content)
    posted(seller, content)
    long_ago = timezone.now() - timedelta(days=200)
    old = approved_content(org)
    GridCellFactory(organization=org, role=strategy.sales, audience=strategy.devops, content=old)
    posted(seller, old, at=long_ago)

    unreached = {row["name"]: row for row in client_for(lead.user).get(INSIGHTS).json()["unreached_audiences"]}

    # Orphans: nobody leads or supports them. DevOps: Sales supports them, but nothing
    # reached them in the period. Press: Executives lead, nobody shared. CIOs: reached.
    assert {name: row["reason"] for name, row in unreached.items()} == {
        "DevOps engineers": "no_shares",
        "Orphans": "no_role",
        "Press": "no_shares",
    }
    assert unreached["DevOps engineers"]["roles"] == [
        {"id": str(strategy.sales.id), "name": "Sales", "level": "support"}
    ]
    # Avoiding an audience does not count as reaching it.
    assert [role["name"] for role in unreached["Press"]["roles"]] == ["Executives"]


def test_reserved_relationships_about_to_expire(
    org: Organization, outsider_org: Organization, lead: Membership, client_for: Any
) -> None:
    now = timezone.now()
    soon: Any = ReservedRelationshipFactory(organization=org, name="Soon", expires_at=now + timedelta(days=10))
    sooner: Any = ReservedRelationshipFactory(organization=org, name="Sooner", expires_at=now + timedelta(days=2))
    ReservedRelationshipFactory(organization=org, name="Later", expires_at=now + timedelta(days=40))
    ReservedRelationshipFactory(organization=org, name="Lapsed", expires_at=now - timedelta(days=1))
    ReservedRelationshipFactory(organization=org, name="Forever", expires_at=None)
    ReservedRelationshipFactory(organization=outsider_org, name="Foreign", expires_at=now + timedelta(days=3))

    expiring = client_for(lead.user).get(INSIGHTS).json()["expiring_reservations"]

    assert [row["id"] for row in expiring] == [str(sooner.id), str(soon.id)]


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("from=2026-03-02&to=2026-03-01", "invalid_range"),
        ("from=2020-01-01&to=2026-01-01", "range_too_long"),
        ("to=tomorrow", "validation_error"),
        ("limit=0", "validation_error"),
        ("limit=1000", "validation_error"),
        ("role=00000000-0000-0000-0000-000000000000", "validation_error"),
    ],
)
def test_bad_queries_are_refused(lead: Membership, client_for: Any, query: str, code: str) -> None:
    response = client_for(lead.user).get(f"{INSIGHTS}?{query}")

    assert response.status_code == 400
    assert response.json()["code"] == code


def test_another_organisations_ids_are_refused_as_filters(
    lead: Membership, strategy: Strategy, client_for: Any
) -> None:
    by_role = client_for(lead.user).get(f"{INSIGHTS}?role={strategy.outsider_role.id}")
    by_audience = client_for(lead.user).get(f"{INSIGHTS}?audience={strategy.outsider_audience.id}")

    assert by_role.status_code == by_audience.status_code == 400


def test_insights_are_for_comms_leads_and_admins_of_this_organisation(
    org: Organization, employee: Membership, outsider_admin: Membership, make_member: MakeMember, client_for: Any
) -> None:
    ReservedRelationshipFactory(organization=org, name="Secret client", expires_at=timezone.now() + timedelta(days=3))

    assert client_for(employee.user).get(INSIGHTS).status_code == 403
    assert client_for(make_member(org, "reviewer").user).get(INSIGHTS).status_code == 403
    assert client_for(make_member(org, "admin").user).get(INSIGHTS).status_code == 200
    stranger = client_for(outsider_admin.user)
    assert stranger.get(INSIGHTS).status_code == 404
    assert "Secret client" not in stranger.get("/api/v1/orgs/outsider/insights/").content.decode()


def test_insights_cost_the_same_for_one_row_and_fifty(
    org: Organization, seller: Membership, lead: Membership, strategy: Strategy, client_for: Any
) -> None:
    def add(n: int) -> None:
        for index in range(n):
            shared = approved_content(org)
            GridCellFactory(organization=org, role=strategy.sales, audience=strategy.cios, content=shared)
            GridCellFactory(organization=org, role=strategy.sales, audience=None, content=shared)
            clicks(posted(seller, shared), humans=1)
            GridCellFactory(organization=org, role=strategy.sales, audience=strategy.cios)
            ReservedRelationshipFactory(organization=org, expires_at=timezone.now() + timedelta(days=1 + index % 20))

    client = client_for(lead.user)
    assert_constant_queries(client, f"{INSIGHTS}?limit=200", add, budget=11)
    insights = client.get(f"{INSIGHTS}?limit=200").json()
    assert len(insights["grid"]) == 100
    assert len(insights["unpicked_content"]) == 50
    assert len(insights["expiring_reservations"]) == 50
    assert ids(insights["unreached_audiences"]) == {str(strategy.orphans.id), str(strategy.press.id)}
