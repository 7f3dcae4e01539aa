"""Base models: timestamps, UUID keys, and the tenant-scoped model with its fail-closed manager."""

import hashlib
import json
import uuid
from typing import Any, ClassVar, Generic, TypeVar

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone

from advocacy.core.tenancy import current_organization_id, require_organization_id

M = TypeVar("M", bound=models.Model)


class TimestampedModel(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class TenantManager(models.Manager[M], Generic[M]):
    """Only ever returns rows of the organisation in context; raises when there is none.

    Django's internals (foreign-key access, cascades) go through ``_base_manager``, a plain
    manager, so they keep working; every query *we* write goes through this one.
    """

    def get_queryset(self) -> models.QuerySet[M]:
        return super().get_queryset().filter(organization_id=require_organization_id())

    def unscoped(self) -> models.QuerySet[M]:
        """All organisations' rows. Loud on purpose: grep for it in review."""
        return super().get_queryset()

    def none(self) -> models.QuerySet[M]:
        # An empty queryset can leak nothing; schema generation asks for one with no tenant.
        return super().get_queryset().none()


class TenantModel(TimestampedModel):
    """A row that belongs to exactly one organisation."""

    organization = models.ForeignKey("accounts.Organization", on_delete=models.CASCADE, related_name="+")

    objects: ClassVar[TenantManager[Any]] = TenantManager()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        # A write in one tenant's context can never land in another tenant.
        organization_id = current_organization_id()
        if organization_id is not None and self.organization_id != organization_id:
            raise PermissionError(
                f"{type(self).__name__} of organisation {self.organization_id} written "
                f"in the context of {organization_id}"
            )
        super().save(*args, **kwargs)


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: Any) -> int:
        raise PermissionError("Audit events are append-only.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError("Audit events are append-only.")


class AuditEventManager(TenantManager["AuditEvent"]):
    def get_queryset(self) -> models.QuerySet["AuditEvent"]:
        return AuditEventQuerySet(self.model, using=self._db).filter(organization_id=require_organization_id())

    def unscoped(self) -> models.QuerySet["AuditEvent"]:
        return AuditEventQuerySet(self.model, using=self._db)


class AuditEvent(TenantModel):
    """Append-only, hash-chained record of something that changed in an organisation.

    ``hash`` = SHA-256 over the previous event's hash and this event's canonical content, so
    editing, removing or reordering any stored event breaks every later link.
    """

    # Set before the hash is computed (auto_now_add would overwrite it at save time).
    created_at = models.DateTimeField(default=timezone.now)
    seq = models.PositiveBigIntegerField()
    actor = models.ForeignKey("accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    # Kept as text too: the event must still say who acted after the user is deleted.
    actor_email = models.CharField(max_length=254, blank=True)
    verb = models.CharField(max_length=80)
    object_type = models.CharField(max_length=80)
    object_id = models.CharField(max_length=64)
    before = models.JSONField(null=True, blank=True, encoder=DjangoJSONEncoder)
    after = models.JSONField(null=True, blank=True, encoder=DjangoJSONEncoder)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    objects: ClassVar[AuditEventManager] = AuditEventManager()  # type: ignore[assignment]

    class Meta:
        ordering = ["organization_id", "-seq"]
        constraints = [models.UniqueConstraint(fields=["organization", "seq"], name="audit_event_unique_seq")]
        # The history of one object (the audit page's filters, the compliance archive).
        indexes = [models.Index(fields=["organization", "object_type", "object_id"], name="audit_event_object")]

    def __str__(self) -> str:
        return f"#{self.seq} {self.verb} {self.object_type}:{self.object_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise PermissionError("Audit events are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionError("Audit events are append-only.")

    def compute_hash(self) -> str:
        payload = {
            "organization": str(self.organization_id),
            "seq": self.seq,
            "actor": str(self.actor_id) if self.actor_id else None,
            "actor_email": self.actor_email,
            "verb": self.verb,
            "object_type": self.object_type,
            "object_id": self.object_id,
            "before": self.before,
            "after": self.after,
            "created_at": self.created_at.isoformat(),
        }
        canonical = json.dumps(payload, sort_keys=True, separators=(",", ":"), cls=DjangoJSONEncoder)
        return hashlib.sha256((self.prev_hash + canonical).encode()).hexdigest()
