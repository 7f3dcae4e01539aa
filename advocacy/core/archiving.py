"""Archiving instead of deleting, for rows that history points at (roles, audiences).

An archivable model has ``archived_at``, a ``name`` unique among active rows, and an
``audit_name`` used in audit verbs (``role.archived``) and conflict codes
(``role_name_taken``).
"""

from typing import Any

from django.db import IntegrityError, models, transaction
from django.utils import timezone

from advocacy.core.audit import audit_changes, audit_record
from advocacy.core.errors import ConflictError


def save_or_conflict(obj: models.Model, *, message: str, code: str) -> None:
    """Save; a unique constraint violation becomes a 409 with ``code`` instead of a 500."""
    try:
        with transaction.atomic():
            obj.save()
    except IntegrityError as exc:
        raise ConflictError(message, code=code) from exc


def save_unique_name(obj: Any) -> None:
    save_or_conflict(
        obj,
        message=f"A {obj.audit_name} named “{obj.name}” already exists.",
        code=f"{obj.audit_name}_name_taken",
    )


@transaction.atomic
def archivable_create(
    *, model: type[Any], organization: Any, actor: Any, editable: tuple[str, ...], **fields: Any
) -> Any:
    """Create a named row from the ``editable`` fields given; audited as ``<audit_name>.created``."""
    obj = model(organization=organization, **{k: v for k, v in fields.items() if k in editable})
    save_unique_name(obj)
    audit_record(
        organization=organization, actor=actor, verb=f"{obj.audit_name}.created", obj=obj, after=obj.audit_state()
    )
    return obj


@transaction.atomic
def archivable_update(*, obj: Any, actor: Any, editable: tuple[str, ...], **fields: Any) -> Any:
    """Change the ``editable`` fields given; audits only what changed (``<audit_name>.changed``)."""
    obj = type(obj).objects.select_for_update().get(pk=obj.pk)
    before = obj.audit_state()
    for name, value in fields.items():
        if name in editable:
            setattr(obj, name, value)
    save_unique_name(obj)
    audit_changes(
        organization=obj.organization,
        actor=actor,
        verb=f"{obj.audit_name}.changed",
        obj=obj,
        before=before,
        after=obj.audit_state(),
    )
    return obj


@transaction.atomic
def archivable_archive(*, obj: Any, actor: Any) -> Any:
    obj = type(obj).objects.select_for_update().get(pk=obj.pk)
    if obj.archived_at is None:
        obj.archived_at = timezone.now()
        obj.save(update_fields=["archived_at", "updated_at"])
        audit_record(organization=obj.organization, actor=actor, verb=f"{obj.audit_name}.archived", obj=obj)
    return obj


@transaction.atomic
def archivable_restore(*, obj: Any, actor: Any) -> Any:
    obj = type(obj).objects.select_for_update().get(pk=obj.pk)
    if obj.archived_at is not None:
        obj.archived_at = None
        save_unique_name(obj)
        audit_record(organization=obj.organization, actor=actor, verb=f"{obj.audit_name}.restored", obj=obj)
    return obj
