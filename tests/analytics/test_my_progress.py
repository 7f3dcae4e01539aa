"""The private "my progress" view (GET /me/progress): off by default (403
``my_progress_disabled``); when an admin turns it on, each member sees, for each active role
they hold, the role's actual this period and their own part of it, and nobody else's figures:
no leaderboard, no names, no ranks. Another organisation's data never shows."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import pytest
from django.utils import timezone

from advocacy.accounts.models import Membership, Organization
from advocacy.analytics.periods import TREND_PERIODS, period_before, period_containing
from advocacy.core.models import AuditEvent
from advocacy.roles.models import AdvocacyRole, RoleAssignment
from tests.analytics.conftest import click, posted_share, record, role_in
from tests.conftest import MakeMember
from tests.factories import assign_roles
from tests.queries import assert_constant_queries

MY_PROGRESS = "/api/v1/orgs/acme/me/progress"
CLICKS_A_MONTH = {"name": "Clicks", "metric": "clicks", "target": 20, "period": "month"}
POSTS_A_WEEK = {"name": "Posts", "metric": "shares", "target": 4, "period": "week"}
OBJECTIVE_FIELDS = {
    "name",
    "metric",
    "target",
    "period",
    "period_start",
    "period_end",
    "team_actual",
    "my_actual",
    "my_share",
    "my_trend",
}


def _at(day: date, hour: int = 0) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=UTC)


def _enable(organization: Organization) -> None:
    Organization.objects.filter(pk=organization.pk).update(my_progress_enabled=True)


def _progress(client: Any) -> dict[str, Any]:
    response = client.get(MY_PROGRESS)
    assert response.status_code == 200, response.content
    body: dict[str, Any] = response.json()
    assert set(body) == {"as_of", "results"}
    return body


def _objective(body: dict[str, Any], role: AdvocacyRole, name: str) -> dict[str, Any]:
    (found,) = [r for r in body["results"] if r["role"] == str(role.pk)]
    (objective,) = [o for o in found["objectives"] if o["name"] == name]
    assert set(objective) == OBJECTIVE_FIELDS
    return objective


@dataclass
class Team:
    alice: Membership
    bob: Membership
    sales: AdvocacyRole
    today: date


@pytest.fixture
def team(org: Organization, make_member: MakeMember) -> Team:
    """Alice and Bob both hold Sales. This month Alice's share got 3 human clicks (and a
    bot's), Bob's 5; last month Alice's got 2."""
    _enable(org)
    today = timezone.now().date()
    last_month = period_before(period_containing(today, "month"), "month")
    sales = role_in(org, name="Sales", objectives=[CLICKS_A_MONTH, POSTS_A_WEEK])
    alice, bob = make_member(org), make_member(org)
    alice.user.name, bob.user.name = "Alice Andersen", "Bob Bergstrom"
    alice.user.save()
    bob.user.save()
    assign_roles(alice, sales)
    assign_roles(bob, sales)
    alice_now = posted_share(org, membership=alice, posted_at=_at(today))
    bob_now = posted_share(org, membership=bob, posted_at=_at(today))
    alice_before = posted_share(org, membership=alice, posted_at=_at(last_month.start))
    record(
        *(click(alice_now, at=_at(today), visitor=f"a{n}") for n in range(3)),
        click(alice_now, at=_at(today), visitor="crawler", bot=True),
        *(click(bob_now, at=_at(today), visitor=f"b{n}") for n in range(5)),
        *(click(alice_before, at=_at(last_month.start), visitor=f"p{n}") for n in range(2)),
    )
    return Team(alice=alice, bob=bob, sales=sales, today=today)


# --- Off by default --------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["admin", "comms_lead", "reviewer", "employee"])
def test_the_view_is_off_by_default_and_refused_with_a_stable_code(
    org: Organization, make_member: MakeMember, client_for: Any, role: str
) -> None:
    assert org.my_progress_enabled is False
    member = make_member(org, role)

    response = client_for(member.user).get(MY_PROGRESS)

    assert response.status_code == 403
    body = response.json()
    assert body["code"] == "my_progress_disabled"
    assert "my progress" in body["detail"]


