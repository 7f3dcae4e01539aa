"""Writes of the analytics app: buffering clicks, the batch writer, and what happens when a
share is posted.

The batch writer (``clicks_flush``) claims a batch from the buffer, and in ONE transaction
inserts the clicks (``ON CONFLICT (id) DO NOTHING``) and adds only the clicks that were
really inserted to the rollups; the claim is deleted from the buffer after the commit. So a
failed write loses nothing (the claim goes back), and a replay after a crash between commit
and ack counts nothing twice (every click is already there).
"""

import logging
import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from advocacy.analytics.buffer import ClickBuffer, click_buffer
from advocacy.analytics.clicks import BufferedClick
from advocacy.analytics.links import tracked_links_warm
from advocacy.analytics.models import Click, DailyVisitor, ShareEngagement, ShareHourlyStats
from advocacy.analytics.rollups import Counters, ShareFacts, hourly_rows, rollups_add, share_facts
from advocacy.analytics.upserts import insert_new, upsert_adding
from advocacy.shares.models import Share, ShareStatus

logger = logging.getLogger(__name__)

# Visitor rows are only needed while clicks of that day can still arrive.
DAILY_VISITOR_RETENTION = timedelta(days=2)


# --- The request path ----------------------------------------------------------------------


def click_buffer_push(click: BufferedClick) -> None:
    """Called by the redirect: never lets a buffer failure stop the visitor."""
    try:
        click_buffer().push(click.encode())
    except Exception:
        logger.exception("Could not buffer a click on share %s", click.share_id)


# --- The batch writer ------------------------------------------------------------------------


@dataclass
class FlushResult:
    batches: int = 0
    recorded: int = 0  # new clicks written
    duplicates: int = 0  # already written by an earlier (replayed) batch
    dropped: int = 0  # unreadable, or of a share that no longer exists
    recovered_claims: int = 0


@dataclass
class ClickBatchResult:
    recorded: int = 0
    duplicates: int = 0
    dropped: int = 0


def clicks_flush(
    *,
    buffer: ClickBuffer | None = None,
    batch_size: int | None = None,
    max_batches: int = 100,
    recover_older_than: float | None = None,
) -> FlushResult:
    """Move buffered clicks into the database, batch by batch, until the buffer is empty (or
    ``max_batches`` were written). First puts back the claims of workers that died."""
    buffer = buffer or click_buffer()
    batch_size = batch_size or settings.CLICK_FLUSH_BATCH_SIZE
    result = FlushResult()
    result.recovered_claims = buffer.recover(
        older_than=settings.CLICK_CLAIM_TIMEOUT_SECONDS if recover_older_than is None else recover_older_than
    )
    for _ in range(max_batches):
        claim = buffer.claim(batch_size)
        if claim is None:
            break
        try:
            batch = clicks_record(claim.items)
        except Exception:
            # Nothing was committed: the clicks go back and the next run writes them.
            buffer.release(claim)
            raise
        buffer.ack(claim)
        result.batches += 1
        result.recorded += batch.recorded
        result.duplicates += batch.duplicates
        result.dropped += batch.dropped
    return result


def _decode(items: Sequence[bytes]) -> tuple[list[BufferedClick], int, int]:
    """The distinct clicks of a batch, how many items were unreadable, and how many were
    the same click twice."""
    clicks: dict[uuid.UUID, BufferedClick] = {}
    unreadable = 0
    for item in items:
        try:
            click = BufferedClick.decode(item)
        except (ValueError, KeyError, TypeError, OverflowError):
            unreadable += 1
            continue
        clicks[click.id] = click
    if unreadable:
        logger.error("Dropped %d unreadable buffered clicks", unreadable)
    return list(clicks.values()), unreadable, len(items) - unreadable - len(clicks)


def clicks_record(items: Sequence[bytes]) -> ClickBatchResult:
    """Write one batch of buffered clicks and their rollup increments, in one transaction."""
    clicks, unreadable, repeated = _decode(items)
    facts = share_facts(click.share_id for click in clicks)
    known = [c for c in clicks if c.share_id in facts and facts[c.share_id].organization_id == c.organization_id]
    orphans = len(clicks) - len(known)
    if orphans:
        logger.warning("Dropped %d clicks of shares that no longer exist", orphans)
    now = timezone.now()
    with transaction.atomic():
        inserted = insert_new(
            Click,
            [
                {
                    "id": click.id,
                    "organization_id": facts[click.share_id].organization_id,
                    "share_id": click.share_id,
                    "clicked_at": click.clicked_at,
                    "visitor_hash": click.visitor_hash,
                    "referrer_host": click.referrer_host,
                    "is_bot": click.is_bot,
                    "created_at": now,
                    "updated_at": now,
                }
                for click in known
            ],
            conflict_fields=["id"],
            returning=["id"],
        )
        inserted_ids = {row[0] for row in inserted}
        fresh = [click for click in known if click.id in inserted_ids]
        _add_to_rollups(fresh, _first_visits(fresh, facts, now), facts)
    return ClickBatchResult(
        recorded=len(fresh), duplicates=len(known) - len(fresh) + repeated, dropped=unreadable + orphans
    )


def _hour(moment: datetime) -> datetime:
    return moment.replace(minute=0, second=0, microsecond=0)


