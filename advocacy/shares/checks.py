"""The checks of SPEC section 4, run on create, on every edit, on confirm, and again by the
worker at the moment of posting. Each answers ``{code, ok, detail}`` with the codes of
API.md; a share may be confirmed or posted only when every check is ok."""

from dataclasses import dataclass
from datetime import datetime, time
from typing import Any

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from advocacy.accounts.selectors import membership_has_acknowledged_current_policy
from advocacy.audiences.models import RoleAudience
from advocacy.audiences.selectors import reserved_relationships_blocking
from advocacy.content.models import ContentStatus, GridCell, MessageTemplate
from advocacy.networks.providers import ProviderUnavailable, text_length_provider
from advocacy.roles.models import AdvocacyRole
from advocacy.shares.models import COMMITTED, Share
from advocacy.shares.originality import Fingerprint, fingerprint_similarity


@dataclass(frozen=True)
class Check:
    code: str
    ok: bool
    detail: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, "ok": self.ok, "detail": self.detail}


def _check(code: str, failure: str | None) -> Check:
    return Check(code=code, ok=failure is None, detail=failure or "")


def _quote(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return f"“{text[:limit]}{'…' if len(text) > limit else ''}”"


def share_checks(share: Share, *, at_posting: bool = False) -> list[Check]:
    """Every check for this share as it stands (text, content, member, connection).

    ``at_posting``: the worker's re-check. The daily cap was checked when confirming, and
    counting this very share again would block it, so it is left out there."""
    membership = share.membership
    organization = membership.organization
    content = share.content
    version = share.content_version
    roles = list(
        AdvocacyRole.objects.filter(assignments__membership=membership, archived_at__isnull=True).only(
            "id", "name", "networks"
        )
    )
    role_ids = [role.pk for role in roles]
    now = timezone.now()
    results: list[Check] = []

    # 1. The content: approved in this version, not retired, not expired, allowed here.
    results.append(
        _check(
            "not_approved",
            None
            if content.approved_version_id == version.pk
            else "This share was made from a version that is not the approved one. Start again from the feed.",
        )
    )
    results.append(_check("retired", "The content was withdrawn." if content.status == ContentStatus.RETIRED else None))
    results.append(
        _check(
            "expired",
            f"The content expired on {version.expires_at:%Y-%m-%d %H:%M} UTC."
            if version.expires_at and version.expires_at <= now
            else None,
        )
    )
    allowed = set(version.networks or settings.NETWORKS) & set(organization.networks_enabled)
    by_roles = {network for role in roles for network in (role.networks or settings.NETWORKS)}
    results.append(
        _check(
            "network_not_allowed",
            None
            if share.network in allowed and share.network in by_roles
            else f"This content may not be shared on {share.network} by your roles.",
        )
    )

    # 2. The member: in the grid, policy acknowledged, ambassador during the first stage, active.
    cells = list(GridCell.objects.filter(role_id__in=role_ids, content=content).values_list("audience_id", flat=True))
    results.append(_check("not_in_grid", None if cells else "This content is not in the grid of your roles."))
    results.append(
        _check(
            "policy_not_acknowledged",
            None
            if membership_has_acknowledged_current_policy(membership=membership)
            else "Read and acknowledge the current social media policy first.",
        )
    )
    results.append(
        _check(
            "not_ambassador",
            "The programme is open to ambassadors only for now."
            if organization.rollout_stage == "ambassadors_only" and not membership.ambassador
            else None,
        )
    )
    results.append(_check("inactive_member", None if membership.is_active else "Your membership is not active."))

    # 3. Own words.
    results.append(_originality(share, role_ids))

    # 4. Reserved relationships and audiences to avoid.
    blocking = reserved_relationships_blocking(
        member=membership, network=share.network, text=share.text, role_ids=role_ids
    )
    results.append(_check("reserved_relationship", "; ".join(b.detail for b in blocking) or None))
    targeted = {audience_id for audience_id in cells if audience_id is not None}
    avoided = (
        RoleAudience.objects.filter(role_id__in=role_ids, audience_id__in=targeted, level="avoid")
        .select_related("role", "audience")
        .first()
    )
    results.append(
        _check(
            "avoid_audience",
            f"{avoided.role.name} must not engage {avoided.audience.name}, whom this content targets."
            if avoided
            else None,
        )
    )

    # 5. Disclaimer and length.
    disclaimer = required_disclaimer(share)
    results.append(
        _check(
            "disclaimer_missing",
            None
            if not disclaimer or share.final_text.rstrip().endswith(disclaimer)
            else f"The disclaimer must end the post: {_quote(disclaimer)}.",
        )
    )
    results.append(_length_check(share))

    # 7. Daily cap and never twice.
    if not at_posting:
        results.append(_daily_cap_check(share))
    shared_before = (
        Share.objects.filter(membership=membership, content=content, network=share.network)
        .exclude(status="cancelled")
        .exclude(pk=share.pk)
        .exists()
    )
    results.append(_check("already_shared", f"You already shared this on {share.network}." if shared_before else None))
    return results


def _daily_cap_check(share: Share) -> Check:
    cap = share.membership.organization.daily_share_cap
    now = timezone.now()
    start_of_day = timezone.make_aware(datetime.combine(now.date(), time.min), timezone.get_current_timezone())
    today = (
        Share.objects.filter(membership=share.membership, status__in=COMMITTED, confirmed_at__gte=start_of_day)
        .exclude(pk=share.pk)
        .count()
    )
    return _check(
        "daily_cap",
        f"You reached today's limit of {cap} shares. Try again tomorrow." if today >= cap else None,
    )


def required_disclaimer(share: Share) -> str:
    return (share.content_version.disclaimer or share.membership.organization.default_disclaimer).strip()


def share_length(share: Share) -> tuple[int, int]:
    """(length as the network counts it, the network's limit)."""
    provider = text_length_provider(share.network)
    return provider.text_length(share.final_text), provider.max_length


def _length_check(share: Share) -> Check:
    try:
        provider = text_length_provider(share.network)
    except ProviderUnavailable as exc:
        return _check("too_long", str(exc))
    length = provider.text_length(share.final_text)
    return _check(
        "too_long",
        f"{length} characters as {share.network} counts them; the limit is {provider.max_length}."
        if length > provider.max_length
        else None,
    )


def _originality(share: Share, role_ids: list[Any]) -> Check:
    threshold = share.membership.organization.originality_threshold
    if not share.text.strip():
        return _check("not_original", "Write something in your own words.")
    sources: list[tuple[str, str]] = [("the suggested copy", share.content_version.suggested_copy)]
    templates = MessageTemplate.objects.filter(Q(role_id__in=role_ids) | Q(role__isnull=True)).values_list(
        "name", "body"
    )
    sources += [(f"the template {_quote(name, 40)}", body) for name, body in templates]
    colleagues = (
        Share.objects.filter(content=share.content, status__in=COMMITTED)
        .exclude(membership=share.membership)
        .values_list("text", flat=True)[:500]
    )
    sources += [("a colleague's share of this content", text) for text in colleagues]
    mine = Fingerprint.of(share.text)
    for label, other in sources:
        if other and fingerprint_similarity(mine, Fingerprint.of(other), floor=threshold) > threshold:
            return _check("not_original", f"Too similar to {label}: {_quote(other)}. Say it in your own words.")
    return _check("not_original", None)


def failed_checks(checks: list[Check]) -> list[Check]:
    return [check for check in checks if not check.ok]
