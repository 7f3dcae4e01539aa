"""The publishing pipeline against strict local network servers over real HTTP: rate limits,
timeouts after the network accepted the post, dropped connections, expired tokens, a
worker lost between claim and post. Every test counts what the network really holds."""

from __future__ import annotations

import threading
from datetime import timedelta
from typing import TYPE_CHECKING, Any

import pytest
from django import db
from django.core.cache import cache
from django.utils import timezone

from advocacy.accounts.models import Organization
from advocacy.content.models import ContentItem
from advocacy.core.audit import audit_verify
from advocacy.core.models import AuditEvent
from advocacy.core.tenancy import tenant_context
from advocacy.networks.models import ConnectionStatus, NetworkConnection
from advocacy.networks.services import connection_credentials
from advocacy.networks.tokens import encrypt_token
from advocacy.shares.models import Share, ShareStatus
from advocacy.shares.services import share_publish, shares_dispatch
from tests.conftest import MakeMember, forget_broker_connections
from tests.factories import NetworkConnectionFactory, assign_roles
from tests.networks.servers.base import Fault
from tests.networks.servers.x import TOKEN_PATH
from tests.shares.conftest import Sharer
from tests.shares.test_shares import MY_WORDS, _confirm, _draft

if TYPE_CHECKING:
    from tests.networks.servers.bluesky import BlueskyServer
    from tests.networks.servers.linkedin import LinkedInServer
    from tests.networks.servers.mastodon import MastodonServer
    from tests.networks.servers.x import XServer


@pytest.fixture(autouse=True)
def _networks_enabled(org: Organization) -> None:
    Organization.objects.filter(pk=org.pk).update(networks_enabled=["sandbox", "mastodon", "bluesky"])


def _sharer_on(
    network: str, connection_fields: dict[str, Any], *, org: Organization, make_member: MakeMember, **kw: Any
) -> Sharer:
    member = make_member(org, ambassador=True)
    assign_roles(member, kw["sales"])
    connection = NetworkConnectionFactory(organization=org, membership=member, network=network, **connection_fields)
    return Sharer(member, kw["content"], connection, kw["client_for"](member.user))


@pytest.fixture
def mastodon_sharer(
    org: Organization,
    make_member: MakeMember,
    client_for: Any,
    sales: Any,
    content: ContentItem,
    mastodon_server: MastodonServer,
) -> Sharer:
    account = mastodon_server.add_account("sam")
    fields = {
        "account_id": f"{account.id}@{mastodon_server.instance}",
        "instance": mastodon_server.instance,
        "access_token": encrypt_token(mastodon_server.issue_token(account.id)),
    }
    return _sharer_on(
        "mastodon", fields, org=org, make_member=make_member, sales=sales, content=content, client_for=client_for
    )


@pytest.fixture
def bluesky_sharer(
    org: Organization,
    make_member: MakeMember,
    client_for: Any,
    sales: Any,
    content: ContentItem,
    bluesky_server: BlueskyServer,
) -> Sharer:
    account = bluesky_server.add_account("sam.bsky.social")
    session = bluesky_server.issue_session(account.did, access_lifetime=1)  # expires almost at once
    fields = {
        "account_id": account.did,
        "access_token": encrypt_token(session["accessJwt"]),
        "refresh_token": encrypt_token(session["refreshJwt"]),
        "expires_at": timezone.now() + timedelta(hours=2),  # we believe it is fresh: the network says not
    }
    return _sharer_on(
        "bluesky", fields, org=org, make_member=make_member, sales=sales, content=content, client_for=client_for
    )


def _confirmed(sharer: Sharer) -> Share:
    body = _draft(sharer, MY_WORDS).json()
    response = _confirm(sharer, body)
    assert response.status_code == 200, response.json()
    return Share.objects.unscoped().get(pk=body["id"])


def _publish(share: Share) -> Share | None:
    """What the worker does with the share's message (in its organisation, as the task does)."""
    with tenant_context(share.organization_id):
        return share_publish(share_id=share.pk)


def _due_now(share: Share) -> None:
    """Let time pass: the retry (or the rate limit) is over."""
    Share.objects.unscoped().filter(pk=share.pk).update(retry_at=timezone.now() - timedelta(seconds=1))
    cache.clear()


def test_a_429_waits_for_retry_after_then_posts_once(
    org: Organization, mastodon_sharer: Sharer, mastodon_server: MastodonServer
) -> None:
    mastodon_server.inject(Fault("status", path="/api/v1/statuses", status=429, headers={"Retry-After": "120"}))

    share = _confirmed(mastodon_sharer)  # the eager worker meets the 429
    share.refresh_from_db()
    waiting = (share.status, share.error_code, share.retry_at)
    early = _publish(share)  # before Retry-After: nothing to claim
    _due_now(share)
    posted = _publish(share)

    assert waiting[0] == ShareStatus.QUEUED
    assert waiting[1] == "rate_limited"
    assert waiting[2] is not None
    assert waiting[2] > timezone.now() + timedelta(seconds=100)
    assert early is None
    assert posted is not None
    assert posted.status == ShareStatus.POSTED
    assert len(mastodon_server.statuses) == 1


