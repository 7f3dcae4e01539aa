"""Exports for admins: the analytics CSV and the compliance archive (CSV and JSON Lines).

Both stream the posted shares of a date range at constant memory, however long the range:
shares come from a server-side cursor ``EXPORT_CHUNK_SIZE`` at a time, as plain rows of the
columns an export prints (building model instances cost more than everything else), and
each chunk costs at most one query for the approval chains it has not met yet, one for its
audit trail (confirmation session, review) and, for analytics, one for its figures. Only a
bounded cache of approval chains outlives a chunk.

The response body is produced after the view has returned, when the tenant context of the
request is gone, so every query here is built inside ``tenant_context`` explicitly, one
chunk at a time (never holding the context across a ``yield``).
"""

import csv
import io
import json
import zoneinfo
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from itertools import islice
from typing import Any

from django.conf import settings
from django.db.models import QuerySet, Sum

from advocacy.accounts.models import Organization, User
from advocacy.analytics.models import ShareDailyStats
from advocacy.content.models import ContentApproval
from advocacy.core.audit import audit_record
from advocacy.core.errors import DomainError
from advocacy.core.models import AuditEvent
from advocacy.core.tenancy import tenant_context
from advocacy.shares.models import Share, ShareStatus, sha256_hex

# Without ?from/?to: the last 30 days, today included.
DEFAULT_RANGE_DAYS = 30
# Far enough for any real archive, near enough that day arithmetic cannot overflow.
EARLIEST_DAY = date(1970, 1, 1)
LATEST_DAY = date(9998, 12, 31)
# Content versions whose approval chain is kept between chunks (shares of the same content
# follow each other); past this many, the least recently used is read again if needed.
APPROVAL_CHAIN_CACHE_SIZE = 2000

SHARE_OBJECT_TYPE = "shares.share"
CONFIRMED_VERB = "share.confirmed"
REVIEW_VERBS = {"share.review_pass": "pass", "share.review_reject": "reject"}

# A spreadsheet runs a cell that starts like a formula (CSV injection, OWASP).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


# --- The range --------------------------------------------------------------------------


@dataclass(frozen=True)
class ExportRange:
    """Whole days, both included, in the organisation's time zone."""

    first_day: date
    last_day: date
    zone: zoneinfo.ZoneInfo

    @property
    def start(self) -> datetime:
        return datetime.combine(self.first_day, time.min, tzinfo=self.zone)

    @property
    def end(self) -> datetime:
        """Exclusive: midnight after the last day."""
        return datetime.combine(self.last_day + timedelta(days=1), time.min, tzinfo=self.zone)

    def as_dict(self) -> dict[str, str]:
        return {"from": self.first_day.isoformat(), "to": self.last_day.isoformat(), "time_zone": self.zone.key}


def export_range_for(
    *, organization: Organization, first_day: date | None, last_day: date | None, today: date | None = None
) -> ExportRange:
    """The range an export covers. Long ranges are fine (they stream); reversed ones are not."""
    zone = _zone(organization.time_zone)
    today = today or datetime.now(tz=zone).date()
    last_day = last_day or (max(today, first_day) if first_day else today)
    first_day = first_day or last_day - timedelta(days=DEFAULT_RANGE_DAYS - 1)
    for day in (first_day, last_day):
        if not EARLIEST_DAY <= day <= LATEST_DAY:
            raise DomainError(
                f"Dates must be between {EARLIEST_DAY.isoformat()} and {LATEST_DAY.isoformat()}.",
                code="invalid_range",
            )
    if first_day > last_day:
        raise DomainError("“from” must be on or before “to”.", code="invalid_range")
    return ExportRange(first_day=first_day, last_day=last_day, zone=zone)


def _zone(name: str) -> zoneinfo.ZoneInfo:
    try:
        return zoneinfo.ZoneInfo(name or "UTC")
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo("UTC")


def export_record(
    *, organization: Organization, actor: User, kind: str, file_format: str, export_range: ExportRange
) -> AuditEvent:
    """Every export is audited (who took what, for which range) before a byte is sent."""
    return audit_record(
        organization=organization,
        actor=actor,
        verb=f"export.{kind}",
        obj=organization,
        after={"format": file_format, **export_range.as_dict()},
    )


def export_filename(*, organization: Organization, name: str, export_range: ExportRange, extension: str) -> str:
    days = f"{export_range.first_day.isoformat()}-to-{export_range.last_day.isoformat()}"
    return f"{organization.slug}-{name}-{days}.{extension}"


