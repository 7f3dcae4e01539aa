"""Use cases that change advocacy roles and who holds them. Every change is audited."""

from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from advocacy.accounts.models import Membership, Organization, User
from advocacy.accounts.services import membership_update
from advocacy.core.audit import audit_record
from advocacy.core.errors import ConflictError
from advocacy.roles.models import AdvocacyRole, RoleAssignment

ROLE_FIELDS = ("name", "description", "responsibilities", "objectives", "networks", "review_before_posting")


def _save_unique(role: AdvocacyRole) -> None:
    try:
        with transaction.atomic():
            role.save()
    except IntegrityError as exc:
        raise ConflictError(f"A role named “{role.name}” already exists.", code="role_name_taken") from exc


@transaction.atomic
def role_create(*, organization: Organization, actor: User, **fields: Any) -> AdvocacyRole:
    role = AdvocacyRole(organization=organization, **{k: v for k, v in fields.items() if k in ROLE_FIELDS})
    _save_unique(role)
    audit_record(organization=organization, actor=actor, verb="role.created", obj=role, after=role.audit_state())
    return role


@transaction.atomic
def role_update(*, role: AdvocacyRole, actor: User, **fields: Any) -> AdvocacyRole:
    role = AdvocacyRole.objects.select_for_update().get(pk=role.pk)
    before = role.audit_state()
    for name, value in fields.items():
        if name in ROLE_FIELDS:
            setattr(role, name, value)
    _save_unique(role)
    after = role.audit_state()
    if after != before:
        changed = [k for k in after if after[k] != before[k]]
        audit_record(
            organization=role.organization,
            actor=actor,
            verb="role.changed",
            obj=role,
            before={k: before[k] for k in changed},
            after={k: after[k] for k in changed},
        )
    return role


@transaction.atomic
def role_archive(*, role: AdvocacyRole, actor: User) -> AdvocacyRole:
    """Roles are archived, not deleted: existing shares, grid history and analytics keep
    their role. Members keep the assignment, but an archived role gives no feed and no
    permissions, and disappears from lists."""
    role = AdvocacyRole.objects.select_for_update().get(pk=role.pk)
    if role.archived_at is None:
        role.archived_at = timezone.now()
        role.save(update_fields=["archived_at", "updated_at"])
        audit_record(organization=role.organization, actor=actor, verb="role.archived", obj=role)
    return role


@transaction.atomic
def role_restore(*, role: AdvocacyRole, actor: User) -> AdvocacyRole:
    role = AdvocacyRole.objects.select_for_update().get(pk=role.pk)
    if role.archived_at is not None:
        role.archived_at = None
        _save_unique(role)
        audit_record(organization=role.organization, actor=actor, verb="role.restored", obj=role)
    return role


@transaction.atomic
def member_roles_set(*, membership: Membership, roles: list[AdvocacyRole], actor: User | None) -> Membership:
    """Make exactly these (active) roles the member's roles."""
    current = {a.role_id: a for a in RoleAssignment.objects.filter(membership=membership).select_related("role")}
    wanted = {role.pk: role for role in roles}
    removed = [a for role_id, a in current.items() if role_id not in wanted and a.role.archived_at is None]
    added = [role for role_id, role in wanted.items() if role_id not in current]
    if not removed and not added:
        return membership
    RoleAssignment.objects.filter(pk__in=[a.pk for a in removed]).delete()
    RoleAssignment.objects.bulk_create(
        [RoleAssignment(organization_id=membership.organization_id, role=role, membership=membership) for role in added]
    )
    audit_record(
        organization=membership.organization,
        actor=actor,
        verb="membership.roles_changed",
        obj=membership,
        before={"advocacy_roles": sorted(a.role.name for a in current.values() if a.role.archived_at is None)},
        after={"advocacy_roles": sorted(role.name for role in roles)},
    )
    return membership


@transaction.atomic
def member_update(
    *, membership: Membership, actor: User, advocacy_roles: list[AdvocacyRole] | None = None, **changes: Any
) -> Membership:
    """An admin's edit of a member: organisation role, flags and advocacy roles, all or nothing."""
    membership = membership_update(membership=membership, actor=actor, **changes)
    if advocacy_roles is not None:
        member_roles_set(membership=membership, roles=advocacy_roles, actor=actor)
    return membership
