"""Coaching weeks (a week is named by its Monday), in UTC days like the analytics rollups,
so "this week" means the same thing in coaching and in results."""

from datetime import UTC, date, timedelta

from django.utils import timezone


def today() -> date:
    return timezone.now().astimezone(UTC).date()


def week_of(day: date) -> date:
    """The Monday of ``day``'s ISO week."""
    return day - timedelta(days=day.weekday())
