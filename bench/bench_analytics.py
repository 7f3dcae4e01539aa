"""The dashboards over 10 million clicks' worth of rollups: one organisation with 2,000
members in 20 roles, 500 content items, 100,000 shares posted over two years, each with two
weeks of daily rollups (~106 human clicks each, over 10M in total). Times GET
.../analytics/summary for every grouping (default 30 days, and a year) and GET
.../analytics/objectives over HTTP against gunicorn with production settings, side by side
with /healthz (bench/harness.py). Goal: p95 under 100 ms. Needs PostgreSQL (the dataset is
loaded with COPY) and Redis.

Raw clicks and hourly rollups are not generated: the dashboards never read them.
"""

import time
from datetime import timedelta

from django.utils import timezone

from bench.datasets import LOGIN_PASSWORD, analytics_dataset, enable_logins
from bench.figures import Figure
from bench.harness import ProductionServer, alternate, http_ready

PER_ROUND = 4


def run() -> list[Figure]:
    missing = http_ready()
    if missing:
        print(f"bench_analytics: skipped ({missing})")
        return []
    started = time.perf_counter()
    data = analytics_dataset()
    load_seconds = time.perf_counter() - started
    print(f"bench_analytics: {data['daily_rows']:,} daily rollup rows holding {data['clicks']:,} human clicks")
    enable_logins([data["admin"], data["employee"]])
    base = "/api/v1/orgs/bench-analytics/analytics"
    year_ago = (timezone.now().date() - timedelta(days=364)).isoformat()
    figures = [Figure("analytics dataset load (COPY)", load_seconds, "s")]
    server = ProductionServer(env={"API_USER_RATE": "1000000/min"})
    with server.running():
        admin = {"X-Session-Token": server.login(data["admin"].email, LOGIN_PASSWORD)}
        employee = {"X-Session-Token": server.login(data["employee"].email, LOGIN_PASSWORD)}

        def measure(path: str, token: dict[str, str], label: str, *, target: float | None = 100.0) -> None:
            timing = alternate(server.base_url, path, headers=token, per_round=PER_ROUND)
            figures.extend(timing.latency_figures(label, p95_target=target))

        for group_by in ("content", "role", "audience", "member", "network", "day"):
            measure(f"{base}/summary?group_by={group_by}", admin, f"summary by {group_by} (30 days)")
        for group_by in ("content", "role", "member", "network", "day"):
            measure(f"{base}/summary?group_by={group_by}&from={year_ago}", admin, f"summary by {group_by} (1 year)")
        measure(f"{base}/summary?group_by=day&from={year_ago}", employee, "summary, an employee's own (1 year)")
        measure(f"{base}/objectives", admin, "objectives (20 roles)")
    server.cleanup()
    return figures
