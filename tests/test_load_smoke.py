"""The load-test scenario (bench/load/locustfile.py) run briefly, as `make load` runs it for
minutes: locust against gunicorn with production settings and a real Celery worker, on
loopback. No request may fail (a 409 counts only where the scenario provokes it), every
kind of request must have been made, every confirmed share must be posted, and every
redirect must become a recorded click."""

from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from bench.harness import ProductionServer
from bench.load.runner import SERVER_ENV, LoadConfig, build_dataset, run_locust, settle

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql" or not settings.TEST_REDIS_URL,
    reason="needs PostgreSQL (DATABASE_URL) and Redis (REDIS_URL), as in CI",
)

SCENARIO = [
    "POST /_allauth/app/v1/auth/login",
    "GET /orgs/{org}/connections/",
    "GET /orgs/{org}/feed/?page=N",
    "POST /orgs/{org}/shares/",
    "PATCH /orgs/{org}/shares/{id}/",
    "POST /orgs/{org}/shares/{id}/confirm",
    "GET /l/{code}",
]


@pytest.mark.django_db(transaction=True)
def test_the_load_scenario_runs_briefly_without_errors(tmp_path: Path) -> None:
    config = LoadConfig(
        duration="12s",
        employees=3,
        admins=1,
        clickers=2,
        clicks_per_second_per_user=10,
        think_seconds=0.3,
        size="smoke",
    )
    plan = build_dataset(config)
    server = ProductionServer(web_workers=1, worker=True, worker_queues="celery,posting", env=SERVER_ENV)
    with server.running():
        result = run_locust(config, plan, server, tmp_path / "load")
        outcome = settle(plan, server, wait_seconds=30)
    server.cleanup()
    print(result.table(), outcome)

    assert result.total.failures == 0, result.table()
    assert result.exit_code == 0, result.table()
    made = {row.name: row.requests for row in result.rows}
    assert all(made.get(name, 0) > 0 for name in SCENARIO), made
    assert any(name.startswith("GET /orgs/{org}/analytics/") for name in made), made
    assert outcome["shares_confirmed"] > 0
    assert outcome["shares_posted"] == outcome["shares_confirmed"], outcome
    # A request in flight when locust stopped may be recorded without being counted here.
    assert outcome["clicks_recorded"] >= made["GET /l/{code}"], outcome
