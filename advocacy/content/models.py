"""Approved content: items and their immutable versions, approvals, the role x audience
grid, message templates."""

from typing import Any

from django.db import models
from django.db.models import Q

from advocacy.core.models import TenantModel


class ContentStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    IN_REVIEW = "in_review", "In review"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Rejected"
    RETIRED = "retired", "Retired"


class ContentSource(models.TextChoices):
    COMMS = "comms", "Comms team"
    EMPLOYEE_SUGGESTION = "employee_suggestion", "Employee suggestion"
    FEED = "feed", "Feed"


class PreviewStatus(models.TextChoices):
    NONE = "none", "No preview"
    PENDING = "pending", "Fetching"
    FETCHED = "fetched", "Fetched"
    FAILED = "failed", "Failed"


# The fields a version freezes. Editing any of them on an approved item starts a new
# version that needs approval again.
VERSIONED_FIELDS = (
    "title",
    "url",
    "summary",
    "suggested_copy",
    "angles",
    "image_url",
    "language",
    "networks",
    "disclaimer",
    "expires_at",
)


class ContentItem(TenantModel):
    """The working copy of a piece of content and where it stands in the workflow.

    ``approved_version`` is what employees see and share; it stays in place while a newer
    working copy is edited or reviewed, until that one is approved.
    """

    title = models.CharField(max_length=200)
    url = models.URLField(max_length=2000, blank=True)
    summary = models.TextField(blank=True, max_length=5000)
    suggested_copy = models.TextField(blank=True, max_length=3000)
    # {role_id: "how this role should frame it"}
    angles = models.JSONField(default=dict, blank=True)
    image_url = models.URLField(max_length=2000, blank=True)
    language = models.CharField(max_length=10, default="en")
    networks = models.JSONField(default=list, blank=True)
    disclaimer = models.TextField(blank=True, max_length=1000)
    expires_at = models.DateTimeField(null=True, blank=True)
    source = models.CharField(max_length=30, choices=ContentSource.choices, default=ContentSource.COMMS)
    status = models.CharField(max_length=20, choices=ContentStatus.choices, default=ContentStatus.DRAFT)
    created_by = models.ForeignKey(
        "accounts.Membership", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    suggested_by = models.ForeignKey(
        "accounts.Membership", null=True, blank=True, on_delete=models.SET_NULL, related_name="suggestions"
    )
    suggestion_why = models.TextField(blank=True, max_length=2000)
    rejection_reason = models.TextField(blank=True, max_length=2000)
    # The version under review or last frozen; 0 before the first submission.
    version = models.PositiveIntegerField(default=0)
    approved_version = models.ForeignKey(
        "ContentVersion", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    retired_at = models.DateTimeField(null=True, blank=True)
    # Link preview (OpenGraph), fetched in the background with an SSRF guard.
    preview_status = models.CharField(max_length=10, choices=PreviewStatus.choices, default=PreviewStatus.NONE)
    preview_title = models.CharField(max_length=300, blank=True)
    preview_description = models.TextField(blank=True, max_length=2000)
    preview_image_url = models.URLField(max_length=2000, blank=True)
    preview_error = models.CharField(max_length=300, blank=True)

    audit_name = "content"

    class Meta:
        ordering = ["organization_id", "-created_at"]
        indexes = [
            models.Index(fields=["organization", "status"], name="content_org_status"),
            models.Index(fields=["organization", "suggested_by"], name="content_org_suggested_by"),
        ]

    def __str__(self) -> str:
        return self.title

    def working_copy(self) -> dict[str, Any]:
        return {field: getattr(self, field) for field in VERSIONED_FIELDS}


class ContentVersion(TenantModel):
    """A frozen, numbered copy of an item's content. Never edited; approvals and shares
    point at it, so what was approved is exactly what is shared."""

    content = models.ForeignKey(ContentItem, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=200)
    url = models.URLField(max_length=2000, blank=True)
    summary = models.TextField(blank=True)
    suggested_copy = models.TextField(blank=True)
    angles = models.JSONField(default=dict, blank=True)
    image_url = models.URLField(max_length=2000, blank=True)
    language = models.CharField(max_length=10, default="en")
    networks = models.JSONField(default=list, blank=True)
    disclaimer = models.TextField(blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        "accounts.Membership", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["organization_id", "content_id", "-number"]
        constraints = [models.UniqueConstraint(fields=["content", "number"], name="content_version_unique_number")]

    def __str__(self) -> str:
        return f"{self.title} v{self.number}"


class ApprovalStep(models.TextChoices):
    SINGLE = "single", "Approval"
    MARKETING = "marketing", "Marketing"
    LEGAL = "legal", "Legal"


class ApprovalDecision(models.TextChoices):
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Rejected"


class ContentApproval(TenantModel):
    """Who approved or rejected which version, at which step, when."""

    content = models.ForeignKey(ContentItem, on_delete=models.CASCADE, related_name="approvals")
    version = models.ForeignKey(ContentVersion, on_delete=models.CASCADE, related_name="approvals")
    approver = models.ForeignKey("accounts.Membership", null=True, on_delete=models.SET_NULL, related_name="+")
    approver_email = models.CharField(max_length=254)
    step = models.CharField(max_length=20, choices=ApprovalStep.choices)
    decision = models.CharField(max_length=20, choices=ApprovalDecision.choices)
    reason = models.TextField(blank=True, max_length=2000)

    class Meta:
        ordering = ["organization_id", "content_id", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "step"],
                condition=Q(decision="approved"),
                name="content_approval_one_per_step",
            )
        ]


class GridCell(TenantModel):
    """Approved content placed for a role and an audience (or every audience of the role
    when ``audience`` is null), in an order, with a note on how to frame it there."""

    role = models.ForeignKey("roles.AdvocacyRole", on_delete=models.CASCADE, related_name="grid_cells")
    audience = models.ForeignKey(
        "audiences.Audience", null=True, blank=True, on_delete=models.CASCADE, related_name="grid_cells"
    )
    content = models.ForeignKey(ContentItem, on_delete=models.CASCADE, related_name="grid_cells")
    position = models.PositiveIntegerField(default=0)
    note = models.TextField(blank=True, max_length=1000)
    # Copies of the content's live state, kept in step by the content services (approve,
    # retire, place), so the feed ranks a member's cells without joining 50,000 items.
    live = models.BooleanField(default=False)
    live_until = models.DateTimeField(null=True, blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["organization_id", "role_id", "audience_id", "position"]
        constraints = [
            # Twice, because NULL audiences are distinct in a plain unique constraint.
            models.UniqueConstraint(
                fields=["role", "audience", "content"],
                condition=Q(audience__isnull=False),
                name="grid_cell_unique_content_per_cell",
            ),
            models.UniqueConstraint(
                fields=["role", "content"],
                condition=Q(audience__isnull=True),
                name="grid_cell_unique_content_per_role_column",
            ),
        ]
        indexes = [
            models.Index(fields=["organization", "role", "content"], name="grid_org_role_content"),
            models.Index(fields=["organization", "content"], name="grid_org_content"),
            models.Index(
                fields=["organization", "role", "content", "position", "approved_at", "live_until"],
                condition=Q(live=True),
                name="grid_live_feed",
            ),
        ]

    def audit_state(self) -> dict[str, Any]:
        return {
            "role": str(self.role_id),
            "audience": str(self.audience_id) if self.audience_id else None,
            "content": str(self.content_id),
            "position": self.position,
            "note": self.note,
        }


class MessageTemplate(TenantModel):
    """A starting point for a share, per role and/or audience. Never postable as it is."""

    name = models.CharField(max_length=100)
    body = models.TextField(max_length=3000)
    role = models.ForeignKey("roles.AdvocacyRole", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    audience = models.ForeignKey(
        "audiences.Audience", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        ordering = ["organization_id", "name"]

    def audit_state(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "body": self.body,
            "role": str(self.role_id) if self.role_id else None,
            "audience": str(self.audience_id) if self.audience_id else None,
        }
