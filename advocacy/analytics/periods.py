"""Date ranges of the dashboards and the periods of role objectives (UTC calendar days)."""

import calendar
from dataclasses import dataclass, field
from datetime import date, timedelta

from advocacy.core.errors import DomainError
from advocacy.roles.models import ObjectivePeriod

DEFAULT_RANGE_DAYS = 30
# "Two years", leap day included.
MAX_RANGE_DAYS = 731
# How many periods before the current one an objective's trend shows.
TREND_PERIODS = {
    ObjectivePeriod.WEEK: 8,
    ObjectivePeriod.MONTH: 6,
    ObjectivePeriod.QUARTER: 4,
    ObjectivePeriod.YEAR: 2,
}
_MONTHS = {ObjectivePeriod.MONTH: 1, ObjectivePeriod.QUARTER: 3, ObjectivePeriod.YEAR: 12}


class InvalidRangeError(DomainError):
    """A date range the dashboards refuse (answered 400)."""

    default_code = "invalid_range"


def date_range(*, start: date | None, end: date | None, today: date) -> tuple[date, date]:
    """The inclusive range to report on: the last 30 days by default; ``start`` alone runs
    to today, ``end`` alone covers the 30 days before it."""
    try:
        end = end or (today if start is None or start <= today else start)
        start = start or end - timedelta(days=DEFAULT_RANGE_DAYS - 1)
    except OverflowError as exc:  # 0001-01-01 minus 29 days
        raise InvalidRangeError("The dates are outside the calendar we support.") from exc
    if start > end:
        raise InvalidRangeError("`from` must be on or before `to`.")
    if (end - start).days + 1 > MAX_RANGE_DAYS:
        raise InvalidRangeError("The range may cover at most two years.", code="range_too_long")
    return start, end


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # inclusive


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def period_containing(day: date, period: str) -> Period:
    if period == ObjectivePeriod.WEEK:
        start = day - timedelta(days=day.weekday())
        return Period(start, start + timedelta(days=6))
    months = _MONTHS[ObjectivePeriod(period)]
    first_month = (day.month - 1) // months * months + 1
    start = date(day.year, first_month, 1)
    return Period(start, _add_months(start, months) - timedelta(days=1))


def period_before(current: Period, period: str) -> Period:
    return period_containing(current.start - timedelta(days=1), period)


def periods_until(today: date, period: str) -> list[Period]:
    """The current period first, then the trend's previous periods, newest to oldest."""
    periods = [period_containing(today, period)]
    for _ in range(TREND_PERIODS[ObjectivePeriod(period)]):
        periods.append(period_before(periods[-1], period))
    return periods


@dataclass(frozen=True)
class RangeParts:
    """A range of days as sums of rollups: the months in ``months`` (monthly rows), plus the
    days in ``days``, minus the days in ``minus_days`` (daily rows)."""

    days: list[date]
    months: list[date]  # first days
    minus_days: list[date] = field(default_factory=list)


def range_parts(start: date, end: date, *, today: date) -> RangeParts:
    """``start``..``end`` in as few rollup rows as the calendar allows. A month counts as
    whole when the range covers it up to its last day, or up to today for the current month:
    the rollups hold nothing for days that have not come yet. A month the range covers only
    in part is read day by day, or, when it covers most of it, as the whole month minus the
    days it leaves out: so the ends of a range never read more than about half a month of
    daily rows each."""
    parts = RangeParts(days=[], months=[])
    month = start.replace(day=1)
    while True:
        last = month.replace(day=calendar.monthrange(month.year, month.month)[1])
        counted_until = min(last, today)  # no rollups after today
        if start <= month and end >= counted_until:
            parts.months.append(month)
        else:
            first, until = max(start, month), min(end, last)
            covered = days_between(first, until)
            left_out = days_between(month, first - timedelta(days=1)) if first > month else []
            if until < counted_until:
                left_out += days_between(until + timedelta(days=1), counted_until)
            if len(left_out) < len(covered):
                parts.months.append(month)
                parts.minus_days.extend(left_out)
            else:
                parts.days.extend(covered)
        if last >= end:  # before stepping past the calendar's last day (9999-12-31)
            return parts
        month = last + timedelta(days=1)


def days_between(first: date, last: date) -> list[date]:
    """Every day from ``first`` to ``last``, both included (none when ``last`` is earlier)."""
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]
