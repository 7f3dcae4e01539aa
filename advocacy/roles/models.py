"""Advocacy roles: who speaks for the company, about what, towards which objectives."""

from typing import Any

from django.db import models
from django.db.models import Q

from advocacy.core.models import TenantModel


class ObjectiveMetric(models.TextChoices):
    SHARES = "shares", "Shares posted"
    CLICKS = "clicks", "Human clicks"
    UNIQUE_VISITORS = "unique_visitors", "Unique visitors"
    CONVERSATIONS = "conversations", "Conversations (comments and replies)"
    REACTIONS = "reactions", "Reactions"
    REPOSTS = "reposts", "Reposts"


class ObjectivePeriod(models.TextChoices):
    WEEK = "week", "per week"
    MONTH = "month", "per month"
    QUARTER = "quarter", "per quarter"
    YEAR = "year", "per year"


class AdvocacyRole(TenantModel):
    """A way of speaking for the company (Sales, Executives, ...). Roles are archived, never
    deleted: shares and analytics keep pointing at the role they were made under."""

    name = models.CharField(max_length=100)
    description = models.TextField(blank=True, max_length=2000)
    responsibilities = models.TextField(blank=True, max_length=5000)
    # [{"name", "metric", "target", "period"}], validated by the input serializer.
    objectives = models.JSONField(default=list, blank=True)
    # Networks members of this role may share to; empty means every network the
    # organisation enables.
    networks = models.JSONField(default=list, blank=True)
    review_before_posting = models.BooleanField(default=False)
    archived_at = models.DateTimeField(null=True, blank=True)
    members = models.ManyToManyField(
        "accounts.Membership", through="RoleAssignment", related_name="advocacy_roles", blank=True
    )

    audit_name = "role"  # audit verbs (role.archived) and conflict codes (role_name_taken)

    class Meta:
        ordering = ["organization_id", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "name"], condition=Q(archived_at__isnull=True), name="role_unique_active_name"
            )
        ]
        indexes = [models.Index(fields=["organization", "archived_at"], name="role_org_archived")]

    def __str__(self) -> str:
        return self.name

    def audit_state(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "description": self.description,
            "responsibilities": self.responsibilities,
            "objectives": self.objectives,
            "networks": self.networks,
            "review_before_posting": self.review_before_posting,
            "archived": self.archived_at is not None,
        }


class RoleAssignment(TenantModel):
    """A member holds a role. A row of its own so it is tenant-scoped like everything else."""

    role = models.ForeignKey(AdvocacyRole, on_delete=models.CASCADE, related_name="assignments")
    membership = models.ForeignKey("accounts.Membership", on_delete=models.CASCADE, related_name="role_assignments")

    class Meta:
        ordering = ["organization_id", "created_at"]
        constraints = [models.UniqueConstraint(fields=["role", "membership"], name="role_assignment_unique")]
