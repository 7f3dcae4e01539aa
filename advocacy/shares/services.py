"""Drafting, confirming, reviewing, cancelling and publishing shares.

Publishing follows ARCHITECTURE "The publishing pipeline": confirming writes the
confirmation and makes the share ``queued`` (the row is the outbox) in one transaction and
asks for a drain on commit; the worker claims the share with a conditional update, checks
every invariant again, and posts once.
"""

import logging
import random
import secrets
import time
from datetime import timedelta
from functools import partial
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.module_loading import import_string
from kombu.exceptions import OperationalError as KombuOperationalError

from advocacy.accounts.models import Membership
from advocacy.content.models import ContentItem
from advocacy.core.audit import AuditEntry, audit_record, audit_record_many
from advocacy.core.errors import ConflictError, PermissionDeniedError, RuleViolationError
from advocacy.core.permissions import ADMINS, role_allows
from advocacy.core.tenancy import require_organization_id
from advocacy.networks.models import ConnectionStatus, NetworkConnection
from advocacy.networks.providers import get_provider
from advocacy.networks.providers.base import (
    Credentials,
    NetworkUnreachable,
    OutcomeUnknown,
    PostRejected,
    PostResult,
    ProviderError,
    RateLimited,
    TokenRejected,
)
from advocacy.networks.services import ConnectionUnusable, connection_credentials, connection_mark_expired
from advocacy.roles.models import AdvocacyRole
from advocacy.shares import drain_slots
from advocacy.shares.checks import Check, failed_checks, required_disclaimer, share_checks, share_checks_many
from advocacy.shares.models import EDITABLE, Share, ShareStatus, sha256_hex

MAX_SCHEDULE_AHEAD = timedelta(days=30)
# A share claimed this long ago and still "posting" lost its worker.
STUCK_AFTER = timedelta(seconds=settings.SHARES_STUCK_AFTER)
# A queued share whose message was sent this long ago without being claimed is sent again.
REDISPATCH_AFTER = timedelta(seconds=settings.SHARES_REDISPATCH_AFTER)
# Networks that deduplicate a retried post (see each provider's ``idempotent``).
IDEMPOTENT_NETWORKS = frozenset({"sandbox", "mastodon", "bluesky"})

logger = logging.getLogger(__name__)


def tracked_url(share: Share) -> str:
    return f"{settings.FRONTEND_URL}/l/{share.tracked_code}"


def compose_final_text(share: Share) -> str:
    """What will be posted: the employee's words, the tracked link, the disclaimer."""
    parts = [share.text.strip(), tracked_url(share)]
    disclaimer = required_disclaimer(share)
    if disclaimer:
        parts.append(disclaimer)
    return "\n\n".join(parts)


def _refuse_unless_checks_pass(checks: list[Check]) -> None:
    failed = failed_checks(checks)
    if failed:
        raise RuleViolationError(failed[0].detail, code=failed[0].code, checks=[check.as_dict() for check in checks])


@transaction.atomic
def share_create(
    *, membership: Membership, content: ContentItem, connection: NetworkConnection, text: str
) -> tuple[Share, list[Check]]:
    """A draft in the employee's words, with its tracked link and every check reported."""
    if connection.membership_id != membership.pk or connection.status != ConnectionStatus.ACTIVE:
        raise RuleViolationError("Choose one of your own active connections.", code="connection_invalid")
    if content.approved_version_id is None:
        raise RuleViolationError("This content is not approved.", code="not_approved")
    share = Share(
        organization_id=membership.organization_id,
        membership=membership,
        content=content,
        content_version_id=content.approved_version_id,
        connection=connection,
        network=connection.network,
        text=text,
        tracked_code=secrets.token_urlsafe(8)[:10],
    )
    share.final_text = compose_final_text(share)
    try:
        with transaction.atomic():
            share.save()
    except IntegrityError as exc:
        raise ConflictError(f"You already shared this on {connection.network}.", code="already_shared") from exc
    audit_record(
        organization=membership.organization,
        actor=membership.user,
        verb="share.drafted",
        obj=share,
        after=share.audit_state(),
    )
    return share, share_checks(share)


