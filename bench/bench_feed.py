"""GET /feed/ for one member of a large organisation (200 roles, 2,000 audiences, 50,000
content items, 200,000 grid cells, 100,000 members), over HTTP against gunicorn with
production settings, side by side with /healthz (bench/harness.py). Target: p95 under 30 ms.
Needs PostgreSQL (the dataset is loaded with COPY) and Redis."""

import time

from bench.datasets import LOGIN_PASSWORD, enable_logins, feed_dataset
from bench.figures import Figure
from bench.harness import ProductionServer, alternate, http_ready


def run() -> list[Figure]:
    missing = http_ready()
    if missing:
        print(f"bench_feed: skipped ({missing})")
        return []
    started = time.perf_counter()
    data = feed_dataset()
    load_seconds = time.perf_counter() - started
    enable_logins([data["user"]])
    figures = [Figure("feed dataset load (COPY)", load_seconds, "s")]
    server = ProductionServer(env={"API_USER_RATE": "1000000/min"})
    with server.running():
        token = {"X-Session-Token": server.login(data["user"].email, LOGIN_PASSWORD)}
        first = alternate(server.base_url, "/api/v1/orgs/scale/feed/", headers=token, per_round=12, warmup=5)
        third = alternate(server.base_url, "/api/v1/orgs/scale/feed/?page=3", headers=token, per_round=6)
    server.cleanup()
    figures += first.latency_figures("feed first page", p95_target=30.0)
    figures += third.latency_figures("feed page 3", p95_target=30.0)
    return figures
