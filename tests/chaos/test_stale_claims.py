"""The beat job takes back a claim it judges stuck (``SHARES_STUCK_AFTER``); the slow worker
that held it must then neither post nor record a post: the share belongs to whoever claims
it next. The chaos test shortens that time to seconds, where a slow worker is common."""

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from advocacy.accounts.models import Organization
from advocacy.core.models import AuditEvent
from advocacy.core.tenancy import tenant_context
from advocacy.networks.models import SandboxPost
from advocacy.shares import services
from advocacy.shares.models import Share, ShareStatus
from tests.shares.conftest import Sharer
from tests.shares.test_shares import MY_WORDS, _draft

pytestmark = pytest.mark.django_db


def _queued(sharer: Sharer) -> str:
    """Confirmed and queued; its message is not sent (nothing commits in this test)."""
    body = _draft(sharer, MY_WORDS).json()
    response = sharer.client.post(
        f"/api/v1/orgs/acme/shares/{body['id']}/confirm", {"text_sha256": body["text_sha256"]}, format="json"
    )
    assert response.status_code == 200, response.json()
    return str(body["id"])


def _beat_job_finds_it_stuck(org: Organization, settings: Any) -> dict[str, int]:
    later = timezone.now() + timedelta(seconds=settings.SHARES_STUCK_AFTER + 1)
    with tenant_context(org):
        return services.shares_dispatch(now=later)


def _slow(real: Callable[..., Any], before: Callable[[], dict[str, int]], seen: list[dict[str, int]]) -> Any:
    def call(*args: Any, **kwargs: Any) -> Any:
        seen.append(before())
        return real(*args, **kwargs)

    return call


def _publish(org: Organization, share_id: str) -> None:
    with tenant_context(org):
        services.share_publish(share_id=share_id)


def _posted_events(share_id: str) -> int:
    return AuditEvent.objects.unscoped().filter(verb="share.posted", object_id=share_id).count()


def test_a_worker_whose_claim_was_taken_back_before_posting_does_not_post(
    org: Organization, sharer: Sharer, settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    share_id = _queued(sharer)
    seen: list[dict[str, int]] = []
    # The worker is slow between its claim and the network call (here: its credentials).
    monkeypatch.setattr(
        services,
        "connection_credentials",
        _slow(services.connection_credentials, lambda: _beat_job_finds_it_stuck(org, settings), seen),
    )

    _publish(org, share_id)
    after_slow_worker = Share.objects.unscoped().get(pk=share_id)
    posts_after_slow_worker = SandboxPost.objects.unscoped().count()
    monkeypatch.undo()
    _publish(org, share_id)  # the next worker, sent by the beat job
    share = Share.objects.unscoped().get(pk=share_id)

    assert seen[0]["requeued"] == 1
    assert after_slow_worker.status == ShareStatus.QUEUED
    assert after_slow_worker.attempts == 0
    assert posts_after_slow_worker == 0
    assert share.status == ShareStatus.POSTED
    assert SandboxPost.objects.unscoped().count() == 1
    assert _posted_events(share_id) == 1


def test_a_worker_whose_claim_was_taken_back_during_the_call_records_nothing(
    org: Organization, sharer: Sharer, settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    share_id = _queued(sharer)
    seen: list[dict[str, int]] = []
    # The beat job takes the claim back while the (idempotent) network call is under way.
    monkeypatch.setattr(services, "_post", _slow(services._post, lambda: _beat_job_finds_it_stuck(org, settings), seen))

    _publish(org, share_id)
    after_slow_worker = Share.objects.unscoped().get(pk=share_id)
    events_after_slow_worker = _posted_events(share_id)
    monkeypatch.undo()
    _publish(org, share_id)  # the next worker: the same idempotency key, the same post
    share = Share.objects.unscoped().get(pk=share_id)

    assert seen[0]["requeued"] == 1
    assert after_slow_worker.status == ShareStatus.QUEUED
    assert events_after_slow_worker == 0
    assert share.status == ShareStatus.POSTED
    assert SandboxPost.objects.unscoped().count() == 1
    assert share.external_id == str(SandboxPost.objects.unscoped().get().pk)
    assert _posted_events(share_id) == 1
