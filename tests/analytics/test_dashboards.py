"""The dashboards: the summary per content, role, audience, member, network and day (humans
only, from rollups), each employee seeing only their own numbers, another organisation's
data never; strict date ranges; role objectives against their targets."""

import importlib
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import pytest
from django.utils import timezone

from advocacy.accounts.models import Membership, Organization
from advocacy.analytics import selectors
from advocacy.analytics.engagement import engagement_record
from advocacy.analytics.periods import period_before, period_containing
from advocacy.audiences.models import Audience
from advocacy.content.models import ContentItem
from advocacy.core.tenancy import tenant_context
from advocacy.networks.providers.base import Engagement
from advocacy.roles.models import AdvocacyRole
from advocacy.shares.models import Share
from tests.analytics.conftest import audience_in, click, content_titled, posted_share, record, role_in
from tests.conftest import MakeMember
from tests.factories import GridCellFactory, assign_roles
from tests.queries import assert_constant_queries

ROW_FIELDS = {"key", "label", "shares", "clicks", "unique_visitors", "bot_hits", "conversations", "reactions"}
SUMMARY = "/api/v1/orgs/acme/analytics/summary"
GROUPINGS = ("content", "role", "audience", "member", "network", "day")
OBJECTIVES = "/api/v1/orgs/acme/analytics/objectives"


def _at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=UTC)


@dataclass
class Program:
    admin: Membership
    alice: Membership
    bob: Membership
    sales: AdvocacyRole
    execs: AdvocacyRole
    cios: Audience
    report: ContentItem
    launch: ContentItem
    alice_share: Share
    bob_share: Share
    day: date


@pytest.fixture
def program(org: Organization, outsider_org: Organization, make_member: MakeMember) -> Program:
    """Alice (Sales) shared the report on LinkedIn, Bob (Executives) the launch on the sandbox,
    five days ago; the outsider organisation has a busy share of its own."""
    day = timezone.now().date() - timedelta(days=5)
    sales = role_in(org, name="Sales")
    execs = role_in(org, name="Executives")
    cios = audience_in(org, name="CIOs")
    report = content_titled(org, "The report")
    launch = content_titled(org, "The launch")
    GridCellFactory(organization=org, role=sales, audience=cios, content=report)
    GridCellFactory(organization=org, role=execs, audience=None, content=launch)
    alice, bob = make_member(org), make_member(org)
    alice.user.name, bob.user.name = "Alice", "Bob"
    alice.user.save()
    bob.user.save()
    assign_roles(alice, sales)
    assign_roles(bob, execs)
    alice_share = posted_share(org, membership=alice, content=report, network="linkedin", posted_at=_at(day, 8))
    bob_share = posted_share(org, membership=bob, content=launch, posted_at=_at(day, 8))
    record(
        click(alice_share, at=_at(day), visitor="ann"),
        click(alice_share, at=_at(day, 11), visitor="ann"),
        click(alice_share, at=_at(day), visitor="cid"),
        click(alice_share, at=_at(day), visitor="linkedin-preview", bot=True),
        click(bob_share, at=_at(day + timedelta(days=1)), visitor="dan"),
    )
    with tenant_context(org):
        engagement_record(share=alice_share, engagement=Engagement(reactions=7, comments=2), taken_at=_at(day, 20))
    theirs = posted_share(outsider_org, network="linkedin", posted_at=_at(day, 8))
    record(*(click(theirs, at=_at(day), visitor=f"o{n}") for n in range(50)))
    return Program(
        admin=make_member(org, "admin"),
        alice=alice,
        bob=bob,
        sales=sales,
        execs=execs,
        cios=cios,
        report=report,
        launch=launch,
        alice_share=alice_share,
        bob_share=bob_share,
        day=day,
    )


def _summary(client: Any, group_by: str, **params: str) -> dict[str, Any]:
    response = client.get(SUMMARY, {"group_by": group_by, **params})
    assert response.status_code == 200, response.content
    body: dict[str, Any] = response.json()
    assert set(body) == {"group_by", "from", "to", "results"}
    assert all(set(row) == ROW_FIELDS for row in body["results"])
    return body


def _figures(body: dict[str, Any]) -> dict[str, tuple[Any, ...]]:
    return {
        row["key"]: (
            row["label"],
            row["shares"],
            row["clicks"],
            row["unique_visitors"],
            row["bot_hits"],
            row["conversations"],
            row["reactions"],
        )
        for row in body["results"]
    }


