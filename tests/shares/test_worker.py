"""A confirmed share goes through the real broker (Redis in CI) to a real worker and is
posted once, even when its message is delivered twice."""

import time
from collections.abc import Iterator
from typing import Any

import pytest
from celery.contrib.testing.worker import start_worker
from django.conf import settings

from advocacy.accounts.models import Organization
from advocacy.networks.models import SandboxPost
from advocacy.shares.models import Share
from advocacy.shares.tasks import share_publish_task
from config.celery import app
from tests.shares.conftest import Sharer, _sharer
from tests.shares.test_shares import MY_WORDS, _draft

pytestmark = [
    pytest.mark.skipif(not settings.TEST_REDIS_URL, reason="needs REDIS_URL (set in CI)"),
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def redis_worker() -> Iterator[Any]:
    app.conf.update(task_always_eager=False, broker_url=settings.TEST_REDIS_URL)
    try:
        with start_worker(
            app, pool="solo", perform_ping_check=False, shutdown_timeout=10, queues=["celery", "posting"]
        ) as worker:
            yield worker
    finally:
        app.conf.update(task_always_eager=True, broker_url=settings.CELERY_BROKER_URL)


def _wait_for(predicate: Any, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.1)
    raise AssertionError("timed out waiting for the worker")


def test_a_confirmed_share_is_posted_once_by_a_real_worker(
    org: Organization, make_member: Any, client_for: Any, sales: Any, content: Any, redis_worker: Any
) -> None:
    sharer: Sharer = _sharer(org, make_member, client_for, sales, content)
    body = _draft(sharer, MY_WORDS).json()

    # Confirm commits (transaction=True), so the message goes over the broker.
    sharer.client.post(
        f"/api/v1/orgs/acme/shares/{body['id']}/confirm", {"text_sha256": body["text_sha256"]}, format="json"
    )
    _wait_for(lambda: Share.objects.unscoped().get(pk=body["id"]).status == "posted")
    # The same message delivered again finds nothing to claim.
    share_publish_task.delay(organization_id=str(org.pk), share_id=body["id"])
    time.sleep(1)

    assert SandboxPost.objects.unscoped().count() == 1
