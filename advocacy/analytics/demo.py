"""Demo analytics: a few shares the demo's ambassadors posted to the sandbox network over the
last weeks, with their clicks (people and link previews) and engagement, so the dashboards
have something to show on a first run.

Written through the real batch writer and posted handler. Safe to run again: shares are
found by (member, content, network), clicks have fixed ids (a replay inserts nothing), and
engagement is read once.
"""

import hashlib
import random
import secrets
import uuid
from datetime import timedelta

from django.utils import timezone

from advocacy.accounts.models import Membership, Organization
from advocacy.analytics.clicks import BufferedClick
from advocacy.analytics.engagement import engagement_record
from advocacy.analytics.models import EngagementSnapshot
from advocacy.analytics.services import clicks_record, share_posted_count
from advocacy.content.models import ContentItem
from advocacy.core.tenancy import tenant_context
from advocacy.networks.models import ConnectionStatus, NetworkConnection, SandboxPost
from advocacy.networks.providers.base import Engagement
from advocacy.networks.tokens import encrypt_token
from advocacy.shares.models import Share, ShareStatus, sha256_hex
from advocacy.shares.services import compose_final_text

CLICK_IDS = uuid.UUID("6f1c3a52-8a3e-4a53-9b7a-2f4f8c1d0e11")
# (ambassador, index of the approved item, days ago it was posted, clicks, words)
PLAN = [
    ("employee@demo.example", 0, 12, 48, "We did exactly this with a bank last year; the deadline pressure is real."),
    ("employee@demo.example", 2, 4, 21, "The finding on reporting latency matches what I hear from CIOs every week."),
    (
        "priya.shah@demo.example",
        1,
        9,
        35,
        "I shipped the new CLI myself: schema evolution finally feels boring, in a good way.",
    ),
    (
        "sam.okafor@demo.example",
        0,
        2,
        12,
        "A customer story I keep telling: less batch, fewer surprises for the regulator.",
    ),
]


def _connection(member: Membership) -> NetworkConnection:
    connection = NetworkConnection.objects.filter(
        membership=member, network="sandbox", status=ConnectionStatus.ACTIVE
    ).first()
    if connection is None:
        connection = NetworkConnection.objects.create(
            organization_id=member.organization_id,
            membership=member,
            network="sandbox",
            account_id=f"sandbox-demo-{member.pk.hex[:8]}",
            account_name=member.user.name,
            access_token=encrypt_token(f"sandbox-token-{secrets.token_urlsafe(16)}"),
            scopes="post",
        )
    return connection


def _posted_share(member: Membership, item: ContentItem, days_ago: int, words: str) -> Share | None:
    existing = Share.objects.filter(membership=member, content=item, network="sandbox").exclude(
        status=ShareStatus.CANCELLED
    )
    share = existing.first()
    if share is not None:
        return share if share.status == ShareStatus.POSTED else None
    assert item.approved_version is not None
    posted_at = timezone.now() - timedelta(days=days_ago, hours=3)
    share = Share(
        organization_id=member.organization_id,
        membership=member,
        content=item,
        content_version=item.approved_version,
        connection=_connection(member),
        network="sandbox",
        text=words,
        tracked_code=secrets.token_urlsafe(8)[:10],
        status=ShareStatus.POSTED,
        confirmed_at=posted_at - timedelta(minutes=5),
        posted_at=posted_at,
    )
    share.final_text = compose_final_text(share)
    share.confirmed_sha256 = sha256_hex(share.final_text)
    share.save()
    post = SandboxPost.objects.create(
        organization_id=member.organization_id,
        connection=share.connection,
        idempotency_key=str(share.pk),
        text=share.final_text,
    )
    SandboxPost.objects.filter(pk=post.pk).update(created_at=posted_at)
    Share.objects.filter(pk=share.pk).update(external_id=str(post.pk))
    share.external_id = str(post.pk)
    return share


def _clicks(share: Share, count: int) -> list[bytes]:
    """A fortnight of clicks fading after the posting day, a few of them link previews."""
    assert share.posted_at is not None
    rng = random.Random(str(share.pk))
    now = timezone.now()
    clicks = []
    for n in range(count):
        at = share.posted_at + timedelta(hours=min(rng.expovariate(1 / 30), 24 * 14), minutes=rng.randint(0, 59))
        bot = n % 7 == 0
        clicks.append(
            BufferedClick(
                id=uuid.uuid5(CLICK_IDS, f"{share.pk}-{n}"),
                clicked_at=min(at, now),
                share_id=share.pk,
                organization_id=share.organization_id,
                visitor_hash=hashlib.sha256(f"{share.pk}-visitor-{rng.randint(0, count // 2)}".encode()).hexdigest(),
                referrer_host="" if bot else rng.choice(("www.linkedin.com", "t.co", "mastodon.social", "")),
                is_bot=bot,
            ).encode()
        )
    return clicks


def seed() -> None:
    demo = Organization.objects.filter(slug="demo").first()
    if demo is None:
        return
    with tenant_context(demo):
        items = list(
            ContentItem.objects.filter(status="approved", approved_version__isnull=False)
            .select_related("approved_version")
            .order_by("created_at")
        )
        for email, index, days_ago, clicks, words in PLAN:
            member = Membership.objects.select_related("user").filter(user__email=email, is_active=True).first()
            if member is None or index >= len(items):
                continue
            share = _posted_share(member, items[index], days_ago, words)
            if share is None:
                continue
            share_posted_count(share=share)
            clicks_record(_clicks(share, clicks))
            if not EngagementSnapshot.objects.filter(share=share).exists():
                engagement_record(
                    share=share,
                    engagement=Engagement(reactions=clicks // 2, comments=clicks // 9, reposts=clicks // 15),
                    taken_at=timezone.now(),
                )


def summary() -> list[str]:
    return ["Analytics: the demo's ambassadors have posted a few shares with clicks (Analytics page).", ""]
