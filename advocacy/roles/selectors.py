"""Reads about advocacy roles and who holds them."""

from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from advocacy.accounts.models import Membership
from advocacy.accounts.selectors import member_list, membership_list_for_user
from advocacy.roles.models import AdvocacyRole, RoleAssignment


def role_list(*, include_archived: bool = False) -> QuerySet[Any]:
    queryset = AdvocacyRole.objects.annotate(
        member_count=Count("assignments", filter=Q(assignments__membership__is_active=True), distinct=True)
    ).order_by("name")
    if not include_archived:
        queryset = queryset.filter(archived_at__isnull=True)
    return queryset


def active_roles_prefetch() -> Prefetch[Any]:
    """Prefetch a membership's active (not archived) roles as ``active_roles``."""
    return Prefetch(
        "advocacy_roles",
        queryset=AdvocacyRole.objects.filter(archived_at__isnull=True).order_by("name").only("id", "name"),
        to_attr="active_roles",
    )


def member_list_with_roles(*, filters: dict[str, Any] | None = None) -> QuerySet[Membership]:
    queryset = member_list(filters=filters).prefetch_related(active_roles_prefetch())
    role = (filters or {}).get("advocacy_role")
    if role is not None:
        queryset = queryset.filter(role_assignments__role=role)
    return queryset


def memberships_with_roles_for_user(*, user: Any) -> list[Membership]:
    """The caller's memberships across organisations, each with its active roles as
    ``active_roles``: two queries whatever the number of organisations."""
    memberships = list(membership_list_for_user(user=user))
    assignments = (
        RoleAssignment.objects.unscoped()  # the caller's own assignments, across their organisations
        .filter(membership__in=memberships, role__archived_at__isnull=True)
        .select_related("role")
        .order_by("role__name")
    )
    by_membership: dict[Any, list[AdvocacyRole]] = {m.pk: [] for m in memberships}
    for assignment in assignments:
        by_membership[assignment.membership_id].append(assignment.role)
    for membership in memberships:
        membership.active_roles = by_membership[membership.pk]  # type: ignore[attr-defined]
    return memberships


def member_role_ids(*, membership: Membership) -> set[Any]:
    return set(
        AdvocacyRole.objects.filter(assignments__membership=membership, archived_at__isnull=True).values_list(
            "id", flat=True
        )
    )
