"""The dashboards over 10 million clicks' worth of rollups: one organisation with 2,000
members in 20 roles, 500 content items, 50,000 shares posted over two years, each with about
two weeks of daily rollups (~10M human clicks in total). Times GET .../analytics/summary for
every grouping (default 30 days, and a year) and GET .../analytics/objectives, end to end
through Django. Goal: under 100 ms. PostgreSQL only: the dataset is loaded with COPY.

Raw clicks and hourly rollups are not generated: the dashboards never read them.
"""

import random
import time
import uuid
from collections import Counter, defaultdict
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

from django.db import connection
from django.test import Client
from django.utils import timezone

from advocacy.accounts.models import Membership, Organization, User
from advocacy.analytics.models import AttributedDailyStats, ShareAttribution, ShareDailyStats
from advocacy.audiences.models import Audience
from advocacy.content.models import ContentItem, ContentVersion
from advocacy.networks.models import NetworkConnection
from advocacy.roles.models import AdvocacyRole, RoleAssignment
from advocacy.shares.models import Share
from bench.datasets import UNUSABLE_PASSWORD, copy_rows, ids
from bench.figures import Figure, median, p95, timed_ms

ROLES, AUDIENCES, MEMBERS, CONTENT, SHARES = 20, 50, 2_000, 500, 50_000
DAYS = 730
NETWORKS = ("linkedin", "x", "mastodon", "bluesky")
PERIODS = ("week", "month", "quarter", "year")
METRICS = ("clicks", "unique_visitors", "shares", "conversations", "reactions")
# Clicks of a share fade day after day: the first day gets ~40% of them.
DECAY = 0.6
CLICK_DAYS = 14


def _dataset(seed: int = 11) -> dict[str, Any]:
    rng = random.Random(seed)
    now = timezone.now()
    today = now.date()
    organization = Organization.objects.create(slug="bench-analytics", name="Bench analytics")
    org_id = organization.pk
    role_ids, audience_ids, content_ids, version_ids = ids(ROLES), ids(AUDIENCES), ids(CONTENT), ids(CONTENT)
    user_ids, member_ids, connection_ids = ids(MEMBERS + 1), ids(MEMBERS + 1), ids(MEMBERS)

    copy_rows(
        AdvocacyRole,
        (
            {
                "id": pk,
                "organization_id": org_id,
                "name": f"Role {n}",
                "networks": [],
                "objectives": [
                    {"name": f"{metric} per {period}", "metric": metric, "target": 100, "period": period}
                    for metric, period in zip(METRICS, rng.sample(PERIODS * 2, 3), strict=False)
                ],
            }
            for n, pk in enumerate(role_ids)
        ),
    )
    copy_rows(
        Audience,
        (
            {"id": pk, "organization_id": org_id, "name": f"Audience {n}", "topics": [], "networks": []}
            for n, pk in enumerate(audience_ids)
        ),
    )
    copy_rows(
        User,
        (
            {
                "id": pk,
                "email": f"analyst{n}@bench.example",
                "name": f"Member {n}",
                "password": UNUSABLE_PASSWORD,
                "date_joined": now,
            }
            for n, pk in enumerate(user_ids)
        ),
    )
    # The last membership is the admin who reads the dashboards.
    copy_rows(
        Membership,
        (
            {
                "id": member_ids[n],
                "organization_id": org_id,
                "user_id": user_ids[n],
                "org_role": "admin" if n == MEMBERS else "employee",
            }
            for n in range(MEMBERS + 1)
        ),
    )
    member_role = {member: rng.choice(role_ids) for member in member_ids[:MEMBERS]}
    copy_rows(
        RoleAssignment,
        ({"organization_id": org_id, "role_id": role, "membership_id": member} for member, role in member_role.items()),
    )
    copy_rows(
        ContentItem,
        (
            {
                "id": pk,
                "organization_id": org_id,
                "title": f"Item {n}",
                "angles": {},
                "networks": [],
                "status": "approved",
                "version": 1,
            }
            for n, pk in enumerate(content_ids)
        ),
    )
    copy_rows(
        ContentVersion,
        (
            {
                "id": version_ids[n],
                "organization_id": org_id,
                "content_id": content_ids[n],
                "number": 1,
                "title": f"Item {n}",
                "url": f"https://news.example.com/{n}",
                "angles": {},
                "networks": [],
            }
            for n in range(CONTENT)
        ),
    )
    copy_rows(
        NetworkConnection,
        (
            {
                "id": connection_ids[n],
                "organization_id": org_id,
                "membership_id": member_ids[n],
                "network": "linkedin",
                "account_id": f"a{n}",
            }
            for n in range(MEMBERS)
        ),
    )

    shares: list[tuple[uuid.UUID, int, int, str, date]] = []
    taken: set[tuple[int, int, str]] = set()
    while len(shares) < SHARES:
        member, item, network = rng.randrange(MEMBERS), rng.randrange(CONTENT), rng.choice(NETWORKS)
        if (member, item, network) in taken:
            continue
        taken.add((member, item, network))
        shares.append((uuid.uuid4(), member, item, network, today - timedelta(days=rng.randrange(DAYS))))
    # Rows land in the order time creates them (a share's rollup rows are written as its
    # days come), so the last 30 days sit together at the end of the table, as in production.
    shares.sort(key=lambda share: share[4])

    copy_rows(
        Share,
        (
            {
                "id": pk,
                "organization_id": org_id,
                "membership_id": member_ids[member],
                "content_id": content_ids[item],
                "content_version_id": version_ids[item],
                "connection_id": connection_ids[member],
                "network": network,
                "text": "Mine",
                "final_text": "Mine",
                "tracked_code": f"a{n}",
                "status": "posted",
                "posted_at": datetime.combine(day, datetime.min.time(), tzinfo=UTC),
            }
            for n, (pk, member, item, network, day) in enumerate(shares)
        ),
    )

    share_audiences = {pk: rng.sample(audience_ids, rng.randint(1, 2)) for pk, *_ in shares}
    copy_rows(
        ShareAttribution,
        (
            {
                "organization_id": org_id,
                "share_id": pk,
                "role_ids": [str(member_role[member_ids[member]])],
                "audience_ids": [str(audience) for audience in share_audiences[pk]],
            }
            for pk, member, *_ in shares
        ),
    )

    clicks_total = 0
    # What the batch writer keeps per attributed role and audience, summed as rows are made.
    attributed: dict[tuple[str, uuid.UUID, date], Counter[str]] = defaultdict(Counter)

    def daily_rows() -> Iterator[dict[str, Any]]:
        nonlocal clicks_total
        for pk, member, item, network, posted in shares:
            clicks = rng.randint(50, 350)  # ~200 on average: 50,000 shares -> ~10M clicks
            for offset in range(CLICK_DAYS):
                day = posted + timedelta(days=offset)
                if day > today:
                    break
                share_of_day = int(clicks * (1 - DECAY) * DECAY**offset) + (1 if offset == 0 else 0)
                clicks_total += share_of_day
                counters = {
                    "shares_posted": 1 if offset == 0 else 0,
                    "clicks": share_of_day,
                    "unique_visitors": share_of_day * 4 // 5,
                    "bot_hits": share_of_day // 3,
                    "reactions": share_of_day // 4,
                    "comments": share_of_day // 20,
                    "reposts": share_of_day // 30,
                }
                keys = [("role", member_role[member_ids[member]])] + [("audience", a) for a in share_audiences[pk]]
                for dimension, key in keys:
                    attributed[(dimension, key, day)].update(counters)
                yield {
                    "organization_id": org_id,
                    "share_id": pk,
                    "day": day,
                    "content_id": content_ids[item],
                    "membership_id": member_ids[member],
                    "network": network,
                    **counters,
                }

    rows = copy_rows(ShareDailyStats, daily_rows())
    copy_rows(
        AttributedDailyStats,
        (
            {"organization_id": org_id, "dimension": dimension, "key": key, "day": day, **counters}
            for (dimension, key, day), counters in attributed.items()
        ),
    )
    with connection.cursor() as cursor:
        # What autovacuum does soon after a load: statistics, and the visibility map that
        # lets the summary sum a range from the covering index alone.
        for model in (ShareDailyStats, AttributedDailyStats, ShareAttribution):
            cursor.execute(f"VACUUM ANALYZE {model._meta.db_table}")
        cursor.execute("ANALYZE")
    return {
        "admin": User.objects.get(pk=user_ids[MEMBERS]),
        "employee": User.objects.get(pk=user_ids[shares[0][1]]),
        "daily_rows": rows,
        "clicks": clicks_total,
    }