def share_preview(
    *, membership: Membership, content: ContentItem, connection: NetworkConnection, text: str
) -> tuple[Share, list[Check]]:
    """The composer's live check: the share as it would be drafted, checked, not saved."""
    if connection.membership_id != membership.pk:
        raise RuleViolationError("Choose one of your own connections.", code="connection_invalid")
    if content.approved_version_id is None:
        raise RuleViolationError("This content is not approved.", code="not_approved")
    share = Share(
        organization_id=membership.organization_id,
        membership=membership,
        content=content,
        content_version_id=content.approved_version_id,
        connection=connection,
        network=connection.network,
        text=text,
        tracked_code="preview",
    )
    share.final_text = compose_final_text(share)
    return share, share_checks(share)


def _locked(share: Share) -> Share:
    return (
        Share.objects.select_for_update(of=("self",))
        .select_related("membership__organization", "membership__user", "content", "content_version", "connection")
        .get(pk=share.pk)
    )


@transaction.atomic
def share_update(*, share: Share, membership: Membership, text: str) -> tuple[Share, list[Check]]:
    """Change the text. Any confirmation is void: the employee must confirm the new text."""
    share = _locked(share)
    if share.membership_id != membership.pk:
        raise PermissionDeniedError("Only the author can change a share.", code="not_owner")
    if share.status not in EDITABLE:
        raise ConflictError(f"A share that is {share.get_status_display().lower()} cannot change.", code="not_draft")
    before = share.audit_state()
    share.text = text
    share.final_text = compose_final_text(share)
    share.status = ShareStatus.DRAFT
    share.confirmed_sha256 = ""
    share.confirmed_at = None
    share.error_code = share.error_detail = ""
    share.save()
    audit_record(
        organization=share.organization,
        actor=membership.user,
        verb="share.edited",
        obj=share,
        before=before,
        after=share.audit_state(),
    )
    return share, share_checks(share)


def _needs_review(membership: Membership) -> bool:
    return AdvocacyRole.objects.filter(
        assignments__membership=membership, archived_at__isnull=True, review_before_posting=True
    ).exists()


def _enqueue(share: Share) -> None:
    share.enqueued_at = timezone.now()
    organization_id, share_id = share.organization_id, share.pk
    transaction.on_commit(lambda: shares_drain_request(organization_id, share_id))


def _send_publish_task_on_commit(share: Share, *, countdown: float | None = None) -> None:
    """A message for this share alone (a retry, after its countdown). The caller's change is
    committed, so a broker that cannot take the message must not fail it."""
    organization_id, share_id = share.organization_id, share.pk
    transaction.on_commit(lambda: _send_publish_message(organization_id, share_id, countdown=countdown or 0))


def _send_publish_message(organization_id: Any, share_id: Any, *, countdown: float = 0, **options: bool) -> bool:
    """The row is the outbox: if the broker cannot take the message, the share stays queued
    and the beat job sends it (``shares_dispatch``). True when the message was sent."""
    from advocacy.shares.tasks import share_publish_task

    kwargs = {"organization_id": str(organization_id), "share_id": str(share_id), **options}
    try:
        share_publish_task.apply_async(kwargs=kwargs, countdown=countdown)
    except KombuOperationalError:
        logger.warning("share %s: broker unreachable, the dispatch job will send it", share_id)
        return False
    return True


