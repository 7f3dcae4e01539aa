"""Background jobs of the analytics app: thin wrappers around services, run by beat."""

from dataclasses import asdict
from typing import Any

from celery import shared_task

from advocacy.analytics.engagement import engagement_read_due
from advocacy.analytics.services import (
    clicks_flush,
    daily_visitors_prune,
    share_posted_count_by_id,
    shares_posted_reconcile,
)
from advocacy.core.tenancy import with_tenant


@shared_task
def clicks_flush_task() -> dict[str, Any]:
    """Every few seconds: buffered clicks into the database and the rollups."""
    return asdict(clicks_flush())


@shared_task
def engagement_read_task() -> dict[str, Any]:
    """Every few minutes: engagement of the posted shares whose next read is due."""
    return asdict(engagement_read_due())


@shared_task
def shares_posted_reconcile_task() -> int:
    """Every few minutes: posted shares whose posted handler did not run."""
    return shares_posted_reconcile()


@shared_task
def daily_visitors_prune_task() -> int:
    """A few times a day: visitor hashes of days that are over."""
    return daily_visitors_prune()


@shared_task(acks_late=True)
@with_tenant
def share_posted_count_task(
    *, organization_id: str, share_ids: list[str] | None = None, share_id: str | None = None
) -> int:
    """After shares are posted: count them in the rollups (off the posting threads). The
    number counted now. ``share_id``: one share, as messages sent before batches name it."""
    ids = [*(share_ids or []), *([share_id] if share_id else [])]
    return sum(share_posted_count_by_id(share_id=one) for one in ids)
