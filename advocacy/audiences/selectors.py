"""Reads about audiences, the role x audience map and reserved relationships."""

from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from advocacy.accounts.models import Membership
from advocacy.audiences.mentions import Mention, find_mentions
from advocacy.audiences.models import (
    Audience,
    ReservedRelationship,
    ReservedRelationshipMember,
    ReservedRelationshipRole,
    RoleAudience,
)
from advocacy.roles.models import AdvocacyRole
from advocacy.roles.selectors import member_role_ids


def audience_list(*, include_archived: bool = False) -> QuerySet[Any]:
    queryset = Audience.objects.annotate(
        role_count=Count("role_links", filter=Q(role_links__role__archived_at__isnull=True), distinct=True)
    ).order_by("name")
    if not include_archived:
        queryset = queryset.filter(archived_at__isnull=True)
    return queryset


def role_audience_list(*, filters: dict[str, Any] | None = None) -> QuerySet[RoleAudience]:
    queryset = RoleAudience.objects.select_related("role", "audience").order_by("role__name", "audience__name")
    filters = filters or {}
    if filters.get("role"):
        queryset = queryset.filter(role=filters["role"])
    if filters.get("audience"):
        queryset = queryset.filter(audience=filters["audience"])
    if filters.get("level"):
        queryset = queryset.filter(level=filters["level"])
    return queryset


def role_audience_matrix() -> dict[str, Any]:
    """Active roles x active audiences with the engagement level of each mapped pair, ready
    to render: three queries whatever the size. Rows are read as tuples and cells of
    archived roles or audiences are dropped here rather than by joins in SQL: the matrix
    is read on every visit to the strategy page and can hold thousands of cells
    (bench/bench_strategy.py)."""
    roles = [
        {"id": str(pk), "name": name}
        for pk, name in AdvocacyRole.objects.filter(archived_at__isnull=True).order_by("name").values_list("id", "name")
    ]
    audiences = [
        {"id": str(pk), "name": name}
        for pk, name in Audience.objects.filter(archived_at__isnull=True).order_by("name").values_list("id", "name")
    ]
    levels: dict[str, dict[str, str]] = {role["id"]: {} for role in roles}
    active_audiences = {audience["id"] for audience in audiences}
    cells = []
    # order_by(): no ORDER BY at all; the grid is indexed by ids, not by row order.
    for cell_id, role_id, audience_id, level in RoleAudience.objects.order_by().values_list(
        "id", "role_id", "audience_id", "level"
    ):
        role_key, audience_key = str(role_id), str(audience_id)
        if role_key in levels and audience_key in active_audiences:
            cells.append({"id": str(cell_id), "role": role_key, "audience": audience_key, "level": level})
            levels[role_key][audience_key] = level
    return {"roles": roles, "audiences": audiences, "cells": cells, "levels": levels}


def reserved_relationship_list(*, include_expired: bool = True) -> QuerySet[ReservedRelationship]:
    queryset = (
        ReservedRelationship.objects.select_related("owner__user")
        .prefetch_related(
            Prefetch("member_links", queryset=ReservedRelationshipMember.objects.order_by("created_at")),
            Prefetch("role_links", queryset=ReservedRelationshipRole.objects.order_by("created_at")),
        )
        .order_by("name")
    )
    if not include_expired:
        now = timezone.now()
        queryset = queryset.filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now))
    return queryset


@dataclass(frozen=True)
class ReservedMention:
    relationship_id: Any
    name: str
    reason: str
    owner_name: str | None
    mentions: list[Mention]

    @property
    def detail(self) -> str:
        said = ", ".join(f"“{m.matched}”" for m in self.mentions)
        owner = f" (ask {self.owner_name})" if self.owner_name else ""
        return f"{said} refers to {self.name}, a reserved relationship{owner}: {self.reason}"


def reserved_relationships_blocking(
    *, member: Membership, network: str, text: str, role_ids: Collection[Any] | None = None
) -> list[ReservedMention]:
    """Reserved relationships that ``text`` mentions and ``member`` may not engage.

    A member may engage a relationship they own, are allowed on, or whose allowed roles
    include one of their active roles (``role_ids`` when the caller already read them);
    expired reservations no longer apply.
    """
    now = timezone.now()
    if role_ids is None:
        role_ids = member_role_ids(membership=member)
    candidates = (
        ReservedRelationship.objects.filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now))
        .exclude(owner=member)
        .exclude(member_links__membership=member)
        .exclude(role_links__role_id__in=role_ids)
        .select_related("owner__user")
        .distinct()
        .order_by("name")
    )
    blocking = []
    for relationship in candidates:
        mentions = find_mentions(text=text, name=relationship.name, handles=relationship.handles, network=network)
        if mentions:
            owner = relationship.owner.user.get_full_name() if relationship.owner else None
            blocking.append(
                ReservedMention(
                    relationship_id=relationship.pk,
                    name=relationship.name,
                    reason=relationship.reason,
                    owner_name=owner,
                    mentions=mentions,
                )
            )
    return blocking