def shares_drain_request(organization_id: Any, share_id: Any, *, countdown: float = 0) -> None:
    """Ask a posting worker to drain the organisation's due shares, ``share_id`` first.

    An organisation has at most ``SHARES_DRAINS_PER_ORGANIZATION`` drains in flight (a
    message sent or a drain running). A share confirmed while all of them are busy sends
    nothing: each drain claims every due share until none is left, and checks again after
    giving its slot back, so it is posted as soon as a worker is free. A burst of 10,000
    confirmations is then a few dozen messages rather than 10,000 that would each find
    their share already posted. 0 turns this off: one message per share."""
    if settings.SHARES_DRAINS_PER_ORGANIZATION <= 0:
        _send_publish_message(organization_id, share_id, countdown=countdown)
        return
    slot = drain_slots.take(organization_id)
    if slot is False:
        return  # every drain is busy; the last one to finish sees this share
    sent = _send_publish_message(organization_id, share_id, countdown=countdown, drain=True, slot=slot is True)
    if not sent and slot is True:
        drain_slots.give_back(organization_id)


@transaction.atomic
def share_confirm(
    *, share: Share, membership: Membership, text_sha256: str, send_at: Any = None, session: str
) -> Share:
    """The employee confirms exactly the text they saw (its SHA-256), from their own session."""
    share = _locked(share)
    if share.membership_id != membership.pk:
        raise PermissionDeniedError("Only the author can confirm a share.", code="not_owner")
    if share.status != ShareStatus.DRAFT:
        raise ConflictError(f"This share is {share.get_status_display().lower()}, not a draft.", code="not_draft")
    if text_sha256.lower() != sha256_hex(share.final_text):
        raise ConflictError(
            "The text changed since you saw it. Review the final text and confirm again.", code="text_changed"
        )
    now = timezone.now()
    if send_at is not None and not now <= send_at <= now + MAX_SCHEDULE_AHEAD:
        raise RuleViolationError("Pick a send time within the next 30 days.", code="send_at_invalid")
    _refuse_unless_checks_pass(share_checks(share))
    share.confirmed_sha256 = sha256_hex(share.final_text)
    share.confirmed_at = now
    share.send_at = send_at
    if _needs_review(membership):
        share.status = ShareStatus.IN_REVIEW
    else:
        share.status = ShareStatus.QUEUED
        if send_at is None:
            _enqueue(share)
    share.save()
    audit_record(
        organization=share.organization,
        actor=membership.user,
        verb="share.confirmed",
        obj=share,
        after={**share.audit_state(), "session": session, "send_at": send_at.isoformat() if send_at else None},
    )
    return share


@transaction.atomic
def share_review(*, share: Share, reviewer: Membership, decision: str, reason: str = "") -> Share:
    share = _locked(share)
    if share.status != ShareStatus.IN_REVIEW:
        raise ConflictError("This share is not waiting for review.", code="not_in_review")
    if share.membership_id == reviewer.pk:
        raise PermissionDeniedError("You cannot review your own share.", code="own_share")
    share.reviewed_by = reviewer
    share.review_reason = reason
    if decision == "pass":
        share.status = ShareStatus.QUEUED
        if share.send_at is None or share.send_at <= timezone.now():
            _enqueue(share)
    else:
        share.status = ShareStatus.BLOCKED
        share.error_code, share.error_detail = "review_rejected", reason
    share.save()
    audit_record(
        organization=share.organization,
        actor=reviewer.user,
        verb=f"share.review_{decision}",
        obj=share,
        after={"status": share.status, "reason": reason},
    )
    return share


def _cancel(share: Share, *, actor: Any, reason: str) -> None:
    share.status = ShareStatus.CANCELLED
    share.cancelled_at = timezone.now()
    share.error_code, share.error_detail = "cancelled", reason
    share.save()
    audit_record(
        organization=share.organization, actor=actor, verb="share.cancelled", obj=share, after={"reason": reason}
    )


def _cancel_unposted(shares: Any, *, actor: Any, reason: str) -> int:
    """Cancel every share here that has not started posting (EDITABLE includes queued)."""
    cancelled = 0
    for share in shares.select_for_update().filter(status__in=EDITABLE):
        _cancel(share, actor=actor, reason=reason)
        cancelled += 1
    return cancelled