def test_a_rate_limited_connection_holds_its_other_shares_back(
    org: Organization, mastodon_sharer: Sharer, mastodon_server: MastodonServer, sales: Any
) -> None:
    mastodon_server.inject(Fault("status", path="/api/v1/statuses", status=429, headers={"Retry-After": "60"}))
    first = _confirmed(mastodon_sharer)
    Share.objects.unscoped().filter(pk=first.pk).update(status=ShareStatus.CANCELLED)
    from tests.factories import GridCellFactory, approved_content

    other = approved_content(org, suggested_copy="Another report entirely about cloud costs.")
    GridCellFactory(organization=org, role=sales, content=other)
    mastodon_sharer.content = other
    second = _confirmed(mastodon_sharer)  # the connection is still in its Retry-After window
    second.refresh_from_db()

    assert second.status == ShareStatus.QUEUED
    assert second.error_code == "rate_limited"
    assert mastodon_server.calls("POST", "/api/v1/statuses") == 1  # only the first ever reached it


def test_a_timeout_after_mastodon_accepted_retries_safely_with_the_same_key(
    org: Organization, mastodon_sharer: Sharer, mastodon_server: MastodonServer
) -> None:
    mastodon_server.inject(Fault("hang_after", path="/api/v1/statuses", hang_seconds=2.0))

    share = _confirmed(mastodon_sharer)
    share.refresh_from_db()
    after_timeout = (share.status, share.error_code)
    _due_now(share)
    posted = _publish(share)

    assert after_timeout == (ShareStatus.QUEUED, "outcome_unknown")  # idempotent: safe to retry
    assert posted is not None
    assert posted.status == ShareStatus.POSTED
    assert mastodon_server.calls("POST", "/api/v1/statuses") == 2
    assert len(mastodon_server.statuses) == 1  # the Idempotency-Key made the retry a no-op


def test_a_dropped_connection_before_the_network_read_it_is_retried(
    org: Organization, mastodon_sharer: Sharer, mastodon_server: MastodonServer
) -> None:
    mastodon_server.inject(Fault("drop", path="/api/v1/statuses"))

    share = _confirmed(mastodon_sharer)
    share.refresh_from_db()
    retried = share.status
    _due_now(share)
    posted = _publish(share)

    assert retried == ShareStatus.QUEUED
    assert posted is not None
    assert posted.status == ShareStatus.POSTED
    assert len(mastodon_server.statuses) == 1


def test_transient_failures_stop_after_the_last_attempt(
    org: Organization, mastodon_sharer: Sharer, mastodon_server: MastodonServer
) -> None:
    mastodon_server.inject(Fault("status", path="/api/v1/statuses", status=503), times=20)

    share = _confirmed(mastodon_sharer)
    for _ in range(10):
        _due_now(share)
        _publish(share)
    share.refresh_from_db()

    assert share.status == ShareStatus.FAILED
    assert share.error_code == "outcome_unknown"
    assert share.retryable
    assert share.attempts == 6
    assert len(mastodon_server.statuses) == 0


def test_a_refused_post_fails_with_the_networks_reason(
    org: Organization, mastodon_sharer: Sharer, mastodon_server: MastodonServer
) -> None:
    mastodon_server.inject(
        Fault("status", path="/api/v1/statuses", status=422, body={"error": "Validation failed: spam"})
    )

    share = _confirmed(mastodon_sharer)
    share.refresh_from_db()

    assert share.status == ShareStatus.FAILED
    assert share.error_code == "post_rejected"
    assert "spam" in share.error_detail
    assert not share.retryable


def test_a_revoked_token_expires_the_connection_and_fails_the_share(
    org: Organization, mastodon_sharer: Sharer, mastodon_server: MastodonServer
) -> None:
    token = mastodon_server.issue_token()  # anything but the connection's own
    mastodon_server.tokens.clear()
    mastodon_server.issue_token()
    del token

    share = _confirmed(mastodon_sharer)
    share.refresh_from_db()
    connection = NetworkConnection.objects.unscoped().get(pk=mastodon_sharer.connection.pk)

    assert share.status == ShareStatus.FAILED
    assert share.error_code == "connection_expired"
    assert connection.status == ConnectionStatus.EXPIRED  # Mastodon tokens cannot be refreshed
    assert len(mastodon_server.statuses) == 0


