"""Recording and verifying the organisation's append-only, hash-chained audit log."""

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction

from advocacy.core.models import AuditEvent

GENESIS_HASH = "0" * 64


def _plain_json(value: Any) -> Any:
    """What the JSON column will give back, so the hash is computed over what is stored."""
    if value is None:
        return None
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


@dataclass(frozen=True)
class AuditEntry:
    """One event to append; see ``audit_record``."""

    actor: Any | None
    verb: str
    obj: models.Model | None = None
    object_type: str = ""
    object_id: str = ""
    before: dict[str, Any] | None = None
    after: dict[str, Any] | None = None


def audit_record(
    *,
    organization: models.Model,
    actor: Any | None,
    verb: str,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str = "",
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event to the organisation's chain."""
    entry = AuditEntry(actor, verb, obj, object_type, object_id, before, after)
    return audit_record_many(organization=organization, entries=[entry])[0]


# No savepoint when nested: a failed append must fail the change it records, and the
# savepoint's two round trips would lengthen the time the organisation's chain is locked.
@transaction.atomic(savepoint=False)
def audit_record_many(*, organization: models.Model, entries: Sequence[AuditEntry]) -> list[AuditEvent]:
    """Append events to the organisation's chain, in order, with one insert.

    Appends are serialised per organisation by locking the organisation row, so two
    concurrent writers can never both link to the same previous event.
    """
    if not entries:
        return []
    type(organization).objects.select_for_update().filter(pk=organization.pk).first()  # type: ignore[attr-defined]
    last = AuditEvent.objects.unscoped().filter(organization_id=organization.pk).order_by("-seq").first()
    seq, prev_hash = (last.seq, last.hash) if last else (0, GENESIS_HASH)
    events = []
    for entry in entries:
        object_type, object_id = entry.object_type, entry.object_id
        if entry.obj is not None:
            object_type = object_type or entry.obj._meta.label_lower
            object_id = object_id or str(entry.obj.pk)
        is_authenticated_user = entry.actor is not None and getattr(entry.actor, "is_authenticated", False)
        seq += 1
        event = AuditEvent(
            organization_id=organization.pk,
            seq=seq,
            actor=entry.actor if is_authenticated_user else None,
            actor_email=getattr(entry.actor, "email", "") if is_authenticated_user else "",
            verb=entry.verb,
            object_type=object_type,
            object_id=object_id,
            before=_plain_json(entry.before),
            after=_plain_json(entry.after),
            prev_hash=prev_hash,
        )
        event.hash = prev_hash = event.compute_hash()
        events.append(event)
    if len(events) == 1:
        events[0].save()
    else:
        AuditEvent.objects.unscoped().bulk_create(events)
    return events


@dataclass(frozen=True)
class ChainVerification:
    ok: bool
    events_checked: int
    first_broken_seq: int | None = None


def audit_verify(*, organization_id: Any) -> ChainVerification:
    """Recompute the chain from the first event; report the first event that does not fit."""
    expected_prev = GENESIS_HASH
    expected_seq = 1
    checked = 0
    events = AuditEvent.objects.unscoped().filter(organization_id=organization_id).order_by("seq")
    for event in events.iterator(chunk_size=2000):
        checked += 1
        if event.seq != expected_seq or event.prev_hash != expected_prev or event.compute_hash() != event.hash:
            return ChainVerification(ok=False, events_checked=checked, first_broken_seq=event.seq)
        expected_prev = event.hash
        expected_seq += 1
    return ChainVerification(ok=True, events_checked=checked)


def audit_changes(
    *,
    organization: models.Model,
    actor: Any | None,
    verb: str,
    obj: models.Model,
    before: dict[str, Any],
    after: dict[str, Any],
) -> AuditEvent | None:
    """Record only the keys whose value changed; record nothing when nothing did."""
    changed = [key for key in after if after[key] != before.get(key)]
    if not changed:
        return None
    return audit_record(
        organization=organization,
        actor=actor,
        verb=verb,
        obj=obj,
        before={key: before.get(key) for key in changed},
        after={key: after[key] for key in changed},
    )
