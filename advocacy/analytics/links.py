"""Tracked links: ``/l/{code}`` -> the stored content URL with UTM parameters.

The target of a code never changes (a share points at one frozen content version), so it is
computed once and cached as ``code -> TrackedLink``: warmed when the share is posted, read
from the database at most once per cache lifetime otherwise. The redirect only ever goes to
a stored target: nothing from the request is copied into it (no open redirect).
"""

import re
import time
import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, unquote_plus, urlsplit, urlunsplit

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.base import BaseCache
from django.utils.text import slugify

from advocacy.shares.models import Share, ShareStatus

# What shares.services mints (token_urlsafe), with room to grow up to the column's length
# (Share.tracked_code); anything else is not a code and never reaches the database.
CODE_RE = re.compile(r"[A-Za-z0-9_-]{1,16}")
UTM_MEDIUM = "employee_advocacy"
UTM_KEYS = ("utm_source", "utm_medium", "utm_campaign", "utm_content")
# A code that is unknown, a draft, or cancelled: remembered briefly, so a flood of bad codes
# does not reach the database, and a share posted meanwhile is live at once (posting warms).
_MISSING = "missing"
MISSING_TTL = 60
# Confirmed but not yet posted: the share can still be cancelled, so re-check soon.
UNPOSTED_TTL = 300
# Statuses whose link redirects: posted, or at least confirmed by the employee.
REDIRECTING = (
    ShareStatus.CONFIRMED,
    ShareStatus.IN_REVIEW,
    ShareStatus.QUEUED,
    ShareStatus.POSTING,
    ShareStatus.POSTED,
)


@dataclass(frozen=True)
class TrackedLink:
    target: str
    share_id: str
    organization_id: str
    network: str


def campaign_slug(title: str) -> str:
    """Content items have no slug: the campaign is the slug of the shared version's title."""
    return slugify(title)[:100] or "content"


def tracked_target(*, url: str, network: str, campaign: str, share_id: uuid.UUID | str) -> str | None:
    """``url`` with our UTM parameters. Its own query parameters stay exactly as stored (same
    order, same encoding); UTM parameters it already had are replaced by ours. None when the
    stored URL is not an absolute http(s) URL (nothing safe to redirect to)."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    kept = [
        pair for pair in parts.query.split("&") if pair and unquote_plus(pair.split("=", 1)[0]).lower() not in UTM_KEYS
    ]
    ours = {"utm_source": network, "utm_medium": UTM_MEDIUM, "utm_campaign": campaign, "utm_content": str(share_id)}
    kept.extend(f"{key}={quote(value, safe='')}" for key, value in ours.items())
    return urlunsplit((parts.scheme, parts.netloc, parts.path, "&".join(kept), parts.fragment))


def _cache_key(code: str) -> str:
    return f"analytics:link:{code}"


def _cache() -> BaseCache:
    return caches[settings.TRACKED_LINK_CACHE]


def tracked_link_for_share(share: Share) -> TrackedLink | None:
    target = tracked_target(
        url=share.content_version.url,
        network=share.network,
        campaign=campaign_slug(share.content_version.title),
        share_id=share.pk,
    )
    if target is None:
        return None
    return TrackedLink(
        target=target, share_id=str(share.pk), organization_id=str(share.organization_id), network=share.network
    )


def tracked_link_warm(share: Share) -> TrackedLink | None:
    """Cache the link of a share that redirects (called when it is posted)."""
    return tracked_links_warm([share])[0]


def tracked_links_warm(shares: Sequence[Share]) -> list[TrackedLink | None]:
    """Cache the links of shares, one round trip per cache lifetime: a redirecting share's
    link, or that the code leads nowhere."""
    links: list[TrackedLink | None] = []
    by_timeout: dict[int, dict[str, Any]] = defaultdict(dict)
    for share in shares:
        link = tracked_link_for_share(share) if share.status in REDIRECTING else None
        links.append(link)
        if link is None:
            by_timeout[MISSING_TTL][_cache_key(share.tracked_code)] = _MISSING
            continue
        timeout = settings.TRACKED_LINK_CACHE_SECONDS if share.status == ShareStatus.POSTED else UNPOSTED_TTL
        # A plain tuple, not the dataclass: a pickled class would break if the class changed.
        cached = (link.target, link.share_id, link.organization_id, link.network)
        by_timeout[timeout][_cache_key(share.tracked_code)] = cached
    for timeout, values in by_timeout.items():
        _cache().set_many(values, timeout=timeout)
    return links


# Each web process also remembers the links it served for a minute, so a hot link costs no
# round trip to the shared cache. Only links found are remembered (a miss may be posted any
# moment); a minute bounds how long a cancelled, confirmed-only share keeps redirecting.
_PROCESS_MEMO: dict[str, tuple[float, TrackedLink]] = {}
PROCESS_MEMO_SECONDS = 60.0
PROCESS_MEMO_SIZE = 10_000


def _memo_get(code: str) -> TrackedLink | None:
    entry = _PROCESS_MEMO.get(code)
    if entry is None or entry[0] < time.monotonic():
        return None
    return entry[1]


def _memo_put(code: str, link: TrackedLink) -> None:
    if len(_PROCESS_MEMO) >= PROCESS_MEMO_SIZE:
        _PROCESS_MEMO.clear()  # rare, and cheaper than tracking recency on the hot path
    _PROCESS_MEMO[code] = (time.monotonic() + PROCESS_MEMO_SECONDS, link)


def tracked_links_forget_in_process() -> None:
    """Tests: forget what this process remembered."""
    _PROCESS_MEMO.clear()


def tracked_link_resolve(code: str) -> TrackedLink | None:
    """The link for ``code``: from this process's memo, from the shared cache, or from the
    database once and then cached.

    Codes are unique across organisations (they are the URL), so the lookup by code is the
    one place that reads shares without an organisation in context."""
    if not CODE_RE.fullmatch(code):
        return None
    link = _memo_get(code)
    if link is not None:
        return link
    cached = _cache().get(_cache_key(code))
    if isinstance(cached, tuple) and len(cached) == 4:
        link = TrackedLink(*cached)
        _memo_put(code, link)
        return link
    if cached == _MISSING:
        return None
    share = (
        Share.objects.unscoped()
        .select_related("content_version")
        .filter(tracked_code=code, status__in=REDIRECTING)
        .only(
            "id",
            "organization",
            "network",
            "status",
            "tracked_code",
            "content_version",
            "content_version__url",
            "content_version__title",
        )
        .first()
    )
    if share is None:
        _cache().set(_cache_key(code), _MISSING, timeout=MISSING_TTL)
        return None
    link = tracked_link_warm(share)
    if link is not None:
        _memo_put(code, link)
    return link
