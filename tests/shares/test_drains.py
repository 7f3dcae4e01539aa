"""Confirmed shares are posted by drains (services.shares_drain_request): an organisation
has at most SHARES_DRAINS_PER_ORGANIZATION in flight, a share confirmed while all are busy
sends no message and is still posted, and a drain's slot always comes back."""

import threading
from typing import Any

import pytest
from django import db
from django.test import TestCase

from advocacy.accounts.models import Organization
from advocacy.core.tenancy import tenant_context
from advocacy.networks.models import SandboxPost
from advocacy.shares import drain_slots, services
from advocacy.shares.models import Share
from tests.conftest import MakeMember
from tests.shares.conftest import _sharer
from tests.shares.test_batches import TEXTS, _due_shares, _statuses
from tests.shares.test_shares import _confirm, _draft


@pytest.fixture(autouse=True)
def _no_slots_left_over(org: Organization) -> Any:
    drain_slots.clear(org.pk)
    yield
    drain_slots.clear(org.pk)


@pytest.fixture
def sent(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """The publish messages sent (share id and options), each still sent for real."""
    messages: list[dict[str, Any]] = []
    send = services._send_publish_message

    def recording(organization_id: Any, share_id: Any, **options: Any) -> bool:
        messages.append({"share_id": str(share_id), **options})
        return send(organization_id, share_id, **options)

    monkeypatch.setattr(services, "_send_publish_message", recording)
    return messages


def test_a_drain_posts_every_due_share_batch_after_batch_and_gives_its_slot_back(
    org: Organization, make_member: MakeMember, client_for: Any, sales: Any, content: Any, settings: Any
) -> None:
    settings.SHARES_PUBLISH_BATCH = 2
    ids = _due_shares(org, make_member, client_for, sales, content, 5)
    assert drain_slots.take(org.pk) is True

    with tenant_context(org), TestCase.captureOnCommitCallbacks(execute=True):
        services.shares_drain(share_id=ids[3], slot=True)

    assert _statuses(ids) == ["posted"] * 5
    assert SandboxPost.objects.unscoped().count() == 5
    assert drain_slots.held(org.pk) == 0


def test_a_share_confirmed_while_every_drain_is_busy_waits_for_the_running_one(
    org: Organization, make_member: MakeMember, client_for: Any, sales: Any, content: Any, settings: Any
) -> None:
    settings.SHARES_DRAINS_PER_ORGANIZATION = 1
    (running,) = _due_shares(org, make_member, client_for, sales, content, 1)
    assert drain_slots.take(org.pk) is True  # the drain of `running`, sent and not yet done
    sharer = _sharer(org, make_member, client_for, sales, content)
    late = _draft(sharer, TEXTS[1]).json()

    assert _confirm(sharer, late).status_code == 200
    # No message: with tasks run eagerly, one would have posted it already.
    assert _statuses([late["id"]]) == ["queued"]
    assert drain_slots.held(org.pk) == 1

    with tenant_context(org), TestCase.captureOnCommitCallbacks(execute=True):
        services.shares_drain(share_id=running, slot=True)

    assert _statuses([running, late["id"]]) == ["posted", "posted"]
    assert drain_slots.held(org.pk) == 0


def test_a_confirmation_with_a_slot_free_is_posted_at_once_and_frees_the_slot(
    org: Organization, make_member: MakeMember, client_for: Any, sales: Any, content: Any
) -> None:
    sharer = _sharer(org, make_member, client_for, sales, content)
    share = _draft(sharer, TEXTS[0]).json()

    assert _confirm(sharer, share).status_code == 200

    assert _statuses([share["id"]]) == ["posted"]
    assert drain_slots.held(org.pk) == 0


def test_a_drain_out_of_time_hands_what_is_left_to_a_new_drain(
    org: Organization,
    make_member: MakeMember,
    client_for: Any,
    sales: Any,
    content: Any,
    settings: Any,
    sent: list[dict[str, Any]],
) -> None:
    settings.SHARES_PUBLISH_BATCH = 1
    settings.SHARES_DRAIN_SECONDS = 0
    ids = _due_shares(org, make_member, client_for, sales, content, 3)

    assert drain_slots.take(org.pk) is True
    with tenant_context(org):
        services.shares_drain(share_id=ids[0], slot=True)

    assert _statuses(ids) == ["posted"] * 3
    # Each drain posted one share and sent the next one on, with its own slot.
    assert [message["share_id"] for message in sent] == ids[1:]
    assert all(message["drain"] and message["slot"] for message in sent)
    assert drain_slots.held(org.pk) == 0


def test_with_the_cache_down_a_confirmed_share_is_still_posted(
    org: Organization, make_member: MakeMember, client_for: Any, sales: Any, content: Any
) -> None:
    sharer = _sharer(org, make_member, client_for, sales, content)
    share = _draft(sharer, TEXTS[0]).json()

    def unreachable(*args: Any, **kwargs: Any) -> Any:
        raise ConnectionError("cache unreachable")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(drain_slots.cache, "incr", unreachable)
        assert _confirm(sharer, share).status_code == 200

    assert _statuses([share["id"]]) == ["posted"]


def test_with_drains_turned_off_each_confirmation_sends_its_own_message(
    org: Organization,
    make_member: MakeMember,
    client_for: Any,
    sales: Any,
    content: Any,
    settings: Any,
    sent: list[dict[str, Any]],
) -> None:
    settings.SHARES_DRAINS_PER_ORGANIZATION = 0
    sharer = _sharer(org, make_member, client_for, sales, content)
    share = _draft(sharer, TEXTS[0]).json()

    assert _confirm(sharer, share).status_code == 200

    assert sent == [{"share_id": share["id"], "countdown": 0}]
    assert _statuses([share["id"]]) == ["posted"]
    assert drain_slots.held(org.pk) == 0


@pytest.mark.django_db(transaction=True)
def test_two_drains_at_once_post_each_share_once(
    org: Organization, make_member: MakeMember, client_for: Any, sales: Any, content: Any, settings: Any
) -> None:
    settings.SHARES_PUBLISH_BATCH = 1
    ids = _due_shares(org, make_member, client_for, sales, content, 5)
    assert drain_slots.take(org.pk) is True
    assert drain_slots.take(org.pk) is True
    start = threading.Barrier(2)
    errors: list[BaseException] = []

    def drain(share_id: str) -> None:
        try:
            start.wait(20)
            with tenant_context(org):
                services.shares_drain(share_id=share_id, slot=True)
        except BaseException as exc:  # reported by the assertion below
            errors.append(exc)
        finally:
            db.connection.close()

    threads = [threading.Thread(target=drain, args=(share_id,)) for share_id in (ids[0], ids[0])]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)

    assert errors == []
    assert _statuses(ids) == ["posted"] * 5
    assert SandboxPost.objects.unscoped().count() == 5
    assert Share.objects.unscoped().filter(pk__in=ids, status="posted").count() == 5
    assert drain_slots.held(org.pk) == 0
