"""Reads of readiness, cohorts and coaching tasks. Share results (shares, clicks,
conversations) come from ``outcomes.py``; the comms lead's report from ``insights.py``."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from advocacy.accounts.models import Invitation, Membership
from advocacy.audiences.models import Audience, EngagementLevel, RoleAudience
from advocacy.coaching.models import (
    CoachingCompletion,
    CoachingTask,
    Cohort,
    CohortInvitee,
    CohortMember,
    SocialPresence,
    SocialPresenceAudience,
)
from advocacy.coaching.periods import week_of
from advocacy.coaching.results import WhatWorked, what_worked_for_member
from advocacy.networks.models import ConnectionStatus, NetworkConnection
from advocacy.roles.selectors import active_roles_prefetch, member_role_ids

# Levels at which a role engages an audience: its members may say they reach it.
ENGAGING_LEVELS = (EngagementLevel.LEAD, EngagementLevel.SUPPORT)


# --- Readiness ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ReachableAudience:
    id: Any
    name: str
    level: str


def reachable_audiences(*, membership: Membership) -> list[ReachableAudience]:
    """Active audiences that one of the member's active roles leads or supports: the ones
    the member may say they reach. The strongest level wins when several roles map it."""
    links = (
        RoleAudience.objects.filter(
            role_id__in=member_role_ids(membership=membership),
            level__in=ENGAGING_LEVELS,
            audience__archived_at__isnull=True,
        )
        .select_related("audience")
        .order_by("audience__name")
    )
    by_audience: dict[Any, ReachableAudience] = {}
    for link in links:
        known = by_audience.get(link.audience_id)
        if known is None or (known.level != EngagementLevel.LEAD and link.level == EngagementLevel.LEAD):
            by_audience[link.audience_id] = ReachableAudience(link.audience_id, link.audience.name, link.level)
    return list(by_audience.values())


def _presences_prefetch() -> Prefetch[Any]:
    return Prefetch(
        "social_presences",
        queryset=SocialPresence.objects.prefetch_related(
            Prefetch(
                "audience_links",
                queryset=SocialPresenceAudience.objects.select_related("audience").order_by("audience__name"),
            )
        ).order_by("network"),
    )


def _active_connections_prefetch() -> Prefetch[Any]:
    return Prefetch(
        "connections",
        queryset=NetworkConnection.objects.filter(status=ConnectionStatus.ACTIVE).order_by("network"),
        to_attr="active_connections",
    )


@dataclass
class NetworkReadiness:
    """One network as the member describes it, with their live connection there if any."""

    network: str
    presence: SocialPresence | None = None
    connection: NetworkConnection | None = None
    audiences: list[Audience] = field(default_factory=list)

    @property
    def described(self) -> bool:
        return self.presence is not None

    @property
    def connected(self) -> bool:
        return self.connection is not None


def network_readiness(membership: Membership) -> list[NetworkReadiness]:
    """Described and connected networks of a member loaded with ``readiness_members`` (or
    ``readiness_member``), in the product's network order."""
    rows: dict[str, NetworkReadiness] = {}
    for presence in membership.social_presences.all():
        rows[presence.network] = NetworkReadiness(
            network=presence.network,
            presence=presence,
            audiences=[link.audience for link in presence.audience_links.all()],
        )
    for connection in getattr(membership, "active_connections", []):
        rows.setdefault(connection.network, NetworkReadiness(network=connection.network)).connection = connection
    order = {network: index for index, network in enumerate(settings.NETWORKS)}
    return sorted(rows.values(), key=lambda row: (order.get(row.network, len(order)), row.network))


def readiness_members(*, filters: dict[str, Any] | None = None) -> QuerySet[Membership]:
    """Active members with what the readiness list shows, in a fixed number of queries.

    Filters: ``role`` (holds it), ``audience`` with ``reaches`` (true: says they reach it on
    some network; false: does not, yet), ``described`` (has described any network)."""
    filters = filters or {}
    queryset = (
        Membership.objects.filter(is_active=True)
        .select_related("user")
        .prefetch_related(active_roles_prefetch(), _presences_prefetch(), _active_connections_prefetch())
        .order_by("user__email")
    )
    if filters.get("role") is not None:
        queryset = queryset.filter(role_assignments__role=filters["role"])
    audience = filters.get("audience")
    if audience is not None:
        reaches = Exists(SocialPresenceAudience.objects.filter(presence__membership=OuterRef("pk"), audience=audience))
        queryset = queryset.filter(reaches if filters.get("reaches", True) else ~reaches)
    if filters.get("described") is not None:
        described = Exists(SocialPresence.objects.filter(membership=OuterRef("pk")))
        queryset = queryset.filter(described if filters["described"] else ~described)
    return queryset


def readiness_member(*, membership: Membership) -> Membership:
    return readiness_members().get(pk=membership.pk)


# --- Cohorts -----------------------------------------------------------------------------