def test_the_summary_by_content_counts_humans_only(program: Program, client_for: Any) -> None:
    body = _summary(client_for(program.admin.user), "content")

    today = timezone.now().date()
    assert (body["group_by"], body["from"], body["to"]) == (
        "content",
        (today - timedelta(days=29)).isoformat(),
        today.isoformat(),
    )
    assert _figures(body) == {
        str(program.report.pk): ("The report", 1, 3, 2, 1, 2, 7),
        str(program.launch.pk): ("The launch", 1, 1, 1, 0, 0, 0),
    }
    assert [row["label"] for row in body["results"]] == ["The report", "The launch"]  # most clicks first


def test_the_summary_by_member_and_by_network(program: Program, client_for: Any) -> None:
    client = client_for(program.admin.user)

    assert _figures(_summary(client, "member")) == {
        str(program.alice.pk): ("Alice", 1, 3, 2, 1, 2, 7),
        str(program.bob.pk): ("Bob", 1, 1, 1, 0, 0, 0),
    }
    assert _figures(_summary(client, "network")) == {
        "linkedin": ("LinkedIn", 1, 3, 2, 1, 2, 7),
        "sandbox": ("Sandbox", 1, 1, 1, 0, 0, 0),
    }


@pytest.mark.parametrize("read_all", [True, False])
def test_members_are_named_whether_every_member_is_read_or_only_those_with_figures(
    program: Program, client_for: Any, make_member: MakeMember, monkeypatch: pytest.MonkeyPatch, read_all: bool
) -> None:
    monkeypatch.setattr(selectors, "_READ_ALL_MEMBERS_FROM", 1 if read_all else 10_000)
    monkeypatch.setattr(selectors, "_READ_ALL_MEMBERS_RATIO", 100)
    make_member(program.admin.organization, "employee")  # no figures: never a row

    rows = _summary(client_for(program.admin.user), "member")["results"]

    named = [(row["key"], row["label"]) for row in rows]
    assert named == [(str(program.alice.pk), "Alice"), (str(program.bob.pk), "Bob")]


def test_the_summary_by_role_and_audience_follows_the_attribution_rule(program: Program, client_for: Any) -> None:
    client = client_for(program.admin.user)

    assert _figures(_summary(client, "role")) == {
        str(program.sales.pk): ("Sales", 1, 3, 2, 1, 2, 7),
        str(program.execs.pk): ("Executives", 1, 1, 1, 0, 0, 0),
    }
    # Alice's report sits in the Sales x CIOs cell; Bob's launch in Executives' column for
    # every audience, and Executives lead or support no audience yet.
    assert _figures(_summary(client, "audience")) == {str(program.cios.pk): ("CIOs", 1, 3, 2, 1, 2, 7)}


def test_the_summary_by_day_lists_every_day_of_the_range(program: Program, client_for: Any) -> None:
    start, end = program.day - timedelta(days=1), program.day + timedelta(days=2)

    body = _summary(client_for(program.admin.user), "day", **{"from": start.isoformat(), "to": end.isoformat()})

    assert [row["key"] for row in body["results"]] == [(start + timedelta(days=n)).isoformat() for n in range(4)]
    by_day = _figures(body)
    assert by_day[program.day.isoformat()][1:] == (2, 3, 2, 1, 2, 7)
    assert by_day[(program.day + timedelta(days=1)).isoformat()][1:] == (0, 1, 1, 0, 0, 0)
    assert by_day[start.isoformat()][1:] == (0, 0, 0, 0, 0, 0)


def test_an_employee_sees_only_their_own_numbers(program: Program, client_for: Any, make_member: MakeMember) -> None:
    alice = client_for(program.alice.user)

    assert _figures(_summary(alice, "content")) == {str(program.report.pk): ("The report", 1, 3, 2, 1, 2, 7)}
    assert set(_figures(_summary(alice, "member"))) == {str(program.alice.pk)}
    assert set(_figures(_summary(alice, "role"))) == {str(program.sales.pk)}
    stranger = make_member(program.admin.organization)
    assert _summary(client_for(stranger.user), "content")["results"] == []


@pytest.mark.parametrize(("role", "sees_everyone"), [("comms_lead", True), ("reviewer", False), ("employee", False)])
def test_comms_leads_see_everyone_and_other_roles_their_own(
    program: Program, client_for: Any, make_member: MakeMember, role: str, sees_everyone: bool
) -> None:
    member = make_member(program.admin.organization, role)

    rows = _summary(client_for(member.user), "member")["results"]

    assert len(rows) == (2 if sees_everyone else 0)


