"""The checks of SPEC section 4, run on create, on every edit, on confirm, and again by the
worker at the moment of posting. Each answers ``{code, ok, detail}`` with the codes of
API.md; a share may be confirmed or posted only when every check is ok."""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, time
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.models import F, FilteredRelation, Q, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from advocacy.accounts.selectors import memberships_acknowledged_current_policy
from advocacy.audiences.models import RoleAudience
from advocacy.audiences.selectors import ReservedRule, reserved_mentions, reserved_rules_in_force
from advocacy.content.models import ContentStatus, MessageTemplate
from advocacy.core.rawsql import column_readers, db_value
from advocacy.core.tenancy import require_organization_id
from advocacy.networks.providers import ProviderUnavailable, text_length_provider
from advocacy.roles.models import RoleAssignment
from advocacy.shares.models import COMMITTED, Share, ShareStatus
from advocacy.shares.originality import Fingerprint, Probe, fingerprint_similarity


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


# Originality compares a share with at most this many colleagues' shares of the content,
# the newest first. A member holds at most one uncancelled share of an item per network,
# so reading this many more per item leaves enough once the member's own are set aside.
COLLEAGUES_COMPARED = 500
_OWN_COMMITTED_AT_MOST = len(settings.NETWORKS)


@dataclass(frozen=True)
class HeldRole:
    pk: Any
    networks: list[str]


@dataclass
class CheckInputs:
    """What the checks read beyond the shares themselves, loaded for many shares at once:
    a fixed number of queries whatever their number (the worker re-checks a batch)."""

    roles: dict[Any, dict[Any, "HeldRole"]]  # membership id -> its active roles by id
    cells: dict[tuple[Any, Any], list[Any]]  # (role id, content id) -> audience ids (None: all)
    acknowledged: set[Any]  # membership ids that acknowledged the current policy (all if none)
    templates: list[tuple[Any, str, str]]  # (role id or None, name, body); all of them, matched to roles when used
    colleagues: dict[Any, list[tuple[Any, str]]]  # content id -> (membership id, text), newest first
    reserved: list[ReservedRule]
    avoided: dict[tuple[Any, Any], RoleAudience]  # (role id, audience id) -> the avoid mapping
    others: dict[tuple[Any, Any, str], set[Any]]  # (membership, content, network) -> uncancelled share ids
    confirmed_today: dict[Any, set[Any]]  # membership id -> ids of its shares committed today (the daily cap)

    @classmethod
    def load(cls, shares: Sequence[Share], *, now: datetime) -> "CheckInputs":
        member_ids = {share.membership_id for share in shares}
        content_ids = {share.content_id for share in shares}
        # The members' active roles, each with its grid cells of these contents (if any).
        roles: dict[Any, dict[Any, HeldRole]] = defaultdict(dict)
        cells: dict[tuple[Any, Any], list[Any]] = defaultdict(list)
        for membership_id, role_id, networks, content_id, audience_id in (
            RoleAssignment.objects.filter(membership_id__in=member_ids, role__archived_at__isnull=True)
            .annotate(
                cell=FilteredRelation("role__grid_cells", condition=Q(role__grid_cells__content_id__in=content_ids))
            )
            .order_by()  # no check depends on the order of a member's roles
            .values_list("membership_id", "role_id", "role__networks", "cell__content_id", "cell__audience_id")
        ):
            roles[membership_id][role_id] = HeldRole(role_id, networks)
            if content_id is not None and audience_id not in cells[(role_id, content_id)]:
                cells[(role_id, content_id)].append(audience_id)
        role_ids = {role_id for member_roles in roles.values() for role_id in member_roles}
        avoided = {
            (mapping.role_id, mapping.audience_id): mapping
            for mapping in RoleAudience.objects.filter(
                role_id__in=role_ids,
                audience_id__in={a for audiences in cells.values() for a in audiences if a is not None},
                level="avoid",
            )
            .select_related("role", "audience")
            .order_by()  # the check picks the first by (role, audience) itself
        }
        colleagues: dict[Any, list[tuple[Any, str]]] = defaultdict(list)
        for content_id, membership_id, text in _newest_committed_texts(content_ids):
            colleagues[content_id].append((membership_id, text))
        # One read for "never twice" (the members' uncancelled shares of these contents) and
        # the daily cap (their shares committed since midnight).
        start_of_day = timezone.make_aware(datetime.combine(now.date(), time.min), timezone.get_current_timezone())
        others: dict[tuple[Any, Any, str], set[Any]] = defaultdict(set)
        confirmed_today: dict[Any, set[Any]] = defaultdict(set)
        for share_id, membership_id, content_id, network, status, confirmed_at in (
            Share.objects.filter(membership_id__in=member_ids)
            .filter(
                Q(content_id__in=content_ids) & ~Q(status=ShareStatus.CANCELLED)
                | Q(status__in=COMMITTED, confirmed_at__gte=start_of_day)
            )
            .order_by()
            .values_list("pk", "membership_id", "content_id", "network", "status", "confirmed_at")
        ):
            if content_id in content_ids and status != ShareStatus.CANCELLED:
                others[(membership_id, content_id, network)].add(share_id)
            if status in COMMITTED and confirmed_at is not None and confirmed_at >= start_of_day:
                confirmed_today[membership_id].add(share_id)
        return cls(
            roles=roles,
            cells=cells,
            acknowledged=memberships_acknowledged_current_policy(membership_ids=member_ids),
            templates=list(MessageTemplate.objects.values_list("role_id", "name", "body")),
            colleagues=colleagues,
            reserved=reserved_rules_in_force(),
            avoided=avoided,
            others=others,
            confirmed_today=confirmed_today,
        )


