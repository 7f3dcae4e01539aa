"""Reads about people, organisations and memberships."""

import hashlib
from collections.abc import Collection
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from advocacy.accounts.models import (
    Invitation,
    Membership,
    Organization,
    Policy,
    PolicyAcknowledgement,
    SsoProvider,
    User,
    VoiceProfile,
)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def membership_list_for_user(*, user: User) -> QuerySet[Membership]:
    """The caller's active memberships across organisations (for /me and the org switcher),
    each annotated with ``policy_acknowledged``: whether they acknowledged their
    organisation's current policy (true when it has none)."""
    current_policy = (
        Policy.objects.unscoped()
        .filter(organization_id=OuterRef("organization_id"), published_at__lte=timezone.now())
        .order_by("-version")
        .values("id")[:1]
    )
    return (
        Membership.objects.unscoped()  # a person's own memberships span tenants by definition
        .filter(user=user, is_active=True)
        .select_related("organization")
        .annotate(current_policy_id=Subquery(current_policy))
        .annotate(
            policy_acknowledged=Q(current_policy_id__isnull=True)
            | Exists(
                PolicyAcknowledgement.objects.unscoped().filter(
                    membership=OuterRef("pk"), policy_id=OuterRef("current_policy_id")
                )
            )
        )
        .order_by("organization__name")
    )


def organization_list_for_user(*, user: User) -> QuerySet[Organization]:
    memberships = Membership.objects.unscoped().filter(user=user, is_active=True)
    return Organization.objects.filter(pk__in=memberships.values("organization_id")).order_by("name")


def member_list(*, filters: dict[str, Any] | None = None) -> QuerySet[Membership]:
    """Members of the organisation in context, with their user in the same query."""
    queryset = Membership.objects.select_related("user").order_by("user__email")
    filters = filters or {}
    if filters.get("org_role"):
        queryset = queryset.filter(org_role=filters["org_role"])
    if filters.get("is_active") is not None:
        queryset = queryset.filter(is_active=filters["is_active"])
    if filters.get("q"):
        queryset = queryset.filter(user__email__icontains=filters["q"]) | queryset.filter(
            user__name__icontains=filters["q"]
        )
    return queryset


def active_admin_count() -> int:
    return Membership.objects.filter(org_role="admin", is_active=True).count()


def invitation_get_by_token(*, token: str) -> Invitation | None:
    # The token itself identifies the organisation: nobody is in a tenant yet.
    return Invitation.objects.unscoped().select_related("organization").filter(token_hash=token_hash(token)).first()


def invitation_list() -> QuerySet[Invitation]:
    return Invitation.objects.select_related("invited_by").order_by("-created_at")


def sso_provider_list_for_email(*, email: str) -> list[SsoProvider]:
    """Enabled SSO providers, across organisations, that claim this email's domain."""
    domain = email.rsplit("@", 1)[-1].strip().lower() if "@" in email else ""
    if not domain:
        return []
    # Domains are few per provider and providers few per deployment; a JSON containment
    # lookup would not run on the embedded SQLite default.
    candidates = SsoProvider.objects.unscoped().filter(enabled=True, social_app__isnull=False)
    return [provider for provider in candidates if domain in provider.email_domains]


def _policies_published() -> QuerySet[Policy]:
    return Policy.objects.filter(published_at__lte=timezone.now()).order_by("-version")


def policy_current() -> Policy | None:
    """The organisation's latest published policy, or None if it has none yet."""
    return _policies_published().first()


def policy_list() -> QuerySet[Policy]:
    return (
        Policy.objects.select_related("published_by")
        .annotate(acknowledged_count=Count("acknowledgements", distinct=True))
        .order_by("-version")
    )


def policy_acknowledged_ids(*, membership: Membership) -> dict[Any, Any]:
    """policy id -> when this member acknowledged it."""
    return dict(PolicyAcknowledgement.objects.filter(membership=membership).values_list("policy_id", "created_at"))


def membership_has_acknowledged_current_policy(*, membership: Membership) -> bool:
    """True when the member acknowledged the current version, or when there is no policy."""
    return membership.pk in memberships_acknowledged_current_policy(membership_ids={membership.pk})


def memberships_acknowledged_current_policy(*, membership_ids: Collection[Any]) -> set[Any]:
    """Those of ``membership_ids`` that acknowledged the current version (all when there is
    no policy)."""
    # Only the id: a policy's body can be long, and the share checks ask on every edit.
    current_id = _policies_published().values_list("pk", flat=True).first()
    if current_id is None:
        return set(membership_ids)
    return set(
        PolicyAcknowledgement.objects.filter(policy_id=current_id, membership_id__in=membership_ids).values_list(
            "membership_id", flat=True
        )
    )


def voice_profile_for(*, membership: Membership) -> VoiceProfile:
    """The member's voice profile, or an unsaved empty one."""
    return VoiceProfile.objects.filter(membership=membership).first() or VoiceProfile(
        organization_id=membership.organization_id, membership=membership
    )