def _first_visits(
    clicks: list[BufferedClick], facts: dict[uuid.UUID, ShareFacts], now: datetime
) -> dict[tuple[uuid.UUID, date], list[datetime]]:
    """Human visitors seen for the first time on (share, day): the hour of each first visit."""
    earliest: dict[tuple[uuid.UUID, date, str], datetime] = {}
    for click in clicks:
        if click.is_bot:
            continue
        key = (click.share_id, click.clicked_at.date(), click.visitor_hash)
        if key not in earliest or click.clicked_at < earliest[key]:
            earliest[key] = click.clicked_at
    new = insert_new(
        DailyVisitor,
        [
            {
                "id": uuid.uuid4(),
                "organization_id": facts[share_id].organization_id,
                "share_id": share_id,
                "day": day,
                "visitor_hash": visitor,
                "created_at": now,
                "updated_at": now,
            }
            for share_id, day, visitor in sorted(earliest)
        ],
        conflict_fields=["share", "day", "visitor_hash"],
        returning=["share", "day", "visitor_hash"],
    )
    first: dict[tuple[uuid.UUID, date], list[datetime]] = defaultdict(list)
    for share_id, day, visitor in new:
        first[(share_id, day)].append(_hour(earliest[(share_id, day, visitor)]))
    return first


def _add_to_rollups(
    clicks: list[BufferedClick],
    first_visits: dict[tuple[uuid.UUID, date], list[datetime]],
    facts: dict[uuid.UUID, ShareFacts],
) -> None:
    hourly: dict[tuple[uuid.UUID, datetime], Counters] = defaultdict(Counters)
    daily: dict[tuple[uuid.UUID, date], Counters] = defaultdict(Counters)
    for click in clicks:
        for counters in (
            hourly[(click.share_id, _hour(click.clicked_at))],
            daily[(click.share_id, click.clicked_at.date())],
        ):
            if click.is_bot:
                counters.bot_hits += 1
            else:
                counters.clicks += 1
    for (share_id, day), hours in first_visits.items():
        daily[(share_id, day)].unique_visitors += len(hours)
        for hour in hours:
            hourly[(share_id, hour)].unique_visitors += 1
    upsert_adding(
        ShareHourlyStats,
        hourly_rows(hourly, facts),
        key_fields=["share", "hour"],
        add_fields=["clicks", "unique_visitors", "bot_hits"],
    )
    rollups_add(daily, facts)


def share_daily_add(*, share: Share, day: date, increments: Counters) -> None:
    """Add to one share's rollups of one day (the posting, engagement growth)."""
    rollups_add({(share.pk, day): increments}, {share.pk: ShareFacts.of(share)})


def daily_visitors_prune(*, today: date | None = None) -> int:
    """Forget visitor hashes once their day can no longer receive clicks."""
    cutoff = (today or timezone.now().date()) - DAILY_VISITOR_RETENTION
    # Across organisations on purpose: housekeeping of rows no one reads.
    deleted, _ = DailyVisitor.objects.unscoped().filter(day__lt=cutoff).delete()
    return deleted


# --- When a share is posted --------------------------------------------------------------------


def share_posted_record(*, shares: Sequence[Share]) -> None:
    """SHARE_POSTED_HANDLERS, with the shares one posting transaction recorded: warm their
    tracked links at once, and leave counting them in the rollups (which freezes what each
    counts for and schedules its engagement reads) to one task on the general queue: rollup
    rows are shared by many shares, and their row locks must not hold back the posting
    threads. Safe to call more than once.

    Runs after the posting committed; a failure here must not disturb the pipeline, so it
    is logged and ``shares_posted_reconcile`` catches the shares up a few minutes later."""
    from advocacy.analytics.tasks import share_posted_count_task

    if not shares:
        return
    try:
        tracked_links_warm(shares)
    except Exception:
        logger.exception("Could not warm the tracked links of %d posted shares", len(shares))
    by_organization: dict[Any, list[str]] = defaultdict(list)
    for share in shares:
        by_organization[share.organization_id].append(str(share.pk))
    for organization_id, share_ids in by_organization.items():
        try:
            share_posted_count_task.delay(organization_id=str(organization_id), share_ids=share_ids)
        except Exception:
            logger.exception("Could not record the posting of shares %s in analytics", share_ids)


def share_posted_count_by_id(*, share_id: str) -> bool:
    share = Share.objects.select_related("content_version").filter(pk=share_id, status=ShareStatus.POSTED).first()
    return share_posted_count(share=share) if share is not None else False


@transaction.atomic
def share_posted_count(*, share: Share) -> bool:
    """Once per share (guarded by its ShareEngagement row): +1 share on its posting day (which
    freezes its role and audience attribution) and its first engagement read. False if it
    was already counted."""
    posted_at = share.posted_at or timezone.now()
    now = timezone.now()
    created = insert_new(
        ShareEngagement,
        [
            {
                "id": uuid.uuid4(),
                "organization_id": share.organization_id,
                "share_id": share.pk,
                "posted_at": posted_at,
                "reactions": 0,
                "comments": 0,
                "reposts": 0,
                "impressions": None,
                "read_at": None,
                "read_due_at": posted_at + timedelta(seconds=settings.ENGAGEMENT_FIRST_READ_AFTER_SECONDS),
                "created_at": now,
                "updated_at": now,
            }
        ],
        conflict_fields=["share"],
        returning=["share"],
    )
    if not created:
        return False
    share_daily_add(share=share, day=posted_at.date(), increments=Counters(shares_posted=1))
    return True


def shares_posted_reconcile(*, since: timedelta = timedelta(days=7), limit: int = 500) -> int:
    """Beat: posted shares whose handler did not run (crash, deploy) are recorded now."""
    recorded = (
        Share.objects.unscoped()
        .filter(status=ShareStatus.POSTED, posted_at__gte=timezone.now() - since)
        .filter(~Exists(ShareEngagement.objects.unscoped().filter(share_id=OuterRef("pk"))))
    )
    shares = list(recorded.select_related("content_version").order_by("posted_at")[:limit])
    share_posted_record(shares=shares)
    return len(shares)
