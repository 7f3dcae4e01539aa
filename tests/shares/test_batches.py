"""A posting worker claims due shares of an organisation in batches (share_publish's
``batch``): one message posts several shares, their own messages then find nothing, every
share is still re-checked on its own, and a worker lost in the middle of a batch leaves
nothing posted twice."""

import threading
import uuid
from datetime import timedelta
from typing import Any

import pytest
from django import db
from django.db import transaction
from django.test import TestCase
from django.utils import timezone

from advocacy.accounts.models import Organization
from advocacy.core.audit import audit_verify
from advocacy.core.models import AuditEvent
from advocacy.core.tenancy import tenant_context
from advocacy.networks.models import SandboxPost
from advocacy.shares import services
from advocacy.shares.models import Share
from advocacy.shares.services import share_publish, shares_dispatch
from tests.conftest import MakeMember
from tests.factories import ShareFactory
from tests.shares.conftest import _sharer
from tests.shares.test_shares import _confirm, _draft

# Each colleague's own words: far enough apart to pass the originality check.
TEXTS = [
    "I rebuilt our nightly batch as a stream last year; this report matches what we saw with regulators.",
    "Our auditors asked for lineage, not dashboards. Worth reading if you run finance data pipelines.",
    "Three customers told me latency mattered less than trust in the numbers. This study agrees.",
    "We cut the quarter-end close from nine days to four by fixing reporting first; details inside.",
    "Cloud cost was never our blocker, governance was. A sober read for anyone planning a migration.",
]


def _due_shares(
    org: Organization, make_member: MakeMember, client_for: Any, sales: Any, content: Any, n: int
) -> list[str]:
    """n confirmed shares of n colleagues, queued and due, whose messages have not run yet."""
    ids = []
    for text in TEXTS[:n]:
        sharer = _sharer(org, make_member, client_for, sales, content)
        body = _draft(sharer, text).json()
        # Scheduled while confirming, so confirming sends nothing yet; then made due.
        _confirm(sharer, body, send_at=(timezone.now() + timedelta(hours=1)).isoformat())
        ids.append(body["id"])
    Share.objects.unscoped().filter(pk__in=ids).update(send_at=None)
    return ids


def _statuses(ids: list[str]) -> list[str]:
    by_id = dict(Share.objects.unscoped().filter(pk__in=ids).values_list("pk", "status"))
    return [by_id[uuid.UUID(share_id)] for share_id in ids]


def test_one_message_posts_the_batch_and_the_other_messages_find_nothing(
    org: Organization, make_member: MakeMember, client_for: Any, sales: Any, content: Any
) -> None:
    ids = _due_shares(org, make_member, client_for, sales, content, 4)

    with tenant_context(org), TestCase.captureOnCommitCallbacks(execute=True):
        first = share_publish(share_id=ids[0], batch=10)
        others = [share_publish(share_id=share_id, batch=10) for share_id in ids[1:]]

    assert first is not None
    assert first.status == "posted"
    assert others == [None, None, None]
    assert _statuses(ids) == ["posted"] * 4
    assert SandboxPost.objects.unscoped().count() == 4
    posted_events = AuditEvent.objects.unscoped().filter(organization=org, verb="share.posted")
    assert sorted(posted_events.values_list("object_id", flat=True)) == sorted(ids)
    assert audit_verify(organization_id=org.pk).ok


def test_a_batch_takes_at_most_its_size(
    org: Organization, make_member: MakeMember, client_for: Any, sales: Any, content: Any
) -> None:
    ids = _due_shares(org, make_member, client_for, sales, content, 3)

    with tenant_context(org):
        share_publish(share_id=ids[1], batch=2)

    assert sorted(_statuses(ids)).count("posted") == 2
    assert _statuses(ids)[1] == "posted"  # the message's own share is always in its batch


def test_a_batch_leaves_scheduled_and_backing_off_shares_alone(
    org: Organization, make_member: MakeMember, client_for: Any, sales: Any, content: Any
) -> None:
    due, scheduled, backing_off = _due_shares(org, make_member, client_for, sales, content, 3)
    later = timezone.now() + timedelta(minutes=20)
    Share.objects.unscoped().filter(pk=scheduled).update(send_at=later)
    Share.objects.unscoped().filter(pk=backing_off).update(retry_at=later)

    with tenant_context(org):
        share_publish(share_id=due, batch=10)

    assert _statuses([due, scheduled, backing_off]) == ["posted", "queued", "queued"]
    assert SandboxPost.objects.unscoped().count() == 1


