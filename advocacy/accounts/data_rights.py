"""Data rights (docs/data-rights.md): a member's data export, erasing a member, deleting an
organisation. The apps above accounts hold most of a member's data; each contributes
through the hooks of its ``data_rights`` module, listed in ``settings.DATA_RIGHTS_MODULES``
(accounts imports none of them)."""

import importlib
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, cast

from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount, SocialApp
from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.module_loading import import_string
from guardian.models import GroupObjectPermission, UserObjectPermission

from advocacy.accounts.models import (
    Invitation,
    Membership,
    Organization,
    PolicyAcknowledgement,
    SsoProvider,
    User,
    VoiceProfile,
)
from advocacy.accounts.selectors import active_admin_count
from advocacy.core.audit import audit_record
from advocacy.core.errors import ConflictError, RuleViolationError
from advocacy.core.models import AuditEvent, TenantModel
from advocacy.core.permissions import OrgRole
from advocacy.core.tenancy import activate_tenant, deactivate_tenant, tenant_context

logger = logging.getLogger(__name__)

EXPORT_FORMAT = "advocacy-member-data/1"
# An address that can never receive mail (RFC 2606): what an erased person is shown as.
ERASED_DOMAIN = "erased.invalid"
ERASED_NAME = "Erased member"


@contextmanager
def _across_organisations() -> Iterator[None]:
    """A person's own rows in every organisation (like ``/api/v1/me``) are read with no
    tenant in context: row-level security would otherwise show only the current one."""
    token = activate_tenant(cast(Any, None))
    try:
        yield
    finally:
        deactivate_tenant(token)


def _hooks(name: str) -> Iterator[Callable[..., Any]]:
    for path in settings.DATA_RIGHTS_MODULES:
        hook = getattr(importlib.import_module(path), name, None)
        if hook is not None:
            yield hook


# --- Export ---------------------------------------------------------------------------------


def _membership_row(membership: Membership) -> dict[str, Any]:
    return {
        "organization": membership.organization.slug,
        "organization_name": membership.organization.name,
        "org_role": membership.org_role,
        "ambassador": membership.ambassador,
        "is_active": membership.is_active,
        "joined_at": membership.created_at,
        "deactivated_at": membership.deactivated_at,
        "digest_enabled": membership.digest_enabled,
        "time_zone": membership.time_zone,
    }


def member_data_export(*, membership: Membership, actor: User, include_other_organisations: bool) -> dict[str, Any]:
    """Everything the organisation in context holds about the member, as one JSON-ready
    document, in a fixed number of queries whatever the amount of data. Network tokens are
    never part of it. ``include_other_organisations``: the member asking for their own data
    also sees their memberships elsewhere (an admin never does)."""
    user = membership.user
    if include_other_organisations:
        with _across_organisations():
            memberships = [
                _membership_row(m)
                for m in Membership.objects.unscoped()
                .filter(user=user)
                .select_related("organization")
                .order_by("created_at")
            ]
    else:
        memberships = [_membership_row(membership)]
    voice = VoiceProfile.objects.filter(membership=membership).first()
    acknowledgements = [
        {"policy_version": version, "policy_title": title, "acknowledged_at": at}
        for version, title, at in PolicyAcknowledgement.objects.filter(membership=membership)
        .order_by("created_at")
        .values_list("policy__version", "policy__title", "created_at")
    ]
    invitations = [
        {
            "email": row["email"],
            "org_role": row["org_role"],
            "sent_at": row["created_at"],
            "expires_at": row["expires_at"],
            "accepted_at": row["accepted_at"],
            "revoked_at": row["revoked_at"],
        }
        for row in Invitation.objects.filter(email__iexact=user.email)
        .order_by("created_at")
        .values("email", "org_role", "created_at", "expires_at", "accepted_at", "revoked_at")
    ]
    events = [
        {
            "seq": seq,
            "at": at,
            "actor_email": actor_email,
            "verb": verb,
            "object_type": object_type,
            "object_id": object_id,
            "before": before,
            "after": after,
        }
        for seq, at, actor_email, verb, object_type, object_id, before, after in AuditEvent.objects.filter(
            Q(actor=user) | Q(object_type=Membership._meta.label_lower, object_id=str(membership.pk))
        )
        .order_by("seq")
        .values_list("seq", "created_at", "actor_email", "verb", "object_type", "object_id", "before", "after")
    ]
    document: dict[str, Any] = {
        "format": EXPORT_FORMAT,
        "exported_at": timezone.now(),
        "organization": {"slug": membership.organization.slug, "name": membership.organization.name},
        "member": str(membership.pk),
        "profile": {"id": str(user.pk), "email": user.email, "name": user.name, "date_joined": user.date_joined},
        "memberships": memberships,
        "voice_profile": voice.as_dict() if voice is not None else None,
        "policy_acknowledgements": acknowledgements,
        "invitations": invitations,
    }
    for hook in _hooks("member_export"):
        document.update(hook(membership=membership))
    document["audit_events"] = events
    audit_record(
        organization=membership.organization,
        actor=actor,
        verb="member.data_exported",
        obj=membership,
        after={"member": str(membership.pk), "by_member": actor.pk == user.pk},
    )
    return document