# --- Reading, a chunk at a time -----------------------------------------------------------

Row = dict[str, Any]

# What the exports print of a share and what it points at, read in the one share query.
ARCHIVE_FIELDS = (
    "id",
    "posted_at",
    "network",
    "final_text",
    "external_id",
    "external_url",
    "confirmed_sha256",
    "confirmed_at",
    "review_reason",
    "membership_id",
    "membership__user__email",
    "membership__user__name",
    "connection__account_id",
    "connection__account_name",
    "content_id",
    "content_version_id",
    "content_version__number",
    "content_version__title",
    "content_version__url",
    "reviewed_by__user__email",
)
ANALYTICS_FIELDS = (
    "id",
    "posted_at",
    "network",
    "membership__user__email",
    "membership__user__name",
    "content_id",
    "content_version__number",
    "content_version__title",
)


def posted_shares(*, export_range: ExportRange) -> QuerySet[Share]:
    """Posted shares of the organisation in context, posted in the range, oldest first."""
    return Share.objects.filter(
        status=ShareStatus.POSTED, posted_at__gte=export_range.start, posted_at__lt=export_range.end
    ).order_by("posted_at", "pk")


def _share_chunks(
    *, organization: Organization, export_range: ExportRange, fields: tuple[str, ...]
) -> Iterator[list[Row]]:
    chunk_size = settings.EXPORT_CHUNK_SIZE
    with tenant_context(organization):
        # The organisation filter is bound when the queryset is built; the cursor runs later.
        rows = posted_shares(export_range=export_range).values(*fields).iterator(chunk_size=chunk_size)
    while chunk := list(islice(rows, chunk_size)):
        yield chunk


def _stream(
    *,
    organization: Organization,
    export_range: ExportRange,
    fields: tuple[str, ...],
    render_chunk: Callable[[list[Row]], str],
    header: str,
) -> Iterator[bytes]:
    if header:
        yield header.encode()
    for chunk in _share_chunks(organization=organization, export_range=export_range, fields=fields):
        with tenant_context(organization):
            text = render_chunk(chunk)
        yield text.encode()


@dataclass(frozen=True)
class Metrics:
    clicks: int = 0
    unique_visitors: int = 0
    bot_hits: int = 0
    reactions: int = 0
    comments: int = 0
    reposts: int = 0


def share_metrics(share_ids: Iterable[Any]) -> dict[Any, Metrics]:
    """Lifetime figures of these shares, from the daily rollups (clicks count humans only;
    unique visitors are counted per day, as the daily salt allows). One query."""
    rows = (
        ShareDailyStats.objects.filter(share_id__in=list(share_ids))
        .values("share_id")
        .annotate(
            total_clicks=Sum("clicks"),
            total_unique_visitors=Sum("unique_visitors"),
            total_bot_hits=Sum("bot_hits"),
            total_reactions=Sum("reactions"),
            total_comments=Sum("comments"),
            total_reposts=Sum("reposts"),
        )
        .order_by()
    )
    return {
        row["share_id"]: Metrics(
            clicks=row["total_clicks"] or 0,
            unique_visitors=row["total_unique_visitors"] or 0,
            bot_hits=row["total_bot_hits"] or 0,
            reactions=row["total_reactions"] or 0,
            comments=row["total_comments"] or 0,
            reposts=row["total_reposts"] or 0,
        )
        for row in rows
    }


def approval_chains(version_ids: Iterable[Any]) -> dict[Any, list[Row]]:
    """Who approved (or rejected) each content version, at which step, when. One query."""
    chains: dict[Any, list[Row]] = {version_id: [] for version_id in version_ids}
    approvals = (
        ContentApproval.objects.filter(version_id__in=list(chains))
        .order_by("created_at", "pk")
        .values_list(
            "version_id",
            "step",
            "decision",
            "approver_email",
            "approver__user__name",
            "version__number",
            "created_at",
            "reason",
        )
    )
    for version_id, step, decision, email, name, number, created_at, reason in approvals:
        chains[version_id].append(
            {
                "step": step,
                "decision": decision,
                "by_email": email,
                "by_name": name or "",
                "version": number,
                "at": _iso(created_at),
                "reason": reason,
            }
        )
    return chains


