"""Reads of the dashboards. Only rollups are read, never raw clicks: for the organisation,
``AttributedDailyStats`` and ``AttributedMonthlyStats`` by role, audience, content, member,
network and for the whole organisation per day (a row per key and day or month: a range
reads whole months from the monthly rows and only its ends from the daily ones); for one
employee's own numbers, their ``ShareDailyStats``. Each read is one or two aggregate
queries plus one for labels, whatever the number of rows. Run inside the organisation's
tenant context."""

import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import connection
from django.db.models import Case, IntegerField, QuerySet, Sum, Value, When

from advocacy.accounts.models import Membership, Organization
from advocacy.analytics.models import (
    AttributedDailyStats,
    AttributedMonthlyStats,
    AttributionDimension,
    ShareAttribution,
    ShareDailyStats,
    network_key,
)
from advocacy.analytics.periods import Period, days_between, periods_until, range_parts
from advocacy.analytics.rollups import Counters
from advocacy.audiences.models import Audience
from advocacy.content.models import ContentItem
from advocacy.core.errors import PermissionDeniedError
from advocacy.core.rawsql import column_readers
from advocacy.roles.models import AdvocacyRole, ObjectiveMetric, ObjectivePeriod

GROUPINGS = ("content", "role", "audience", "member", "network", "day")
# The rollup dimension each organisation-wide grouping reads.
_DIMENSION = {
    "content": AttributionDimension.CONTENT,
    "role": AttributionDimension.ROLE,
    "audience": AttributionDimension.AUDIENCE,
    "member": AttributionDimension.MEMBER,
    "network": AttributionDimension.NETWORK,
    "day": AttributionDimension.ORGANIZATION,
}
# One employee's own numbers: a column of their share rollups.
_SHARE_COLUMN = {"content": "content_id", "member": "membership_id", "network": "network", "day": "day"}
NETWORK_LABELS = {"sandbox": "Sandbox", "linkedin": "LinkedIn", "x": "X", "mastodon": "Mastodon", "bluesky": "Bluesky"}
_NETWORK_BY_KEY = {network_key(network): network for network in NETWORK_LABELS}
# Objective metric -> rollup column.
METRIC_COLUMNS = {
    ObjectiveMetric.SHARES: "shares_posted",
    ObjectiveMetric.CLICKS: "clicks",
    ObjectiveMetric.UNIQUE_VISITORS: "unique_visitors",
    ObjectiveMetric.CONVERSATIONS: "comments",
    ObjectiveMetric.REACTIONS: "reactions",
    ObjectiveMetric.REPOSTS: "reposts",
}
_SUMMED = ("shares_posted", "clicks", "unique_visitors", "bot_hits", "comments", "reactions", "reposts")


@dataclass(frozen=True)
class SummaryRow:
    key: str
    label: str
    shares: int = 0
    clicks: int = 0
    unique_visitors: int = 0
    bot_hits: int = 0
    conversations: int = 0
    reactions: int = 0


def _sums(queryset: QuerySet[Any], *group: str) -> QuerySet[Any]:
    return queryset.values(*group).annotate(**{f"total_{name}": Sum(name) for name in _SUMMED}).order_by()


def _counters(row: dict[str, Any]) -> Counters:
    return Counters(**{name: int(row[f"total_{name}"] or 0) for name in _SUMMED})


# What a summary row shows, in this order: plain lists of these are added up, since a
# summary by member adds and renders thousands of them.
_SHOWN = ("shares_posted", "clicks", "unique_visitors", "bot_hits", "comments", "reactions")
_Shown = list[int]


