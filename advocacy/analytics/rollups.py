"""Adding to the rollups: per share and day, and per attributed role, audience, content item,
member, network and organisation, by day and by month.

Every increment of a share's day (clicks, the posting itself, engagement growth) goes
through ``rollups_add``, which adds it to ``ShareDailyStats`` and, in the same transaction,
to the ``AttributedDailyStats`` and ``AttributedMonthlyStats`` of each role and audience the
share counts for, of its content item, its author and its network, and of the whole
organisation. The share's
attribution is frozen before its first increment, so all of them always add up the same shares.
Callers run inside ``transaction.atomic``. Rows are written in key order so concurrent
writers lock them in the same order.
"""

import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, fields
from datetime import date, datetime
from typing import Any

from django.utils import timezone

from advocacy.analytics.models import (
    AttributedDailyStats,
    AttributedMonthlyStats,
    AttributionDimension,
    ShareAttribution,
    ShareDailyStats,
    network_key,
)
from advocacy.analytics.upserts import insert_new, upsert_adding
from advocacy.audiences.models import EngagementLevel, RoleAudience
from advocacy.content.models import GridCell
from advocacy.roles.models import RoleAssignment
from advocacy.shares.models import Share


@dataclass
class Counters:
    shares_posted: int = 0
    clicks: int = 0  # humans only
    unique_visitors: int = 0
    bot_hits: int = 0
    reactions: int = 0
    comments: int = 0
    reposts: int = 0

    def add(self, other: "Counters") -> None:
        for name in COUNTERS:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def as_dict(self) -> dict[str, int]:
        return {name: getattr(self, name) for name in COUNTERS}


COUNTERS = tuple(f.name for f in fields(Counters))


@dataclass(frozen=True)
class ShareFacts:
    """What a rollup row copies from its share (never changes once the share exists)."""

    organization_id: uuid.UUID
    content_id: uuid.UUID
    membership_id: uuid.UUID
    network: str

    @classmethod
    def of(cls, share: Share) -> "ShareFacts":
        return cls(share.organization_id, share.content_id, share.membership_id, share.network)


def share_facts(share_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, ShareFacts]:
    # A click batch holds every organisation's clicks; each row is written to its share's
    # own organisation, read here from the share itself.
    rows = (
        Share.objects.unscoped()
        .filter(pk__in=set(share_ids))
        .values_list("pk", "organization_id", "content_id", "membership_id", "network")
    )
    return {pk: ShareFacts(org, content, member, network) for pk, org, content, member, network in rows}


# --- Attribution ------------------------------------------------------------------------------


def attributions_for(facts: dict[uuid.UUID, ShareFacts]) -> dict[uuid.UUID, tuple[set[uuid.UUID], set[uuid.UUID]]]:
    """The roles and audiences each share counts for (three queries for any number of shares):

    - roles: the roles its author holds whose grid contains the content (the roles the share
      was made under); when none does, every role the author holds;
    - audiences: the audiences of those grid cells; a cell for "every audience of the role"
      stands for the audiences that role leads or supports in the role-audience map.
    """
    organizations = {f.organization_id for f in facts.values()}
    held: dict[uuid.UUID, set[uuid.UUID]] = defaultdict(set)
    for member_id, role_id in (
        RoleAssignment.objects.unscoped()
        .filter(organization_id__in=organizations, membership_id__in={f.membership_id for f in facts.values()})
        .values_list("membership_id", "role_id")
    ):
        held[member_id].add(role_id)
    all_held = set().union(*held.values()) if held else set()
    cells: dict[uuid.UUID, list[tuple[uuid.UUID, uuid.UUID | None]]] = defaultdict(list)
    for content_id, role_id, audience_id in (
        GridCell.objects.unscoped()
        .filter(
            organization_id__in=organizations,
            content_id__in={f.content_id for f in facts.values()},
            role_id__in=all_held,
        )
        .values_list("content_id", "role_id", "audience_id")
    ):
        cells[content_id].append((role_id, audience_id))
    whole_column_roles = {role for pairs in cells.values() for role, audience in pairs if audience is None}
    led: dict[uuid.UUID, set[uuid.UUID]] = defaultdict(set)
    if whole_column_roles:
        for role_id, audience_id in (
            RoleAudience.objects.unscoped()
            .filter(
                organization_id__in=organizations,
                role_id__in=whole_column_roles,
                level__in=[EngagementLevel.LEAD, EngagementLevel.SUPPORT],
            )
            .values_list("role_id", "audience_id")
        ):
            led[role_id].add(audience_id)

    result = {}
    for share_id, fact in facts.items():
        mine = held.get(fact.membership_id, set())
        my_cells = [(role, audience) for role, audience in cells.get(fact.content_id, []) if role in mine]
        roles = {role for role, _ in my_cells} or set(mine)
        audiences: set[uuid.UUID] = set()
        for role, audience in my_cells:
            audiences |= {audience} if audience is not None else led.get(role, set())
        result[share_id] = (roles, audiences)
    return result


