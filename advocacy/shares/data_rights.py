"""A member's shares under data rights (docs/data-rights.md): exported with their texts and
statuses; on erasure everything not posted is deleted, while posted shares stay in the
compliance archive (under the member's pseudonym) for the organisation's
``archive_retention_days``, counted from their posting."""

from datetime import datetime, timedelta
from typing import Any

from advocacy.accounts.models import Membership, Organization
from advocacy.shares.models import Share, ShareStatus

# Kept on erasure: posted shares are the archive; a share being posted right now is left
# to its worker, which marks it posted (kept) or failed.
KEPT_ON_ERASURE = (ShareStatus.POSTED, ShareStatus.POSTING)


def member_export(*, membership: Membership) -> dict[str, Any]:
    """Every share of the member, with its texts and status. One query."""
    rows = (
        Share.objects.filter(membership=membership)
        .order_by("created_at")
        .values(
            "id",
            "content_id",
            "content__title",
            "network",
            "text",
            "final_text",
            "status",
            "created_at",
            "confirmed_at",
            "send_at",
            "posted_at",
            "cancelled_at",
            "external_url",
            "review_reason",
            "error_code",
            "error_detail",
        )
    )
    return {
        "shares": [
            {
                "id": str(row["id"]),
                "content": str(row["content_id"]),
                "content_title": row["content__title"],
                "network": row["network"],
                "text": row["text"],
                "final_text": row["final_text"],
                "status": row["status"],
                "created_at": row["created_at"],
                "confirmed_at": row["confirmed_at"],
                "send_at": row["send_at"],
                "posted_at": row["posted_at"],
                "cancelled_at": row["cancelled_at"],
                "external_url": row["external_url"],
                "review_reason": row["review_reason"],
                "error_code": row["error_code"],
                "error_detail": row["error_detail"],
            }
            for row in rows
        ]
    }


def member_erase(*, membership: Membership, actor: Any) -> None:
    """Drafts and every other share that never reached the network are deleted."""
    Share.objects.filter(membership=membership).exclude(status__in=KEPT_ON_ERASURE).delete()


def erased_archive_purge(*, organization: Organization, now: datetime) -> int:
    """Posted shares of erased members whose retention ended are deleted. Returns how many."""
    cutoff = now - timedelta(days=organization.archive_retention_days)
    _total, per_model = Share.objects.filter(
        membership__erased_at__isnull=False, status=ShareStatus.POSTED, posted_at__lt=cutoff
    ).delete()
    return per_model.get(Share._meta.label, 0)
