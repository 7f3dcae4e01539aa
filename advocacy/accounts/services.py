"""Use cases that change people, organisations, memberships, invitations and SSO. Every
change an admin would want to account for is written to the audit log in the same
transaction."""

import hashlib
import secrets
from datetime import timedelta
from typing import Any

from allauth.socialaccount.models import SocialApp
from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.text import slugify

from advocacy.accounts.models import (
    Invitation,
    InvitationStatus,
    Membership,
    Organization,
    OrgRole,
    Policy,
    PolicyAcknowledgement,
    SsoKind,
    SsoProvider,
    User,
    VoiceProfile,
)
from advocacy.accounts.selectors import active_admin_count, invitation_get_by_token, policy_current, token_hash
from advocacy.core.audit import audit_changes, audit_record
from advocacy.core.errors import ConflictError, GoneError, NotFoundError, PermissionDeniedError, RuleViolationError
from advocacy.core.tenancy import tenant_context

RESERVED_SLUGS = frozenset({"new", "api", "admin", "static", "assets", "settings", "me"})


# --- Organisations ---------------------------------------------------------------------


@transaction.atomic
def organization_create(*, user: User, name: str, slug: str = "") -> Organization:
    """Create an organisation; its creator becomes its first admin."""
    slug = slugify(slug or name)[:50]
    if not slug or slug in RESERVED_SLUGS:
        raise RuleViolationError("Choose another short name for the organisation.", code="slug_invalid")
    if Organization.objects.filter(slug=slug).exists():
        raise ConflictError(f"The short name “{slug}” is already taken.", code="slug_taken")
    try:
        with transaction.atomic():
            organization = Organization.objects.create(slug=slug, name=name)
    except IntegrityError as exc:  # a concurrent create won the race
        raise ConflictError(f"The short name “{slug}” is already taken.", code="slug_taken") from exc
    with tenant_context(organization):
        membership = Membership.objects.create(organization=organization, user=user, org_role=OrgRole.ADMIN)
        audit_record(
            organization=organization,
            actor=user,
            verb="organization.created",
            obj=organization,
            after={"name": name, "slug": slug, **organization.settings_dict()},
        )
        audit_record(
            organization=organization,
            actor=user,
            verb="membership.created",
            obj=membership,
            after={"user": user.email, **membership.audit_state()},
        )
    return organization


def _validate_settings(changes: dict[str, Any]) -> None:
    networks = changes.get("networks_enabled")
    if networks is not None:
        unknown = sorted(set(networks) - set(settings.NETWORKS))
        if unknown:
            raise RuleViolationError(f"Unknown networks: {', '.join(unknown)}.", code="unknown_network")
        if not networks:
            raise RuleViolationError("Enable at least one network.", code="no_network_enabled")


def _validate_chat_webhook(organization: Organization) -> None:
    if not organization.chat_webhook_url:
        return
    if not organization.chat_webhook_kind:
        raise RuleViolationError("Say whether the webhook is Slack or Teams.", code="webhook_kind_required")
    # The URL is the credential: it only travels encrypted (local test servers excepted).
    if not organization.chat_webhook_url.startswith("https://") and not settings.ALLOW_PRIVATE_NETWORK_HOSTS:
        raise RuleViolationError("The webhook address must start with https://.", code="webhook_not_https")


# Comms leads run the rollout (SPEC section 2): the stage is the one setting they change.
COMMS_LEAD_SETTINGS = frozenset({"rollout_stage"})