def attributions_frozen(facts: dict[uuid.UUID, ShareFacts]) -> dict[uuid.UUID, tuple[list[str], list[str]]]:
    """Each share's attribution, frozen now for those that have none yet. Two writers
    freezing the same share concurrently agree: the second insert waits for the first and
    is skipped, and both then read the row that won."""
    existing = _read_attributions(facts)
    missing = {share_id: fact for share_id, fact in facts.items() if share_id not in existing}
    if missing:
        now = timezone.now()
        insert_new(
            ShareAttribution,
            [
                {
                    "id": uuid.uuid4(),
                    "organization_id": missing[share_id].organization_id,
                    "share_id": share_id,
                    "role_ids": sorted(str(pk) for pk in roles),
                    "audience_ids": sorted(str(pk) for pk in audiences),
                    "created_at": now,
                    "updated_at": now,
                }
                for share_id, (roles, audiences) in sorted(attributions_for(missing).items())
            ],
            conflict_fields=["share"],
            returning=["share"],
        )
        existing.update(_read_attributions(missing))
    return existing


def _read_attributions(facts: dict[uuid.UUID, ShareFacts]) -> dict[uuid.UUID, tuple[list[str], list[str]]]:
    rows = (
        ShareAttribution.objects.unscoped()
        .filter(share_id__in=list(facts))
        .values_list("share_id", "role_ids", "audience_ids")
    )
    return {share_id: (roles, audiences) for share_id, roles, audiences in rows}


# --- Adding -------------------------------------------------------------------------------------


def rollups_add(increments: dict[tuple[uuid.UUID, date], Counters], facts: dict[uuid.UUID, ShareFacts]) -> None:
    """Add ``increments`` per (share, day) to the share rollups and to those of the roles and
    audiences the shares count for."""
    if not increments:
        return
    now = timezone.now()
    upsert_adding(
        ShareDailyStats,
        [
            {
                "id": uuid.uuid4(),
                "organization_id": facts[share_id].organization_id,
                "share_id": share_id,
                "day": day,
                "content_id": facts[share_id].content_id,
                "membership_id": facts[share_id].membership_id,
                "network": facts[share_id].network,
                **counters.as_dict(),
                "created_at": now,
                "updated_at": now,
            }
            for (share_id, day), counters in sorted(increments.items())
        ],
        key_fields=["share", "day"],
        add_fields=COUNTERS,
    )
    attributions = attributions_frozen({share_id: facts[share_id] for share_id, _ in increments})
    daily: dict[tuple[uuid.UUID, str, str, date], Counters] = defaultdict(Counters)
    monthly: dict[tuple[uuid.UUID, str, str, date], Counters] = defaultdict(Counters)
    for (share_id, day), counters in increments.items():
        roles, audiences = attributions.get(share_id, ([], []))
        fact = facts[share_id]
        dimensions = (
            (AttributionDimension.ROLE, roles),
            (AttributionDimension.AUDIENCE, audiences),
            (AttributionDimension.CONTENT, [str(fact.content_id)]),
            (AttributionDimension.MEMBER, [str(fact.membership_id)]),
            (AttributionDimension.NETWORK, [str(network_key(fact.network))]),
            (AttributionDimension.ORGANIZATION, [str(fact.organization_id)]),
        )
        month = day.replace(day=1)
        for dimension, keys in dimensions:
            for key in keys:
                daily[(fact.organization_id, str(dimension), key, day)].add(counters)
                monthly[(fact.organization_id, str(dimension), key, month)].add(counters)
    for model, span, sums in ((AttributedDailyStats, "day", daily), (AttributedMonthlyStats, "month", monthly)):
        upsert_adding(
            model,
            [
                {
                    "id": uuid.uuid4(),
                    "organization_id": organization_id,
                    "dimension": dimension,
                    "key": uuid.UUID(key),
                    span: when,
                    **counters.as_dict(),
                    "created_at": now,
                    "updated_at": now,
                }
                for (organization_id, dimension, key, when), counters in sorted(sums.items())
            ],
            key_fields=["organization", "dimension", "key", span],
            add_fields=COUNTERS,
        )


def hourly_rows(
    hourly: dict[tuple[uuid.UUID, datetime], Counters], facts: dict[uuid.UUID, ShareFacts]
) -> list[dict[str, Any]]:
    now = timezone.now()
    return [
        {
            "id": uuid.uuid4(),
            "organization_id": facts[share_id].organization_id,
            "share_id": share_id,
            "hour": hour,
            "clicks": counters.clicks,
            "unique_visitors": counters.unique_visitors,
            "bot_hits": counters.bot_hits,
            "created_at": now,
            "updated_at": now,
        }
        for (share_id, hour), counters in sorted(hourly.items())
    ]
