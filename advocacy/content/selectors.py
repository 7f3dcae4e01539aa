"""Reads of the content library, the grid and the employee's feed."""

from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.models import Q, QuerySet
from django.utils import timezone

from advocacy.accounts.models import Membership, Organization
from advocacy.content.models import (
    ContentApproval,
    ContentItem,
    ContentVersion,
    GridCell,
    MessageTemplate,
)
from advocacy.core.rawsql import column_readers, db_value
from advocacy.core.tenancy import require_organization_id
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
    if filters.get("live"):
        queryset = queryset.filter(approved_version__isnull=False, retired_at__isnull=True).filter(
            Q(approved_version__expires_at__isnull=True) | Q(approved_version__expires_at__gt=timezone.now())
        )
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


# What the feed shows of an item: its preview, and its approved version's content.
FEED_ITEM_COLUMNS = ("id", "preview_title", "preview_description", "preview_image_url")
FEED_VERSION_COLUMNS = (
    "number",
    "title",
    "url",
    "summary",
    "suggested_copy",
    "image_url",
    "language",
    "networks",
    "disclaimer",
    "expires_at",
    "approved_at",
    "angles",
)
FEED_CELL_COLUMNS = ("id", "role_id", "audience_id", "position", "note")


@dataclass(frozen=True)
class FeedItem:
    """One item of the feed as read: the item's preview and its approved version."""

    id: Any
    preview_title: str
    preview_description: str
    preview_image_url: str
    number: int
    title: str
    url: str
    summary: str
    suggested_copy: str
    image_url: str
    language: str
    networks: list[str]
    disclaimer: str
    expires_at: Any
    approved_at: Any
    angles: dict[str, str]


@dataclass(frozen=True)
class FeedPage:
    items: list[FeedItem]
    total: int
    cells: dict[Any, list[dict[str, Any]]] = field(default_factory=dict)  # content id -> the member's cells


def feed_page(
    *, context: FeedContext, audience_id: Any = None, role_id: Any = None, page: int = 1, page_size: int = 20
) -> FeedPage:
    """Live content in the grid of the member's roles (approved, not retired, not expired),
    in grid order then newest approval first, with the member's cells holding each item.

    Expiry is part of the query, so an item leaves the feed at its expiry time with no job
    to run; nothing per member is stored, so placing content in a cell is one row whatever
    the number of members. The ranking reads only the member's grid cells, which carry a
    copy of their content's live state (GridCell.live), through a partial index, counts
    the total, and joins the page's items, their approved versions and the member's cells
    holding them, all in one round trip; it is SQL because the ORM cannot express a window
    count over groups, and reading the page as plain rows costs a third of model instances.
    """
    role_ids = context.role_ids if role_id is None else [r for r in context.role_ids if r == role_id]
    if not role_ids:
        return FeedPage(items=[], total=0)

    def prep(value: Any) -> Any:
        return db_value(GridCell, "id", value)

    role_marks = ", ".join(["%s"] * len(role_ids))
    organization_and_roles = [prep(require_organization_id()), *[prep(r) for r in role_ids]]
    params: list[Any] = list(organization_and_roles)
    audience_clause = ""
    if audience_id is not None:
        audience_clause = "AND (gc.audience_id = %s OR gc.audience_id IS NULL)"
        params.append(prep(audience_id))
    params += [timezone.now(), page_size, (page - 1) * page_size, *organization_and_roles]
    item_columns = ", ".join(f"item.{name}" for name in FEED_ITEM_COLUMNS)
    version_columns = ", ".join(f"version.{name}" for name in FEED_VERSION_COLUMNS)
    cell_columns = ", ".join(f"cell.{name}" for name in FEED_CELL_COLUMNS)
    # The page's cells are every cell of the member's roles holding its items, whatever
    # the audience asked for: the card shows where the item sits.
    sql = f"""
        WITH ranked AS (
            SELECT gc.content_id, MIN(gc.position) AS first_position, MAX(gc.approved_at) AS approved_at,
                   COUNT(*) OVER () AS total
            FROM content_gridcell gc
            WHERE gc.organization_id = %s AND gc.role_id IN ({role_marks}) {audience_clause}
              AND gc.live AND (gc.live_until IS NULL OR gc.live_until > %s)
            GROUP BY gc.content_id
            ORDER BY first_position, approved_at DESC, gc.content_id
            LIMIT %s OFFSET %s
        )
        SELECT ranked.total, {item_columns}, {version_columns}, {cell_columns}, audience.name
        FROM ranked
        JOIN content_contentitem item ON item.id = ranked.content_id
        JOIN content_contentversion version ON version.id = item.approved_version_id
        JOIN content_gridcell cell
          ON cell.content_id = ranked.content_id AND cell.organization_id = %s AND cell.role_id IN ({role_marks})
        LEFT JOIN audiences_audience audience ON audience.id = cell.audience_id
        ORDER BY ranked.first_position, ranked.approved_at DESC, ranked.content_id, cell.position
    """  # noqa: S608 - placeholders and our own column names; the f-string adds their count and a fixed clause
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    if not rows:
        return FeedPage(items=[], total=0)
    readers = [
        *column_readers(ContentItem, FEED_ITEM_COLUMNS),
        *column_readers(ContentVersion, FEED_VERSION_COLUMNS),
        *column_readers(GridCell, FEED_CELL_COLUMNS),
    ]
    items: list[FeedItem] = []
    cells: dict[Any, list[dict[str, Any]]] = {}
    item_width = len(FEED_ITEM_COLUMNS) + len(FEED_VERSION_COLUMNS)
    for row in rows:
        values = [read(value) for read, value in zip(readers, row[1:-1], strict=True)]
        item_id = values[0]
        if item_id not in cells:
            items.append(FeedItem(*values[:item_width]))
            cells[item_id] = []
        cell_id, cell_role_id, cell_audience_id, position, note = values[item_width:]
        cells[item_id].append(
            {
                "id": str(cell_id),
                "role": str(cell_role_id),
                "audience": str(cell_audience_id) if cell_audience_id else None,
                "audience_name": row[-1],
                "position": position,
                "note": note,
            }
        )
    return FeedPage(items=items, total=rows[0][0], cells=cells)


def feed_networks(*, organization: Organization, context: FeedContext, item: FeedItem) -> list[str]:
    """Networks the member may share this item to: allowed by its approved version, enabled
    by the organisation, and allowed by at least one of the member's roles."""
    allowed = set(item.networks or settings.NETWORKS) & set(organization.networks_enabled)
    by_roles: set[str] = set()
    for role in context.roles:
        by_roles |= set(role.networks or settings.NETWORKS)
    return [network for network in settings.NETWORKS if network in allowed and network in by_roles]