def cohort_list() -> QuerySet[Cohort]:
    return Cohort.objects.prefetch_related(
        Prefetch(
            "member_links",
            queryset=CohortMember.objects.select_related("membership__user").order_by("created_at"),
        ),
        Prefetch("invitees", queryset=CohortInvitee.objects.select_related("invitation").order_by("email")),
    ).order_by("-created_at")


def members_by_email(*, emails: list[str]) -> dict[str, Membership]:
    """Members (active or not) of the organisation in context whose user has these emails."""
    if not emails:
        return {}
    members = Membership.objects.select_related("user").filter(user__email__in=[e.lower() for e in emails])
    return {member.user.email.lower(): member for member in members}


def open_invitations_by_email(*, emails: list[str], now: datetime) -> dict[str, Invitation]:
    """Pending (not accepted, revoked or expired) invitations to these emails."""
    if not emails:
        return {}
    invitations = Invitation.objects.filter(
        email__in=[e.lower() for e in emails], accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=now
    ).order_by("-created_at")
    found: dict[str, Invitation] = {}
    for invitation in invitations:
        found.setdefault(invitation.email.lower(), invitation)
    return found


# --- Coaching tasks ----------------------------------------------------------------------


def coaching_task_list(*, filters: dict[str, Any] | None = None) -> QuerySet[CoachingTask]:
    filters = filters or {}
    queryset = CoachingTask.objects.select_related("role").order_by("-created_at")
    if "role" in filters:
        queryset = queryset.filter(role=filters["role"])
    if filters.get("active") is not None:
        queryset = queryset.filter(active=filters["active"])
    if filters.get("kind"):
        queryset = queryset.filter(kind=filters["kind"])
    if filters.get("week") is not None:
        queryset = queryset.filter(Q(recurring=True) | Q(week=filters["week"]))
    return queryset


def coaching_tasks_for_member(*, membership: Membership, week: date) -> QuerySet[CoachingTask]:
    """The active tasks the member has in the week of ``week`` (any day of it): those for
    everyone and those for one of their active roles, set for that week or recurring."""
    role_ids = member_role_ids(membership=membership)
    week = week_of(week)
    return (
        CoachingTask.objects.filter(active=True)
        .filter(Q(role__isnull=True) | Q(role_id__in=role_ids))
        .filter(Q(recurring=True) | Q(week=week))
        .select_related("role")
        .order_by("created_at")
    )


def coaching_task_for_member(*, membership: Membership, week: date, task_id: Any) -> CoachingTask | None:
    return coaching_tasks_for_member(membership=membership, week=week).filter(pk=task_id).first()


def coaching_completions(*, membership: Membership, since: date) -> list[CoachingCompletion]:
    """What the member did from the week of ``since`` on, newest first. Only ever read for
    the member themselves."""
    return list(
        CoachingCompletion.objects.filter(membership=membership, week__gte=since)
        .select_related("task")
        .order_by("-week", "-created_at")
    )


# --- My coaching week ---------------------------------------------------------------------

RECENT_WEEKS = 8
WHAT_WORKED_DAYS = 90


@dataclass(frozen=True)
class MyTask:
    task: CoachingTask
    done_at: datetime | None

    @property
    def done(self) -> bool:
        return self.done_at is not None


@dataclass(frozen=True)
class MyCoaching:
    week: date
    week_ends: date
    tasks: list[MyTask]
    progress: dict[str, Any]
    done_history: list[CoachingCompletion]
    what_worked: WhatWorked


def my_coaching(*, membership: Membership, today: date) -> MyCoaching:
    """The member's own coaching page: this week's tasks for their roles, what they did in
    the last weeks, and what worked for their own shares. For that member's eyes only:
    nothing here is compared with anyone else."""
    week = week_of(today)
    first_week = week - timedelta(weeks=RECENT_WEEKS - 1)
    history = coaching_completions(membership=membership, since=first_week)
    done_this_week = {c.task_id: c.created_at for c in history if c.week == week}
    tasks = [
        MyTask(task, done_this_week.get(task.pk))
        for task in coaching_tasks_for_member(membership=membership, week=week)
    ]
    done_per_week = Counter(c.week for c in history)
    weeks = [first_week + timedelta(weeks=n) for n in range(RECENT_WEEKS)]
    recent = [{"week": day, "done": done_per_week.get(day, 0)} for day in weeks]
    progress = {
        "done_this_week": sum(1 for task in tasks if task.done),
        "tasks_this_week": len(tasks),
        "weeks_with_something_done": sum(1 for entry in recent if entry["done"]),
        "recent_weeks": recent,
    }
    return MyCoaching(
        week=week,
        week_ends=week + timedelta(days=6),
        tasks=tasks,
        progress=progress,
        done_history=history,
        what_worked=what_worked_for_member(
            membership=membership, start=today - timedelta(days=WHAT_WORKED_DAYS - 1), end=today
        ),
    )