def test_a_worker_lost_before_the_network_call_is_sent_again(
    org: Organization, mastodon_sharer: Sharer, mastodon_server: MastodonServer
) -> None:
    mastodon_server.inject(Fault("status", path="/api/v1/statuses", status=429, headers={"Retry-After": "1"}))
    share = _confirmed(mastodon_sharer)
    # Claimed by a worker that died before calling the network (post_started_at empty).
    long_ago = timezone.now() - timedelta(minutes=30)
    Share.objects.unscoped().filter(pk=share.pk).update(status=ShareStatus.POSTING, claimed_at=long_ago, retry_at=None)

    with tenant_context(org):
        result = shares_dispatch()
    cache.clear()
    _publish(share)
    share.refresh_from_db()

    assert result["requeued"] == 1
    assert share.status == ShareStatus.POSTED
    assert len(mastodon_server.statuses) == 1


def test_bluesky_refreshes_a_token_the_network_refused_and_posts_once(
    org: Organization, bluesky_sharer: Sharer, bluesky_server: BlueskyServer
) -> None:
    import time

    time.sleep(1.2)  # the access JWT the connection holds has expired at the network
    share = _confirmed(bluesky_sharer)
    share.refresh_from_db()
    connection = NetworkConnection.objects.unscoped().get(pk=bluesky_sharer.connection.pk)

    assert share.status == ShareStatus.POSTED, share.error_detail
    assert len(bluesky_server.posts()) == 1
    assert bluesky_server.calls("POST", "com.atproto.server.refreshSession") == 1
    assert connection.status == ConnectionStatus.ACTIVE


def test_bluesky_retries_after_a_timeout_without_a_second_record(
    org: Organization, bluesky_sharer: Sharer, bluesky_server: BlueskyServer
) -> None:
    NetworkConnection.objects.unscoped().filter(pk=bluesky_sharer.connection.pk).update(
        access_token=encrypt_token(bluesky_server.issue_session(bluesky_sharer.connection.account_id)["accessJwt"])
    )
    bluesky_server.inject(Fault("hang_after", path="/xrpc/com.atproto.repo.putRecord", hang_seconds=2.0))

    share = _confirmed(bluesky_sharer)
    _due_now(share)
    _publish(share)
    share.refresh_from_db()

    assert share.status == ShareStatus.POSTED
    assert bluesky_server.calls("POST", "com.atproto.repo.putRecord") == 2
    assert len(bluesky_server.posts()) == 1


# --- LinkedIn and X: no idempotency, rotating refresh tokens --------------------------------


@pytest.fixture
def linkedin_sharer(
    org: Organization,
    make_member: MakeMember,
    client_for: Any,
    sales: Any,
    content: ContentItem,
    linkedin_server: LinkedInServer,
) -> Sharer:
    Organization.objects.filter(pk=org.pk).update(networks_enabled=["linkedin", "x"])
    fields = linkedin_server.connection_fields()
    return _sharer_on(
        fields.pop("network"),
        fields,
        org=org,
        make_member=make_member,
        sales=sales,
        content=content,
        client_for=client_for,
    )


@pytest.fixture
def x_sharer(
    org: Organization, make_member: MakeMember, client_for: Any, sales: Any, content: ContentItem, x_server: XServer
) -> Sharer:
    Organization.objects.filter(pk=org.pk).update(networks_enabled=["linkedin", "x"])
    fields = x_server.connection_fields()
    return _sharer_on(
        fields.pop("network"),
        fields,
        org=org,
        make_member=make_member,
        sales=sales,
        content=content,
        client_for=client_for,
    )


def test_a_timeout_after_linkedin_accepted_is_an_unknown_outcome_never_retried(
    org: Organization, linkedin_sharer: Sharer, linkedin_server: LinkedInServer
) -> None:
    linkedin_server.inject(Fault("hang_after", path="/rest/posts", hang_seconds=2.0))

    share = _confirmed(linkedin_sharer)
    share.refresh_from_db()
    _due_now(share)
    again = _publish(share)
    with tenant_context(org):
        dispatched = shares_dispatch(now=timezone.now() + timedelta(hours=1))

    assert share.status == ShareStatus.FAILED
    assert share.error_code == "outcome_unknown"
    assert not share.retryable
    assert again is None
    assert dispatched == {"dispatched": 0, "requeued": 0, "outcome_unknown": 0}
    assert len(linkedin_server.live_posts()) == 1  # it did post: the employee is told to check
    assert linkedin_server.calls("POST", "/rest/posts") == 1


def test_a_linkedin_5xx_is_an_unknown_outcome(
    org: Organization, linkedin_sharer: Sharer, linkedin_server: LinkedInServer
) -> None:
    linkedin_server.inject(Fault("status", path="/rest/posts", status=502))

    share = _confirmed(linkedin_sharer)
    share.refresh_from_db()

    assert share.status == ShareStatus.FAILED
    assert share.error_code == "outcome_unknown"
    assert linkedin_server.calls("POST", "/rest/posts") == 1