def analytics_summary(
    *,
    organization_id: uuid.UUID,
    group_by: str,
    start: date,
    end: date,
    today: date,
    membership_id: uuid.UUID | None,
) -> list[SummaryRow]:
    """Totals per group over [start, end]; only the shares of ``membership_id`` when given.

    ``shares`` counts shares posted in the range; clicks, visitors, bot hits and engagement
    count what happened in the range. A share counts once for each role and audience it is
    attributed to (rollups.attributions_for), so those rows may add up to more than the
    organisation's total."""
    totals: dict[Any, _Shown] = {}
    if membership_id is None:
        daily = AttributedDailyStats.objects.filter(organization_id=organization_id, dimension=_DIMENSION[group_by])
        if group_by == "day":
            _add_up(totals, daily.filter(day__gte=start, day__lte=end), "day")
        else:
            parts = range_parts(start, end, today=today)
            if parts.months:
                monthly = AttributedMonthlyStats.objects.filter(
                    organization_id=organization_id, dimension=_DIMENSION[group_by], month__in=parts.months
                )
                _add_up(totals, monthly, "key")
            # IN lists rather than ranges: PostgreSQL then reads the covering index alone.
            if parts.days:
                _add_up(totals, daily.filter(day__in=parts.days), "key")
            if parts.minus_days:
                _add_up(totals, daily.filter(day__in=parts.minus_days), "key", sign=-1)
    else:
        own = ShareDailyStats.objects.filter(
            organization_id=organization_id, membership_id=membership_id, day__gte=start, day__lte=end
        )
        if group_by in _SHARE_COLUMN:
            _add_up(totals, own, _SHARE_COLUMN[group_by])
        else:
            totals = _own_attributed_totals(own, group_by)
    if group_by == "day":
        days = days_between(start, end)
        zeros = [0] * len(_SHOWN)
        return [_row(day.isoformat(), day.isoformat(), totals.get(day, zeros)) for day in days]
    # Nothing to show for a key whose figures are all zero (one counted only on days a
    # month's row had taken away, say).
    totals = {key: sums for key, sums in totals.items() if any(sums)}
    if group_by == "network":
        names = {_NETWORK_BY_KEY.get(key, key) if membership_id is None else key: sums for key, sums in totals.items()}
        return _rows(names, NETWORK_LABELS)
    return _rows(totals, _labels(group_by, list(totals)))


def _add_up(totals: dict[Any, _Shown], rows: QuerySet[Any], group: str, *, sign: int = 1) -> None:
    """Add (or with ``sign=-1`` take away) the sums of ``rows`` per ``group`` into ``totals``.

    The ORM builds the statement; its rows are read from the cursor, since a summary by
    member sums ~2,000 keys twice and the ORM's handling of each row cost as much as the
    read itself."""
    sql, params = rows.values_list(group).annotate(*(Sum(name) for name in _SHOWN)).order_by().query.sql_with_params()
    (read_key,) = column_readers(rows.model, [group])
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for key, *sums in cursor.fetchall():
            _add(totals, read_key(key), [int(value) for value in sums], sign=sign)


def _add(totals: dict[Any, _Shown], key: Any, sums: _Shown, *, sign: int = 1) -> None:
    found = totals.get(key)
    if found is None:
        totals[key] = [sign * value for value in sums]
    else:
        for index, value in enumerate(sums):
            found[index] += sign * value


def _own_attributed_totals(own: QuerySet[ShareDailyStats], group_by: str) -> dict[Any, _Shown]:
    """One member's figures per role or audience: their few shares' totals, distributed over
    each share's attribution."""
    per_share: dict[Any, _Shown] = {}
    _add_up(per_share, own, "share_id")
    totals: dict[Any, _Shown] = {}
    column = "role_ids" if group_by == "role" else "audience_ids"
    for share_id, keys in ShareAttribution.objects.filter(share_id__in=list(per_share)).values_list("share_id", column):
        for key in keys:
            _add(totals, uuid.UUID(key), per_share[share_id])
    return totals


def _row(key: str, label: str, sums: _Shown) -> SummaryRow:
    shares, clicks, unique_visitors, bot_hits, comments, reactions = sums
    return SummaryRow(key, label, shares, clicks, unique_visitors, bot_hits, comments, reactions)


def _rows(totals: dict[Any, _Shown], labels: dict[Any, str]) -> list[SummaryRow]:
    rows = [_row(str(key), labels.get(key, str(key)), sums) for key, sums in totals.items()]
    return sorted(rows, key=lambda row: (-row.clicks, row.label.lower(), row.key))


def _labels(group_by: str, keys: list[Any]) -> dict[Any, str]:
    """Names of the roles, audiences, contents or members among ``keys``: summing first then
    looking names up is cheaper than joining every rollup row to its names."""
    if not keys:
        return {}
    if group_by == "member":
        return _member_labels(keys)
    model, name = {"role": (AdvocacyRole, "name"), "audience": (Audience, "name"), "content": (ContentItem, "title")}[
        group_by
    ]
    return dict(model.objects.filter(pk__in=keys).order_by().values_list("pk", name))


# Reading every member of the organisation is cheaper than naming thousands of them: their
# ids sent as parameters cost ~20 ms, while reading 2,000 members with their users' names
# costs ~2 ms. So a summary that names at least this many members, and at least half of the
# organisation's, reads them all.
_READ_ALL_MEMBERS_FROM = 200
_READ_ALL_MEMBERS_RATIO = 2


