"""Ranges read whole months from the monthly rollups and their ends from the daily ones:
whatever the split, the figures are those of the days asked for, no more and no fewer."""

from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import pytest
from django.utils import timezone

from advocacy.accounts.models import Organization
from advocacy.analytics.models import AttributedMonthlyStats
from advocacy.analytics.periods import RangeParts, range_parts
from advocacy.analytics.selectors import GROUPINGS
from tests.analytics.conftest import audience_in, click, content_titled, posted_share, record, role_in
from tests.conftest import MakeMember
from tests.factories import GridCellFactory, assign_roles

SUMMARY = "/api/v1/orgs/acme/analytics/summary"


def _days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


@pytest.mark.parametrize(
    ("start", "end", "today", "expected"),
    [
        # A few days of a past month: those days.
        (
            date(2026, 3, 5),
            date(2026, 3, 12),
            date(2026, 12, 7),
            RangeParts(_days(date(2026, 3, 5), date(2026, 3, 12)), []),
        ),
        # Most of a past month: the month, minus the days left out.
        (
            date(2026, 3, 5),
            date(2026, 3, 28),
            date(2026, 12, 7),
            RangeParts(
                [],
                [date(2026, 3, 1)],
                _days(date(2026, 3, 1), date(2026, 3, 4)) + _days(date(2026, 3, 29), date(2026, 3, 31)),
            ),
        ),
        # A whole past month in the middle, days at both ends.
        (
            date(2026, 1, 30),
            date(2026, 3, 2),
            date(2026, 12, 7),
            RangeParts([date(2026, 1, 30), date(2026, 1, 31), date(2026, 3, 1), date(2026, 3, 2)], [date(2026, 2, 1)]),
        ),
        # The current month is whole once the range reaches today: nothing comes after today.
        # The 30 days before it: most of November, so November minus its first week.
        (
            date(2026, 11, 8),
            date(2026, 12, 7),
            date(2026, 12, 7),
            RangeParts([], [date(2026, 11, 1), date(2026, 12, 1)], _days(date(2026, 11, 1), date(2026, 11, 7))),
        ),
        # ... but not when the range stops before today (and the days after today count
        # for nothing when weighing the month).
        (
            date(2026, 12, 1),
            date(2026, 12, 3),
            date(2026, 12, 7),
            RangeParts(_days(date(2026, 12, 1), date(2026, 12, 3)), []),
        ),
        (
            date(2026, 12, 1),
            date(2026, 12, 5),
            date(2026, 12, 7),
            RangeParts([], [date(2026, 12, 1)], [date(2026, 12, 6), date(2026, 12, 7)]),
        ),
        # The first and last days of the calendar are no trouble.
        (
            date(1, 1, 1),
            date(1, 1, 20),
            date(2026, 12, 7),
            RangeParts([], [date(1, 1, 1)], _days(date(1, 1, 21), date(1, 1, 31))),
        ),
        (date(9999, 12, 1), date(9999, 12, 31), date(2026, 12, 7), RangeParts([], [date(9999, 12, 1)])),
    ],
    ids=[
        "few-days",
        "most-of-a-month",
        "month-between-ends",
        "thirty-days",
        "stops-well-before-today",
        "stops-just-before-today",
        "calendar-start",
        "calendar-end",
    ],
)
def test_a_range_splits_into_whole_months_and_days(start: date, end: date, today: date, expected: RangeParts) -> None:
    assert range_parts(start, end, today=today) == expected


def _at(day: date) -> datetime:
    return datetime.combine(day, time(12), tzinfo=UTC)


def _clicks(client: Any, group_by: str, start: date, end: date) -> dict[str, int]:
    response = client.get(SUMMARY, {"group_by": group_by, "from": start.isoformat(), "to": end.isoformat()})
    assert response.status_code == 200, response.content
    return {row["key"]: row["clicks"] for row in response.json()["results"] if row["clicks"]}


@pytest.fixture
def two_months(org: Organization, outsider_org: Organization, make_member: MakeMember) -> dict[str, Any]:
    """One share posted on the 1st of the month before last, clicked on its 3rd, its 20th and
    on the 2nd of last month; the outsider's share is clicked on the same days."""
    today = timezone.now().date()
    last_month = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
    before = (last_month - timedelta(days=1)).replace(day=1)
    member, sales, report = make_member(org), role_in(org, name="Sales"), content_titled(org, "The report")
    assign_roles(member, sales)
    GridCellFactory(organization=org, role=sales, audience=audience_in(org, name="CIOs"), content=report)
    share = posted_share(org, membership=member, content=report, network="linkedin", posted_at=_at(before))
    theirs = posted_share(outsider_org, network="linkedin", posted_at=_at(before))
    days = [before + timedelta(days=2), before + timedelta(days=19), last_month + timedelta(days=1)]
    record(*(click(s, at=_at(day), visitor=f"v{n}") for n, day in enumerate(days) for s in (share, theirs)))
    return {"member": member, "before": before, "last_month": last_month, "share": share}


@pytest.mark.parametrize("group_by", [g for g in GROUPINGS if g != "day"])
def test_every_grouping_counts_exactly_the_days_asked_for(
    two_months: dict[str, Any], client_for: Any, make_member: MakeMember, group_by: str
) -> None:
    client = client_for(make_member(two_months["member"].organization, "admin").user)
    before, last_month = two_months["before"], two_months["last_month"]
    month_end = last_month - timedelta(days=1)

    whole_month = _clicks(client, group_by, before, month_end)  # one monthly row
    its_first_ten_days = _clicks(client, group_by, before, before + timedelta(days=9))  # daily rows
    most_of_it = _clicks(client, group_by, before + timedelta(days=3), month_end)  # the month minus 3 days
    across = _clicks(client, group_by, before + timedelta(days=10), last_month + timedelta(days=5))  # both ways
    everything = _clicks(client, group_by, before - timedelta(days=40), timezone.now().date())  # months and days

    assert list(whole_month.values()) == [2]
    assert list(its_first_ten_days.values()) == [1]
    assert list(most_of_it.values()) == [1]
    assert list(across.values()) == [2]
    assert list(everything.values()) == [3]
    assert AttributedMonthlyStats.objects.unscoped().filter(month=before, dimension="organization").count() == 2


def test_the_summary_by_day_reads_every_day(
    two_months: dict[str, Any], client_for: Any, make_member: MakeMember
) -> None:
    client = client_for(make_member(two_months["member"].organization, "admin").user)
    before = two_months["before"]

    by_day = _clicks(client, "day", before, before + timedelta(days=40))

    assert by_day == {
        (before + timedelta(days=2)).isoformat(): 1,
        (before + timedelta(days=19)).isoformat(): 1,
        (two_months["last_month"] + timedelta(days=1)).isoformat(): 1,
    }
