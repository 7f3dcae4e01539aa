"""Rollout cohorts: waves of people, invited together, with their results from real shares,
clicks and conversations."""

from datetime import timedelta
from typing import Any, cast

import pytest
from django.utils import timezone

from advocacy.accounts.models import Invitation, Membership, Organization
from advocacy.coaching.models import Cohort, CohortInvitee, CohortMember
from advocacy.core.models import AuditEvent
from tests.coaching.activity import clicks, conversations, posted
from tests.coaching.conftest import Strategy
from tests.conftest import MakeMember
from tests.factories import (
    GridCellFactory,
    MembershipFactory,
    UserFactory,
    approved_content,
    assign_roles,
    cohort_with_members,
)
from tests.queries import assert_constant_queries

COHORTS = "/api/v1/orgs/acme/cohorts/"


def verbs() -> list[str]:
    return list(AuditEvent.objects.unscoped().order_by("seq").values_list("verb", flat=True))


def test_a_comms_lead_puts_a_wave_together(
    org: Organization, make_member: MakeMember, lead: Membership, client_for: Any
) -> None:
    first, second = make_member(org), make_member(org)

    response = client_for(lead.user).post(
        COHORTS,
        {
            "name": "  First wave ",
            "members": [str(first.id), str(second.id), str(first.id)],
            "invitees": ["New.Person@Example.com", "new.person@example.com"],
        },
        format="json",
    )

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["name"] == "First wave"
    assert set(body["members"]) == {str(first.id), str(second.id)}
    assert body["invited_at"] is None
    assert {row["member"] for row in body["history"]} == {str(first.id), str(second.id)}
    history = body["history"][0]
    assert history["joined_organization_at"]
    assert history["added_to_cohort_at"]
    assert history["invited_at"] is None
    assert body["invitees"] == [{"email": "new.person@example.com", "status": "not_invited", "invited_at": None}]
    assert body["results"]["members"] == 2
    assert "cohort.created" in verbs()


def test_inviting_a_cohort_makes_its_members_ambassadors_and_invites_newcomers(
    org: Organization, make_member: MakeMember, lead: Membership, client_for: Any
) -> None:
    member, already, inactive = make_member(org), make_member(org, ambassador=True), make_member(org, is_active=False)
    cohort = cohort_with_members(org, member, already, inactive)
    CohortInvitee.objects.unscoped().create(organization=org, cohort=cohort, email="newcomer@example.com")
    client = client_for(lead.user)

    first = client.post(f"{COHORTS}{cohort.id}/invite")
    again = client.post(f"{COHORTS}{cohort.id}/invite")

    assert first.status_code == 200, first.content
    assert (first.json()["made_ambassadors"], first.json()["invitations_sent"]) == (1, 1)
    assert (again.json()["made_ambassadors"], again.json()["invitations_sent"]) == (0, 0)
    member.refresh_from_db()
    inactive.refresh_from_db()
    assert member.ambassador is True
    assert inactive.ambassador is False
    invitation = Invitation.objects.unscoped().get()
    assert (invitation.email, invitation.org_role) == ("newcomer@example.com", "employee")
    body = again.json()["cohort"]
    assert body["invited_at"] is not None
    assert body["invitees"][0]["status"] == "pending"
    assert all(row["invited_at"] for row in body["history"] if row["member"] != str(inactive.id))
    # Invited once, through the existing services: each change is in the audit log.
    assert verbs().count("invitation.created") == 1
    assert verbs().count("cohort.invited") == 2
    assert "membership.changed" in verbs()


def test_invitees_who_joined_become_cohort_members_on_the_next_invite(
    org: Organization, lead: Membership, client_for: Any
) -> None:
    cohort = cohort_with_members(org)
    CohortInvitee.objects.unscoped().create(organization=org, cohort=cohort, email="joiner@example.com")
    client = client_for(lead.user)
    client.post(f"{COHORTS}{cohort.id}/invite")
    joined = cast(Membership, MembershipFactory(organization=org, user=UserFactory(email="joiner@example.com")))

    response = client.post(f"{COHORTS}{cohort.id}/invite")

    assert response.json()["joined_from_invitees"] == 1
    assert response.json()["cohort"]["members"] == [str(joined.id)]
    assert response.json()["cohort"]["invitees"] == []
    joined.refresh_from_db()
    assert joined.ambassador is True


