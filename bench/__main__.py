"""`make bench`: run every benchmark in bench/ and print one table.

Each ``bench/bench_*.py`` module exposes ``run() -> list[Figure]``; ``python -m bench
bench_feed bench_redirect`` runs only those. Benchmarks run against a throw-away database
created the way the test-suite creates one (PostgreSQL when DATABASE_URL points at it), so
they never touch real data. HTTP figures are measured against gunicorn with production
settings, in alternating rounds with ``/healthz`` on the same server (bench/harness.py):
the table shows each with its baseline and ratio. Results are also written as JSON to
bench/results/.
"""

import importlib
import json
import os
import pkgutil
import platform
import sys
import time
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test.runner import DiscoverRunner  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from bench.figures import Figure, table  # noqa: E402
from bench.harness import ROUNDS, ensure_database_role  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results"


def main() -> int:
    only = sys.argv[1:]
    modules = [
        name
        for _, name, _ in pkgutil.iter_modules([str(Path(__file__).parent)])
        if name.startswith("bench_") and (not only or name in only)
    ]
    ensure_database_role()
    setup_test_environment()
    runner = DiscoverRunner(verbosity=0, interactive=False)
    old_config = runner.setup_databases()
    figures: list[Figure] = []
    try:
        for name in modules:
            figures.extend(importlib.import_module(f"bench.{name}").run())
    finally:
        runner.teardown_databases(old_config)
    print(table(figures))
    RESULTS.mkdir(exist_ok=True)
    stamp = time.strftime("%Y%m%dT%H%M%S")
    (RESULTS / f"{stamp}.json").write_text(
        json.dumps(
            {
                "when": stamp,
                "machine": {
                    "python": platform.python_version(),
                    "cpus": os.cpu_count(),
                    "db": connection.vendor,
                    "load_average": os.getloadavg(),
                },
                "rounds": ROUNDS,
                "figures": [figure.as_dict() for figure in figures],
            },
            indent=2,
        )
    )
    return 0 if all(figure.passed for figure in figures) else 1


if __name__ == "__main__":
    sys.exit(main())
