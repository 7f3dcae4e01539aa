"""Real activity on shares, written through the analytics app's own services: a share is
posted (counted and attributed), people click its tracked link, the network reports
comments. Nothing here writes a rollup row by hand."""

import uuid
from datetime import datetime
from typing import Any, cast

from django.utils import timezone

from advocacy.accounts.models import Membership
from advocacy.analytics.clicks import BufferedClick
from advocacy.analytics.engagement import engagement_record
from advocacy.analytics.services import clicks_record, share_posted_count
from advocacy.content.models import ContentItem
from advocacy.core.tenancy import tenant_context
from advocacy.networks.models import NetworkConnection
from advocacy.networks.providers.base import Engagement
from advocacy.shares.models import Share
from tests.factories import NetworkConnectionFactory, ShareFactory


def posted(member: Membership, content: ContentItem, *, network: str = "sandbox", at: datetime | None = None) -> Share:
    """A share of ``content`` by ``member``, posted at ``at``, as the pipeline leaves it."""
    at = at or timezone.now()
    connection = NetworkConnection.objects.unscoped().filter(
        membership=member, network=network, status="active"
    ).first() or NetworkConnectionFactory(organization=member.organization, membership=member, network=network)
    share = cast(
        Share,
        ShareFactory(
            organization=member.organization,
            membership=member,
            content=content,
            connection=connection,
            network=network,
            status="posted",
            confirmed_at=at,
            posted_at=at,
            external_url=f"https://sandbox.example/posts/{uuid.uuid4().hex}",
        ),
    )
    with tenant_context(member.organization_id):
        share_posted_count(share=share)
    return share


def clicks(share: Share, *, humans: int, bots: int = 0, at: datetime | None = None) -> None:
    at = at or timezone.now()
    items = [
        BufferedClick(
            id=uuid.uuid4(),
            clicked_at=at,
            share_id=share.pk,
            organization_id=share.organization_id,
            visitor_hash=uuid.uuid4().hex,
            referrer_host="www.linkedin.com",
            is_bot=index >= humans,
        ).encode()
        for index in range(humans + bots)
    ]
    clicks_record(items)


def conversations(share: Share, *, comments: int, reactions: int = 0, at: Any = None) -> None:
    with tenant_context(share.organization_id):
        engagement_record(
            share=share, engagement=Engagement(comments=comments, reactions=reactions), taken_at=at or timezone.now()
        )