def test_cohort_results_come_from_real_shares_clicks_and_conversations(
    org: Organization,
    outsider_org: Organization,
    make_member: MakeMember,
    lead: Membership,
    strategy: Strategy,
    client_for: Any,
) -> None:
    # Given two sellers in a wave; one posted a share that people clicked and talked about.
    active, quiet, outside_the_wave = make_member(org), make_member(org), make_member(org)
    for member in (active, quiet, outside_the_wave):
        assign_roles(member, strategy.sales)
    content = approved_content(org)
    GridCellFactory(organization=org, role=strategy.sales, audience=strategy.cios, content=content)
    share = posted(active, content)
    clicks(share, humans=3, bots=4)
    conversations(share, comments=2)
    clicks(posted(outside_the_wave, content), humans=50)
    foreign = make_member(outsider_org)
    clicks(posted(foreign, approved_content(outsider_org)), humans=70)
    cohort = cohort_with_members(org, active, quiet)

    # When the comms lead looks at the wave.
    results = client_for(lead.user).get(f"{COHORTS}{cohort.id}/").json()["results"]

    # Then: humans only, this wave only, per member, and against the Sales objectives.
    assert results["members"] == 2
    assert results["totals"] == {"shares": 1, "clicks": 3, "conversations": 2}
    assert results["per_member"] == {"shares": 0.5, "clicks": 1.5, "conversations": 1.0}
    objectives = {o["objective"]: o for o in results["objectives"]}
    assert objectives["Clicks from CIOs"] | {"period_start": None} == {
        "role": str(strategy.sales.id),
        "role_name": "Sales",
        "objective": "Clicks from CIOs",
        "metric": "clicks",
        "period": "month",
        "period_start": None,
        "target_per_member": 10,
        "members": 2,
        "actual": 3,
        "progress": 0.15,
        "members_on_target": 0,
    }
    assert objectives["Shares"]["actual"] == 1
    assert objectives["Shares"]["members_on_target"] == 1
    assert objectives["Shares"]["progress"] == 0.5


def test_results_cover_the_period_asked_for(
    org: Organization, make_member: MakeMember, lead: Membership, strategy: Strategy, client_for: Any
) -> None:
    member = make_member(org)
    assign_roles(member, strategy.sales)
    content = approved_content(org)
    GridCellFactory(organization=org, role=strategy.sales, content=content)
    long_ago = timezone.now() - timedelta(days=100)
    clicks(posted(member, content, at=long_ago), humans=5, at=long_ago)
    cohort = cohort_with_members(org, member)
    client = client_for(lead.user)
    day = long_ago.date()

    recent = client.get(f"{COHORTS}{cohort.id}/").json()["results"]
    then = client.get(f"{COHORTS}{cohort.id}/?from={day - timedelta(days=1)}&to={day}").json()["results"]

    assert recent["totals"]["clicks"] == 0
    assert then["totals"] == {"shares": 1, "clicks": 5, "conversations": 0}
    assert then["period_from"] == str(day - timedelta(days=1))


@pytest.mark.parametrize("query", ["from=2026-03-02&to=2026-03-01", "from=2020-01-01&to=2026-01-01", "from=yesterday"])
def test_bad_periods_are_refused(lead: Membership, client_for: Any, query: str) -> None:
    response = client_for(lead.user).get(f"{COHORTS}?{query}")

    assert response.status_code == 400
    assert response.json()["code"] in ("invalid_range", "range_too_long", "validation_error")


@pytest.mark.parametrize(
    "body",
    [
        {"name": ""},
        {"name": "x" * 101},
        {"name": "W", "members": "everyone"},
        {"name": "W", "members": ["not-a-uuid"]},
        {"name": "W", "invitees": ["not an email"]},
        {"name": "W", "invited_at": "soon"},
        {"name": "W", "rollout_stage": "everyone"},
    ],
)
def test_bad_cohorts_are_refused(lead: Membership, client_for: Any, body: dict[str, Any]) -> None:
    response = client_for(lead.user).post(COHORTS, body, format="json")

    assert response.status_code == 400
    assert response.json()["code"] == "validation_error"
    assert not Cohort.objects.unscoped().exists()