# --- Erasure --------------------------------------------------------------------------------


def _pseudonymise_user(user: User, *, email: str) -> None:
    """The person's account itself: no name, no address, no way to log in."""
    EmailAddress.objects.filter(user=user).delete()
    SocialAccount.objects.filter(user=user).delete()  # their SSO links and tokens
    UserObjectPermission.objects.filter(user=user).delete()
    user.email = email
    user.name = ERASED_NAME
    user.is_active = False
    user.is_staff = user.is_superuser = False
    user.set_unusable_password()  # also ends every session: the session hash changes
    user.save()


@transaction.atomic
def member_erase(*, membership: Membership, actor: User, confirm: str) -> Membership:
    """Erase a member's personal data in this organisation (docs/data-rights.md).

    ``confirm`` must repeat the member's email address. Their voice profile, readiness,
    coaching progress, roles, unposted shares and connections go (tokens revoked at the
    network afterwards, in ``member_erase_finish_task``); posted shares stay in the
    compliance archive under a pseudonym until the organisation's retention ends. A person
    who belongs to no other organisation has their account pseudonymised; otherwise the
    membership moves to a new pseudonymous account and their own account is left alone.
    """
    membership = Membership.objects.select_for_update().select_related("user", "organization").get(pk=membership.pk)
    if membership.erased_at is not None:
        raise ConflictError("This member's data has already been erased.", code="already_erased")
    user = membership.user
    if confirm.strip().lower() != user.email.lower():
        raise RuleViolationError(
            "Type the member's email address to confirm: erasing cannot be undone.", code="confirmation_mismatch"
        )
    if membership.org_role == OrgRole.ADMIN and membership.is_active and active_admin_count() <= 1:
        raise ConflictError(
            "This is the organisation's last admin. Make someone else an admin first.", code="last_admin"
        )
    now = timezone.now()
    for hook in _hooks("member_erase"):
        hook(membership=membership, actor=actor)
    if membership.is_active:
        for path in settings.MEMBERSHIP_DEACTIVATED_HANDLERS:
            import_string(path)(membership=membership, actor=actor)
    pseudonym = f"erased-{membership.pk.hex}@{ERASED_DOMAIN}"
    VoiceProfile.objects.filter(membership=membership).delete()
    Invitation.objects.filter(email__iexact=user.email).update(email=pseudonym, updated_at=now)
    with _across_organisations():
        keeps_account = (
            Membership.objects.unscoped().filter(user=user, erased_at__isnull=True).exclude(pk=membership.pk).exists()
        )
    if keeps_account:
        membership.user = User.objects.create_user(email=pseudonym, name=ERASED_NAME, is_active=False)
    else:
        _pseudonymise_user(user, email=pseudonym)
    membership.erased_at = now
    membership.is_active = False
    membership.deactivated_at = membership.deactivated_at or now
    membership.ambassador = False
    membership.digest_enabled = False
    membership.time_zone = ""
    membership.save()
    audit_record(
        organization=membership.organization,
        actor=None if actor.pk == user.pk else actor,
        verb="membership.erased",
        obj=membership,
        after={"member": str(membership.pk), "account": "kept" if keeps_account else "pseudonymised"},
    )
    from advocacy.accounts.tasks import member_erase_finish_task

    organization_id, membership_id = str(membership.organization_id), str(membership.pk)
    transaction.on_commit(
        lambda: member_erase_finish_task.delay(organization_id=organization_id, membership_id=membership_id)
    )
    return membership


