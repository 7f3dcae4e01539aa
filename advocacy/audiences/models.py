"""Audiences ("tribes"), how each role engages them, and relationships reserved to a few."""

from typing import Any

from django.db import models
from django.db.models import Q

from advocacy.core.models import TenantModel


class Audience(TenantModel):
    name = models.CharField(max_length=100)
    description = models.TextField(blank=True, max_length=2000)
    topics = models.JSONField(default=list, blank=True)
    networks = models.JSONField(default=list, blank=True)
    engagement_notes = models.TextField(blank=True, max_length=5000)
    archived_at = models.DateTimeField(null=True, blank=True)

    audit_name = "audience"  # audit verbs (audience.archived) and conflict codes (audience_name_taken)

    class Meta:
        ordering = ["organization_id", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "name"],
                condition=Q(archived_at__isnull=True),
                name="audience_unique_active_name",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def audit_state(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "description": self.description,
            "topics": self.topics,
            "networks": self.networks,
            "engagement_notes": self.engagement_notes,
            "archived": self.archived_at is not None,
        }


class EngagementLevel(models.TextChoices):
    LEAD = "lead", "Lead (primary voice)"
    SUPPORT = "support", "Support (may amplify)"
    AVOID = "avoid", "Avoid (must not engage)"


class RoleAudience(TenantModel):
    role = models.ForeignKey("roles.AdvocacyRole", on_delete=models.CASCADE, related_name="audience_links")
    audience = models.ForeignKey(Audience, on_delete=models.CASCADE, related_name="role_links")
    level = models.CharField(max_length=10, choices=EngagementLevel.choices)

    class Meta:
        # By column, not by relation: ordering by "role" would join roles to sort by name.
        ordering = ["organization_id", "role_id", "audience_id"]
        constraints = [models.UniqueConstraint(fields=["role", "audience"], name="role_audience_unique_pair")]

    def __str__(self) -> str:
        return f"{self.role_id} {self.level} {self.audience_id}"

    def audit_state(self) -> dict[str, Any]:
        return {"role": str(self.role_id), "audience": str(self.audience_id), "level": self.level}


class ReservedRelationship(TenantModel):
    """An account or organisation only certain people may engage: an exclusive client, a
    prospect in negotiation, a competitor's executive, an analyst."""

    name = models.CharField(max_length=200)
    reason = models.TextField(max_length=2000)
    # [{"network", "handle", "profile_url"}]; "network" may be "any" for a plain name/URL.
    handles = models.JSONField(default=list, blank=True)
    owner = models.ForeignKey(
        "accounts.Membership", null=True, blank=True, on_delete=models.SET_NULL, related_name="owned_relationships"
    )
    allowed_members = models.ManyToManyField(
        "accounts.Membership", through="ReservedRelationshipMember", related_name="+", blank=True
    )
    allowed_roles = models.ManyToManyField(
        "roles.AdvocacyRole", through="ReservedRelationshipRole", related_name="+", blank=True
    )
    expires_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["organization_id", "name"]
        indexes = [models.Index(fields=["organization", "expires_at"], name="reserved_org_expires")]

    def __str__(self) -> str:
        return self.name

    def audit_state(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "reason": self.reason,
            "handles": self.handles,
            "owner": str(self.owner_id) if self.owner_id else None,
            "expires_at": self.expires_at.isoformat() if self.expires_at else None,
        }


class ReservedRelationshipMember(TenantModel):
    relationship = models.ForeignKey(ReservedRelationship, on_delete=models.CASCADE, related_name="member_links")
    membership = models.ForeignKey("accounts.Membership", on_delete=models.CASCADE, related_name="+")

    class Meta:
        ordering = ["organization_id", "created_at"]
        constraints = [models.UniqueConstraint(fields=["relationship", "membership"], name="reserved_member_unique")]


class ReservedRelationshipRole(TenantModel):
    relationship = models.ForeignKey(ReservedRelationship, on_delete=models.CASCADE, related_name="role_links")
    role = models.ForeignKey("roles.AdvocacyRole", on_delete=models.CASCADE, related_name="+")

    class Meta:
        ordering = ["organization_id", "created_at"]
        constraints = [models.UniqueConstraint(fields=["relationship", "role"], name="reserved_role_unique")]