def test_another_organisations_numbers_never_appear(
    program: Program, client_for: Any, outsider_admin: Membership
) -> None:
    ours = client_for(program.admin.user)
    # Bob's launch counts for no audience (see the attribution test), hence 3 there.
    for group_by, clicks in (("content", 4), ("role", 4), ("audience", 3), ("member", 4), ("network", 4), ("day", 4)):
        body = _summary(ours, group_by)
        assert sum(row["clicks"] for row in body["results"]) == clicks, group_by
        assert sum(row["bot_hits"] for row in body["results"]) == 1, group_by

    theirs = client_for(outsider_admin.user)
    assert theirs.get(SUMMARY).status_code == 404
    assert theirs.get(OBJECTIVES).status_code == 404
    assert sum(row["clicks"] for row in theirs.get("/api/v1/orgs/outsider/analytics/summary").json()["results"]) == 50


def test_strangers_get_a_json_401_or_403(db: Any, client_for: Any) -> None:
    response = client_for(None).get(SUMMARY)

    assert response.status_code in (401, 403)
    assert response.json()["code"]


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({"from": "yesterday"}, "validation_error"),
        ({"to": "2026-02-30"}, "validation_error"),
        ({"from": "2026-01-01T00:00:00"}, "validation_error"),
        ({"group_by": "leaderboard"}, "validation_error"),
        ({"from": "2026-03-10", "to": "2026-03-09"}, "invalid_range"),
        ({"from": "2024-01-01", "to": "2026-01-01"}, "range_too_long"),
        ({"from": "0001-01-01", "to": "9999-12-31"}, "range_too_long"),
        ({"to": "0001-01-05"}, "invalid_range"),
    ],
)
def test_invalid_reversed_or_too_long_ranges_are_refused_with_a_stable_code(
    program: Program, client_for: Any, params: dict[str, str], code: str
) -> None:
    response = client_for(program.admin.user).get(SUMMARY, params)

    assert response.status_code == 400
    assert response.json()["code"] == code


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"from": "2024-01-01", "to": "2025-12-31"}, ("2024-01-01", "2025-12-31")),  # 731 days: allowed
        ({"from": "2026-03-10", "to": "2026-03-10"}, ("2026-03-10", "2026-03-10")),
        ({"to": "2026-03-30"}, ("2026-03-01", "2026-03-30")),
    ],
)
def test_ranges_up_to_two_years_are_accepted(
    program: Program, client_for: Any, params: dict[str, str], expected: tuple[str, str]
) -> None:
    body = _summary(client_for(program.admin.user), "content", **params)

    assert (body["from"], body["to"]) == expected


def test_from_alone_runs_to_today(program: Program, client_for: Any) -> None:
    body = _summary(client_for(program.admin.user), "day", **{"from": program.day.isoformat()})

    assert body["to"] == timezone.now().date().isoformat()


def test_objectives_show_the_actual_of_the_current_period_against_the_target_and_a_trend(
    org: Organization, make_member: MakeMember, client_for: Any
) -> None:
    today = timezone.now().date()
    this_month = period_containing(today, "month")
    last_month = period_before(this_month, "month")
    sales = role_in(
        org,
        name="Sales",
        objectives=[
            {"name": "Clicks from CIOs", "metric": "clicks", "target": 10, "period": "month"},
            {"name": "Posts", "metric": "shares", "target": 2, "period": "week"},
        ],
    )
    role_in(org, name="Quiet", objectives=[])
    seller = make_member(org)
    assign_roles(seller, sales)
    current = posted_share(org, membership=seller, posted_at=_at(today, 0))
    earlier = posted_share(org, membership=seller, posted_at=_at(last_month.start, 0))
    record(
        *(click(current, at=_at(today, 0), visitor=f"c{n}") for n in range(4)),
        *(click(earlier, at=_at(last_month.start), visitor=f"e{n}") for n in range(12)),
        click(current, at=_at(today, 0), visitor="bot", bot=True),
    )
    admin = make_member(org, "admin")

    response = client_for(admin.user).get(OBJECTIVES)

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["as_of"] == today.isoformat()
    (role,) = body["results"]
    assert (role["role"], role["role_name"]) == (str(sales.pk), "Sales")
    clicks, posts = role["objectives"]
    assert (clicks["name"], clicks["metric"], clicks["target"], clicks["period"]) == (
        "Clicks from CIOs",
        "clicks",
        10,
        "month",
    )
    assert (clicks["period_start"], clicks["period_end"]) == (this_month.start.isoformat(), this_month.end.isoformat())
    assert (clicks["actual"], clicks["progress"]) == (4, 0.4)
    assert len(clicks["trend"]) == 6
    assert clicks["trend"][-1] == {
        "period_start": last_month.start.isoformat(),
        "period_end": last_month.end.isoformat(),
        "actual": 12,
    }
    assert [entry["actual"] for entry in clicks["trend"][:-1]] == [0] * 5
    assert (posts["period"], posts["actual"], posts["progress"]) == ("week", 1, 0.5)
    assert len(posts["trend"]) == 8


