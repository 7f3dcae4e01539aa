"""Reading reactions, comments and reposts of posted shares back from their networks.

Recent shares are read more often than old ones (ENGAGEMENT_* settings), each at most once
per interval. A 429 pauses the connection (or, for an app-wide limit, the whole network) for
the Retry-After the network gave, across runs and workers (the pause lives in the cache).
Network calls run outside any transaction; each result is written in a short one.
"""

import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from advocacy.accounts.models import Organization
from advocacy.analytics.models import EngagementSnapshot, ShareEngagement
from advocacy.analytics.rollups import Counters
from advocacy.analytics.services import share_daily_add
from advocacy.core.tenancy import tenant_context
from advocacy.networks.providers import ProviderUnavailable, get_provider
from advocacy.networks.providers.base import Engagement, ProviderError, RateLimited
from advocacy.networks.services import ConnectionUnusable, connection_credentials
from advocacy.shares.models import Share

logger = logging.getLogger(__name__)


@dataclass
class EngagementRun:
    read: int = 0
    rate_limited: int = 0
    failed: int = 0
    stopped: int = 0  # shares that will not be read again (connection gone, nothing to read)
    skipped_paused: int = 0


def next_read_at(*, posted_at: datetime, now: datetime) -> datetime | None:
    """Recent shares every few hours, older ones weekly, none past the maximum age."""
    age = now - posted_at
    if age < timedelta(days=settings.ENGAGEMENT_RECENT_DAYS):
        return now + timedelta(hours=settings.ENGAGEMENT_RECENT_EVERY_HOURS)
    if age < timedelta(days=settings.ENGAGEMENT_MAX_AGE_DAYS):
        return now + timedelta(hours=settings.ENGAGEMENT_OLD_EVERY_HOURS)
    return None


def _pause_key(scope: str, name: str) -> str:
    return f"analytics:engagement:paused:{scope}:{name}"


def _paused_until(share: Share) -> datetime | None:
    """When the network or connection of ``share`` may be called again, if it is paused."""
    keys = [_pause_key("network", share.network), _pause_key("connection", str(share.connection_id))]
    resume_at = [float(value) for value in cache.get_many(keys).values()]
    return datetime.fromtimestamp(max(resume_at), tz=UTC) if resume_at else None


def _pause(share: Share, exc: RateLimited, *, now: datetime) -> datetime:
    scope, name = ("network", share.network) if exc.scope == "app" else ("connection", str(share.connection_id))
    retry_after = max(1.0, float(exc.retry_after))
    resume_at = now + timedelta(seconds=retry_after)
    cache.set(_pause_key(scope, name), resume_at.timestamp(), timeout=int(retry_after + 1))
    return resume_at


def engagement_read_due(*, now: datetime | None = None, limit: int | None = None) -> EngagementRun:
    """Beat: for every organisation, read the shares whose next read is due."""
    run = EngagementRun()
    now = now or timezone.now()
    budget = limit if limit is not None else settings.ENGAGEMENT_READS_PER_RUN
    for organization_id in Organization.objects.values_list("pk", flat=True):
        if budget <= 0:
            break
        with tenant_context(organization_id):
            budget -= engagement_read_organization(now=now, limit=budget, run=run)
    return run


def engagement_read_organization(*, now: datetime, limit: int, run: EngagementRun) -> int:
    """Read up to ``limit`` due shares of the organisation in context; returns how many
    were attempted."""
    due_ids = list(
        ShareEngagement.objects.filter(read_due_at__lte=now)
        .order_by("read_due_at")
        .values_list("share_id", flat=True)[:limit]
    )
    shares = Share.objects.select_related("connection").filter(pk__in=due_ids).order_by("posted_at")
    attempted = 0
    for share in shares:
        paused_until = _paused_until(share)
        if paused_until is not None and paused_until > now:
            # Not due before the pause ends, so it does not take the place of other shares.
            _reschedule(share, due=paused_until)
            run.skipped_paused += 1
            continue
        attempted += 1
        _read_one(share, now=now, run=run)
    return attempted


def _read_one(share: Share, *, now: datetime, run: EngagementRun) -> None:
    if not share.external_id:
        _reschedule(share, due=None)
        run.stopped += 1
        return
    try:
        provider = get_provider(share.network)
        credentials = connection_credentials(share.connection)
        engagement = provider.engagement(credentials=credentials, external_id=share.external_id)
    except RateLimited as exc:
        _reschedule(share, due=_pause(share, exc, now=now))
        run.rate_limited += 1
    except ConnectionUnusable:
        # Disconnected or expired for good: a reconnection is a new connection, so this
        # share cannot be read again.
        _reschedule(share, due=None)
        run.stopped += 1
    except (ProviderError, ProviderUnavailable) as exc:
        logger.warning("Engagement read of share %s failed: %s", share.pk, exc)
        _reschedule(share, due=next_read_at(posted_at=share.posted_at or now, now=now))
        run.failed += 1
    else:
        engagement_record(share=share, engagement=engagement, taken_at=now)
        run.read += 1


def _reschedule(share: Share, *, due: datetime | None) -> None:
    ShareEngagement.objects.filter(share=share).update(read_due_at=due, updated_at=timezone.now())


@transaction.atomic
def engagement_record(*, share: Share, engagement: Engagement, taken_at: datetime) -> EngagementSnapshot:
    """Store a snapshot, keep it as the share's latest, and add the growth since the previous
    read to the share's rollup of the day (so per-day and per-range figures add up)."""
    latest = ShareEngagement.objects.select_for_update().get(share=share)
    snapshot = EngagementSnapshot.objects.create(
        organization_id=share.organization_id,
        share=share,
        taken_at=taken_at,
        reactions=engagement.reactions,
        comments=engagement.comments,
        reposts=engagement.reposts,
        impressions=engagement.impressions,
    )
    growth = Counters(
        reactions=engagement.reactions - latest.reactions,
        comments=engagement.comments - latest.comments,
        reposts=engagement.reposts - latest.reposts,
    )
    latest.reactions, latest.comments, latest.reposts = engagement.reactions, engagement.comments, engagement.reposts
    latest.impressions = engagement.impressions
    latest.read_at = taken_at
    latest.read_due_at = next_read_at(posted_at=latest.posted_at, now=taken_at)
    latest.save()
    if any(growth.as_dict().values()):
        share_daily_add(share=share, day=taken_at.date(), increments=growth)
    return snapshot
