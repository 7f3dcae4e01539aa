"""Use cases that change advocacy roles and who holds them. Every change is audited."""

from typing import Any

from django.db import transaction

from advocacy.accounts.models import Membership, Organization, User
from advocacy.accounts.services import membership_update
from advocacy.core.archiving import archivable_create, archivable_update
from advocacy.core.audit import audit_record
from advocacy.roles.models import AdvocacyRole, RoleAssignment

ROLE_FIELDS = ("name", "description", "responsibilities", "objectives", "networks", "review_before_posting")


def role_create(*, organization: Organization, actor: User, **fields: Any) -> AdvocacyRole:
    return archivable_create(model=AdvocacyRole, organization=organization, actor=actor, editable=ROLE_FIELDS, **fields)


def role_update(*, role: AdvocacyRole, actor: User, **fields: Any) -> AdvocacyRole:
    return archivable_update(obj=role, actor=actor, editable=ROLE_FIELDS, **fields)


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
