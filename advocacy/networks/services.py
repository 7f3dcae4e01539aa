"""Connecting and disconnecting an employee's own network accounts."""

import json
import secrets
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from advocacy.accounts.models import Membership, User
from advocacy.core.audit import audit_record
from advocacy.core.errors import ConflictError, PermissionDeniedError, RuleViolationError
from advocacy.core.tenancy import tenant_context
from advocacy.networks.models import ConnectionStatus, NetworkConnection
from advocacy.networks.providers import ProviderUnavailable, get_provider
from advocacy.networks.providers.base import ConnectRequest, Credentials, InvalidGrant, ProviderError
from advocacy.networks.tokens import decrypt_token, encrypt_token

STATE_SALT = "advocacy.networks.connect"
STATE_MAX_AGE = 600  # seconds a connect link stays valid


def callback_url(network: str) -> str:
    return f"{settings.FRONTEND_URL}/api/v1/connections/{network}/callback"


def connection_start(*, membership: Membership, network: str, request: ConnectRequest | None = None) -> str:
    """The URL that sends the employee to the network to authorise us. Its ``state`` is
    signed, bound to this member, expires, and can be used once. Mastodon needs the
    instance; Bluesky a handle and app password (its session is made here)."""
    if network not in membership.organization.networks_enabled:
        raise RuleViolationError(f"{network} is not enabled in this organisation.", code="network_not_enabled")
    try:
        provider = get_provider(network)
    except ProviderUnavailable as exc:
        raise RuleViolationError(str(exc), code="network_unavailable") from exc
    nonce = secrets.token_urlsafe(16)
    code_verifier = secrets.token_urlsafe(48)
    state = signing.dumps(
        {"member": str(membership.pk), "org": str(membership.organization_id), "network": network, "nonce": nonce},
        salt=STATE_SALT,
    )
    try:
        url, remembered = provider.authorization_url(
            state=state,
            redirect_uri=callback_url(network),
            code_verifier=code_verifier,
            request=request or ConnectRequest(),
        )
    except ProviderError as exc:
        raise RuleViolationError(exc.detail, code=exc.code) from exc
    # Encrypted: "remembered" may hold tokens (a Bluesky session) until the callback.
    secret = encrypt_token(json.dumps({"code_verifier": code_verifier, "remembered": remembered}))
    cache.set(f"connect-state:{nonce}", secret, timeout=STATE_MAX_AGE)
    return url


def _read_state(state: str, network: str) -> tuple[dict[str, str], dict[str, Any]]:
    try:
        payload = signing.loads(state, salt=STATE_SALT, max_age=STATE_MAX_AGE)
    except signing.SignatureExpired as exc:
        raise RuleViolationError("This connect link has expired. Start again.", code="state_expired") from exc
    except signing.BadSignature as exc:
        raise RuleViolationError("This connect link is not valid.", code="invalid_state") from exc
    if payload.get("network") != network:
        raise RuleViolationError("This connect link is for another network.", code="invalid_state")
    key = f"connect-state:{payload['nonce']}"
    stored = cache.get(key)
    if stored is None or not cache.delete(key):
        raise ConflictError("This connect link was already used. Start again.", code="state_used")
    return payload, json.loads(decrypt_token(stored))


def connection_state_organization_slug(state: str) -> str | None:
    """The organisation a (possibly used or expired) connect link was made in, to send the
    browser back to the right place after a failure; None when the state is not ours."""
    try:
        payload = signing.loads(state, salt=STATE_SALT)
    except signing.BadSignature:
        return None
    return (
        Membership.objects.unscoped()
        .filter(pk=payload.get("member"), organization_id=payload.get("org"))
        .values_list("organization__slug", flat=True)
        .first()
    )


