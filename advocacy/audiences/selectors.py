"""Reads about audiences, the role x audience map and reserved relationships."""

from collections import defaultdict
from collections.abc import Collection, Sequence
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
    """Reserved relationships that ``text`` mentions and ``member`` may not engage (see
    ``reserved_mentions``); ``role_ids`` when the caller already read the member's roles."""
    if role_ids is None:
        role_ids = member_role_ids(membership=member)
    return reserved_mentions(
        reserved_rules_in_force(), member_id=member.pk, role_ids=role_ids, network=network, text=text
    )


@dataclass(frozen=True)
class ReservedRule:
    """A reserved relationship in force, with who may engage it."""

    relationship: ReservedRelationship
    member_ids: frozenset[Any]
    role_ids: frozenset[Any]

    def allows(self, member_id: Any, role_ids: Collection[Any]) -> bool:
        return (
            self.relationship.owner_id == member_id
            or member_id in self.member_ids
            or not self.role_ids.isdisjoint(role_ids)
        )


def reserved_rules_in_force() -> list[ReservedRule]:
    """Every reserved relationship not expired, by name: three queries (one when there are
    none), read once for any number of shares to check. Owners' names are read only for a
    relationship that blocks a text (``reserved_mentions``): the checks run on every edit."""
    now = timezone.now()
    relationships = list(
        ReservedRelationship.objects.filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now)).order_by("name")
    )
    if not relationships:
        return []
    ids = [relationship.pk for relationship in relationships]
    members: dict[Any, set[Any]] = defaultdict(set)
    for relationship_id, membership_id in ReservedRelationshipMember.objects.filter(
        relationship_id__in=ids
    ).values_list("relationship_id", "membership_id"):
        members[relationship_id].add(membership_id)
    roles: dict[Any, set[Any]] = defaultdict(set)
    for relationship_id, role_id in ReservedRelationshipRole.objects.filter(relationship_id__in=ids).values_list(
        "relationship_id", "role_id"
    ):
        roles[relationship_id].add(role_id)
    return [
        ReservedRule(relationship, frozenset(members[relationship.pk]), frozenset(roles[relationship.pk]))
        for relationship in relationships
    ]


def reserved_mentions(
    rules: Sequence[ReservedRule], *, member_id: Any, role_ids: Collection[Any], network: str, text: str
) -> list[ReservedMention]:
    """Of ``rules``, the relationships that ``text`` mentions and the member may not engage.

    A member may engage a relationship they own, are allowed on, or whose allowed roles
    include one of their active roles; expired reservations no longer apply.
    """
    blocking = []
    for rule in rules:
        if rule.allows(member_id, role_ids):
            continue
        relationship = rule.relationship
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