def _member_labels(keys: list[Any]) -> dict[Any, str]:
    members = Membership.objects.order_by()  # the default ordering joins organisations, for nothing here
    if len(keys) < _READ_ALL_MEMBERS_FROM or members.count() > _READ_ALL_MEMBERS_RATIO * len(keys):
        members = members.filter(pk__in=keys)
    return {pk: name or email for pk, name, email in members.values_list("pk", "user__name", "user__email")}


# --- Objectives ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class PeriodActual:
    period: Period
    actual: int


@dataclass(frozen=True)
class ObjectiveProgress:
    name: str
    metric: str
    target: int
    period: str
    current: PeriodActual
    trend: list[PeriodActual]  # previous periods, oldest first

    @property
    def progress(self) -> float:
        return round(self.current.actual / self.target, 3) if self.target else 0.0


@dataclass(frozen=True)
class RoleObjectives:
    role_id: uuid.UUID
    role_name: str
    objectives: list[ObjectiveProgress]


def objectives_progress(*, organization_id: uuid.UUID, today: date) -> list[RoleObjectives]:
    """Each active role's objectives: the actual of the current period (to date) and of the
    previous periods, from the rollups of the shares attributed to the role. One aggregate
    query per period length in use (at most four)."""
    roles = [
        role
        for role in AdvocacyRole.objects.filter(organization_id=organization_id, archived_at__isnull=True)
        .order_by("name")
        .only("id", "name", "objectives")
        if role.objectives
    ]
    periods = {o["period"]: periods_until(today, o["period"]) for role in roles for o in role.objectives}
    actuals: dict[tuple[uuid.UUID, str, int], Counters] = {}
    for period, bounds in periods.items():
        role_ids = [role.pk for role in roles if any(o["period"] == period for o in role.objectives)]
        for (role_id, index), counters in _role_period_totals(organization_id, role_ids, period, bounds, today).items():
            actuals[(role_id, period, index)] = counters
    results = []
    for role in roles:
        objectives = []
        for objective in role.objectives:
            column = METRIC_COLUMNS[objective["metric"]]
            per_period = [
                PeriodActual(bound, getattr(actuals.get((role.pk, objective["period"], index), Counters()), column))
                for index, bound in enumerate(periods[objective["period"]])
            ]
            objectives.append(
                ObjectiveProgress(
                    name=objective["name"],
                    metric=objective["metric"],
                    target=int(objective["target"]),
                    period=objective["period"],
                    current=per_period[0],
                    trend=list(reversed(per_period[1:])),
                )
            )
        results.append(RoleObjectives(role.pk, role.name, objectives))
    return results


def _role_period_totals(
    organization_id: uuid.UUID, role_ids: list[uuid.UUID], period: str, periods: list[Period], today: date
) -> dict[tuple[uuid.UUID, int], Counters]:
    """Sums per (role, index of the period in ``periods``). Months, quarters and years are
    whole calendar months: they read the monthly rollups (the current month's row holds its
    days so far); weeks read the daily ones."""
    rows: QuerySet[Any]
    if period != ObjectivePeriod.WEEK:
        span = "month"
        rows = AttributedMonthlyStats.objects.filter(month__gte=periods[-1].start, month__lte=today)
    else:
        span = "day"
        rows = AttributedDailyStats.objects.filter(day__gte=periods[-1].start, day__lte=today)
    rows = _sums(
        rows.filter(organization_id=organization_id, dimension=AttributionDimension.ROLE, key__in=role_ids).annotate(
            period_index=_period_index(periods, span)
        ),
        "key",
        "period_index",
    )
    return {(row["key"], row["period_index"]): _counters(row) for row in rows if row["period_index"] is not None}


def _period_index(periods: list[Period], span: str = "day") -> Case:
    """The index in ``periods`` of each row's day (or month): a CASE over the periods' bounds,
    computed here, so no database date function is needed."""
    return Case(
        *(
            When(**{f"{span}__gte": p.start, f"{span}__lte": p.end}, then=Value(index))
            for index, p in enumerate(periods)
        ),
        output_field=IntegerField(),
    )


# --- My progress ---------------------------------------------------------------------------------


class MyProgressDisabledError(PermissionDeniedError):
    """The organisation has not turned the private "my progress" view on (answered 403)."""

    default_code = "my_progress_disabled"


@dataclass(frozen=True)
class MyObjectiveProgress:
    """One objective of one of the caller's roles: the team's actual and the caller's part of
    it. Nothing about any other member (no names, no ranks): there is no leaderboard."""

    name: str
    metric: str
    target: int
    period: str
    team: PeriodActual  # the role's total this period, as the objectives dashboard shows it
    mine: PeriodActual  # the caller's own shares attributed to the role, this period
    my_trend: list[PeriodActual]  # the caller's previous periods, oldest first

    @property
    def my_share(self) -> float:
        return round(self.mine.actual / self.team.actual, 3) if self.team.actual else 0.0