@pytest.mark.parametrize("who", ["outsider", "deactivated"])
def test_only_active_members_of_this_organisation_join_a_cohort(
    org: Organization, outsider_org: Organization, make_member: MakeMember, lead: Membership, client_for: Any, who: str
) -> None:
    member = make_member(outsider_org) if who == "outsider" else make_member(org, is_active=False)

    created = client_for(lead.user).post(COHORTS, {"name": "W", "members": [str(member.id)]}, format="json")

    assert created.status_code == 400
    assert "members" in created.json()["fields"]
    assert not CohortMember.objects.unscoped().exists()


def test_another_organisations_member_cannot_be_patched_into_a_cohort(
    org: Organization, outsider_org: Organization, make_member: MakeMember, lead: Membership, client_for: Any
) -> None:
    cohort = cohort_with_members(org, make_member(org))

    response = client_for(lead.user).patch(
        f"{COHORTS}{cohort.id}/", {"members": [str(make_member(outsider_org).id)]}, format="json"
    )

    assert response.status_code == 400
    assert CohortMember.objects.unscoped().filter(cohort=cohort).count() == 1


def test_names_are_unique_and_invitations_are_never_in_the_future(lead: Membership, client_for: Any) -> None:
    client = client_for(lead.user)
    client.post(COHORTS, {"name": "Wave"}, format="json")

    duplicate = client.post(COHORTS, {"name": "Wave"}, format="json")
    future = client.post(
        COHORTS, {"name": "Later", "invited_at": (timezone.now() + timedelta(days=3)).isoformat()}, format="json"
    )

    assert duplicate.status_code == 409
    assert duplicate.json()["code"] == "cohort_name_taken"
    assert future.status_code == 422
    assert future.json()["code"] == "invited_at_in_future"


def test_editing_and_deleting_a_cohort_is_audited_and_keeps_ambassadors(
    org: Organization, make_member: MakeMember, lead: Membership, client_for: Any
) -> None:
    member, newcomer = make_member(org), make_member(org)
    cohort = cohort_with_members(org, member)
    client = client_for(lead.user)
    client.post(f"{COHORTS}{cohort.id}/invite")

    changed = client.patch(f"{COHORTS}{cohort.id}/", {"name": "Pilots", "members": [str(newcomer.id)]}, format="json")
    deleted = client.delete(f"{COHORTS}{cohort.id}/")

    assert changed.json()["members"] == [str(newcomer.id)]
    assert deleted.status_code == 204
    member.refresh_from_db()
    assert member.ambassador is True
    assert {"cohort.changed", "cohort.deleted"} <= set(verbs())
    change = AuditEvent.objects.unscoped().get(verb="cohort.changed")
    assert change.after == {"name": "Pilots", "members": [str(newcomer.id)]}


def test_the_cohort_list_is_paginated_and_costs_the_same_for_one_wave_and_fifty(
    org: Organization, make_member: MakeMember, lead: Membership, strategy: Strategy, client_for: Any
) -> None:
    content = approved_content(org)
    GridCellFactory(organization=org, role=strategy.sales, audience=strategy.cios, content=content)

    def add(n: int) -> None:
        for _ in range(n):
            member = make_member(org)
            assign_roles(member, strategy.sales)
            clicks(posted(member, content), humans=1)
            cohort = cohort_with_members(org, member, make_member(org))
            CohortInvitee.objects.unscoped().create(organization=org, cohort=cohort, email=f"{cohort.pk}@example.com")

    client = client_for(lead.user)
    assert_constant_queries(client, f"{COHORTS}?page_size=100", add, budget=11)
    page = client.get(f"{COHORTS}?page_size=20").json()
    assert page["count"] == 50
    assert len(page["results"]) == 20


def test_strangers_and_employees_see_no_cohort(
    org: Organization, employee: Membership, outsider_admin: Membership, client_for: Any
) -> None:
    cohort = cohort_with_members(org, employee)

    assert client_for(employee.user).get(COHORTS).status_code == 403
    assert client_for(outsider_admin.user).get(f"{COHORTS}{cohort.id}/").status_code == 404
    own = client_for(outsider_admin.user).get(f"/api/v1/orgs/outsider/cohorts/{cohort.id}/")
    assert own.status_code == 404
    invite = client_for(outsider_admin.user).post(f"/api/v1/orgs/outsider/cohorts/{cohort.id}/invite")
    assert invite.status_code == 404
    employee.refresh_from_db()
    assert employee.ambassador is False