def test_turning_it_off_again_hides_it(team: Team, client_for: Any) -> None:
    client = client_for(team.alice.user)
    assert client.get(MY_PROGRESS).status_code == 200

    Organization.objects.filter(pk=team.alice.organization_id).update(my_progress_enabled=False)

    assert client.get(MY_PROGRESS).json()["code"] == "my_progress_disabled"


def test_strangers_get_a_json_401_or_403_and_other_organisations_a_404(
    team: Team, client_for: Any, outsider_admin: Membership
) -> None:
    anonymous = client_for(None).get(MY_PROGRESS)
    assert anonymous.status_code in (401, 403)
    assert anonymous.json()["code"]

    assert client_for(outsider_admin.user).get(MY_PROGRESS).status_code == 404


# --- The admin's switch ------------------------------------------------------------------------


def test_an_admin_turns_it_on_through_the_settings_and_the_change_is_audited(
    org: Organization, admin: Membership, employee: Membership, client_for: Any
) -> None:
    assert client_for(admin.user).get("/api/v1/orgs/acme/").json()["settings"]["my_progress_enabled"] is False

    response = client_for(admin.user).patch(
        "/api/v1/orgs/acme/", {"settings": {"my_progress_enabled": True}}, format="json"
    )

    assert response.status_code == 200, response.content
    assert response.json()["settings"]["my_progress_enabled"] is True
    org.refresh_from_db()
    assert org.my_progress_enabled is True
    event = AuditEvent.objects.unscoped().get(verb="organization.settings_changed")
    assert (event.before, event.after) == ({"my_progress_enabled": False}, {"my_progress_enabled": True})
    assert event.actor_email == admin.user.email
    assert client_for(employee.user).get(MY_PROGRESS).status_code == 200


@pytest.mark.parametrize("role", ["comms_lead", "reviewer", "employee"])
def test_only_an_admin_turns_it_on(org: Organization, make_member: MakeMember, client_for: Any, role: str) -> None:
    make_member(org, "admin")
    member = make_member(org, role)

    response = client_for(member.user).patch(
        "/api/v1/orgs/acme/", {"settings": {"my_progress_enabled": True}}, format="json"
    )

    assert response.status_code == 403
    org.refresh_from_db()
    assert org.my_progress_enabled is False


def test_a_non_boolean_switch_is_refused(org: Organization, admin: Membership, client_for: Any) -> None:
    response = client_for(admin.user).patch(
        "/api/v1/orgs/acme/", {"settings": {"my_progress_enabled": "sometimes"}}, format="json"
    )

    assert response.status_code == 400
    assert "my_progress_enabled" in response.json()["fields"]["settings"]


# --- The numbers -------------------------------------------------------------------------------


def test_each_member_sees_their_own_part_of_the_teams_total(team: Team, client_for: Any) -> None:
    this_month = period_containing(team.today, "month")
    last_month = period_before(this_month, "month")

    alice = _progress(client_for(team.alice.user))
    bob = _progress(client_for(team.bob.user))

    assert alice["as_of"] == team.today.isoformat()
    assert [(r["role"], r["role_name"]) for r in alice["results"]] == [(str(team.sales.pk), "Sales")]
    clicks = _objective(alice, team.sales, "Clicks")
    assert (clicks["metric"], clicks["target"], clicks["period"]) == ("clicks", 20, "month")
    assert (clicks["period_start"], clicks["period_end"]) == (this_month.start.isoformat(), this_month.end.isoformat())
    # Humans only: the crawler's hit on Alice's share counts for nobody.
    assert (clicks["team_actual"], clicks["my_actual"], clicks["my_share"]) == (8, 3, 0.375)
    assert len(clicks["my_trend"]) == TREND_PERIODS["month"]
    assert clicks["my_trend"][-1] == {
        "period_start": last_month.start.isoformat(),
        "period_end": last_month.end.isoformat(),
        "actual": 2,
    }
    assert [entry["actual"] for entry in clicks["my_trend"][:-1]] == [0] * (TREND_PERIODS["month"] - 1)
    starts = [entry["period_start"] for entry in clicks["my_trend"]]
    assert starts == sorted(starts)  # oldest first

    bobs = _objective(bob, team.sales, "Clicks")
    assert (bobs["team_actual"], bobs["my_actual"], bobs["my_share"]) == (8, 5, 0.625)
    assert bobs["my_trend"][-1]["actual"] == 0

    posts = _objective(alice, team.sales, "Posts")
    assert posts["period"] == "week"
    assert len(posts["my_trend"]) == TREND_PERIODS["week"]
    assert (posts["team_actual"], posts["my_actual"]) == (2, 1)


