"""The comms lead's insights: which content works with which audience through which role,
content nobody picks, audiences no role reaches, and reserved relationships about to lapse.

Every figure comes from what happened (posted shares, human clicks and conversations in the
analytics rollups); nothing is estimated. A fixed number of queries whatever the size."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.db import models
from django.db.models import Count, Exists, OuterRef, Prefetch, Q

from advocacy.analytics.models import ShareDailyStats
from advocacy.audiences.models import Audience, ReservedRelationship, RoleAudience
from advocacy.coaching.outcomes import Totals, audiences_reached, grid_totals
from advocacy.coaching.selectors import ENGAGING_LEVELS
from advocacy.content.models import ContentItem, ContentStatus, GridCell
from advocacy.roles.models import AdvocacyRole
from advocacy.shares.models import COMMITTED, Share

EXPIRY_HORIZON = timedelta(days=30)


class UnreachedReason(models.TextChoices):
    NO_ROLE = "no_role", "No role leads or supports it"
    NO_SHARES = "no_shares", "No share posted in the period reached it"


@dataclass(frozen=True)
class GridResult:
    role: AdvocacyRole
    audience: Audience | None
    content: ContentItem
    totals: Totals

    @property
    def shares(self) -> int:
        return self.totals.shares

    @property
    def clicks(self) -> int:
        return self.totals.clicks

    @property
    def unique_visitors(self) -> int:
        return self.totals.unique_visitors

    @property
    def conversations(self) -> int:
        return self.totals.conversations

    @property
    def reactions(self) -> int:
        return self.totals.reactions


@dataclass(frozen=True)
class UnreachedAudience:
    id: Any
    name: str
    reason: UnreachedReason
    roles: list[dict[str, Any]]


@dataclass(frozen=True)
class Insights:
    period_from: date
    period_to: date
    grid: list[GridResult]
    unpicked_content: list[ContentItem]
    unreached_audiences: list[UnreachedAudience]
    expiring_reservations: list[ReservedRelationship]


def grid_results(
    *,
    start: date,
    end: date,
    role: AdvocacyRole | None = None,
    audience: Audience | None = None,
    limit: int,
) -> list[GridResult]:
    """Grid cells whose content had results in [start, end] through the cell's role (and,
    for a cell placed for one audience, with shares attributed to that audience); best
    first. ``audience`` keeps only cells placed for that audience."""
    totals = grid_totals(start=start, end=end)
    active = ShareDailyStats.objects.filter(content_id=OuterRef("content_id"), day__gte=start, day__lte=end)
    cells = GridCell.objects.filter(Exists(active)).select_related("role", "audience", "content")
    if role is not None:
        cells = cells.filter(role=role)
    if audience is not None:
        cells = cells.filter(audience=audience)
    rows = []
    for cell in cells.order_by("content_id", "role_id", "audience_id"):
        if cell.audience_id is None:
            found = totals.by_content_role.get((cell.content_id, cell.role_id))
        else:
            found = totals.by_content_role_audience.get((cell.content_id, cell.role_id, cell.audience_id))
        if found:
            rows.append(GridResult(cell.role, cell.audience, cell.content, found))
    rows.sort(key=lambda r: (-r.clicks, -r.conversations, -r.shares, r.content.title, r.role.name))
    return rows[:limit]


def unpicked_content(
    *, role: AdvocacyRole | None = None, audience: Audience | None = None, limit: int
) -> list[ContentItem]:
    """Approved content placed in the grid that nobody has shared (no share confirmed or
    beyond), the longest-waiting first."""
    cells = GridCell.objects.filter(content_id=OuterRef("pk"))
    if role is not None:
        cells = cells.filter(role=role)
    if audience is not None:
        cells = cells.filter(audience=audience)
    picked = Share.objects.filter(content_id=OuterRef("pk"), status__in=COMMITTED)
    return list(
        ContentItem.objects.filter(status=ContentStatus.APPROVED)
        .filter(Exists(cells), ~Exists(picked))
        .annotate(cell_count=Count("grid_cells", distinct=True))
        .select_related("approved_version")
        .order_by("approved_version__approved_at", "title")[:limit]
    )


def unreached_audiences(
    *,
    start: date,
    end: date,
    role: AdvocacyRole | None = None,
    audience: Audience | None = None,
    limit: int,
) -> list[UnreachedAudience]:
    """Active audiences that no active role leads or supports (``no_role``), or that no
    share posted in the period was attributed to (``no_shares``)."""
    engaging = RoleAudience.objects.filter(level__in=ENGAGING_LEVELS, role__archived_at__isnull=True)
    audiences = Audience.objects.filter(archived_at__isnull=True).prefetch_related(
        Prefetch(
            "role_links",
            queryset=engaging.select_related("role").order_by("role__name"),
            to_attr="engaging_links",
        )
    )
    if role is not None:
        audiences = audiences.filter(Exists(engaging.filter(audience_id=OuterRef("pk"), role=role)))
    if audience is not None:
        audiences = audiences.filter(pk=audience.pk)
    reached = audiences_reached(start=start, end=end)
    rows = []
    for found in audiences.order_by("name"):
        links = found.engaging_links  # type: ignore[attr-defined]
        if links and found.pk in reached:
            continue
        rows.append(
            UnreachedAudience(
                id=found.pk,
                name=found.name,
                reason=UnreachedReason.NO_SHARES if links else UnreachedReason.NO_ROLE,
                roles=[{"id": link.role_id, "name": link.role.name, "level": link.level} for link in links],
            )
        )
        if len(rows) == limit:
            break
    return rows


def expiring_reservations(*, now: datetime, limit: int) -> list[ReservedRelationship]:
    """Reserved relationships whose reservation lapses in the next 30 days, soonest first."""
    return list(
        ReservedRelationship.objects.filter(Q(expires_at__gt=now) & Q(expires_at__lte=now + EXPIRY_HORIZON))
        .select_related("owner__user")
        .order_by("expires_at", "name")[:limit]
    )


def insights_report(
    *,
    start: date,
    end: date,
    now: datetime,
    role: AdvocacyRole | None = None,
    audience: Audience | None = None,
    limit: int,
) -> Insights:
    return Insights(
        period_from=start,
        period_to=end,
        grid=grid_results(start=start, end=end, role=role, audience=audience, limit=limit),
        unpicked_content=unpicked_content(role=role, audience=audience, limit=limit),
        unreached_audiences=unreached_audiences(start=start, end=end, role=role, audience=audience, limit=limit),
        expiring_reservations=expiring_reservations(now=now, limit=limit),
    )