@transaction.atomic
def share_cancel(*, share: Share, actor: Membership) -> Share:
    share = _locked(share)
    if share.membership_id != actor.pk and not role_allows(actor.org_role, ADMINS):
        raise PermissionDeniedError("Only the author or an admin can cancel a share.", code="not_owner")
    if share.status in (ShareStatus.POSTING, ShareStatus.POSTED, ShareStatus.CANCELLED):
        raise ConflictError(
            f"A share that is {share.get_status_display().lower()} cannot be cancelled.", code="not_cancellable"
        )
    _cancel(share, actor=actor.user, reason="Cancelled by " + actor.user.get_full_name())
    return share


def shares_cancel_for_content(*, content: ContentItem, actor: Membership) -> int:
    """CONTENT_RETIRED_HANDLERS: retiring content cancels every share of it not yet posted."""
    return _cancel_unposted(
        Share.objects.filter(content=content), actor=actor.user, reason="The content was withdrawn."
    )


def shares_cancel_for_member(*, membership: Membership, actor: Any) -> int:
    """MEMBERSHIP_DEACTIVATED_HANDLERS: a deactivated member's unposted shares are cancelled."""
    return _cancel_unposted(
        Share.objects.filter(membership=membership), actor=actor, reason="The member was deactivated."
    )


# --- The worker side ----------------------------------------------------------------------

# Transient failures (network unreachable; an unknown outcome on an idempotent network) are
# retried with backoff this many times before the share is marked failed.
MAX_ATTEMPTS = 6
BACKOFF_BASE = timedelta(seconds=settings.SHARES_RETRY_BACKOFF)
BACKOFF_CAP = timedelta(hours=1)
# Retries due within this many seconds are enqueued with a countdown; later ones are picked
# up by the beat job (no long ETA tasks: Redis would redeliver them).
COUNTDOWN_LIMIT = 300


def share_publish(*, share_id: Any, batch: int = 1) -> Share | None:
    """Claim this share, re-check every invariant, post once. A duplicate message finds
    nothing to claim.

    With ``batch`` > 1 the worker also claims up to ``batch - 1`` other due shares of the
    organisation, oldest first, re-checks them all with a fixed number of queries and posts
    them one after another; their own messages then find nothing to claim. A post to a
    network that cannot deduplicate is recorded at once; posts to networks that can are
    recorded together after the batch (a worker that dies before that leaves them
    ``posting``: the beat job sends them again under the same idempotency key, which the
    network answers with the post it already has). Returns this share as it ended, or None
    when it was not claimed here."""
    return _publish_ids(_claim(share_id, batch)).get(str(share_id))


def shares_drain(*, share_id: Any, slot: bool) -> None:
    """A drain (see ``shares_drain_request``): this share, then every due share of the organisation
    in batches of ``SHARES_PUBLISH_BATCH`` until none is left or ``SHARES_DRAIN_SECONDS``
    have passed, each batch claimed, re-checked and posted as ``share_publish`` does. Then
    it gives its slot back and, if due shares remain (the time ran out, or a share was
    confirmed while every slot was busy), sends a drain for them."""
    batch = settings.SHARES_PUBLISH_BATCH
    organization_id = require_organization_id()
    until = time.monotonic() + settings.SHARES_DRAIN_SECONDS
    claimed: list[Any] = []
    try:
        share_publish(share_id=share_id, batch=batch)
        while time.monotonic() < until:
            claimed = _claim(None, batch)
            if not claimed:
                break
            _publish_ids(claimed)
    finally:
        if slot:
            drain_slots.give_back(organization_id)
    next_due = _due(timezone.now()).order_by("enqueued_at").values_list("pk", flat=True).first()
    if next_due is not None:
        # Without progress (the due share is locked by a confirmation still committing, say),
        # wait a moment rather than spin.
        shares_drain_request(organization_id, next_due, countdown=0 if claimed else 1)


def _due(now: Any) -> Any:
    return Share.objects.filter(status=ShareStatus.QUEUED).exclude(send_at__gt=now).exclude(retry_at__gt=now)