def test_the_team_actual_is_the_objectives_dashboards_actual(
    team: Team, client_for: Any, make_member: MakeMember
) -> None:
    admin = make_member(team.alice.organization, "admin")
    dashboard = client_for(admin.user).get("/api/v1/orgs/acme/analytics/objectives").json()

    mine = _progress(client_for(team.alice.user))

    (role,) = dashboard["results"]
    for objective in role["objectives"]:
        assert _objective(mine, team.sales, objective["name"])["team_actual"] == objective["actual"]


def test_nothing_about_any_other_member_is_shown(team: Team, client_for: Any) -> None:
    response = client_for(team.alice.user).get(MY_PROGRESS)

    text = response.content.decode()
    for trace in ("Bob", team.bob.user.email, str(team.bob.pk), str(team.bob.user.pk)):
        assert trace not in text


def test_a_member_without_shares_sees_zero_of_the_team_total(
    team: Team, client_for: Any, make_member: MakeMember
) -> None:
    newcomer = make_member(team.alice.organization)
    assign_roles(newcomer, team.sales)

    clicks = _objective(_progress(client_for(newcomer.user)), team.sales, "Clicks")

    assert (clicks["team_actual"], clicks["my_actual"], clicks["my_share"]) == (8, 0, 0.0)
    assert {entry["actual"] for entry in clicks["my_trend"]} == {0}


def test_my_share_is_zero_when_the_team_has_nothing_yet(
    org: Organization, make_member: MakeMember, client_for: Any
) -> None:
    _enable(org)
    quiet = role_in(org, name="Quiet", objectives=[CLICKS_A_MONTH])
    member = make_member(org)
    assign_roles(member, quiet)

    clicks = _objective(_progress(client_for(member.user)), quiet, "Clicks")

    assert (clicks["team_actual"], clicks["my_actual"], clicks["my_share"]) == (0, 0, 0.0)


def test_only_the_callers_active_roles_with_objectives_appear(
    team: Team, client_for: Any, make_member: MakeMember
) -> None:
    org = team.alice.organization
    # Alice's share counts for Marketing too, but she no longer holds it.
    marketing = role_in(org, name="Marketing", objectives=[CLICKS_A_MONTH])
    assign_roles(team.alice, marketing)
    old = posted_share(org, membership=team.alice, posted_at=_at(team.today))
    record(click(old, at=_at(team.today), visitor="m1"))
    RoleAssignment.objects.unscoped().filter(membership=team.alice, role=marketing).delete()
    # Bob's role, archived roles and roles without objectives never show for her.
    execs = role_in(org, name="Executives", objectives=[CLICKS_A_MONTH])
    assign_roles(team.bob, execs)
    archived = role_in(org, name="Archived", objectives=[CLICKS_A_MONTH], archived_at=timezone.now())
    no_objectives = role_in(org, name="Helpers", objectives=[])
    assign_roles(team.alice, archived, no_objectives)

    body = _progress(client_for(team.alice.user))

    assert [r["role_name"] for r in body["results"]] == ["Sales"]
    # The share made while she held both roles still counts for Sales.
    assert _objective(body, team.sales, "Clicks")["my_actual"] == 4