def _newest_committed_texts(content_ids: set[Any]) -> Iterable[tuple[Any, Any, str]]:
    """(content id, membership id, text) of the newest committed shares of each content,
    newest first: enough to compare with ``COLLEAGUES_COMPARED`` colleagues."""
    limit = COLLEAGUES_COMPARED + _OWN_COMMITTED_AT_MOST
    if len(content_ids) == 1:
        return _newest_committed_texts_of(next(iter(content_ids)), limit)
    committed = Share.objects.filter(content_id__in=content_ids, status__in=COMMITTED)
    columns = ("content_id", "membership_id", "text")
    newest = Window(RowNumber(), partition_by=[F("content_id")], order_by=[F("created_at").desc(), F("pk")])
    return committed.annotate(newest=newest).filter(newest__lte=limit).order_by("newest").values_list(*columns)


def _newest_committed_texts_of(content_id: Any, limit: int) -> list[tuple[Any, Any, str]]:
    """The composer's checks of one share: a newest-first slice, which the partial index
    share_org_content_newest serves without sorting. Written as SQL: with 500 texts, the
    ORM's compiling and row handling cost half as much again as the read itself."""
    statuses = ", ".join(["%s"] * len(COMMITTED))
    sql = (
        f"SELECT membership_id, text FROM {Share._meta.db_table} "  # noqa: S608 - our own table name and placeholders
        f"WHERE organization_id = %s AND content_id = %s AND status IN ({statuses}) "
        "ORDER BY created_at DESC, id LIMIT %s"
    )
    params = [
        db_value(Share, "organization", require_organization_id()),
        db_value(Share, "content", content_id),
        *COMMITTED,
        limit,
    ]
    (read_member,) = column_readers(Share, ["membership_id"])
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [(content_id, read_member(membership_id), text) for membership_id, text in cursor.fetchall()]


def share_checks(share: Share, *, at_posting: bool = False) -> list[Check]:
    """Every check for this share as it stands (text, content, member, connection).

    ``at_posting``: the worker's re-check. The daily cap was checked when confirming, and
    counting this very share again would block it, so it is left out there."""
    return share_checks_many([share], at_posting=at_posting)[0]


def share_checks_many(shares: Sequence[Share], *, at_posting: bool = False) -> list[list[Check]]:
    """``share_checks`` for each share, in order, reading what they need in a fixed number
    of queries. The shares must come with ``membership__organization``, ``content`` and
    ``content_version`` loaded."""
    if not shares:
        return []
    now = timezone.now()
    inputs = CheckInputs.load(shares, now=now)
    return [_evaluate(share, inputs, now=now, at_posting=at_posting) for share in shares]


def _evaluate(share: Share, inputs: CheckInputs, *, now: datetime, at_posting: bool) -> list[Check]:
    membership = share.membership
    organization = membership.organization
    content = share.content
    version = share.content_version
    roles = list(inputs.roles.get(membership.pk, {}).values())
    role_ids = [role.pk for role in roles]
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
    cells = [audience for role_id in role_ids for audience in inputs.cells.get((role_id, content.pk), [])]
    in_grid = any((role_id, content.pk) in inputs.cells for role_id in role_ids)
    results.append(_check("not_in_grid", None if in_grid else "This content is not in the grid of your roles."))
    results.append(
        _check(
            "policy_not_acknowledged",
            None
            if membership.pk in inputs.acknowledged
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
    results.append(_originality(share, set(role_ids), inputs))

    # 4. Reserved relationships and audiences to avoid.
    blocking = reserved_mentions(
        inputs.reserved, member_id=membership.pk, role_ids=role_ids, network=share.network, text=share.text
    )
    results.append(_check("reserved_relationship", "; ".join(b.detail for b in blocking) or None))
    targeted = {audience_id for audience_id in cells if audience_id is not None}
    avoided = min(
        (
            mapping
            for (role_id, audience_id), mapping in inputs.avoided.items()
            if role_id in role_ids and audience_id in targeted
        ),
        key=lambda mapping: (mapping.role_id, mapping.audience_id),  # RoleAudience's own order
        default=None,
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
        results.append(_daily_cap_check(share, inputs))
    shared_before = inputs.others.get((membership.pk, content.pk, share.network), set()) - {share.pk}
    results.append(_check("already_shared", f"You already shared this on {share.network}." if shared_before else None))
    return results


def _daily_cap_check(share: Share, inputs: CheckInputs) -> Check:
    cap = share.membership.organization.daily_share_cap
    today = len(inputs.confirmed_today.get(share.membership_id, set()) - {share.pk})
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


def _originality(share: Share, role_ids: set[Any], inputs: CheckInputs) -> Check:
    threshold = share.membership.organization.originality_threshold
    if not share.text.strip():
        return _check("not_original", "Write something in your own words.")
    sources: list[tuple[str, str]] = [("the suggested copy", share.content_version.suggested_copy)]
    sources += [
        (f"the template {_quote(name, 40)}", body)
        for role_id, name, body in inputs.templates
        if role_id is None or role_id in role_ids
    ]
    colleagues = [
        text for member_id, text in inputs.colleagues.get(share.content_id, []) if member_id != share.membership_id
    ]
    sources += [("a colleague's share of this content", text) for text in colleagues[:COLLEAGUES_COMPARED]]
    mine = Probe.of(Fingerprint.of(share.text))
    for label, other in sources:
        if other and fingerprint_similarity(mine, Fingerprint.of(other), floor=threshold) > threshold:
            return _check("not_original", f"Too similar to {label}: {_quote(other)}. Say it in your own words.")
    return _check("not_original", None)


def failed_checks(checks: list[Check]) -> list[Check]:
    return [check for check in checks if not check.ok]
