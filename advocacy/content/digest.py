"""The weekly digest of new grid content: an email to each member at 8am on Monday in their
time zone, and an optional Slack/Teams nudge per organisation. Links into the app only:
a digest never posts anything for anyone.

Sending is at most once per week and recipient. The hourly beat task (``digests_dispatch``)
fans out one task per organisation, which fans out one task per due member; each of those
claims the week with a conditional update of ``digest_sent_at`` (compare and swap on the
previous value) before sending, so a duplicated or concurrent task finds nothing to claim.
A failed send gives the claim back so the task's retry can send.
"""

import logging
import zoneinfo
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db.models import Q, QuerySet
from django.template.loader import render_to_string
from django.utils import timezone

from advocacy.accounts.models import ChatWebhookKind, Membership, Organization, RolloutStage
from advocacy.accounts.services import digest_unsubscribe_token
from advocacy.content.models import ContentItem, ContentStatus, GridCell
from advocacy.core.safe_http import FetchError, UnsafeUrlError, post_json_to_public_url
from advocacy.roles.models import AdvocacyRole

logger = logging.getLogger(__name__)

DIGEST_WEEKDAY = 0  # Monday
DIGEST_HOUR = 8
# The first digest (nothing sent yet) covers the week before it.
FIRST_DIGEST_LOOKBACK = timedelta(days=7)


class DigestOutcome(StrEnum):
    SENT = "sent"
    NOT_DUE = "not_due"
    ALREADY_SENT = "already_sent"
    NOTHING_NEW = "nothing_new"
    NOT_WANTED = "not_wanted"  # opted out, inactive, or not yet in the rollout
    NOT_CONFIGURED = "not_configured"
    REFUSED = "refused"  # the webhook points at a private address


# --- Time -------------------------------------------------------------------------------


def zone_named(name: str) -> zoneinfo.ZoneInfo:
    """The named zone, or UTC for a name the tz database does not know (any more)."""
    try:
        return zoneinfo.ZoneInfo(name or "UTC")
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo("UTC")


def is_digest_hour(now: datetime, zone: zoneinfo.ZoneInfo) -> bool:
    local = now.astimezone(zone)
    return local.weekday() == DIGEST_WEEKDAY and local.hour == DIGEST_HOUR


def local_week_start(now: datetime, zone: zoneinfo.ZoneInfo) -> datetime:
    """Monday 00:00 of the local week that contains ``now``."""
    local = now.astimezone(zone)
    monday = (local - timedelta(days=local.weekday())).date()
    return datetime(monday.year, monday.month, monday.day, tzinfo=zone)


def _not_sent_since(sent_at: datetime | None, week_start: datetime) -> bool:
    return sent_at is None or sent_at < week_start


# --- What is new ------------------------------------------------------------------------


@dataclass(frozen=True)
class DigestItem:
    content_id: Any
    title: str
    summary: str
    url: str
    app_url: str


def feed_app_url(organization: Organization) -> str:
    return f"{settings.FRONTEND_URL}/o/{organization.slug}/for-you"


def item_app_url(organization: Organization, content_id: Any) -> str:
    return f"{settings.FRONTEND_URL}/o/{organization.slug}/share/{content_id}"


def _new_live_items(
    cells: QuerySet[GridCell], *, organization: Organization, since: datetime, now: datetime, limit: int
) -> list[DigestItem]:
    """Items placed in these cells, or approved (again), after ``since``; live (approved, not
    retired, not expired) at ``now``; newest approval first."""
    new_cells = cells.filter(live=True).filter(Q(live_until__isnull=True) | Q(live_until__gt=now))
    new_cells = new_cells.filter(Q(approved_at__gt=since) | Q(created_at__gt=since))
    items = (
        ContentItem.objects.filter(pk__in=new_cells.values("content_id"), approved_version__isnull=False)
        .exclude(status=ContentStatus.RETIRED)
        .select_related("approved_version")
        .order_by("-approved_version__approved_at", "pk")[:limit]
    )
    digest = []
    for item in items:
        version = item.approved_version
        assert version is not None
        digest.append(
            DigestItem(
                content_id=item.pk,
                title=version.title,
                summary=_shorten(version.summary or item.preview_description, 240),
                url=version.url,
                app_url=item_app_url(organization, item.pk),
            )
        )
    return digest