def test_objectives_are_for_admins_and_comms_leads(program: Program, client_for: Any, make_member: MakeMember) -> None:
    organization = program.admin.organization
    assert client_for(program.alice.user).get(OBJECTIVES).status_code == 403
    assert client_for(make_member(organization, "reviewer").user).get(OBJECTIVES).status_code == 403
    assert client_for(make_member(organization, "comms_lead").user).get(OBJECTIVES).status_code == 200


@pytest.mark.parametrize("group_by", ["content", "role", "audience", "member", "network", "day"])
def test_the_summary_costs_the_same_queries_for_one_share_and_fifty(
    org: Organization, make_member: MakeMember, client_for: Any, group_by: str
) -> None:
    admin = make_member(org, "admin")
    role = role_in(org)
    audience = audience_in(org)

    def add(n: int) -> None:
        for _ in range(n):
            author = make_member(org)
            assign_roles(author, role)
            content = content_titled(org, "Item")
            GridCellFactory(organization=org, role=role, audience=audience, content=content)
            share = posted_share(org, membership=author, content=content)
            record(click(share))

    assert_constant_queries(client_for(admin.user), f"{SUMMARY}?group_by={group_by}", add, budget=6)


def test_objectives_cost_the_same_queries_for_one_role_and_fifty(
    org: Organization, make_member: MakeMember, client_for: Any
) -> None:
    admin = make_member(org, "admin")
    # One aggregate query per period length in use (at most four), whatever the rows.
    objectives = [
        {"name": p, "metric": "clicks", "target": 5, "period": p} for p in ("week", "month", "quarter", "year")
    ]

    def add(n: int) -> None:
        for _ in range(n):
            role = role_in(org, objectives=objectives)
            author = make_member(org)
            assign_roles(author, role)
            record(click(posted_share(org, membership=author)))

    assert_constant_queries(client_for(admin.user), OBJECTIVES, add, budget=9)


def test_the_migrations_rebuild_the_attributed_rollups_from_the_share_rollups(
    program: Program, client_for: Any
) -> None:
    """Rows by content and member came with migration analytics 0003, rows by network and
    for the whole organisation and every monthly row with 0005; what was counted before them
    is rebuilt from the share rollups, to the same figures, over a month and over a year."""
    from django.db import connection
    from django.db.migrations.loader import MigrationLoader

    from advocacy.analytics.models import AttributedDailyStats, AttributedMonthlyStats

    client = client_for(program.admin.user)
    year_ago = (timezone.now().date() - timedelta(days=364)).isoformat()

    def everything() -> dict[tuple[str, str], Any]:
        return {
            (group, span): _figures(_summary(client, group, **({"from": year_ago} if span == "year" else {})))
            for group in GROUPINGS
            for span in ("30 days", "year")
        }

    before = everything()
    rebuilt = ["content", "member", "network", "organization"]
    assert AttributedDailyStats.objects.unscoped().filter(dimension__in=rebuilt).exists()
    assert AttributedMonthlyStats.objects.unscoped().exists()
    AttributedDailyStats.objects.unscoped().filter(dimension__in=rebuilt).delete()
    AttributedMonthlyStats.objects.unscoped().delete()
    assert everything() != before

    # The models as each migration sees them (plain managers, as in a real migrate run).
    for name in ("0003_content_and_member_rollups", "0005_network_organization_and_monthly_rollups"):
        historical = MigrationLoader(connection).project_state(("analytics", name)).apps
        importlib.import_module(f"advocacy.analytics.migrations.{name}").backfill(historical, None)

    assert everything() == before