def member_erase_finish(*, organization_id: Any, membership_id: Any) -> dict[str, Any]:
    """The part of an erasure that waits on networks (revoking tokens), run by a task."""
    results: dict[str, Any] = {}
    for hook in _hooks("member_erase_finish"):
        results.update(hook(organization_id=organization_id, membership_id=membership_id) or {})
    return results


def erased_archives_purge(*, now: Any = None) -> int:
    """Daily: posted shares of erased members whose retention ended leave the archive."""
    now = now or timezone.now()
    purged = 0
    for organization in Organization.objects.all():
        with tenant_context(organization):
            for hook in _hooks("erased_archive_purge"):
                purged += int(hook(organization=organization, now=now) or 0)
    return purged


# --- Organisation deletion --------------------------------------------------------------------


@transaction.atomic
def organization_delete_request(*, organization: Organization, actor: User, confirm: str) -> None:
    """An admin deletes the organisation. ``confirm`` must repeat its short name. From now
    on nobody can enter it and nothing is posted for it; a task revokes its network tokens
    and deletes every row it owns. Recorded in the log (its audit log goes with it)."""
    if confirm.strip() != organization.slug:
        raise RuleViolationError(
            f"Type the organisation's short name “{organization.slug}” to confirm: deleting cannot be undone.",
            code="confirmation_mismatch",
        )
    organization = Organization.objects.select_for_update().get(pk=organization.pk)
    now = timezone.now()
    Membership.objects.unscoped().filter(organization=organization, is_active=True).update(
        is_active=False, deactivated_at=now, updated_at=now
    )
    for hook in _hooks("organization_freeze"):
        hook(organization_id=organization.pk)
    logger.warning(
        "Organisation deletion requested: %s (%s) by %s (%s)", organization.slug, organization.pk, actor.pk, actor.email
    )
    from advocacy.accounts.tasks import organization_delete_task

    organization_id, requested_by = str(organization.pk), str(actor.pk)
    transaction.on_commit(
        lambda: organization_delete_task.delay(organization_id=organization_id, requested_by=requested_by)
    )


def _delete_object_permissions(organization: Organization) -> None:
    """django-guardian grants point at objects by content type and text id, not by a key."""
    for model_class in (UserObjectPermission, GroupObjectPermission):
        for content_type_id in model_class.objects.values_list("content_type_id", flat=True).distinct():
            model = ContentType.objects.get_for_id(content_type_id).model_class()
            if model is None or not issubclass(model, TenantModel):
                continue
            ids = model.objects.unscoped().filter(organization=organization).values_list("pk", flat=True)
            model_class.objects.filter(content_type_id=content_type_id, object_pk__in=[str(pk) for pk in ids]).delete()


def organization_delete(*, organization_id: Any, requested_by: Any = None) -> bool:
    """Revoke the organisation's network tokens, then delete it and every row it owns (every
    tenant table cascades from the organisation). Idempotent: False when it is gone."""
    if not Organization.objects.filter(pk=organization_id).exists():
        return False
    for hook in _hooks("organization_delete_prepare"):
        hook(organization_id=organization_id)
    with transaction.atomic():
        organization = Organization.objects.select_for_update().filter(pk=organization_id).first()
        if organization is None:
            return False
        slug = organization.slug
        social_apps = list(
            SsoProvider.objects.unscoped()
            .filter(organization=organization, social_app__isnull=False)
            .values_list("social_app_id", flat=True)
        )
        _delete_object_permissions(organization)
        # Rows that protect what they point at (a share its connection and content version)
        # go first; everything else cascades from the organisation.
        for model in apps.get_models():
            protects = any(
                field.remote_field is not None and field.remote_field.on_delete is models.PROTECT
                for field in model._meta.fields
            )
            if protects and issubclass(model, TenantModel):
                model._base_manager.filter(organization=organization).delete()
        organization.delete()
        SocialApp.objects.filter(pk__in=social_apps).delete()
    logger.warning("Organisation deleted: %s (%s), requested by %s", slug, organization_id, requested_by)
    return True
