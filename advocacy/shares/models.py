"""A share: one employee's own words about one content item, for one network, confirmed by
them and posted at most once."""

import hashlib
from typing import Any

from django.db import models
from django.db.models import Q

from advocacy.core.models import TenantModel


class ShareStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    CONFIRMED = "confirmed", "Confirmed"
    IN_REVIEW = "in_review", "In review"
    QUEUED = "queued", "Queued"
    POSTING = "posting", "Posting"
    POSTED = "posted", "Posted"
    FAILED = "failed", "Failed"
    CANCELLED = "cancelled", "Cancelled"
    BLOCKED = "blocked", "Blocked"


# Statuses in which the text may still change (the change voids any confirmation).
EDITABLE = (
    ShareStatus.DRAFT,
    ShareStatus.CONFIRMED,
    ShareStatus.IN_REVIEW,
    ShareStatus.QUEUED,
    ShareStatus.BLOCKED,
    ShareStatus.FAILED,
)
# Statuses that count against the daily cap and against colleagues' originality.
COMMITTED = (ShareStatus.CONFIRMED, ShareStatus.IN_REVIEW, ShareStatus.QUEUED, ShareStatus.POSTING, ShareStatus.POSTED)


def sha256_hex(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Share(TenantModel):
    membership = models.ForeignKey("accounts.Membership", on_delete=models.CASCADE, related_name="shares")
    content = models.ForeignKey("content.ContentItem", on_delete=models.CASCADE, related_name="shares")
    content_version = models.ForeignKey("content.ContentVersion", on_delete=models.PROTECT, related_name="shares")
    connection = models.ForeignKey("networks.NetworkConnection", on_delete=models.PROTECT, related_name="shares")
    network = models.CharField(max_length=20)
    text = models.TextField(max_length=5000)
    final_text = models.TextField()
    tracked_code = models.CharField(max_length=16, unique=True)
    status = models.CharField(max_length=12, choices=ShareStatus.choices, default=ShareStatus.DRAFT)
    # The confirmation: the SHA-256 of the exact final text the employee saw and confirmed.
    confirmed_sha256 = models.CharField(max_length=64, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    send_at = models.DateTimeField(null=True, blank=True)
    enqueued_at = models.DateTimeField(null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    # Set (and committed) just before the network call: a worker that died before it never
    # reached the network, so its share is safe to send again on any network.
    post_started_at = models.DateTimeField(null=True, blank=True)
    # Not before this time (a 429's Retry-After, or backoff after a transient failure).
    retry_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    reviewed_by = models.ForeignKey(
        "accounts.Membership", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    review_reason = models.TextField(blank=True, max_length=2000)
    external_id = models.CharField(max_length=255, blank=True)
    external_url = models.URLField(max_length=500, blank=True)
    error_code = models.CharField(max_length=40, blank=True)
    error_detail = models.TextField(blank=True)
    retryable = models.BooleanField(default=False)
    posted_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["organization_id", "-created_at"]
        constraints = [
            # The same thing is never shared twice: one live share per (member, content, network).
            models.UniqueConstraint(
                fields=["membership", "content", "network"],
                condition=~Q(status="cancelled"),
                name="share_once_per_member_content_network",
            )
        ]
        indexes = [
            models.Index(fields=["organization", "status", "send_at"], name="share_org_status_send_at"),
            models.Index(fields=["organization", "content", "status"], name="share_org_content_status"),
            # The originality check's colleagues: the newest committed shares of a content.
            models.Index(
                fields=["organization", "content", "-created_at", "id"],
                condition=Q(status__in=COMMITTED),
                name="share_org_content_newest",
            ),
            models.Index(fields=["organization", "membership", "confirmed_at"], name="share_org_member_confirmed"),
            # The posting workers' batch claim: the oldest queued shares of an organisation.
            models.Index(fields=["organization", "enqueued_at"], condition=Q(status="queued"), name="share_org_queued"),
        ]

    def __str__(self) -> str:
        return f"{self.network} share of {self.content_id} by {self.membership_id}"

    @property
    def confirmation_valid(self) -> bool:
        return bool(self.confirmed_sha256) and self.confirmed_sha256 == sha256_hex(self.final_text)

    def audit_state(self) -> dict[str, Any]:
        return {"status": self.status, "network": self.network, "text_sha256": sha256_hex(self.final_text)}