@dataclass(frozen=True)
class MyRoleProgress:
    role_id: uuid.UUID
    role_name: str
    objectives: list[MyObjectiveProgress]


def objectives_progress_for_member(
    *, organization: Organization, membership_id: uuid.UUID, today: date
) -> list[MyRoleProgress]:
    """The caller's contribution to the objectives of each active role they hold, next to the
    role's total; only when the organisation turned the view on (``my_progress_enabled``).

    A constant number of queries whatever the rows: the roles, then per period length in use
    (at most four) one aggregate of the roles' rollups and one of the caller's own daily
    rollups, then the attributions of the caller's shares in those periods."""
    if not organization.my_progress_enabled:
        raise MyProgressDisabledError(
            "Your organisation has not turned on the private “my progress” view; an admin can in the settings."
        )
    roles = [
        role
        for role in AdvocacyRole.objects.filter(
            organization_id=organization.pk, archived_at__isnull=True, assignments__membership_id=membership_id
        )
        .order_by("name")
        .only("id", "name", "objectives")
        if role.objectives
    ]
    periods = {o["period"]: periods_until(today, o["period"]) for role in roles for o in role.objectives}
    team: dict[tuple[uuid.UUID, str, int], Counters] = {}
    own_per_share: dict[tuple[str, int], dict[uuid.UUID, Counters]] = {}
    for period, bounds in periods.items():
        role_ids = [role.pk for role in roles if any(o["period"] == period for o in role.objectives)]
        for (role_id, index), counters in _role_period_totals(organization.pk, role_ids, period, bounds, today).items():
            team[(role_id, period, index)] = counters
        for (share_id, index), counters in _own_period_totals(organization.pk, membership_id, bounds, today).items():
            own_per_share.setdefault((period, index), {})[share_id] = counters
    mine = _own_role_totals(organization.pk, own_per_share)
    results = []
    for role in roles:
        objectives = []
        for objective in role.objectives:
            column = METRIC_COLUMNS[objective["metric"]]
            period = objective["period"]
            team_per_period = [
                PeriodActual(bound, getattr(team.get((role.pk, period, index), Counters()), column))
                for index, bound in enumerate(periods[period])
            ]
            mine_per_period = [
                PeriodActual(bound, getattr(mine.get((role.pk, period, index), Counters()), column))
                for index, bound in enumerate(periods[period])
            ]
            objectives.append(
                MyObjectiveProgress(
                    name=objective["name"],
                    metric=objective["metric"],
                    target=int(objective["target"]),
                    period=period,
                    team=team_per_period[0],
                    mine=mine_per_period[0],
                    my_trend=list(reversed(mine_per_period[1:])),
                )
            )
        results.append(MyRoleProgress(role.pk, role.name, objectives))
    return results


def _own_period_totals(
    organization_id: uuid.UUID, membership_id: uuid.UUID, periods: list[Period], today: date
) -> dict[tuple[uuid.UUID, int], Counters]:
    """One member's sums per (share, index of the period in ``periods``): a member has few
    shares, so these rows are few."""
    rows = _sums(
        ShareDailyStats.objects.filter(
            organization_id=organization_id,
            membership_id=membership_id,
            day__gte=periods[-1].start,
            day__lte=today,
        ).annotate(period_index=_period_index(periods)),
        "share_id",
        "period_index",
    )
    return {(row["share_id"], row["period_index"]): _counters(row) for row in rows if row["period_index"] is not None}


def _own_role_totals(
    organization_id: uuid.UUID, per_share: dict[tuple[str, int], dict[uuid.UUID, Counters]]
) -> dict[tuple[uuid.UUID, str, int], Counters]:
    """Each share's sums added to every role it is attributed to (frozen when it was posted),
    as the role rollups add them: one query for the attributions of all the shares."""
    share_ids = {share_id for shares in per_share.values() for share_id in shares}
    if not share_ids:
        return {}
    attributed = dict(
        ShareAttribution.objects.filter(organization_id=organization_id, share_id__in=share_ids).values_list(
            "share_id", "role_ids"
        )
    )
    totals: dict[tuple[uuid.UUID, str, int], Counters] = defaultdict(Counters)
    for (period, index), shares in per_share.items():
        for share_id, counters in shares.items():
            for role_id in attributed.get(share_id, []):
                totals[(uuid.UUID(role_id), period, index)].add(counters)
    return totals