def test_each_share_of_a_batch_is_rechecked_on_its_own(
    org: Organization, make_member: MakeMember, client_for: Any, sales: Any, content: Any
) -> None:
    fine, tampered = _due_shares(org, make_member, client_for, sales, content, 2)
    Share.objects.unscoped().filter(pk=tampered).update(final_text="Something nobody confirmed.")

    with tenant_context(org):
        share_publish(share_id=fine, batch=10)

    assert _statuses([fine, tampered]) == ["posted", "blocked"]
    assert Share.objects.unscoped().get(pk=tampered).error_code == "text_changed"
    assert SandboxPost.objects.unscoped().count() == 1


def test_a_batch_never_reaches_into_another_organisation(
    org: Organization, outsider_org: Organization, make_member: MakeMember, client_for: Any, sales: Any, content: Any
) -> None:
    (mine,) = _due_shares(org, make_member, client_for, sales, content, 1)
    theirs = ShareFactory(organization=outsider_org, status="queued", enqueued_at=timezone.now() - timedelta(hours=1))

    with tenant_context(org):
        share_publish(share_id=mine, batch=10)

    assert _statuses([mine, str(theirs.pk)]) == ["posted", "queued"]


def test_a_worker_lost_mid_batch_leaves_nothing_posted_twice(
    org: Organization, make_member: MakeMember, client_for: Any, sales: Any, content: Any, monkeypatch: Any
) -> None:
    """The worker posts the first shares of its batch (the sandbox deduplicates, so their
    record waits for the end of the batch) and dies before recording anything: the posted
    shares and the ones it never reached are all left ``posting``."""
    ids = _due_shares(org, make_member, client_for, sales, content, 3)
    posts = 0
    real_post = services._post

    def post_then_die(share: Share, credentials: Any) -> Any:
        nonlocal posts
        if posts == 2:
            raise SystemExit("worker killed")
        posts += 1
        return real_post(share, credentials)

    monkeypatch.setattr(services, "_post", post_then_die)
    with tenant_context(org), pytest.raises(SystemExit):
        share_publish(share_id=ids[0], batch=10)
    monkeypatch.undo()
    assert _statuses(ids) == ["posting"] * 3
    assert SandboxPost.objects.unscoped().count() == 2

    # The beat job finds them stuck, sends them again, and the network's deduplication
    # turns the two already posted into the same posts.
    with tenant_context(org), TestCase.captureOnCommitCallbacks(execute=True):
        recovered = shares_dispatch(now=timezone.now() + services.STUCK_AFTER + timedelta(seconds=1))
        shares_dispatch(now=timezone.now() + services.STUCK_AFTER + services.REDISPATCH_AFTER + timedelta(minutes=1))

    assert recovered["requeued"] == 3
    assert _statuses(ids) == ["posted"] * 3
    assert SandboxPost.objects.unscoped().count() == 3


@pytest.mark.django_db(transaction=True)
def test_a_batch_skips_a_share_another_transaction_holds(
    org: Organization, make_member: MakeMember, client_for: Any, sales: Any, content: Any
) -> None:
    mine, held = _due_shares(org, make_member, client_for, sales, content, 2)
    locked, release = threading.Event(), threading.Event()

    def hold_the_row() -> None:
        try:
            with tenant_context(org), transaction.atomic():
                Share.objects.select_for_update().get(pk=held)
                locked.set()
                release.wait(20)
        finally:
            db.connection.close()

    holder = threading.Thread(target=hold_the_row)
    holder.start()
    assert locked.wait(20)
    try:
        with tenant_context(org):
            share_publish(share_id=mine, batch=10)  # must not wait for the held row
        assert _statuses([mine, held]) == ["posted", "queued"]
    finally:
        release.set()
        holder.join(20)

    with tenant_context(org):
        share_publish(share_id=held, batch=10)
    assert _statuses([mine, held]) == ["posted", "posted"]
    assert SandboxPost.objects.unscoped().count() == 2