def _publish_ids(share_ids: list[Any]) -> dict[str, Share]:
    """Re-check and post claimed shares: each one as it ended, by id."""
    ended: dict[str, Share] = {}
    to_record: list[tuple[Share, PostResult]] = []
    checked = _recheck_claimed(share_ids)
    limits = _rate_limits([share for share, blocked in checked if not blocked])
    for share, blocked in checked:
        outcome = share if blocked else _publish_claimed(share, limits)
        if not isinstance(outcome, PostResult):
            ended[str(share.pk)] = outcome
        elif get_provider(share.network).idempotent:
            to_record.append((share, outcome))
        else:
            ended[str(share.pk)] = _record_posted([(share, outcome)])[0]
    ended.update((str(share.pk), share) for share in _record_posted(to_record))
    return ended


def _claim(share_id: Any, batch: int) -> list[Any]:
    """The ids claimed (``queued`` -> ``posting``) for this worker: ``share_id`` if it is
    due, and with ``batch`` > 1 other due shares, skipping rows another worker is claiming.
    Without ``share_id`` (a drain's next batch), the oldest due shares."""
    now = timezone.now()
    due = _due(now)
    if not connection.features.has_select_for_update_skip_locked:
        if share_id is None:
            return []  # a drain needs row locks to take shares no message names
        batch = 1  # without row locks, two workers could both read the same ids as theirs
    if share_id is not None and batch > 1 and not _still_queued(share_id):
        return []  # already claimed with another share's batch: the common case, one cheap read
    claim = {"status": ShareStatus.POSTING, "claimed_at": now, "post_started_at": None, "updated_at": now}
    with transaction.atomic():
        _commit_without_waiting_for_disk()
        # This share first, waiting for a lock held by, say, a confirmation still finishing.
        if share_id is not None and not due.filter(pk=share_id).update(**claim):
            return []
        others = []
        if batch > 1 or share_id is None:
            others = list(
                due.exclude(pk=share_id)
                .select_for_update(skip_locked=True)
                .order_by("enqueued_at")
                .values_list("pk", flat=True)[: batch - (share_id is not None)]
            )
            if others:
                due.filter(pk__in=others).update(**claim)
    return [share_id, *others] if share_id is not None else others


