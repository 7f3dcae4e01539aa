"""`make load`: the load test, one command, bounded in time.

Creates a throw-away database (as `make bench` does), builds the dataset (bench/datasets.py
generators: a 10,000-member organisation whose employees share, and one with 10,000 posted
shares and their rollups whose admins read dashboards), starts the production processes on
loopback (gunicorn 2 workers x 4 threads, a Celery worker, a poster and beat, production
settings), runs locust headless for LOAD_DURATION (default 5m) with the scenario in
bench/load/locustfile.py, and prints requests/s, p50 and p99 per endpoint and the error
rate. CSVs and a JSON summary go to bench/results/load-<time>*.

Environment: LOAD_DURATION (5m), LOAD_EMPLOYEES (16), LOAD_ADMINS (3), LOAD_CLICKERS (6),
LOAD_CLICK_RATE (clicks/s per clicker, 25), LOAD_THINK_SECONDS (2), LOAD_SIZE (full|smoke).
Needs PostgreSQL (DATABASE_URL) and Redis (REDIS_URL). Exits non-zero on any error.
"""

import json
import os
import platform
import sys
import time
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django

django.setup()

from django.test.runner import DiscoverRunner  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from bench.harness import ProductionServer, ensure_database_role, http_ready  # noqa: E402
from bench.load.runner import SERVER_ENV, LoadConfig, build_dataset, run_locust, settle  # noqa: E402

RESULTS = Path(__file__).resolve().parent.parent / "results"


def main() -> int:
    config = LoadConfig.from_env()
    config.seconds  # noqa: B018 - validates LOAD_DURATION before minutes of setup
    missing = http_ready()
    if missing:
        print(f"load: cannot run ({missing})")
        return 2
    ensure_database_role()
    setup_test_environment()
    runner = DiscoverRunner(verbosity=0, interactive=False)
    old_config = runner.setup_databases()
    stamp = time.strftime("%Y%m%dT%H%M%S")
    try:
        started = time.perf_counter()
        plan = build_dataset(config)
        print(
            f"load: dataset built in {time.perf_counter() - started:.0f}s; {config.users} users for {config.duration}"
        )
        server = ProductionServer(worker=True, poster=True, beat=True, env=SERVER_ENV)
        load_before = os.getloadavg()
        with server.running():
            result = run_locust(config, plan, server, RESULTS / f"load-{stamp}")
            result.outcome = settle(plan, server)
        load_after = os.getloadavg()
        server.cleanup()
    finally:
        runner.teardown_databases(old_config)
    print(result.table())
    outcome = result.outcome
    redirects = result.row("GET /l/{code}")
    print(
        f"pipeline: {outcome['shares_confirmed']} shares confirmed, {outcome['shares_posted']} posted, "
        f"{outcome['shares_pending']} still pending, {outcome['shares_failed']} failed; "
        f"clicks: {redirects.requests - redirects.failures if redirects else 0} redirects answered, "
        f"{outcome['clicks_recorded']} recorded"
    )
    print(f"load average (1, 5, 15 min) before: {load_before}, after: {load_after}")
    (RESULTS / f"load-{stamp}.json").write_text(
        json.dumps(
            {
                "when": stamp,
                "config": config.__dict__,
                "machine": {"python": platform.python_version(), "cpus": os.cpu_count()},
                "load_average": {"before": load_before, "after": load_after},
                **result.as_dict(),
            },
            indent=2,
        )
    )
    print(f"CSV and JSON: {RESULTS}/load-{stamp}*")
    return 0 if result.total.failures == 0 and result.exit_code == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