def _shorten(text: str, length: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def digest_items_for_member(*, membership: Membership, since: datetime, now: datetime, limit: int) -> list[DigestItem]:
    """New live content in the grid cells of the member's (unarchived) roles."""
    role_ids = AdvocacyRole.objects.filter(assignments__membership=membership, archived_at__isnull=True).values("id")
    cells = GridCell.objects.filter(role_id__in=role_ids)
    return _new_live_items(cells, organization=membership.organization, since=since, now=now, limit=limit)


def digest_items_for_organization(
    *, organization: Organization, since: datetime, now: datetime, limit: int
) -> list[DigestItem]:
    """New live content anywhere in the organisation's grid (for the team channel)."""
    return _new_live_items(GridCell.objects.all(), organization=organization, since=since, now=now, limit=limit)


# --- Who is due -------------------------------------------------------------------------


def _wants_digest(membership: Membership) -> bool:
    # In the ambassadors-only stage the others cannot share yet: nudging them would only
    # frustrate (SPEC 1.5, grassroots rollout).
    in_rollout = membership.ambassador or membership.organization.rollout_stage == RolloutStage.EVERYONE
    return membership.is_active and membership.digest_enabled and membership.user.is_active and in_rollout


def digest_due_member_ids(*, organization: Organization, now: datetime) -> list[Any]:
    """Members of the organisation in context whose local time is Monday 8am and who got no
    digest this (local) week. Members are grouped by time zone: a few zones, not one
    check per member."""
    members = Membership.objects.filter(is_active=True, digest_enabled=True, user__is_active=True)
    if organization.rollout_stage == RolloutStage.AMBASSADORS_ONLY:
        members = members.filter(ambassador=True)
    zones = set(members.exclude(time_zone="").values_list("time_zone", flat=True).distinct())
    due = Q(pk__in=[])
    for name in zones:
        zone = zone_named(name)
        if is_digest_hour(now, zone):
            due |= Q(time_zone=name) & _not_sent_this_week(now, zone)
    organization_zone = zone_named(organization.time_zone)
    if is_digest_hour(now, organization_zone):
        due |= Q(time_zone="") & _not_sent_this_week(now, organization_zone)
    return list(members.filter(due).order_by("pk").values_list("pk", flat=True))


def _not_sent_this_week(now: datetime, zone: zoneinfo.ZoneInfo) -> Q:
    return Q(digest_sent_at__isnull=True) | Q(digest_sent_at__lt=local_week_start(now, zone))


# --- Sending ----------------------------------------------------------------------------


def _claim_member_week(membership: Membership, *, previous: datetime | None, now: datetime) -> bool:
    unchanged = Q(digest_sent_at__isnull=True) if previous is None else Q(digest_sent_at=previous)
    return bool(Membership.objects.filter(unchanged, pk=membership.pk).update(digest_sent_at=now))


def digest_send(*, membership_id: Any, now: datetime) -> DigestOutcome:
    """Send one member their weekly digest, once, if it is their Monday 8am and something is new."""
    membership = Membership.objects.select_related("organization", "user").filter(pk=membership_id).first()
    if membership is None or not _wants_digest(membership):
        return DigestOutcome.NOT_WANTED
    zone = zone_named(membership.effective_time_zone)
    if not is_digest_hour(now, zone):
        return DigestOutcome.NOT_DUE
    previous = membership.digest_sent_at
    if not _not_sent_since(previous, local_week_start(now, zone)):
        return DigestOutcome.ALREADY_SENT
    since = previous or now - FIRST_DIGEST_LOOKBACK
    limit = settings.DIGEST_MAX_ITEMS
    items = digest_items_for_member(membership=membership, since=since, now=now, limit=limit + 1)
    if not items:
        return DigestOutcome.NOTHING_NEW
    if not _claim_member_week(membership, previous=previous, now=now):
        return DigestOutcome.ALREADY_SENT
    try:
        _digest_email(membership, items[:limit], more=len(items) > limit).send()
    except Exception:
        # Give the week back so the task's retry can send it.
        Membership.objects.filter(pk=membership.pk, digest_sent_at=now).update(digest_sent_at=previous)
        raise
    return DigestOutcome.SENT


def digest_unsubscribe_url(membership: Membership) -> str:
    return f"{settings.FRONTEND_URL}/api/v1/digest/unsubscribe?token={digest_unsubscribe_token(membership)}"


def _digest_email(membership: Membership, items: list[DigestItem], *, more: bool) -> EmailMultiAlternatives:
    organization = membership.organization
    unsubscribe_url = digest_unsubscribe_url(membership)
    context = {
        "name": membership.user.get_short_name(),
        "organization": organization,
        "items": items,
        "more": more,
        "feed_url": feed_app_url(organization),
        "unsubscribe_url": unsubscribe_url,
    }
    count = f"{len(items)}+" if more else str(len(items))
    subject = f"{organization.name}: {count} new to share this week"
    email = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string("content/digest_email.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[membership.user.email],
        # One-click unsubscribe in mail clients (RFC 8058): a POST to the same link.
        headers={"List-Unsubscribe": f"<{unsubscribe_url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"},
    )
    email.attach_alternative(render_to_string("content/digest_email.html", context), "text/html")
    return email


# --- The team channel -------------------------------------------------------------------


def chat_digest_payload(
    *, organization: Organization, items: list[DigestItem], more: bool, kind: str
) -> dict[str, Any]:
    """A nudge with links (Slack ``{"text"}``, Teams a MessageCard); nothing to post as is."""
    title = f"New to share this week at {organization.name}"
    feed = feed_app_url(organization)
    footer = "Pick what speaks to you and say it in your own words."
    if kind == ChatWebhookKind.TEAMS:
        lines = [f"- [{_chat_safe(item.title)}]({item.app_url})" for item in items]
        if more:
            lines.append(f"- [More in your feed]({feed})")
        return {
            "@type": "MessageCard",
            "@context": "https://schema.org/extensions",
            "summary": title,
            "title": title,
            "text": "\n".join(lines) + f"\n\n{footer}",
            "potentialAction": [
                {"@type": "OpenUri", "name": "Open my feed", "targets": [{"os": "default", "uri": feed}]}
            ],
        }
    lines = [f"• <{item.app_url}|{_chat_safe(item.title)}>" for item in items]
    if more:
        lines.append(f"• <{feed}|More in your feed>")
    return {"text": f"*{_chat_safe(title)}*\n" + "\n".join(lines) + f"\n{footer} <{feed}|Open my feed>"}


def _chat_safe(text: str) -> str:
    # Titles are ours, but must not be able to forge links or mentions (<!channel>, [x](y)).
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("[", "(").replace("]", ")")


def _claim_organization_week(organization: Organization, *, previous: datetime | None, now: datetime) -> bool:
    unchanged = Q(chat_digest_sent_at__isnull=True) if previous is None else Q(chat_digest_sent_at=previous)
    return bool(Organization.objects.filter(unchanged, pk=organization.pk).update(chat_digest_sent_at=now))


def chat_digest_send(*, organization: Organization, now: datetime) -> DigestOutcome:
    """Post the weekly nudge to the organisation's Slack/Teams webhook, once per local week,
    through the SSRF guard (the URL is an admin's input)."""
    organization = Organization.objects.get(pk=organization.pk)
    if not organization.chat_webhook_url or not organization.chat_webhook_kind:
        return DigestOutcome.NOT_CONFIGURED
    zone = zone_named(organization.time_zone)
    if not is_digest_hour(now, zone):
        return DigestOutcome.NOT_DUE
    previous = organization.chat_digest_sent_at
    if not _not_sent_since(previous, local_week_start(now, zone)):
        return DigestOutcome.ALREADY_SENT
    limit = settings.DIGEST_MAX_ITEMS
    items = digest_items_for_organization(
        organization=organization, since=previous or now - FIRST_DIGEST_LOOKBACK, now=now, limit=limit + 1
    )
    if not items:
        return DigestOutcome.NOTHING_NEW
    if not _claim_organization_week(organization, previous=previous, now=now):
        return DigestOutcome.ALREADY_SENT
    payload = chat_digest_payload(
        organization=organization, items=items[:limit], more=len(items) > limit, kind=organization.chat_webhook_kind
    )
    try:
        post_json_to_public_url(organization.chat_webhook_url, payload, timeout=settings.CHAT_WEBHOOK_TIMEOUT)
    except UnsafeUrlError as exc:
        Organization.objects.filter(pk=organization.pk, chat_digest_sent_at=now).update(chat_digest_sent_at=previous)
        # Retrying cannot help: the address is refused until an admin changes it.
        logger.warning("Chat webhook of %s refused: %s", organization.slug, exc)
        return DigestOutcome.REFUSED
    except FetchError:
        Organization.objects.filter(pk=organization.pk, chat_digest_sent_at=now).update(chat_digest_sent_at=previous)
        raise
    return DigestOutcome.SENT


# --- Fan-out ----------------------------------------------------------------------------


def digests_for_organization(*, organization: Organization, now: datetime) -> list[Any]:
    """The organisation's weekly nudge, and one task per member due a digest. Returns the
    ids of those members."""
    from advocacy.content.tasks import chat_digest_send_task, digest_send_task

    organization_id = str(organization.pk)
    when = now.isoformat()
    if organization.chat_webhook_url:
        chat_digest_send_task.delay(organization_id=organization_id, now=when)
    member_ids = digest_due_member_ids(organization=organization, now=now)
    for member_id in member_ids:
        digest_send_task.delay(organization_id=organization_id, membership_id=str(member_id), now=when)
    return member_ids


def digests_dispatch(*, now: datetime | None = None) -> int:
    """Hourly (beat): one task per organisation, each deciding who is at Monday 8am now.
    Every task carries this ``now``, so a task that waits in the queue past 9 o'clock
    still sends the digest that was due when it was dispatched."""
    from advocacy.content.tasks import digests_for_organization_task

    when = (now or timezone.now()).isoformat()
    organization_ids = list(Organization.objects.order_by("pk").values_list("pk", flat=True))
    for organization_id in organization_ids:
        digests_for_organization_task.delay(organization_id=str(organization_id), now=when)
    return len(organization_ids)