def _still_queued(share_id: Any) -> bool:
    """Whether the share waits in the queue. Written as SQL: most messages of a busy queue
    end here (their share went out with another's batch), and compiling the ORM query cost
    three times as much as running it."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT 1 FROM {Share._meta.db_table} WHERE organization_id = %s AND id = %s AND status = %s",  # noqa: S608 - our own table name
            [require_organization_id(), share_id, ShareStatus.QUEUED],
        )
        return cursor.fetchone() is not None


def _publish_claimed(share: Share, limits: dict[str, float]) -> Share | PostResult:
    """Post one claimed share that passed its re-check: the network's answer, to record, or
    the share as it ended (released for a retry, or failed)."""
    wait = _rate_limit_wait(share, limits)
    if wait > 0:
        return _release(share, delay=wait, code="rate_limited", detail=f"{share.network} asked us to slow down.")
    try:
        credentials = connection_credentials(share.connection)
    except ConnectionUnusable as exc:
        return _fail(share, code="connection_expired", detail=exc.detail, retryable=False)
    except ProviderError as exc:  # refreshing the token failed for now; nothing was posted
        return _retry_or_fail(share, exc, posted_maybe=False)
    if not _mark_post_started(share):
        return share  # the beat job took this claim back as stuck: another worker owns it now
    # The network call runs outside any transaction; the claim protects it from a second worker.
    try:
        result = _post(share, credentials)
    except RateLimited as exc:
        _remember_rate_limit(share, exc, limits)
        return _release(share, delay=exc.retry_after, code="rate_limited", detail=exc.detail)
    except ConnectionUnusable as exc:
        return _fail(share, code="connection_expired", detail=exc.detail, retryable=False)
    except PostRejected as exc:
        return _fail(share, code="post_rejected", detail=exc.detail, retryable=False)
    except NetworkUnreachable as exc:
        return _retry_or_fail(share, exc, posted_maybe=False)
    except Exception as exc:  # a timeout, a 5xx, or anything unexpected after sending
        logger.warning("share %s: unknown outcome after posting", share.pk, exc_info=True)
        unknown = exc if isinstance(exc, OutcomeUnknown) else OutcomeUnknown(f"{share.network} gave no clear answer.")
        return _retry_or_fail(share, unknown, posted_maybe=True)
    return result


def _recheck_claimed(share_ids: list[Any]) -> list[tuple[Share, bool]]:
    """Every invariant again, inside the claim, for each claimed share: (share, blocked). A
    share that fails one is cancelled (retired content) or blocked, and never posted. No
    row lock is needed: a share that is ``posting`` can be neither edited nor cancelled,
    and no other worker can claim it."""
    if not share_ids:
        return []
    shares = list(
        Share.objects.select_related(
            "membership__organization", "membership__user", "content", "content_version", "connection"
        )
        .filter(pk__in=share_ids, status=ShareStatus.POSTING)
        .order_by("enqueued_at")
    )
    checked = []
    for share, checks in zip(shares, share_checks_many(shares, at_posting=True), strict=True):
        problem = _invariant_problem(share, checks)
        if problem is not None:
            share = _block(share, *problem)
        checked.append((share, problem is not None))
    return checked


def _block(share: Share, code: str, detail: str) -> Share:
    with transaction.atomic():
        share = _locked(share)
        share.status = ShareStatus.CANCELLED if code == "retired" else ShareStatus.BLOCKED
        share.error_code, share.error_detail = code, detail
        share.save()
        audit_record(
            organization=share.membership.organization,
            actor=None,
            verb="share.blocked",
            obj=share,
            after={"code": code, "detail": detail},
        )
    return share


def _invariant_problem(share: Share, checks: list[Check]) -> tuple[str, str] | None:
    if not share.confirmation_valid:
        return "text_changed", "The text differs from what was confirmed."
    if share.connection.status != ConnectionStatus.ACTIVE:
        return "connection_revoked", "The network connection was disconnected. Reconnect and confirm again."
    failed = failed_checks(checks)
    return (failed[0].code, failed[0].detail) if failed else None


def _post(share: Share, credentials: Credentials) -> PostResult:
    """Post once; a 401 means nothing was posted, so refresh the token and try once more."""
    provider = get_provider(share.network)
    try:
        return provider.post(credentials=credentials, text=share.final_text, idempotency_key=str(share.pk))
    except TokenRejected:
        credentials = connection_credentials(share.connection, force_refresh=True)
    try:
        return provider.post(credentials=credentials, text=share.final_text, idempotency_key=str(share.pk))
    except TokenRejected as exc:
        detail = "The network no longer accepts this connection. Reconnect it."
        connection_mark_expired(connection=share.connection, detail=detail)
        raise ConnectionUnusable(detail) from exc


def _commit_without_waiting_for_disk() -> None:
    """Call inside a transaction: on PostgreSQL it commits without waiting for the WAL flush.

    Used for the claim and for recording a post, never for ``post_started_at`` on a network
    without idempotency. If the database crashes and loses such a commit, the share is found
    again as ``queued`` (the claim was lost: nothing was sent, since the durable
    ``post_started_at`` commit would have flushed it) or as ``posting`` (recovered by the beat
    job: sent again only where the network deduplicates, ``outcome_unknown`` elsewhere), so
    at most once holds. What it saves is one disk flush per commit, the limit of posting
    throughput on a single database."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit TO OFF")