@transaction.atomic
def organization_update(
    *,
    organization: Organization,
    actor: User,
    actor_role: str,
    name: str | None = None,
    settings_changes: dict[str, Any],
) -> Organization:
    if actor_role != OrgRole.ADMIN and (name is not None or set(settings_changes) - COMMS_LEAD_SETTINGS):
        raise PermissionDeniedError(
            "Only an admin can change this; comms leads change the rollout stage.", code="permission_denied"
        )
    _validate_settings(settings_changes)
    organization = Organization.objects.select_for_update().get(pk=organization.pk)
    before = {"name": organization.name, **organization.settings_dict()}
    if name is not None:
        organization.name = name
    for field, value in settings_changes.items():
        if field not in Organization.SETTINGS_FIELDS:
            raise RuleViolationError(f"Unknown setting “{field}”.", code="unknown_setting")
        if field == "networks_enabled":
            value = sorted(set(value), key=settings.NETWORKS.index)
        setattr(organization, field, value)
    _validate_chat_webhook(organization)
    organization.save()
    audit_changes(
        organization=organization,
        actor=actor,
        verb="organization.settings_changed",
        obj=organization,
        before=before,
        after={"name": organization.name, **organization.settings_dict()},
    )
    return organization


# --- Memberships -----------------------------------------------------------------------


def _refuse_losing_last_admin(membership: Membership, *, new_role: str, new_active: bool) -> None:
    was_admin = membership.org_role == OrgRole.ADMIN and membership.is_active
    stays_admin = new_role == OrgRole.ADMIN and new_active
    if was_admin and not stays_admin and active_admin_count() <= 1:
        raise ConflictError(
            "This is the organisation's last admin. Make someone else an admin first.", code="last_admin"
        )


@transaction.atomic
def membership_update(
    *,
    membership: Membership,
    actor: User,
    org_role: str | None = None,
    ambassador: bool | None = None,
    is_active: bool | None = None,
) -> Membership:
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    before = membership.audit_state()
    new_role = org_role if org_role is not None else membership.org_role
    new_active = is_active if is_active is not None else membership.is_active
    _refuse_losing_last_admin(membership, new_role=new_role, new_active=new_active)
    membership.org_role = new_role
    if ambassador is not None:
        membership.ambassador = ambassador
    if new_active != membership.is_active:
        membership.is_active = new_active
        membership.deactivated_at = None if new_active else timezone.now()
    membership.save()
    after = membership.audit_state()
    deactivated = before["is_active"] and not after["is_active"]
    if deactivated:
        for path in settings.MEMBERSHIP_DEACTIVATED_HANDLERS:
            import_string(path)(membership=membership, actor=actor)
    if after != before:
        verb = "membership.deactivated" if deactivated else "membership.changed"
        audit_record(
            organization=membership.organization,
            actor=actor,
            verb=verb,
            obj=membership,
            before=before,
            after={**after, "user": membership.user.email},
        )
    return membership


def membership_deactivate(*, membership: Membership, actor: User) -> Membership:
    """Deactivated members keep their history but can no longer act in the organisation.
    (The shares and networks issues extend this: unposted shares cancelled, tokens revoked.)"""
    return membership_update(membership=membership, actor=actor, is_active=False)


# --- Invitations -----------------------------------------------------------------------


def invitation_url(token: str) -> str:
    return f"{settings.FRONTEND_URL}/invitations/{token}"


@transaction.atomic
def invitation_create(*, organization: Organization, actor: User, email: str, org_role: str) -> tuple[Invitation, str]:
    """Create an invitation and email its link. Returns the invitation and the raw token,
    which is never stored."""
    email = email.strip().lower()
    if Membership.objects.filter(user__email__iexact=email, is_active=True).exists():
        raise ConflictError(f"{email} is already a member.", code="already_member")
    now = timezone.now()
    open_invitation = Invitation.objects.filter(
        email__iexact=email, accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=now
    ).exists()
    if open_invitation:
        raise ConflictError(
            f"{email} already has a pending invitation. Revoke it to send a new one.", code="invitation_exists"
        )
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        organization=organization,
        email=email,
        org_role=org_role,
        token_hash=token_hash(token),
        invited_by=actor,
        expires_at=now + timedelta(days=settings.INVITATION_TTL_DAYS),
    )
    audit_record(
        organization=organization,
        actor=actor,
        verb="invitation.created",
        obj=invitation,
        after=invitation.audit_state(),
    )
    from advocacy.accounts.tasks import invitation_email_send_task

    transaction.on_commit(
        lambda: invitation_email_send_task.delay(
            organization_id=str(organization.pk), invitation_id=str(invitation.pk), token=token
        )
    )
    return invitation, token


