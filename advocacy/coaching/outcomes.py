"""What shares achieved, read from the analytics rollups (``ShareDailyStats``, per share and
UTC day) and the roles and audiences each share was attributed to when it was first counted
(``ShareAttribution``). Never raw clicks, and never a figure that was not measured: a share
with no rollup rows counts zero.

Results per role or audience are the results of the shares attributed to it: each read
sums per share in one query, reads those shares' attributions in a second, and adds up in
Python. The analytics app's own per-role rollups cannot be used here: these reads also
split by member, content or audience at the same time.
"""

import uuid
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Q, QuerySet, Sum

from advocacy.analytics.models import AttributedDailyStats, AttributionDimension, ShareAttribution, ShareDailyStats
from advocacy.analytics.periods import Period
from advocacy.analytics.selectors import METRIC_COLUMNS

METRICS: tuple[str, ...] = tuple(str(metric) for metric in METRIC_COLUMNS)


@dataclass(frozen=True)
class Totals:
    """One set of results. The fields are named after the role objective metrics."""

    shares: int = 0
    clicks: int = 0
    unique_visitors: int = 0
    conversations: int = 0
    reactions: int = 0
    reposts: int = 0

    def metric(self, metric: str) -> int:
        value: int = getattr(self, str(metric))
        return value

    def __add__(self, other: "Totals") -> "Totals":
        return Totals(**{name: self.metric(name) + other.metric(name) for name in METRICS})

    def __bool__(self) -> bool:
        return any(self.metric(name) for name in METRICS)


def _sums(prefix: str = "", within: Q | None = None) -> dict[str, Sum]:
    # Prefixed: an annotation may not reuse the name of a rollup column ("clicks").
    return {
        f"{prefix}total_{metric}": Sum(column, filter=within, default=0)
        for metric, column in zip(METRICS, METRIC_COLUMNS.values(), strict=True)
    }


def _totals(row: Mapping[str, Any], prefix: str = "") -> Totals:
    return Totals(**{metric: int(row[f"{prefix}total_{metric}"] or 0) for metric in METRICS})


def _in_days(start: date, end: date) -> QuerySet[ShareDailyStats]:
    return ShareDailyStats.objects.filter(day__gte=start, day__lte=end)


def share_attributions(
    *, share_ids: Collection[Any] | QuerySet[Any]
) -> dict[uuid.UUID, tuple[set[uuid.UUID], set[uuid.UUID]]]:
    """share id -> (role ids, audience ids) the share counts for. ``share_ids`` may be a
    subquery, so an organisation's month of shares is never sent as a list of parameters."""
    if not isinstance(share_ids, QuerySet) and not share_ids:
        return {}
    wanted = share_ids if isinstance(share_ids, QuerySet) else list(share_ids)
    rows = ShareAttribution.objects.filter(share_id__in=wanted).values_list("share_id", "role_ids", "audience_ids")
    return {
        share_id: ({uuid.UUID(str(pk)) for pk in roles}, {uuid.UUID(str(pk)) for pk in audiences})
        for share_id, roles, audiences in rows
    }


# --- Per member ---------------------------------------------------------------------------


def member_totals(*, member_ids: Collection[Any], start: date, end: date) -> dict[Any, Totals]:
    """Each member's results over [start, end] (days, inclusive)."""
    if not member_ids:
        return {}
    rows = _in_days(start, end).filter(membership_id__in=member_ids).values("membership_id").annotate(**_sums())
    return {row["membership_id"]: _totals(row) for row in rows.order_by()}


def share_totals(*, member_id: Any, start: date, end: date) -> dict[Any, Totals]:
    """Results of one member's shares over [start, end], per share."""
    rows = _in_days(start, end).filter(membership_id=member_id).values("share_id").annotate(**_sums())
    return {row["share_id"]: _totals(row) for row in rows.order_by()}


def member_role_period_totals(
    *, member_ids: Collection[Any], periods: dict[str, Period]
) -> dict[tuple[Any, uuid.UUID, str], Totals]:
    """Per (member, role the share was attributed to, period name): results in each of
    ``periods``, which may overlap (this week, this month...). Two queries."""
    if not member_ids or not periods:
        return {}
    windows = {name: Q(day__gte=period.start, day__lte=period.end) for name, period in periods.items()}
    annotations = {key: value for name, within in windows.items() for key, value in _sums(f"{name}_", within).items()}
    earliest = min(period.start for period in periods.values())
    latest = max(period.end for period in periods.values())
    daily = _in_days(earliest, latest).filter(membership_id__in=member_ids)
    rows = list(daily.values("share_id", "membership_id").annotate(**annotations).order_by())
    attributed = share_attributions(share_ids=daily.values("share_id"))
    found: dict[tuple[Any, uuid.UUID, str], Totals] = defaultdict(Totals)
    for row in rows:
        roles, _audiences = attributed.get(row["share_id"], (set(), set()))
        for name in windows:
            totals = _totals(row, f"{name}_")
            for role_id in roles:
                found[(row["membership_id"], role_id, name)] += totals
    return found


# --- The grid -------------------------------------------------------------------------------


@dataclass(frozen=True)
class GridTotals:
    """Results over a period per (content, role, audience) the shares were attributed to, and
    per (content, role) for the grid's "every audience of the role" cells."""

    by_content_role_audience: dict[tuple[Any, uuid.UUID, uuid.UUID], Totals]
    by_content_role: dict[tuple[Any, uuid.UUID], Totals]


def grid_totals(*, start: date, end: date) -> GridTotals:
    """Two queries: the period's results per share, and those shares' attributions."""
    daily = _in_days(start, end)
    rows = list(daily.values("share_id", "content_id").annotate(**_sums()).order_by())
    attributed = share_attributions(share_ids=daily.values("share_id"))
    with_audience: dict[tuple[Any, uuid.UUID, uuid.UUID], Totals] = defaultdict(Totals)
    by_role: dict[tuple[Any, uuid.UUID], Totals] = defaultdict(Totals)
    for row in rows:
        totals = _totals(row)
        roles, audiences = attributed.get(row["share_id"], (set(), set()))
        for role_id in roles:
            by_role[(row["content_id"], role_id)] += totals
            for audience_id in audiences:
                with_audience[(row["content_id"], role_id, audience_id)] += totals
    return GridTotals(with_audience, by_role)


def audiences_reached(*, start: date, end: date) -> set[uuid.UUID]:
    """Audiences that a share posted in [start, end] was attributed to."""
    reached: Iterable[Any] = (
        AttributedDailyStats.objects.filter(
            dimension=AttributionDimension.AUDIENCE, day__gte=start, day__lte=end, shares_posted__gt=0
        )
        .values_list("key", flat=True)
        .distinct()
    )
    return {uuid.UUID(str(key)) for key in reached}
