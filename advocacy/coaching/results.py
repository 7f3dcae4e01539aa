"""Results of people: each cohort's (for the comms lead running the rollout) and a member's
own "what worked" (for that member only). Both read the analytics rollups (``outcomes.py``)."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from advocacy.accounts.models import Membership
from advocacy.analytics.periods import Period, period_containing
from advocacy.audiences.models import Audience
from advocacy.coaching.models import Cohort
from advocacy.coaching.outcomes import (
    Totals,
    member_role_period_totals,
    member_totals,
    share_attributions,
    share_totals,
)
from advocacy.roles.models import AdvocacyRole, RoleAssignment
from advocacy.shares.models import Share

# --- Cohorts -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ObjectiveResult:
    role: Any
    role_name: str
    objective: str
    metric: str
    period: str
    period_start: date
    target_per_member: int
    members: int
    actual: int
    members_on_target: int

    @property
    def progress(self) -> float:
        expected = self.target_per_member * self.members
        return round(self.actual / expected, 3) if expected else 0.0


@dataclass(frozen=True)
class CohortResults:
    window: Period
    members: int
    totals: Totals
    objectives: list[ObjectiveResult]

    @property
    def per_member(self) -> dict[str, float]:
        return {
            metric: round(self.totals.metric(metric) / self.members, 2) if self.members else 0.0
            for metric in ("shares", "clicks", "conversations")
        }


def _roles_by_member(member_ids: set[Any]) -> dict[Any, list[AdvocacyRole]]:
    roles: dict[Any, list[AdvocacyRole]] = defaultdict(list)
    assignments = (
        RoleAssignment.objects.filter(membership_id__in=member_ids, role__archived_at__isnull=True)
        .select_related("role")
        .order_by("role__name")
    )
    for assignment in assignments:
        roles[assignment.membership_id].append(assignment.role)
    return roles


def _objective_results(
    member_ids: list[Any],
    roles_by_member: dict[Any, list[AdvocacyRole]],
    actuals: dict[tuple[Any, Any, str], Totals],
    periods: dict[str, Period],
) -> list[ObjectiveResult]:
    """Progress of the cohort's members against the objectives of the roles they hold.
    An objective's target is per member and period: the cohort is on target when its
    holders together reach target x holders."""
    holders: dict[Any, list[Any]] = defaultdict(list)
    roles: dict[Any, AdvocacyRole] = {}
    for member_id in member_ids:
        for role in roles_by_member.get(member_id, []):
            holders[role.pk].append(member_id)
            roles[role.pk] = role
    results = []
    for role in sorted(roles.values(), key=lambda r: r.name):
        for objective in role.objectives:
            period = periods[objective["period"]]
            target = int(objective["target"])
            per_member = [
                actuals.get((member_id, role.pk, objective["period"]), Totals()).metric(objective["metric"])
                for member_id in holders[role.pk]
            ]
            results.append(
                ObjectiveResult(
                    role=role.pk,
                    role_name=role.name,
                    objective=objective["name"],
                    metric=objective["metric"],
                    period=objective["period"],
                    period_start=period.start,
                    target_per_member=target,
                    members=len(per_member),
                    actual=sum(per_member),
                    members_on_target=sum(1 for actual in per_member if actual >= target),
                )
            )
    return results


def cohort_results(*, cohorts: list[Cohort], start: date, end: date, today: date) -> dict[Any, CohortResults]:
    """Results of each cohort's active members over [start, end], and their progress against
    their roles' objectives in each objective's current period. A fixed number of queries
    for any number of cohorts (their ``member_links`` prefetched, see ``cohort_list``)."""
    members_of = {
        cohort.pk: [link.membership_id for link in cohort.member_links.all() if link.membership.is_active]
        for cohort in cohorts
    }
    everyone = {member_id for ids in members_of.values() for member_id in ids}
    roles_by_member = _roles_by_member(everyone) if everyone else {}
    periods_in_use = {o["period"] for roles in roles_by_member.values() for role in roles for o in role.objectives}
    periods = {name: period_containing(today, name) for name in sorted(periods_in_use)}
    totals = member_totals(member_ids=everyone, start=start, end=end)
    actuals = member_role_period_totals(member_ids=everyone, periods=periods)
    results = {}
    for cohort in cohorts:
        member_ids = members_of[cohort.pk]
        cohort_totals = sum((totals.get(member_id, Totals()) for member_id in member_ids), Totals())
        results[cohort.pk] = CohortResults(
            window=Period(start, end),
            members=len(member_ids),
            totals=cohort_totals,
            objectives=_objective_results(member_ids, roles_by_member, actuals, periods),
        )
    return results


# --- What worked for my own shares -----------------------------------------------------------

TOP_SHARES = 10


@dataclass(frozen=True)
class AudienceResult:
    id: Any
    name: str
    shares: int
    clicks: int
    conversations: int


@dataclass(frozen=True)
class ShareResult:
    id: Any
    content: Any
    title: str
    network: str
    posted_at: Any
    external_url: str
    clicks: int
    conversations: int
    reactions: int
    audiences: list[Any]


@dataclass(frozen=True)
class WhatWorked:
    period_from: date
    period_to: date
    shares_posted: int
    audiences: list[AudienceResult]
    shares: list[ShareResult]


def what_worked_for_member(*, membership: Membership, start: date, end: date) -> WhatWorked:
    """Which audiences clicked and which conversations started on the member's own shares
    over [start, end]: each share's results count for every audience it was attributed to.
    Four queries; read for the member themselves only."""
    per_share = share_totals(member_id=membership.pk, start=start, end=end)
    attributed = share_attributions(share_ids=list(per_share))
    by_audience: dict[Any, Totals] = defaultdict(Totals)
    for share_id, totals in per_share.items():
        for audience_id in attributed.get(share_id, (set(), set()))[1]:
            by_audience[audience_id] += totals
    names = dict(Audience.objects.filter(pk__in=list(by_audience)).values_list("pk", "name")) if by_audience else {}
    audiences = sorted(
        (
            AudienceResult(pk, names[pk], totals.shares, totals.clicks, totals.conversations)
            for pk, totals in by_audience.items()
            if pk in names and (totals.shares or totals.clicks or totals.conversations)
        ),
        key=lambda row: (-row.clicks, -row.conversations, row.name),
    )
    worked = sorted(
        (share_id for share_id, totals in per_share.items() if totals.clicks or totals.conversations),
        key=lambda share_id: (-per_share[share_id].conversations, -per_share[share_id].clicks, str(share_id)),
    )[:TOP_SHARES]
    shares = {share.pk: share for share in Share.objects.filter(pk__in=worked).select_related("content_version")}

    def audiences_of(share_id: Any) -> list[dict[str, Any]]:
        found = [{"id": pk, "name": names[pk]} for pk in attributed.get(share_id, (set(), set()))[1] if pk in names]
        return sorted(found, key=lambda audience: audience["name"])

    return WhatWorked(
        period_from=start,
        period_to=end,
        shares_posted=sum(totals.shares for totals in per_share.values()),
        audiences=audiences,
        shares=[
            ShareResult(
                id=share_id,
                content=shares[share_id].content_id,
                title=shares[share_id].content_version.title,
                network=shares[share_id].network,
                posted_at=shares[share_id].posted_at,
                external_url=shares[share_id].external_url,
                clicks=per_share[share_id].clicks,
                conversations=per_share[share_id].conversations,
                reactions=per_share[share_id].reactions,
                audiences=audiences_of(share_id),
            )
            for share_id in worked
            if share_id in shares
        ],
    )
