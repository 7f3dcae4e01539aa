"""Connecting and disconnecting an employee's own network accounts."""

import secrets
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from advocacy.accounts.models import Membership, User
from advocacy.core.audit import audit_record
from advocacy.core.errors import ConflictError, PermissionDeniedError, RuleViolationError
from advocacy.core.tenancy import tenant_context
from advocacy.networks.models import ConnectionStatus, NetworkConnection
from advocacy.networks.providers import ProviderUnavailable, get_provider
from advocacy.networks.tokens import encrypt_token

STATE_SALT = "advocacy.networks.connect"
STATE_MAX_AGE = 600  # seconds a connect link stays valid


def callback_url(network: str) -> str:
    return f"{settings.FRONTEND_URL}/api/v1/connections/{network}/callback"


def connection_start(*, membership: Membership, network: str) -> str:
    """The URL that sends the employee to the network to authorise us. Its ``state`` is
    signed, bound to this member, expires, and can be used once."""
    if network not in membership.organization.networks_enabled:
        raise RuleViolationError(f"{network} is not enabled in this organisation.", code="network_not_enabled")
    try:
        provider = get_provider(network)
    except ProviderUnavailable as exc:
        raise RuleViolationError(str(exc), code="network_unavailable") from exc
    nonce = secrets.token_urlsafe(16)
    code_verifier = secrets.token_urlsafe(48)
    cache.set(f"connect-state:{nonce}", code_verifier, timeout=STATE_MAX_AGE)
    state = signing.dumps(
        {"member": str(membership.pk), "org": str(membership.organization_id), "network": network, "nonce": nonce},
        salt=STATE_SALT,
    )
    return provider.authorization_url(state=state, redirect_uri=callback_url(network), code_verifier=code_verifier)


def _read_state(state: str, network: str) -> tuple[dict[str, str], str]:
    try:
        payload = signing.loads(state, salt=STATE_SALT, max_age=STATE_MAX_AGE)
    except signing.SignatureExpired as exc:
        raise RuleViolationError("This connect link has expired. Start again.", code="state_expired") from exc
    except signing.BadSignature as exc:
        raise RuleViolationError("This connect link is not valid.", code="invalid_state") from exc
    if payload.get("network") != network:
        raise RuleViolationError("This connect link is for another network.", code="invalid_state")
    key = f"connect-state:{payload['nonce']}"
    code_verifier = cache.get(key)
    if code_verifier is None or not cache.delete(key):
        raise ConflictError("This connect link was already used. Start again.", code="state_used")
    return payload, code_verifier


def connection_complete(*, network: str, code: str, state: str, user: User) -> NetworkConnection:
    """Finish the authorisation: exchange the code, read the account, store the tokens
    encrypted, and replace any earlier connection to the same network."""
    payload, code_verifier = _read_state(state, network)
    membership = (
        Membership.objects.unscoped()
        .select_related("organization", "user")
        .filter(pk=payload["member"], organization_id=payload["org"], is_active=True)
        .first()
    )
    if membership is None or membership.user_id != user.pk:
        raise PermissionDeniedError("This connect link belongs to someone else.", code="state_not_yours")
    provider = get_provider(network)
    # Network calls happen before the transaction: a slow network must not hold locks.
    tokens = provider.exchange_code(code=code, redirect_uri=callback_url(network), code_verifier=code_verifier)
    identity = provider.fetch_identity(tokens=tokens)
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
