"""A real Celery worker, over the real broker (Redis in CI), runs a tenant task end to end."""

import time
from collections.abc import Iterator
from typing import Any

import pytest
from celery.contrib.testing.worker import start_worker
from django.conf import settings
from django.core import mail

from advocacy.accounts.models import Invitation, Membership
from advocacy.accounts.services import invitation_create
from advocacy.core.tenancy import tenant_context
from config.celery import app

pytestmark = pytest.mark.skipif(not settings.TEST_REDIS_URL, reason="needs REDIS_URL (set in CI)")


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


def _wait_for_mail(to: str, count: int, timeout: float = 20) -> list[Any]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        sent = [m for m in mail.outbox if m.to == [to]]
        if len(sent) >= count:
            return sent
        time.sleep(0.1)
    raise AssertionError(f"the worker did not send {count} email(s) to {to} in {timeout}s")


@pytest.mark.django_db(transaction=True)
def test_an_invitation_email_is_sent_by_a_real_worker(admin: Membership, redis_worker: Any) -> None:
    with tenant_context(admin.organization):
        invitation, token = invitation_create(
            organization=admin.organization, actor=admin.user, email="worker@example.com", org_role="employee"
        )

    # The transaction committed, so the task went over the broker to the worker thread.
    sent = _wait_for_mail("worker@example.com", 1)

    assert len(sent) == 1
    assert token in sent[0].body
    assert "/invitations/" in sent[0].body
    assert Invitation.objects.unscoped().filter(pk=invitation.pk).exists()
