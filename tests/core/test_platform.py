"""Health endpoints, the error handler's last resort, and the SPA fallback."""

import os
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from rest_framework.test import APIRequestFactory

from advocacy.core.api import exception_handler


def test_healthz_answers_without_touching_the_database(db: Any, django_assert_num_queries: Any) -> None:
    with django_assert_num_queries(0):
        response = Client().get("/healthz")

    assert response.json() == {"status": "ok"}


def test_readyz_checks_the_database_and_redis_when_configured(db: Any) -> None:
    response = Client().get("/readyz")

    assert response.status_code == 200
    assert response.json()["checks"]["database"] == "ok"
    if settings.REDIS_URL:
        assert response.json()["checks"]["redis"] == "ok"


def test_readyz_reports_an_unreachable_redis(db: Any, settings: Any) -> None:
    settings.REDIS_URL = "redis://127.0.0.1:1/0"

    response = Client().get("/readyz")

    assert response.status_code == 503
    assert response.json()["checks"]["redis"].startswith("error")


def test_an_unexpected_error_becomes_a_json_500_without_details() -> None:
    request = APIRequestFactory().get("/api/v1/x")

    response = exception_handler(RuntimeError("secret internals"), {"request": request, "view": None})

    assert response.status_code == 500
    assert response.data == {"code": "server_error", "detail": "Something went wrong on our side. It has been logged."}


@pytest.mark.parametrize("path", ["/", "/o/demo", "/account/verify-email/abc", "/invitations/xyz"])
def test_app_paths_serve_the_spa(db: Any, settings: Any, tmp_path: Any, path: str) -> None:
    (tmp_path / "index.html").write_text('<!doctype html><div id="root"></div>')
    settings.SPA_DIST_DIR = tmp_path

    response = Client().get(path)

    assert response.status_code == 200
    assert b'<div id="root">' in b"".join(response.streaming_content)  # type: ignore[attr-defined]
    assert response["Cache-Control"] == "no-cache"


def test_without_a_built_spa_the_page_says_how_to_build_it(db: Any, settings: Any, tmp_path: Any) -> None:
    settings.SPA_DIST_DIR = tmp_path / "missing"

    response = Client().get("/")

    assert response.status_code == 503
    assert b"make run" in response.content


def test_api_paths_never_fall_back_to_the_spa(db: Any) -> None:
    response = Client().get("/api/v1/no-such-endpoint")

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_ci_runs_against_postgresql_and_redis(db: Any) -> None:
    from django.db import connection

    if os.environ.get("CI") == "true":
        assert connection.vendor == "postgresql", "CI must run the backend tests on PostgreSQL"
        assert settings.REDIS_URL, "CI must give the tests Redis"
    else:
        assert connection.vendor in {"postgresql", "sqlite"}