@transaction.atomic
def invitation_revoke(*, invitation: Invitation, actor: User) -> Invitation:
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.status != InvitationStatus.PENDING:
        raise ConflictError(f"This invitation is already {invitation.status}.", code="invitation_not_pending")
    before = invitation.audit_state()
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at", "updated_at"])
    audit_record(
        organization=invitation.organization,
        actor=actor,
        verb="invitation.revoked",
        obj=invitation,
        before=before,
        after=invitation.audit_state(),
    )
    return invitation


def invitation_check_usable(invitation: Invitation | None) -> Invitation:
    if invitation is None:
        raise NotFoundError("This invitation link is not valid.", code="not_found")
    status = invitation.status
    if status == InvitationStatus.ACCEPTED:
        raise ConflictError("This invitation has already been used.", code="invitation_used")
    if status == InvitationStatus.REVOKED:
        raise GoneError("This invitation was withdrawn. Ask for a new one.", code="invitation_revoked")
    if status == InvitationStatus.EXPIRED:
        raise GoneError("This invitation has expired. Ask for a new one.", code="invitation_expired")
    return invitation


@transaction.atomic
def invitation_accept(*, token: str, user: User) -> Membership:
    """Join the organisation with the invited role. The invitation is consumed once."""
    found = invitation_check_usable(invitation_get_by_token(token=token))
    with tenant_context(found.organization):
        invitation = Invitation.objects.select_for_update().select_related("organization").get(pk=found.pk)
        invitation_check_usable(invitation)
        if invitation.email.lower() != user.email.lower():
            raise PermissionDeniedError(
                f"This invitation is for {invitation.email}. Log in with that address to accept it.",
                code="invitation_wrong_email",
            )
        organization = invitation.organization
        membership = Membership.objects.filter(user=user).first()
        before = membership.audit_state() if membership else None
        if membership is None:
            membership = Membership.objects.create(organization=organization, user=user, org_role=invitation.org_role)
        else:
            membership.org_role = invitation.org_role
            membership.is_active = True
            membership.deactivated_at = None
            membership.save()
        invitation.accepted_at = timezone.now()
        invitation.accepted_by = user
        invitation.save(update_fields=["accepted_at", "accepted_by", "updated_at"])
        audit_record(
            organization=organization,
            actor=user,
            verb="invitation.accepted",
            obj=invitation,
            after=invitation.audit_state(),
        )
        audit_record(
            organization=organization,
            actor=user,
            verb="membership.created" if before is None else "membership.changed",
            obj=membership,
            before=before,
            after={"user": user.email, **membership.audit_state()},
        )
        for path in settings.INVITATION_ACCEPTED_HANDLERS:
            import_string(path)(invitation=invitation, membership=membership)
        return membership


# --- Enterprise SSO ---------------------------------------------------------------------


def _social_app_settings(provider: SsoProvider) -> dict[str, Any]:
    if provider.kind == SsoKind.OIDC:
        return {"server_url": provider.server_url}
    return {
        "idp": {
            "entity_id": provider.idp_entity_id,
            "sso_url": provider.idp_sso_url,
            "x509cert": provider.idp_x509cert,
        },
        "attribute_mapping": {
            "uid": "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/nameidentifier",
            "email": "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress",
            "email_verified": "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress",
        },
    }


def _validate_sso(fields: dict[str, Any], kind: str) -> None:
    required = ("server_url", "client_id") if kind == SsoKind.OIDC else ("idp_entity_id", "idp_sso_url", "idp_x509cert")
    missing = [name for name in required if not fields.get(name)]
    if missing:
        raise RuleViolationError(
            f"{SsoKind(kind).label} needs {', '.join(missing)}.", code="sso_incomplete", missing=missing
        )


