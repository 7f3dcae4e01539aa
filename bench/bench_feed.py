"""GET /feed/ for one member of a large organisation (200 roles, 2,000 audiences, 50,000
content items, 200,000 grid cells, 100,000 members). Target: p95 under 30 ms of server
time. PostgreSQL only: the dataset is loaded with COPY."""

import time

from django.db import connection
from django.test import Client

from bench.datasets import feed_dataset
from bench.figures import Figure, median, p95, timed_ms


def run() -> list[Figure]:
    if connection.vendor != "postgresql":
        print("bench_feed: skipped (needs PostgreSQL: set DATABASE_URL)")
        return []
    started = time.perf_counter()
    data = feed_dataset()
    load_seconds = time.perf_counter() - started
    client = Client()
    client.force_login(data["user"])
    samples = timed_ms(lambda: client.get("/api/v1/orgs/scale/feed/"), rounds=60, warmup=5)
    filtered = timed_ms(lambda: client.get("/api/v1/orgs/scale/feed/?page=3"), rounds=30, warmup=3)
    return [
        Figure("feed dataset load (COPY)", load_seconds, "s"),
        Figure("feed first page median", median(samples), "ms"),
        Figure("feed first page p95", p95(samples), "ms", 30.0),
        Figure("feed page 3 p95", p95(filtered), "ms", 30.0),
    ]
