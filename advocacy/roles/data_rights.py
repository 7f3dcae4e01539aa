"""A member's advocacy roles under data rights (docs/data-rights.md)."""

from typing import Any

from advocacy.accounts.models import Membership
from advocacy.roles.models import RoleAssignment


def member_export(*, membership: Membership) -> dict[str, Any]:
    """The roles the member holds. One query."""
    rows = (
        RoleAssignment.objects.filter(membership=membership)
        .order_by("created_at")
        .values("role_id", "role__name", "created_at")
    )
    return {
        "advocacy_roles": [
            {"role": str(row["role_id"]), "name": row["role__name"], "assigned_at": row["created_at"]} for row in rows
        ]
    }


def member_erase(*, membership: Membership, actor: Any) -> None:
    RoleAssignment.objects.filter(membership=membership).delete()
