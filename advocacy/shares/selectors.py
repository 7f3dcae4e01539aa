"""Reads of shares."""

from typing import Any

from django.db.models import QuerySet

from advocacy.accounts.models import Membership
from advocacy.shares.models import Share


def share_list(*, member: Membership | None, filters: dict[str, Any] | None = None) -> QuerySet[Share]:
    """The member's own shares, or everyone's (``member=None``) for reviewers and admins."""
    queryset = Share.objects.select_related(
        "membership__user", "membership__organization", "content", "content_version", "connection"
    )
    if member is not None:
        queryset = queryset.filter(membership=member)
    filters = filters or {}
    if filters.get("status"):
        queryset = queryset.filter(status=filters["status"])
    if filters.get("content"):
        queryset = queryset.filter(content=filters["content"])
    return queryset.order_by("-created_at")


def shared_networks_by_content(*, member: Membership, content_ids: list[Any]) -> dict[Any, list[str]]:
    """For the feed: the networks the member already shared (or is sharing) each item to."""
    shared: dict[Any, list[str]] = {}
    rows = (
        Share.objects.filter(membership=member, content_id__in=content_ids)
        .exclude(status="cancelled")
        .values_list("content_id", "network")
        .order_by("network")
    )
    for content_id, network in rows:
        shared.setdefault(content_id, []).append(network)
    return shared