@transaction.atomic
def sso_provider_save(
    *, organization: Organization, actor: User, provider: SsoProvider | None = None, **fields: Any
) -> SsoProvider:
    """Create or update an SSO provider and the allauth app that logs people in through it."""
    if "email_domains" in fields:
        fields["email_domains"] = sorted({d.strip().lower().lstrip("@") for d in fields["email_domains"] if d.strip()})
    creating = provider is None
    if provider is None:
        kind = fields.get("kind", "")
        provider = SsoProvider(organization=organization, kind=kind, provider_id=f"{organization.slug}-{kind}")
        if SsoProvider.objects.unscoped().filter(provider_id=provider.provider_id).exists():
            raise ConflictError("This organisation already has a provider of that kind.", code="sso_exists")
    before = None if creating else provider.audit_state()
    for name, value in fields.items():
        if name != "kind":
            setattr(provider, name, value)
    _validate_sso(vars(provider), provider.kind)
    app = provider.social_app or SocialApp()
    app.provider = "openid_connect" if provider.kind == SsoKind.OIDC else "saml"
    app.provider_id = provider.provider_id
    app.name = provider.name
    app.client_id = provider.client_id if provider.kind == SsoKind.OIDC else provider.provider_id
    app.secret = provider.client_secret
    app.settings = _social_app_settings(provider)
    app.save()
    provider.social_app = app
    provider.save()
    audit_record(
        organization=organization,
        actor=actor,
        verb="sso.configured" if creating else "sso.changed",
        obj=provider,
        before=before,
        after=provider.audit_state(),
    )
    return provider


@transaction.atomic
def sso_provider_delete(*, provider: SsoProvider, actor: User) -> None:
    # Recorded before the row goes, while it still has its id.
    audit_record(
        organization=provider.organization, actor=actor, verb="sso.removed", obj=provider, before=provider.audit_state()
    )
    if provider.social_app is not None:
        provider.social_app.delete()
    provider.delete()


@transaction.atomic
def membership_join_via_sso(*, user: User, provider_id: str) -> Membership | None:
    """On an SSO login, a person whose email domain the provider claims joins its
    organisation as an employee (or is left as they are if already a member)."""
    provider = SsoProvider.objects.unscoped().select_related("organization").filter(provider_id=provider_id).first()
    if provider is None or not provider.enabled:
        return None
    domain = user.email.rsplit("@", 1)[-1].lower()
    if domain not in provider.email_domains:
        return None
    with tenant_context(provider.organization):
        membership = Membership.objects.filter(user=user).first()
        if membership is not None:
            return membership
        membership = Membership.objects.create(organization=provider.organization, user=user)
        audit_record(
            organization=provider.organization,
            actor=user,
            verb="membership.created",
            obj=membership,
            after={"user": user.email, "via": provider.provider_id, **membership.audit_state()},
        )
        return membership


@transaction.atomic
def membership_add(
    *, organization: Organization, actor: User | None, user: User, org_role: str, ambassador: bool = False
) -> Membership:
    """Add someone directly (demo data, imports). People normally join through invitations."""
    with tenant_context(organization):
        membership = Membership.objects.filter(user=user).first()
        if membership is not None:
            return membership
        membership = Membership.objects.create(
            organization=organization, user=user, org_role=org_role, ambassador=ambassador
        )
        audit_record(
            organization=organization,
            actor=actor,
            verb="membership.created",
            obj=membership,
            after={"user": user.email, **membership.audit_state()},
        )
        return membership


# --- Social media policy ------------------------------------------------------------------


@transaction.atomic
def policy_publish(*, organization: Organization, actor: User, title: str, body: str) -> Policy:
    """Publish a new version; every member must acknowledge it before their next share."""
    Organization.objects.select_for_update().filter(pk=organization.pk).first()  # serialise version numbers
    last = Policy.objects.order_by("-version").first()
    policy = Policy.objects.create(
        organization=organization,
        version=(last.version + 1) if last else 1,
        title=title,
        body=body,
        published_by=actor,
    )
    audit_record(
        organization=organization,
        actor=actor,
        verb="policy.published",
        obj=policy,
        after={"version": policy.version, "title": title, "body_sha256": hashlib.sha256(body.encode()).hexdigest()},
    )
    return policy