def _mark_post_started(share: Share) -> bool:
    """Record the attempt while this worker's claim (its ``claimed_at``) still stands. False:
    the beat job judged the claim stuck and took it back, so this worker must not post."""
    share.attempts += 1
    share.post_started_at = timezone.now()
    with transaction.atomic():
        if get_provider(share.network).idempotent:
            # A retry cannot duplicate the post: this marker need not survive a crash.
            _commit_without_waiting_for_disk()
        return bool(
            Share.objects.filter(pk=share.pk, status=ShareStatus.POSTING, claimed_at=share.claimed_at).update(
                attempts=share.attempts, post_started_at=share.post_started_at, updated_at=share.post_started_at
            )
        )


def _rate_limit_keys(share: Share) -> dict[str, str]:
    return {
        "app": f"ratelimit:{share.network}:app",
        "connection": f"ratelimit:{share.network}:connection:{share.connection_id}",
    }


def _rate_limits(shares: list[Share]) -> dict[str, float]:
    """When each network (for our app) and each connection of these shares accepts posts
    again (epoch seconds), read in one round trip; kept up to date by ``_remember_rate_limit``."""
    keys = {key for share in shares for key in _rate_limit_keys(share).values()}
    return {key: float(until) for key, until in cache.get_many(list(keys)).items() if until} if keys else {}


def _rate_limit_wait(share: Share, limits: dict[str, float]) -> float:
    """Seconds until this network (for our app) and this connection accept posts again."""
    until = [limits[key] for key in _rate_limit_keys(share).values() if key in limits]
    return max([value - time.time() for value in until] + [0.0])


def _remember_rate_limit(share: Share, exc: RateLimited, limits: dict[str, float]) -> None:
    key = _rate_limit_keys(share).get(exc.scope, _rate_limit_keys(share)["connection"])
    limits[key] = time.time() + exc.retry_after
    cache.set(key, limits[key], timeout=int(exc.retry_after) + 1)


def _backoff(attempts: int) -> float:
    delay = min(BACKOFF_BASE * 2 ** max(attempts - 1, 0), BACKOFF_CAP).total_seconds()
    return delay * random.uniform(0.8, 1.2)  # jitter: retries of many shares do not stampede


def _retry_or_fail(share: Share, exc: ProviderError, *, posted_maybe: bool) -> Share:
    """Retry what is safe to retry: nothing was sent, or the network is idempotent (the
    same key cannot make a second post). Otherwise the outcome is unknown: the employee
    checks their profile; we never retry blindly."""
    safe = not posted_maybe or get_provider(share.network).idempotent
    if safe and share.attempts < MAX_ATTEMPTS:
        return _release(share, delay=_backoff(share.attempts), code=exc.code, detail=exc.detail)
    if posted_maybe:
        return _fail(
            share,
            code="outcome_unknown",
            detail=f"{exc.detail} The post may or may not exist: check your profile before trying again.",
            retryable=safe,
        )
    return _fail(share, code=exc.code, detail=f"{exc.detail} We stopped retrying.", retryable=True)


def _release(share: Share, *, delay: float, code: str, detail: str) -> Share:
    """Back to the queue (nothing posted, or posting is idempotent) with a not-before time."""
    with transaction.atomic():
        share = _locked(share)
        if share.status != ShareStatus.POSTING:
            return share
        now = timezone.now()
        share.status = ShareStatus.QUEUED
        share.retry_at = now + timedelta(seconds=max(delay, 1.0))
        share.enqueued_at = now
        share.post_started_at = None
        share.error_code, share.error_detail = code, detail
        share.save()
        if delay <= COUNTDOWN_LIMIT:
            _send_publish_task_on_commit(share, countdown=max(delay, 1.0))
    return share


def _fail(share: Share, *, code: str, detail: str, retryable: bool) -> Share:
    with transaction.atomic():
        share = _locked(share)
        share.status = ShareStatus.FAILED
        share.error_code, share.error_detail = code, detail
        share.retryable = retryable
        share.retry_at = None
        share.save()
        _audit_failed(share, code=code, detail=detail)
    return share


