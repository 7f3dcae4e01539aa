"""Fixtures for analytics: posted shares, clicks written through the real batch writer, and
both click buffers (Redis for real when TEST_REDIS_URL is set; the spool folder always)."""

import hashlib
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, cast

import pytest
from django.conf import settings

from advocacy.accounts.models import Membership, Organization
from advocacy.analytics.buffer import ClickBuffer, RedisClickBuffer, SpoolClickBuffer, click_buffer
from advocacy.analytics.clicks import BufferedClick
from advocacy.analytics.links import tracked_links_forget_in_process
from advocacy.analytics.services import clicks_record, share_posted_count
from advocacy.audiences.models import Audience
from advocacy.content.models import ContentItem
from advocacy.core.tenancy import tenant_context
from advocacy.networks.models import NetworkConnection
from advocacy.roles.models import AdvocacyRole
from advocacy.shares.models import Share
from tests.factories import (
    AdvocacyRoleFactory,
    AudienceFactory,
    NetworkConnectionFactory,
    ShareFactory,
    approved_content,
)

BROWSER = (
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15"
)
BUFFER_KINDS = ["redis", "spool"]


# factory_boy's calls are typed as returning the factory; these say what they make.
def role_in(organization: Organization, **fields: Any) -> AdvocacyRole:
    return cast(AdvocacyRole, AdvocacyRoleFactory(organization=organization, **fields))


def audience_in(organization: Organization, **fields: Any) -> Audience:
    return cast(Audience, AudienceFactory(organization=organization, **fields))


def share_in(organization: Organization, **fields: Any) -> Share:
    return cast(Share, ShareFactory(organization=organization, **fields))


def posted_share(
    organization: Organization,
    *,
    membership: Membership | None = None,
    content: ContentItem | None = None,
    network: str = "sandbox",
    posted_at: datetime | None = None,
    record: bool = True,
    **fields: Any,
) -> Share:
    """A share as the pipeline leaves it once posted; ``record`` runs the analytics side of
    posting (counted on its day, attribution frozen) as the posted handler would."""
    extra: dict[str, Any] = {"network": network, "external_id": f"ext-{uuid.uuid4().hex[:8]}", **fields}
    if membership is not None:
        extra["membership"] = membership
        # A member has one active connection per network: their shares reuse it.
        extra.setdefault(
            "connection",
            NetworkConnection.objects.unscoped().filter(membership=membership, status="active").first()
            or NetworkConnectionFactory(organization=organization, membership=membership),
        )
    if content is not None:
        extra["content"] = content
    share = share_in(
        organization,
        status="posted",
        posted_at=posted_at or datetime.now(UTC),
        **extra,
    )
    if record:
        with tenant_context(organization):
            share_posted_count(share=share)
    return share


def click(
    share: Share,
    *,
    at: datetime | None = None,
    visitor: str = "visitor-1",
    bot: bool = False,
    click_id: uuid.UUID | None = None,
    referrer: str = "www.linkedin.com",
) -> BufferedClick:
    return BufferedClick(
        id=click_id or uuid.uuid4(),
        clicked_at=at or datetime.now(UTC),
        share_id=share.pk,
        organization_id=share.organization_id,
        visitor_hash=hashlib.sha256(visitor.encode()).hexdigest(),
        referrer_host=referrer,
        is_bot=bot,
    )


def record(*clicks: BufferedClick) -> None:
    """Write clicks the way the batch writer does (without a buffer)."""
    clicks_record([c.encode() for c in clicks])


def content_titled(organization: Organization, title: str, url: str = "https://news.example.com/a") -> ContentItem:
    return approved_content(organization, title=title, url=url)


def _redis_url() -> str:
    url: str = getattr(settings, "TEST_REDIS_URL", "")
    if not url:
        pytest.skip("needs REDIS_URL (set in CI)")
    return url


@pytest.fixture(params=BUFFER_KINDS)
def buffer(request: Any, tmp_path: Path) -> Iterator[ClickBuffer]:
    """Each click buffer, standalone: a Redis list under a prefix of its own, or a spool folder."""
    made: ClickBuffer
    if request.param == "redis":
        made = RedisClickBuffer(_redis_url(), prefix=f"test-clicks:{uuid.uuid4().hex}")
    else:
        made = SpoolClickBuffer(tmp_path / "clicks")
    yield made
    made.clear()


@pytest.fixture(params=BUFFER_KINDS)
def configured_buffer(request: Any, settings: Any, tmp_path: Path) -> Iterator[ClickBuffer]:
    """The buffer the redirect and the flush task use, configured as in production (Redis)
    or as on the embedded default (no REDIS_URL: the spool folder)."""
    if request.param == "redis":
        settings.REDIS_URL = _redis_url()
        settings.CLICK_BUFFER_PREFIX = f"test-clicks:{uuid.uuid4().hex}"
    else:
        settings.REDIS_URL = ""
        settings.CLICK_SPOOL_DIR = tmp_path / "clicks"
    configured = click_buffer()
    yield configured
    configured.clear()


@pytest.fixture
def content(org: Organization) -> ContentItem:
    return content_titled(org, "Banks move reporting to streaming", "https://news.example.com/report?ref=feed")


@pytest.fixture(autouse=True)
def _forget_links_remembered_in_process() -> Iterator[None]:
    tracked_links_forget_in_process()
    yield
    tracked_links_forget_in_process()
