"""Reads of the content library, the grid and the employee's feed."""

from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import Min, Q, QuerySet
from django.utils import timezone

from advocacy.accounts.models import Membership, Organization
from advocacy.content.models import (
    ContentApproval,
    ContentItem,
    ContentStatus,
    ContentVersion,
    GridCell,
    MessageTemplate,
)
from advocacy.roles.models import AdvocacyRole


def content_list(*, filters: dict[str, Any] | None = None) -> QuerySet[ContentItem]:
    filters = filters or {}
    queryset = ContentItem.objects.select_related("approved_version", "created_by__user", "suggested_by__user")
    if filters.get("status"):
        queryset = queryset.filter(status=filters["status"])
    if filters.get("source"):
        queryset = queryset.filter(source=filters["source"])
    if filters.get("q"):
        queryset = queryset.filter(Q(title__icontains=filters["q"]) | Q(summary__icontains=filters["q"]))
    return queryset.order_by("-updated_at")


def content_history(*, content: ContentItem) -> tuple[list[ContentVersion], list[ContentApproval]]:
    versions = list(
        ContentVersion.objects.filter(content=content).select_related("submitted_by__user").order_by("-number")
    )
    approvals = list(ContentApproval.objects.filter(content=content).select_related("version").order_by("created_at"))
    return versions, approvals


def suggestion_list(*, member: Membership | None) -> QuerySet[ContentItem]:
    """Suggestions: the caller's own (``member``), or everyone's (None) for the comms team."""
    queryset = ContentItem.objects.filter(source="employee_suggestion").select_related("suggested_by__user")
    if member is not None:
        queryset = queryset.filter(suggested_by=member)
    return queryset.order_by("-created_at")


def suggestion_get(*, content_id: Any) -> ContentItem | None:
    return (
        ContentItem.objects.filter(pk=content_id, source="employee_suggestion")
        .select_related("suggested_by__user", "organization")
        .first()
    )


def suggestion_reviewer_emails() -> list[str]:
    return list(
        Membership.objects.filter(is_active=True, org_role__in=["reviewer", "comms_lead"])
        .values_list("user__email", flat=True)
        .order_by("user__email")
    )


def grid_cell_list(*, filters: dict[str, Any] | None = None) -> QuerySet[GridCell]:
    filters = filters or {}
    queryset = GridCell.objects.select_related("role", "audience", "content")
    for name in ("role", "content"):
        if filters.get(name):
            queryset = queryset.filter(**{name: filters[name]})
    if "audience" in filters:
        queryset = queryset.filter(audience=filters["audience"])
    return queryset.order_by("role__name", "audience__name", "position")


def template_list(*, filters: dict[str, Any] | None = None) -> QuerySet[MessageTemplate]:
    filters = filters or {}
    queryset = MessageTemplate.objects.select_related("role", "audience")
    if filters.get("role"):
        queryset = queryset.filter(Q(role=filters["role"]) | Q(role__isnull=True))
    if filters.get("audience"):
        queryset = queryset.filter(Q(audience=filters["audience"]) | Q(audience__isnull=True))
    return queryset.order_by("name")


# --- The feed --------------------------------------------------------------------------


@dataclass
class FeedContext:
    """What the feed needs to know about the member, read once per request."""

    roles: list[AdvocacyRole]
    role_ids: list[Any] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.role_ids = [role.pk for role in self.roles]


def feed_context(*, membership: Membership) -> FeedContext:
    roles = list(
        AdvocacyRole.objects.filter(assignments__membership=membership, archived_at__isnull=True)
        .only("id", "name", "networks")
        .order_by("name")
    )
    return FeedContext(roles=roles)


def feed_items(*, context: FeedContext, audience_id: Any = None, role_id: Any = None) -> QuerySet[ContentItem]:
    """Live content in the grid of the member's roles: approved, not retired, not expired.

    Expiry is part of the query, so an item leaves the feed at its expiry time with no job
    to run. Nothing per member is stored: placing content in a cell is one row, whatever
    the number of members holding the role.
    """
    role_ids = context.role_ids if role_id is None else [r for r in context.role_ids if r == role_id]
    cells = GridCell.objects.filter(role_id__in=role_ids)
    if audience_id is not None:
        cells = cells.filter(Q(audience_id=audience_id) | Q(audience__isnull=True))
    now = timezone.now()
    return (
        ContentItem.objects.filter(
            pk__in=cells.values("content_id"),
            approved_version__isnull=False,
            retired_at__isnull=True,
        )
        .exclude(status=ContentStatus.RETIRED)
        .filter(Q(approved_version__expires_at__isnull=True) | Q(approved_version__expires_at__gt=now))
        .select_related("approved_version")
        .annotate(first_position=Min("grid_cells__position", filter=Q(grid_cells__role_id__in=role_ids)))
        .order_by("first_position", "-approved_version__approved_at", "pk")
    )


def feed_cells(*, context: FeedContext, content_ids: list[Any]) -> dict[Any, list[GridCell]]:
    """The member's cells holding each of these items, in grid order."""
    by_content: dict[Any, list[GridCell]] = {pk: [] for pk in content_ids}
    cells = (
        GridCell.objects.filter(role_id__in=context.role_ids, content_id__in=content_ids)
        .select_related("audience")
        .only("id", "role_id", "content_id", "position", "note", "audience__id", "audience__name")
        .order_by("position")
    )
    for cell in cells:
        by_content[cell.content_id].append(cell)
    return by_content


def feed_networks(*, organization: Organization, context: FeedContext, version: ContentVersion) -> list[str]:
    """Networks the member may share this version to: allowed by the item, enabled by the
    organisation, and allowed by at least one of the member's roles."""
    allowed = set(version.networks or settings.NETWORKS) & set(organization.networks_enabled)
    by_roles: set[str] = set()
    for role in context.roles:
        by_roles |= set(role.networks or settings.NETWORKS)
    return [network for network in settings.NETWORKS if network in allowed and network in by_roles]