class ApprovalChainCache:
    """Approval chains by content version, for the length of one export, bounded (LRU)."""

    def __init__(self, size: int = APPROVAL_CHAIN_CACHE_SIZE) -> None:
        self.size = size
        self.chains: OrderedDict[Any, list[Row]] = OrderedDict()

    def chains_for(self, version_ids: Iterable[Any]) -> dict[Any, list[Row]]:
        wanted = set(version_ids)
        missing = wanted - self.chains.keys()
        if missing:
            self.chains.update(approval_chains(missing))
        for version_id in wanted:
            self.chains.move_to_end(version_id)
        found = {version_id: self.chains[version_id] for version_id in wanted}
        while len(self.chains) > self.size:
            self.chains.popitem(last=False)
        return found


@dataclass
class ShareTrail:
    """What only the audit log knows about a share: how its confirmation was made and when
    it was reviewed. The latest event of each kind wins (a share can be edited, confirmed
    and reviewed again before it is posted)."""

    confirmed: Mapping[str, Any] | None = None
    reviewed: Mapping[str, Any] | None = None


def share_trails(share_ids: Iterable[Any]) -> dict[str, ShareTrail]:
    """Keyed by the share id as text (audit events name objects by text). One query."""
    trails: dict[str, ShareTrail] = {}
    events = (
        AuditEvent.objects.filter(
            object_type=SHARE_OBJECT_TYPE,
            object_id__in=[str(pk) for pk in share_ids],
            verb__in=[CONFIRMED_VERB, *REVIEW_VERBS],
        )
        .order_by("seq")
        .values("object_id", "verb", "actor_email", "after", "created_at")
    )
    for event in events:
        trail = trails.setdefault(event["object_id"], ShareTrail())
        if event["verb"] == CONFIRMED_VERB:
            trail.confirmed = event
        else:
            trail.reviewed = event
    return trails


# --- The compliance archive ---------------------------------------------------------------


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def _archive_record(share: Row, *, chain: list[Row], trail: ShareTrail) -> Row:
    posted_sha256 = sha256_hex(share["final_text"])
    confirmed = trail.confirmed
    confirmation = {
        "by_email": confirmed["actor_email"] if confirmed else share["membership__user__email"],
        "at": _iso(share["confirmed_at"]),
        "text_sha256": share["confirmed_sha256"],
        "session": (confirmed["after"] or {}).get("session", "") if confirmed else "",
        "matches_posted_text": share["confirmed_sha256"] == posted_sha256,
    }
    review: Row | None = None
    if trail.reviewed is not None:
        review = {
            "by_email": trail.reviewed["actor_email"],
            "decision": REVIEW_VERBS[trail.reviewed["verb"]],
            "reason": (trail.reviewed["after"] or {}).get("reason", ""),
            "at": _iso(trail.reviewed["created_at"]),
        }
    elif share["reviewed_by__user__email"]:
        # Reviewed, though the event is missing: a posted share can only have been passed.
        review = {
            "by_email": share["reviewed_by__user__email"],
            "decision": "pass",
            "reason": share["review_reason"],
            "at": None,
        }
    return {
        "share_id": str(share["id"]),
        "posted_at": _iso(share["posted_at"]),
        "network": share["network"],
        "posted_text": share["final_text"],
        "posted_text_sha256": posted_sha256,
        "account": {"id": share["connection__account_id"], "name": share["connection__account_name"]},
        "external_id": share["external_id"],
        "external_url": share["external_url"],
        "member": {
            "id": str(share["membership_id"]),
            "email": share["membership__user__email"],
            "name": share["membership__user__name"],
        },
        "content": {
            "id": str(share["content_id"]),
            "version_id": str(share["content_version_id"]),
            "version": share["content_version__number"],
            "title": share["content_version__title"],
            "url": share["content_version__url"],
        },
        "approvals": chain,
        "confirmation": confirmation,
        "review": review,
    }


def _archive_records(chunk: list[Row], cache: ApprovalChainCache) -> Iterator[Row]:
    chains = cache.chains_for(share["content_version_id"] for share in chunk)
    trails = share_trails(share["id"] for share in chunk)
    for share in chunk:
        yield _archive_record(
            share, chain=chains[share["content_version_id"]], trail=trails.get(str(share["id"]), ShareTrail())
        )