def test_a_worker_lost_during_the_linkedin_call_is_not_sent_again(
    org: Organization, linkedin_sharer: Sharer, linkedin_server: LinkedInServer
) -> None:
    linkedin_server.inject(Fault("status", path="/rest/posts", status=429, headers={"Retry-After": "1"}))
    share = _confirmed(linkedin_sharer)
    long_ago = timezone.now() - timedelta(minutes=30)
    # The worker had started the network call (post_started_at) when it died.
    Share.objects.unscoped().filter(pk=share.pk).update(
        status=ShareStatus.POSTING, claimed_at=long_ago, post_started_at=long_ago, retry_at=None
    )

    with tenant_context(org):
        outcome = shares_dispatch()
    share.refresh_from_db()

    assert outcome["outcome_unknown"] == 1
    assert share.status == ShareStatus.FAILED
    assert share.error_code == "outcome_unknown"
    assert linkedin_server.calls("POST", "/rest/posts") == 1  # only the 429
    failed = AuditEvent.objects.unscoped().filter(object_id=str(share.pk), verb="share.failed").get()
    assert failed.after["code"] == "outcome_unknown"
    assert audit_verify(organization_id=org.pk).ok


def test_a_confirmation_stands_when_the_broker_is_down_and_the_dispatch_job_sends_it(
    org: Organization, mastodon_sharer: Sharer, mastodon_server: MastodonServer
) -> None:
    from config.celery import app

    body = _draft(mastodon_sharer, MY_WORDS).json()
    # No eager shortcut: the message goes to a broker that does not answer.
    saved = {key: app.conf[key] for key in ("task_always_eager", "broker_url", "task_publish_retry")}
    app.conf.update(task_always_eager=False, broker_url="redis://127.0.0.1:9/0", task_publish_retry=False)
    forget_broker_connections()
    try:
        response = _confirm(mastodon_sharer, body)
    finally:
        app.conf.update(saved)
        forget_broker_connections()

    assert response.status_code == 200, response.json()
    share = Share.objects.unscoped().get(pk=body["id"])
    assert share.status == ShareStatus.QUEUED
    assert mastodon_server.calls("POST", "/api/v1/statuses") == 0
    Share.objects.unscoped().filter(pk=share.pk).update(enqueued_at=timezone.now() - timedelta(hours=1))
    with tenant_context(org):
        assert shares_dispatch()["dispatched"] == 1
    share.refresh_from_db()
    assert share.status == ShareStatus.POSTED
    assert mastodon_server.calls("POST", "/api/v1/statuses") == 1


def test_x_refreshes_a_rejected_token_and_posts_once(org: Organization, x_sharer: Sharer, x_server: XServer) -> None:
    # The access token died early at X (revoked), but the refresh token is good.
    x_server.grants.clear()

    share = _confirmed(x_sharer)
    share.refresh_from_db()

    assert share.status == ShareStatus.POSTED, share.error_detail
    assert len(x_server.live_tweets()) == 1


def test_x_with_a_dead_refresh_token_expires_the_connection(
    org: Organization, x_sharer: Sharer, x_server: XServer
) -> None:
    NetworkConnection.objects.unscoped().filter(pk=x_sharer.connection.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1), refresh_token=encrypt_token("not-a-refresh-token")
    )

    share = _confirmed(x_sharer)
    share.refresh_from_db()
    connection = NetworkConnection.objects.unscoped().get(pk=x_sharer.connection.pk)

    assert share.status == ShareStatus.FAILED
    assert share.error_code == "connection_expired"
    assert connection.status == ConnectionStatus.EXPIRED
    assert x_server.live_tweets() == []


@pytest.mark.django_db(transaction=True)
def test_an_expired_token_refreshed_by_two_workers_at_once_is_refreshed_once(
    org: Organization, x_sharer: Sharer, x_server: XServer
) -> None:
    NetworkConnection.objects.unscoped().filter(pk=x_sharer.connection.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    connection = NetworkConnection.objects.unscoped().get(pk=x_sharer.connection.pk)
    barrier = threading.Barrier(2)
    results: list[str] = []
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            barrier.wait()
            with tenant_context(org):
                results.append(connection_credentials(connection).access_token)
        except BaseException as exc:  # reported below
            errors.append(exc)
        finally:
            db.connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    refreshed = NetworkConnection.objects.unscoped().get(pk=connection.pk)

    assert errors == []
    assert len(results) == 2
    assert results[0] == results[1]  # the second worker found the first one's fresh token
    assert x_server.calls("POST", TOKEN_PATH) == 1  # X's rotating refresh token spent once
    assert refreshed.status == ConnectionStatus.ACTIVE
    assert refreshed.expires_at is not None
    assert refreshed.expires_at > timezone.now()