def _audit_failed(share: Share, *, code: str, detail: str) -> None:
    audit_record(
        organization=share.organization,
        actor=None,
        verb="share.failed",
        obj=share,
        after={"code": code, "detail": detail, "attempts": share.attempts},
    )


def _record_posted(posts: list[tuple[Share, PostResult]]) -> list[Share]:
    """Record posts of one organisation in one transaction, with one audit append.

    Conditional: only a share still ``posting`` is recorded by this worker; one the beat job
    took back meanwhile is recorded by whoever holds it now."""
    if not posts:
        return []
    now = timezone.now()
    recorded = []
    with transaction.atomic():
        _commit_without_waiting_for_disk()
        for share, result in posts:
            share.status = ShareStatus.POSTED
            share.posted_at = now
            share.external_id, share.external_url = result.external_id, result.external_url
            share.error_code = share.error_detail = ""
            share.retry_at = None
            if Share.objects.filter(pk=share.pk, status=ShareStatus.POSTING).update(
                status=share.status,
                posted_at=now,
                external_id=share.external_id,
                external_url=share.external_url,
                error_code="",
                error_detail="",
                retry_at=None,
                updated_at=now,
            ):
                recorded.append(share)
        if recorded:
            audit_record_many(
                organization=recorded[0].membership.organization,
                entries=[
                    AuditEntry(
                        actor=None,
                        verb="share.posted",
                        obj=share,
                        after={**share.audit_state(), "external_id": share.external_id},
                    )
                    for share in recorded
                ],
            )
        if recorded:
            transaction.on_commit(partial(_run_posted_handlers, recorded))
    return [share for share, _ in posts]


def _run_posted_handlers(shares: list[Share]) -> None:
    for path in settings.SHARE_POSTED_HANDLERS:
        import_string(path)(shares=shares)


def shares_dispatch(*, now: Any = None) -> dict[str, int]:
    """The beat job: send due scheduled shares, retries whose time came, and shares whose
    message was lost; recover shares whose worker died while posting: safe to send again
    when it died before the network call or the network is idempotent, otherwise the
    outcome is unknown."""
    from advocacy.shares.tasks import share_publish_task

    now = now or timezone.now()
    due = (
        Share.objects.filter(status=ShareStatus.QUEUED)
        .exclude(send_at__gt=now)
        .exclude(retry_at__gt=now)
        .exclude(enqueued_at__gt=now - REDISPATCH_AFTER)
    )
    sent = 0
    for share_id, organization_id in due.values_list("pk", "organization_id")[:1000]:
        Share.objects.filter(pk=share_id).update(enqueued_at=now)
        share_publish_task.delay(organization_id=str(organization_id), share_id=str(share_id))
        sent += 1
    stuck = Share.objects.filter(status=ShareStatus.POSTING, claimed_at__lt=now - STUCK_AFTER)
    safe = Q(post_started_at__isnull=True) | Q(network__in=IDEMPOTENT_NETWORKS)
    requeued = stuck.filter(safe).update(status=ShareStatus.QUEUED, enqueued_at=None, post_started_at=None)
    unknown = 0
    for share in stuck.exclude(safe).select_related("organization")[:1000]:
        unknown += _fail_lost_post(share)
    return {"dispatched": sent, "requeued": requeued, "outcome_unknown": unknown}


def _fail_lost_post(share: Share) -> int:
    """A worker died after it may have sent the post to a network that cannot deduplicate:
    never sent again, audited like every other failure."""
    detail = "We lost track of this post while sending it. Check your profile before trying again."
    with transaction.atomic():
        # Conditional on the claim we saw: a worker that finished meanwhile keeps its result.
        changed = Share.objects.filter(pk=share.pk, status=ShareStatus.POSTING, claimed_at=share.claimed_at).update(
            status=ShareStatus.FAILED, error_code="outcome_unknown", error_detail=detail, retryable=False
        )
        if changed:
            _audit_failed(share, code="outcome_unknown", detail=detail)
    return changed