def connection_complete(*, network: str, code: str, state: str, user: User) -> NetworkConnection:
    """Finish the authorisation: exchange the code, read the account, store the tokens
    encrypted, and replace any earlier connection to the same network."""
    payload, stored = _read_state(state, network)
    membership = (
        Membership.objects.unscoped()
        .select_related("organization", "user")
        .filter(pk=payload["member"], organization_id=payload["org"], is_active=True)
        .first()
    )
    if membership is None or membership.user_id != user.pk:
        raise PermissionDeniedError("This connect link belongs to someone else.", code="state_not_yours")
    provider = get_provider(network)
    remembered = stored["remembered"]
    instance = str(remembered.get("instance", ""))
    # Network calls happen before the transaction: a slow network must not hold locks.
    try:
        tokens = provider.exchange_code(
            code=code, redirect_uri=callback_url(network), code_verifier=stored["code_verifier"], remembered=remembered
        )
        identity = provider.fetch_identity(tokens=tokens, instance=instance)
    except ProviderError as exc:
        raise RuleViolationError(exc.detail, code="connect_failed") from exc
    with tenant_context(membership.organization), transaction.atomic():
        for previous in NetworkConnection.objects.select_for_update().filter(
            membership=membership, network=network, status=ConnectionStatus.ACTIVE
        ):
            _revoke(previous, actor=user, verb="connection.replaced")
        connection = NetworkConnection.objects.create(
            organization=membership.organization,
            membership=membership,
            network=network,
            account_id=identity.account_id,
            account_name=identity.account_name or user.get_full_name(),
            account_url=identity.account_url,
            instance=instance,
            access_token=encrypt_token(tokens.access_token),
            refresh_token=encrypt_token(tokens.refresh_token),
            scopes=tokens.scopes,
            expires_at=tokens.expires_at,
        )
        audit_record(
            organization=membership.organization,
            actor=user,
            verb="connection.connected",
            obj=connection,
            after=connection.audit_state(),
        )
    return connection


def _revoke(connection: NetworkConnection, *, actor: Any, verb: str) -> None:
    before = connection.audit_state()
    connection.status = ConnectionStatus.REVOKED
    connection.revoked_at = timezone.now()
    connection.access_token = connection.refresh_token = ""
    connection.save(update_fields=["status", "revoked_at", "access_token", "refresh_token", "updated_at"])
    audit_record(
        organization=connection.organization,
        actor=actor,
        verb=verb,
        obj=connection,
        before=before,
        after=connection.audit_state(),
    )


@transaction.atomic
def connection_revoke(*, connection: NetworkConnection, actor: User) -> NetworkConnection:
    """Disconnect: the tokens are erased at once; nothing can be posted through it again."""
    connection = NetworkConnection.objects.select_for_update().get(pk=connection.pk)
    if connection.status != ConnectionStatus.REVOKED:
        _revoke(connection, actor=actor, verb="connection.revoked")
    return connection


def connections_revoke_for_member(*, membership: Membership, actor: Any) -> None:
    """MEMBERSHIP_DEACTIVATED_HANDLERS: a deactivated member's tokens are erased at once."""
    for connection in NetworkConnection.objects.select_for_update().filter(
        membership=membership, status=ConnectionStatus.ACTIVE
    ):
        _revoke(connection, actor=actor, verb="connection.revoked")


# --- Using a connection: credentials, refresh, health --------------------------------------

# Refresh this long before the access token expires, so a post never races the expiry.
REFRESH_MARGIN = timedelta(minutes=5)
# Remind the employee this long before a token that cannot be refreshed expires.
REMIND_BEFORE = timedelta(days=14)
REMIND_EVERY = timedelta(days=7)


class ConnectionUnusable(ProviderError):
    """The connection is revoked or expired: the employee must reconnect."""

    code = "connection_expired"


def _credentials(connection: NetworkConnection) -> Credentials:
    return Credentials(
        connection_id=str(connection.pk),
        organization_id=str(connection.organization_id),
        account_id=connection.account_id,
        access_token=decrypt_token(connection.access_token),
        instance=connection.instance,
        scopes=connection.scopes,
    )


def _expiring(connection: NetworkConnection, now: datetime) -> bool:
    return connection.expires_at is not None and connection.expires_at <= now + REFRESH_MARGIN


def connection_credentials(connection: NetworkConnection, *, force_refresh: bool = False) -> Credentials:
    """Decrypted credentials for one network call, refreshed first when the access token is
    about to expire (or the network just refused it: ``force_refresh``).

    Refreshing locks the connection row and re-reads it, so two workers refreshing at once
    take turns and the second finds fresh tokens instead of spending a refresh token that
    was already rotated (X). Raises ``ConnectionUnusable`` when the employee must reconnect.
    """
    if connection.status != ConnectionStatus.ACTIVE:
        raise ConnectionUnusable("The network connection was disconnected. Reconnect it.")
    if not force_refresh and not _expiring(connection, timezone.now()):
        return _credentials(connection)
    refused: InvalidGrant | None = None
    with transaction.atomic():
        current = NetworkConnection.objects.unscoped().select_for_update().get(pk=connection.pk)
        used_token = connection.access_token
        still_stale = _expiring(current, timezone.now()) or (force_refresh and current.access_token == used_token)
        if current.status == ConnectionStatus.ACTIVE and still_stale:
            try:
                _refresh_locked(current)
            except InvalidGrant as exc:
                refused = exc
                _mark_expired(current, detail="The network refused to renew access. Reconnect it.")
        connection.refresh_from_db()
    if refused is not None or connection.status != ConnectionStatus.ACTIVE:
        raise ConnectionUnusable(connection.status_detail or "The network connection expired. Reconnect it.")
    return _credentials(connection)


