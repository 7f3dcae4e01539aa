"""Use cases that change audiences, the role x audience map and reserved relationships.
Every change is audited."""

from typing import Any

from django.db import transaction

from advocacy.accounts.models import Membership, Organization, User
from advocacy.audiences.models import (
    Audience,
    ReservedRelationship,
    ReservedRelationshipMember,
    ReservedRelationshipRole,
    RoleAudience,
)
from advocacy.core.archiving import archivable_create, archivable_update, save_or_conflict
from advocacy.core.audit import audit_changes, audit_record
from advocacy.roles.models import AdvocacyRole

AUDIENCE_FIELDS = ("name", "description", "topics", "networks", "engagement_notes")


# --- Audiences -------------------------------------------------------------------------


def audience_create(*, organization: Organization, actor: User, **fields: Any) -> Audience:
    return archivable_create(model=Audience, organization=organization, actor=actor, editable=AUDIENCE_FIELDS, **fields)


def audience_update(*, audience: Audience, actor: User, **fields: Any) -> Audience:
    return archivable_update(obj=audience, actor=actor, editable=AUDIENCE_FIELDS, **fields)


# --- Role x audience map -----------------------------------------------------------------


@transaction.atomic
def role_audience_create(
    *, organization: Organization, actor: User, role: AdvocacyRole, audience: Audience, level: str
) -> RoleAudience:
    link = RoleAudience(organization=organization, role=role, audience=audience, level=level)
    save_or_conflict(
        link,
        message=f"{role.name} already has a level for {audience.name}; change that mapping instead.",
        code="mapping_exists",
    )
    audit_record(
        organization=organization, actor=actor, verb="role_audience.created", obj=link, after=link.audit_state()
    )
    return link


@transaction.atomic
def role_audience_update(*, link: RoleAudience, actor: User, level: str) -> RoleAudience:
    link = RoleAudience.objects.select_for_update().get(pk=link.pk)
    before = link.audit_state()
    link.level = level
    link.save(update_fields=["level", "updated_at"])
    audit_changes(
        organization=link.organization,
        actor=actor,
        verb="role_audience.changed",
        obj=link,
        before=before,
        after=link.audit_state(),
    )
    return link


@transaction.atomic
def role_audience_delete(*, link: RoleAudience, actor: User) -> None:
    # Recorded before the row goes, while it still has its id.
    audit_record(
        organization=link.organization, actor=actor, verb="role_audience.deleted", obj=link, before=link.audit_state()
    )
    link.delete()


# --- Reserved relationships ---------------------------------------------------------------

RESERVED_FIELDS = ("name", "reason", "handles", "owner", "expires_at")


def _set_allowed(
    relationship: ReservedRelationship, members: list[Membership] | None, roles: list[AdvocacyRole] | None
) -> None:
    if members is not None:
        ReservedRelationshipMember.objects.filter(relationship=relationship).delete()
        ReservedRelationshipMember.objects.bulk_create(
            ReservedRelationshipMember(
                organization_id=relationship.organization_id, relationship=relationship, membership=m
            )
            for m in {m.pk: m for m in members}.values()
        )
    if roles is not None:
        ReservedRelationshipRole.objects.filter(relationship=relationship).delete()
        ReservedRelationshipRole.objects.bulk_create(
            ReservedRelationshipRole(organization_id=relationship.organization_id, relationship=relationship, role=r)
            for r in {r.pk: r for r in roles}.values()
        )


def _reserved_state(relationship: ReservedRelationship) -> dict[str, Any]:
    return {
        **relationship.audit_state(),
        "allowed_members": sorted(
            str(pk)
            for pk in ReservedRelationshipMember.objects.filter(relationship=relationship).values_list(
                "membership_id", flat=True
            )
        ),
        "allowed_roles": sorted(
            str(pk)
            for pk in ReservedRelationshipRole.objects.filter(relationship=relationship).values_list(
                "role_id", flat=True
            )
        ),
    }


@transaction.atomic
def reserved_relationship_create(
    *,
    organization: Organization,
    actor: User,
    allowed_members: list[Membership] | None = None,
    allowed_roles: list[AdvocacyRole] | None = None,
    **fields: Any,
) -> ReservedRelationship:
    relationship = ReservedRelationship(
        organization=organization, **{k: v for k, v in fields.items() if k in RESERVED_FIELDS}
    )
    relationship.save()
    _set_allowed(relationship, allowed_members or [], allowed_roles or [])
    audit_record(
        organization=organization,
        actor=actor,
        verb="reserved_relationship.created",
        obj=relationship,
        after=_reserved_state(relationship),
    )
    return relationship


@transaction.atomic
def reserved_relationship_update(
    *,
    relationship: ReservedRelationship,
    actor: User,
    allowed_members: list[Membership] | None = None,
    allowed_roles: list[AdvocacyRole] | None = None,
    **fields: Any,
) -> ReservedRelationship:
    relationship = ReservedRelationship.objects.select_for_update().get(pk=relationship.pk)
    before = _reserved_state(relationship)
    for name, value in fields.items():
        if name in RESERVED_FIELDS:
            setattr(relationship, name, value)
    relationship.save()
    _set_allowed(relationship, allowed_members, allowed_roles)
    audit_changes(
        organization=relationship.organization,
        actor=actor,
        verb="reserved_relationship.changed",
        obj=relationship,
        before=before,
        after=_reserved_state(relationship),
    )
    return relationship


@transaction.atomic
def reserved_relationship_delete(*, relationship: ReservedRelationship, actor: User) -> None:
    audit_record(
        organization=relationship.organization,
        actor=actor,
        verb="reserved_relationship.deleted",
        obj=relationship,
        before=_reserved_state(relationship),
    )
    relationship.delete()