@transaction.atomic
def policy_acknowledge(*, policy: Policy, membership: Membership) -> PolicyAcknowledgement:
    """Acknowledge the current version (idempotent). Acknowledging a superseded version is
    refused: it would not let the member share anyway."""
    current = policy_current()
    if current is None or current.pk != policy.pk:
        raise ConflictError(
            "This is not the current version of the policy. Read and acknowledge the current one.",
            code="not_current_policy",
        )
    acknowledgement, created = PolicyAcknowledgement.objects.get_or_create(
        policy=policy, membership=membership, defaults={"organization_id": membership.organization_id}
    )
    if created:
        audit_record(
            organization=membership.organization,
            actor=membership.user,
            verb="policy.acknowledged",
            obj=policy,
            after={"version": policy.version, "member": str(membership.pk)},
        )
    return acknowledgement


@transaction.atomic
def voice_profile_save(*, membership: Membership, **fields: Any) -> VoiceProfile:
    profile, _created = VoiceProfile.objects.select_for_update().get_or_create(
        membership=membership, defaults={"organization_id": membership.organization_id}
    )
    # A PUT: every field is replaced; the ones not given are emptied.
    for name in VoiceProfile.VOICE_FIELDS:
        setattr(profile, name, fields.get(name, "" if name == "tone" else []))
    profile.save()
    return profile


# --- Notification preferences ---------------------------------------------------------------

DIGEST_UNSUBSCRIBE_SALT = "advocacy.accounts.digest-unsubscribe"


@transaction.atomic
def membership_notifications_update(
    *, membership: Membership, digest_enabled: bool | None = None, time_zone: str | None = None
) -> Membership:
    """A member's own digest preference and time zone ("" = the organisation's)."""
    membership = Membership.objects.select_for_update().select_related("organization", "user").get(pk=membership.pk)
    before = {"digest_enabled": membership.digest_enabled, "time_zone": membership.time_zone}
    if digest_enabled is not None:
        membership.digest_enabled = digest_enabled
    if time_zone is not None:
        membership.time_zone = time_zone
    membership.save(update_fields=["digest_enabled", "time_zone", "updated_at"])
    audit_changes(
        organization=membership.organization,
        actor=membership.user,
        verb="membership.notifications_changed",
        obj=membership,
        before=before,
        after={"digest_enabled": membership.digest_enabled, "time_zone": membership.time_zone},
    )
    return membership


def digest_unsubscribe_token(membership: Membership) -> str:
    """A signed, non-expiring token that lets whoever holds the email turn the digest off,
    and nothing else."""
    return signing.dumps(str(membership.pk), salt=DIGEST_UNSUBSCRIBE_SALT)


def digest_unsubscribe(*, token: str) -> Membership:
    """Opt out of the digest with a token from the email, without logging in. Idempotent."""
    try:
        membership_id = signing.loads(token, salt=DIGEST_UNSUBSCRIBE_SALT)
    except signing.BadSignature as exc:
        raise RuleViolationError("This unsubscribe link is not valid.", code="invalid_token") from exc
    # The token names the membership; the tenant follows from it, not from a URL.
    membership = Membership.objects.unscoped().select_related("organization").filter(pk=membership_id).first()
    if membership is None:
        raise NotFoundError("This unsubscribe link is no longer valid.", code="invalid_token")
    with tenant_context(membership.organization), transaction.atomic():
        changed = Membership.objects.filter(pk=membership.pk, digest_enabled=True).update(
            digest_enabled=False, updated_at=timezone.now()
        )
        if changed:
            audit_record(
                organization=membership.organization,
                actor=None,
                verb="membership.digest_unsubscribed",
                obj=membership,
                before={"digest_enabled": True},
                after={"digest_enabled": False},
            )
    membership.digest_enabled = False
    return membership