def test_a_share_attributed_to_a_role_only_counts_there(
    org: Organization, make_member: MakeMember, client_for: Any
) -> None:
    _enable(org)
    today = timezone.now().date()
    sales = role_in(org, name="Sales", objectives=[CLICKS_A_MONTH])
    support = role_in(org, name="Support", objectives=[CLICKS_A_MONTH])
    member = make_member(org)
    assign_roles(member, support)
    # Made while she held Support only: it counts for Support, not for the Sales she joins later.
    share = posted_share(org, membership=member, posted_at=_at(today))
    record(*(click(share, at=_at(today), visitor=f"v{n}") for n in range(2)))
    assign_roles(member, sales)

    body = _progress(client_for(member.user))

    assert [r["role_name"] for r in body["results"]] == ["Sales", "Support"]
    assert _objective(body, sales, "Clicks")["my_actual"] == 0
    assert _objective(body, support, "Clicks")["my_actual"] == 2


def test_the_period_boundaries_split_the_numbers_by_utc_day(
    org: Organization, make_member: MakeMember, client_for: Any
) -> None:
    _enable(org)
    today = timezone.now().date()
    this_month = period_containing(today, "month")
    last_day_before = this_month.start - timedelta(days=1)
    role = role_in(org, objectives=[CLICKS_A_MONTH, {**CLICKS_A_MONTH, "name": "Yearly", "period": "year"}])
    member = make_member(org)
    assign_roles(member, role)
    share = posted_share(org, membership=member, posted_at=_at(last_day_before, 12))
    record(
        click(share, at=_at(last_day_before, 23).replace(minute=59, second=59), visitor="late"),
        *(click(share, at=_at(this_month.start, 0), visitor=f"early{n}") for n in range(2)),
    )

    body = _progress(client_for(member.user))

    monthly = _objective(body, role, "Clicks")
    assert (monthly["my_actual"], monthly["team_actual"], monthly["my_share"]) == (2, 2, 1.0)
    assert monthly["my_trend"][-1]["period_end"] == last_day_before.isoformat()
    assert monthly["my_trend"][-1]["actual"] == 1
    yearly = _objective(body, role, "Yearly")
    # The first of January starts a new year too: then the late click is last year's.
    if this_month.start.month == 1:
        assert (yearly["my_actual"], yearly["my_trend"][-1]["actual"]) == (2, 1)
    else:
        assert (yearly["my_actual"], yearly["my_trend"][-1]["actual"]) == (3, 0)


def test_another_organisations_data_never_shows(
    team: Team, outsider_org: Organization, make_member: MakeMember, client_for: Any
) -> None:
    _enable(outsider_org)
    theirs = role_in(outsider_org, name="Sales", objectives=[CLICKS_A_MONTH])
    outsider = make_member(outsider_org)
    assign_roles(outsider, theirs)
    busy = posted_share(outsider_org, membership=outsider, posted_at=_at(team.today))
    record(*(click(busy, at=_at(team.today), visitor=f"o{n}") for n in range(50)))

    ours = _objective(_progress(client_for(team.alice.user)), team.sales, "Clicks")
    outside = client_for(outsider.user).get("/api/v1/orgs/outsider/me/progress").json()

    assert (ours["team_actual"], ours["my_actual"]) == (8, 3)
    (role,) = outside["results"]
    assert role["role"] == str(theirs.pk)
    assert (role["objectives"][0]["team_actual"], role["objectives"][0]["my_actual"]) == (50, 50)
    assert client_for(outsider.user).get(MY_PROGRESS).status_code == 404


def test_my_progress_costs_the_same_queries_for_one_share_and_fifty(
    org: Organization, make_member: MakeMember, client_for: Any
) -> None:
    _enable(org)
    me = make_member(org)
    # One aggregate of the roles' rollups and one of mine per period length in use (at most
    # four), one for the roles and one for my shares' attributions, whatever the rows.
    objectives = [
        {"name": p, "metric": "clicks", "target": 5, "period": p} for p in ("week", "month", "quarter", "year")
    ]

    def add(n: int) -> None:
        for _ in range(n):
            role = role_in(org, objectives=objectives)
            colleague = make_member(org)
            assign_roles(me, role)
            assign_roles(colleague, role)
            record(click(posted_share(org, membership=me)), click(posted_share(org, membership=colleague)))

    assert_constant_queries(client_for(me.user), MY_PROGRESS, add, budget=13)
