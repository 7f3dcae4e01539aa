"""Per-object grants (django-guardian): an admin lets one member manage one object (a role,
an audience) that their organisation role would not let them change. Used by
``ObjectGrantsMixin`` in views; ``TenantViewSet.object_grants`` checks them."""

from typing import Any, cast

from django.db import models, transaction
from guardian.shortcuts import assign_perm, get_users_with_perms, remove_perm

from advocacy.core.audit import audit_record


def grant_permission_for(obj: models.Model) -> str:
    return f"{obj._meta.app_label}.change_{obj._meta.model_name}"


@transaction.atomic
def object_grant_assign(*, organization: Any, actor: Any, obj: models.Model, membership: Any) -> None:
    assign_perm(grant_permission_for(obj), membership.user, obj)
    audit_record(
        organization=organization,
        actor=actor,
        verb="grant.assigned",
        obj=obj,
        after={"member": str(membership.pk), "user": membership.user.email, "permission": grant_permission_for(obj)},
    )


@transaction.atomic
def object_grant_remove(*, organization: Any, actor: Any, obj: models.Model, membership: Any) -> None:
    remove_perm(grant_permission_for(obj), membership.user, obj)
    audit_record(
        organization=organization,
        actor=actor,
        verb="grant.removed",
        obj=obj,
        before={"member": str(membership.pk), "user": membership.user.email, "permission": grant_permission_for(obj)},
    )


def object_grant_user_ids(*, obj: models.Model) -> set[Any]:
    users = get_users_with_perms(obj, only_with_perms_in=[f"change_{obj._meta.model_name}"])
    return {cast(Any, user).pk for user in users}