def _refresh_locked(connection: NetworkConnection) -> None:
    if not connection.refresh_token:
        # LinkedIn (outside its partner programme) and Mastodon issue no refresh token.
        if connection.expires_at is not None and connection.expires_at <= timezone.now():
            raise InvalidGrant("The access token expired and cannot be renewed.")
        return
    provider = get_provider(connection.network)
    tokens = provider.refresh(refresh_token=decrypt_token(connection.refresh_token), instance=connection.instance)
    connection.access_token = encrypt_token(tokens.access_token)
    if tokens.refresh_token:  # rotated (X, Bluesky); otherwise the old one stays valid
        connection.refresh_token = encrypt_token(tokens.refresh_token)
    connection.expires_at = tokens.expires_at
    if tokens.scopes:
        connection.scopes = tokens.scopes
    connection.save(update_fields=["access_token", "refresh_token", "expires_at", "scopes", "updated_at"])


def _mark_expired(connection: NetworkConnection, *, detail: str) -> None:
    before = connection.audit_state()
    connection.status = ConnectionStatus.EXPIRED
    connection.status_detail = detail
    connection.save(update_fields=["status", "status_detail", "updated_at"])
    audit_record(
        organization=connection.organization,
        actor=None,
        verb="connection.expired",
        obj=connection,
        before=before,
        after=connection.audit_state(),
    )


def connection_mark_expired(*, connection: NetworkConnection, detail: str) -> None:
    """The network refused the token even after a refresh: the employee must reconnect."""
    with transaction.atomic():
        current = NetworkConnection.objects.unscoped().select_for_update().get(pk=connection.pk)
        if current.status == ConnectionStatus.ACTIVE:
            _mark_expired(current, detail=detail)


def connections_check_expiry(*, now: datetime | None = None) -> dict[str, int]:
    """Daily (beat), in the tenant: expire connections whose token ran out and cannot be
    renewed, and remind employees two weeks before that happens (LinkedIn's 60 days)."""
    now = now or timezone.now()
    unrenewable = NetworkConnection.objects.filter(status=ConnectionStatus.ACTIVE, refresh_token="")
    expired = 0
    for connection in unrenewable.filter(expires_at__lte=now).select_related("organization"):
        connection_mark_expired(connection=connection, detail="Access ran out. Reconnect to keep sharing.")
        expired += 1
    reminded = 0
    due = (
        unrenewable.filter(expires_at__gt=now, expires_at__lte=now + REMIND_BEFORE)
        .filter(Q(reminded_at__isnull=True) | Q(reminded_at__lte=now - REMIND_EVERY))
        .select_related("organization", "membership__user")
    )
    for connection in due:
        # Claim the reminder first, so a duplicated job never sends two.
        claimed = (
            NetworkConnection.objects.filter(pk=connection.pk)
            .filter(Q(reminded_at__isnull=True) | Q(reminded_at__lte=now - REMIND_EVERY))
            .update(reminded_at=now)
        )
        if claimed:
            _send_reconnect_reminder(connection)
            reminded += 1
    return {"expired": expired, "reminded": reminded}


def _send_reconnect_reminder(connection: NetworkConnection) -> None:
    user = connection.membership.user
    organization = connection.organization
    assert connection.expires_at is not None
    days = max((connection.expires_at - timezone.now()).days, 0)
    link = f"{settings.FRONTEND_URL}/o/{organization.slug}/connections"
    send_mail(
        subject=f"Reconnect {connection.network} within {days} days",
        message=(
            f"Hello {user.get_full_name() or user.email},\n\n"
            f"Your {connection.network} connection ({connection.account_name or connection.account_id}) in "
            f"{organization.name} stops working on {connection.expires_at:%d %B %Y}. "
            f"Reconnect it here so your confirmed shares keep going out:\n\n{link}\n"
        ),
        from_email=None,
        recipient_list=[user.email],
    )