def run() -> list[Figure]:
    if connection.vendor != "postgresql":
        print("bench_analytics: skipped (needs PostgreSQL: set DATABASE_URL)")
        return []
    started = time.perf_counter()
    data = _dataset()
    load_seconds = time.perf_counter() - started
    print(f"bench_analytics: {data['daily_rows']:,} daily rollup rows holding {data['clicks']:,} human clicks")
    admin = Client()
    admin.force_login(data["admin"])
    employee = Client()
    employee.force_login(data["employee"])
    base = "/api/v1/orgs/bench-analytics/analytics"
    year_ago = (timezone.now().date() - timedelta(days=364)).isoformat()

    def timed(client: Client, path: str) -> list[float]:
        def call() -> None:
            response = client.get(path)
            assert response.status_code == 200, response.content[:300]

        return timed_ms(call, rounds=20, warmup=3)

    figures = [Figure("analytics dataset load (COPY)", load_seconds, "s")]
    for group_by in ("content", "role", "audience", "member", "network", "day"):
        samples = timed(admin, f"{base}/summary?group_by={group_by}")
        figures.append(Figure(f"summary by {group_by} (30 days) median", median(samples), "ms"))
        figures.append(Figure(f"summary by {group_by} (30 days) p95", p95(samples), "ms", 100.0))
    for group_by in ("content", "role", "member"):
        samples = timed(admin, f"{base}/summary?group_by={group_by}&from={year_ago}")
        figures.append(Figure(f"summary by {group_by} (1 year) median", median(samples), "ms"))
    samples = timed(employee, f"{base}/summary?group_by=day&from={year_ago}")
    figures.append(Figure("summary, an employee's own (1 year) p95", p95(samples), "ms", 100.0))
    samples = timed(admin, f"{base}/objectives")
    figures.append(Figure("objectives (20 roles) p95", p95(samples), "ms", 100.0))
    return figures