def archive_jsonl(*, organization: Organization, export_range: ExportRange) -> Iterator[bytes]:
    """One JSON object per line per posted share: the exact text as posted, and everything
    that allowed it (approval chain, confirmation, review)."""
    cache = ApprovalChainCache()

    def render(chunk: list[Row]) -> str:
        return "".join(
            json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"
            for record in _archive_records(chunk, cache)
        )

    return _stream(
        organization=organization, export_range=export_range, fields=ARCHIVE_FIELDS, render_chunk=render, header=""
    )


ARCHIVE_CSV_COLUMNS = (
    "share_id",
    "posted_at",
    "network",
    "account_id",
    "account_name",
    "external_id",
    "external_url",
    "member_email",
    "member_name",
    "content_id",
    "content_title",
    "content_version",
    "approvals",
    "confirmed_by",
    "confirmed_at",
    "confirmed_text_sha256",
    "confirmation_session",
    "posted_text_sha256",
    "confirmation_matches_posted_text",
    "reviewed_by",
    "review_decision",
    "review_reason",
    "reviewed_at",
    "posted_text",
)


def _approvals_cell(chain: list[Row]) -> str:
    return " | ".join(
        f"{a['step']} {a['decision']} v{a['version']} by {a['by_email']} at {a['at']}"
        + (f" ({a['reason']})" if a["reason"] else "")
        for a in chain
    )


def _archive_csv_row(record: Row) -> list[Any]:
    confirmation, review = record["confirmation"], record["review"] or {}
    return [
        record["share_id"],
        record["posted_at"],
        record["network"],
        record["account"]["id"],
        record["account"]["name"],
        record["external_id"],
        record["external_url"],
        record["member"]["email"],
        record["member"]["name"],
        record["content"]["id"],
        record["content"]["title"],
        record["content"]["version"],
        _approvals_cell(record["approvals"]),
        confirmation["by_email"],
        confirmation["at"],
        confirmation["text_sha256"],
        confirmation["session"],
        record["posted_text_sha256"],
        "yes" if confirmation["matches_posted_text"] else "no",
        review.get("by_email", ""),
        review.get("decision", ""),
        review.get("reason", ""),
        review.get("at") or "",
        record["posted_text"],
    ]


def csv_safe(value: Any) -> Any:
    """A text cell a spreadsheet would run as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _csv_text(rows: Iterable[Iterable[Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow([csv_safe(value) for value in row])
    return buffer.getvalue()


def archive_csv(*, organization: Organization, export_range: ExportRange) -> Iterator[bytes]:
    """The archive as a spreadsheet. Cells are escaped against formulas, so the JSON Lines
    export is the one that holds each text exactly as posted."""
    cache = ApprovalChainCache()

    def render(chunk: list[Row]) -> str:
        return _csv_text(_archive_csv_row(record) for record in _archive_records(chunk, cache))

    return _stream(
        organization=organization,
        export_range=export_range,
        fields=ARCHIVE_FIELDS,
        render_chunk=render,
        header=_csv_text([ARCHIVE_CSV_COLUMNS]),
    )


# --- The analytics CSV ------------------------------------------------------------------

ANALYTICS_CSV_COLUMNS = (
    "share_id",
    "posted_at",
    "member_email",
    "member_name",
    "network",
    "content_id",
    "content_title",
    "content_version",
    "clicks",
    "unique_visitors",
    "bot_hits",
    "reactions",
    "comments",
    "reposts",
)


def analytics_csv(*, organization: Organization, export_range: ExportRange) -> Iterator[bytes]:
    """One row per share posted in the range, with its figures to date."""

    def render(chunk: list[Row]) -> str:
        metrics = share_metrics(share["id"] for share in chunk)
        rows = []
        for share in chunk:
            figures = metrics.get(share["id"], Metrics())
            rows.append(
                [
                    str(share["id"]),
                    _iso(share["posted_at"]),
                    share["membership__user__email"],
                    share["membership__user__name"],
                    share["network"],
                    str(share["content_id"]),
                    share["content_version__title"],
                    share["content_version__number"],
                    figures.clicks,
                    figures.unique_visitors,
                    figures.bot_hits,
                    figures.reactions,
                    figures.comments,
                    figures.reposts,
                ]
            )
        return _csv_text(rows)

    return _stream(
        organization=organization,
        export_range=export_range,
        fields=ANALYTICS_FIELDS,
        render_chunk=render,
        header=_csv_text([ANALYTICS_CSV_COLUMNS]),
    )
