"""The demo organisation comes with posted shares, clicks and engagement, and seeding it
again changes none of its figures."""

from typing import Any

from django.core.management import call_command
from django.test import Client

from advocacy.analytics.models import Click, ShareDailyStats


def _demo_summary() -> dict[str, Any]:
    client = Client()
    login = client.post(
        "/_allauth/browser/v1/auth/login",
        {"email": "admin@demo.example", "password": "advocacy-demo"},
        content_type="application/json",
    )
    assert login.status_code == 200
    response = client.get("/api/v1/orgs/demo/analytics/summary?group_by=member")
    assert response.status_code == 200, response.content
    body: dict[str, Any] = response.json()
    return body


def test_the_demo_has_analytics_and_seeding_again_counts_nothing_twice(db: Any) -> None:
    call_command("seed_demo", "--quiet")
    first = _demo_summary()
    clicks = Click.objects.unscoped().count()

    call_command("seed_demo", "--quiet")

    assert sum(row["clicks"] for row in first["results"]) > 0
    assert sum(row["reactions"] for row in first["results"]) > 0
    assert len(first["results"]) == 3
    assert Click.objects.unscoped().count() == clicks
    assert _demo_summary() == first
    assert ShareDailyStats.objects.unscoped().filter(shares_posted=1).count() == 4
