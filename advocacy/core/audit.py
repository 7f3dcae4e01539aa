"""Recording and verifying the organisation's append-only, hash-chained audit log."""

import json
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


# No savepoint when nested: a failed append must fail the change it records, and the
# savepoint's two round trips would lengthen the time the organisation's chain is locked.
@transaction.atomic(savepoint=False)
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
    """Append one event to the organisation's chain.

    Appends are serialised per organisation by locking the organisation row, so two
    concurrent writers can never both link to the same previous event.
    """
    type(organization).objects.select_for_update().filter(pk=organization.pk).first()  # type: ignore[attr-defined]
    last = AuditEvent.objects.unscoped().filter(organization_id=organization.pk).order_by("-seq").first()
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
    is_authenticated_user = actor is not None and getattr(actor, "is_authenticated", False)
    event = AuditEvent(
        organization_id=organization.pk,
        seq=(last.seq + 1) if last else 1,
        actor=actor if is_authenticated_user else None,
        actor_email=getattr(actor, "email", "") if is_authenticated_user else "",
        verb=verb,
        object_type=object_type,
        object_id=object_id,
        before=_plain_json(before),
        after=_plain_json(after),
        prev_hash=last.hash if last else GENESIS_HASH,
    )
    event.hash = event.compute_hash()
    event.save()
    return event


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
