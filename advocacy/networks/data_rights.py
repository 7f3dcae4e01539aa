"""A member's network connections under data rights (docs/data-rights.md): exported without
their tokens; on erasure or organisation deletion the tokens are revoked at the network
where it allows it (in a Celery task) and our copies deleted."""

import logging
from typing import Any

from django.db import transaction
from django.utils import timezone

from advocacy.accounts.models import Membership
from advocacy.core.audit import audit_record
from advocacy.core.tenancy import tenant_context
from advocacy.networks.models import ConnectionStatus, NetworkConnection
from advocacy.networks.providers import ProviderUnavailable, get_provider
from advocacy.networks.providers.base import ProviderError
from advocacy.networks.tokens import TokenDecryptionError, decrypt_token

logger = logging.getLogger(__name__)


def member_export(*, membership: Membership) -> dict[str, Any]:
    """Metadata of every connection the member made, never a token. One query."""
    rows = NetworkConnection.objects.filter(membership=membership).order_by("created_at")
    return {
        "connections": [
            {
                "id": str(connection.pk),
                "network": connection.network,
                "account_id": connection.account_id,
                "account_name": connection.account_name,
                "account_url": connection.account_url,
                "instance": connection.instance,
                "scopes": connection.scopes,
                "status": connection.status,
                "status_detail": connection.status_detail,
                "connected_at": connection.created_at,
                "expires_at": connection.expires_at,
                "revoked_at": connection.revoked_at,
            }
            for connection in rows.only(
                "network",
                "account_id",
                "account_name",
                "account_url",
                "instance",
                "scopes",
                "status",
                "status_detail",
                "created_at",
                "expires_at",
                "revoked_at",
            )
        ]
    }


def member_erase(*, membership: Membership, actor: Any) -> None:
    """Nothing can be posted through the member's connections from now on; their tokens stay
    (encrypted) only until ``member_erase_finish`` has revoked them at the network."""
    now = timezone.now()
    for connection in NetworkConnection.objects.select_for_update().filter(
        membership=membership, status__in=[ConnectionStatus.ACTIVE, ConnectionStatus.EXPIRED]
    ):
        connection.status = ConnectionStatus.REVOKED
        connection.revoked_at = now
        connection.save(update_fields=["status", "revoked_at", "updated_at"])
        audit_record(
            organization=membership.organization,
            actor=actor,
            verb="connection.revoked",
            obj=connection,
            after={"network": connection.network, "status": connection.status, "reason": "member_erased"},
        )


def _revoke_at_network(connection: NetworkConnection) -> bool:
    """True when the network confirmed the revocation, False when it has no way to revoke
    or could not be asked. Never raises: erasure goes on either way."""
    try:
        access, refresh = decrypt_token(connection.access_token), decrypt_token(connection.refresh_token)
    except TokenDecryptionError:
        return False
    if not access and not refresh:
        return False
    try:
        return get_provider(connection.network).revoke(
            access_token=access, refresh_token=refresh, instance=connection.instance
        )
    except (ProviderUnavailable, ProviderError) as exc:
        logger.warning("Could not revoke %s connection %s at the network: %s", connection.network, connection.pk, exc)
        return False


def _forget(connections: list[NetworkConnection]) -> dict[str, int]:
    """Revoke each connection at its network (outside any transaction: networks are slow),
    then delete it; a connection that posted shares the archive keeps stays, scrubbed."""
    revoked = 0
    for connection in connections:
        if _revoke_at_network(connection):
            revoked += 1
    ids = [connection.pk for connection in connections]
    with transaction.atomic():
        kept = set(
            NetworkConnection.objects.filter(pk__in=ids, shares__isnull=False).values_list("pk", flat=True).distinct()
        )
        NetworkConnection.objects.filter(pk__in=kept).update(
            access_token="",
            refresh_token="",
            account_name="",
            account_url="",
            scopes="",
            status=ConnectionStatus.REVOKED,
            status_detail="",
            updated_at=timezone.now(),
        )
        NetworkConnection.objects.filter(pk__in=[pk for pk in ids if pk not in kept]).delete()
    return {"revoked_at_network": revoked, "deleted": len(ids) - len(kept), "kept_for_archive": len(kept)}


def member_erase_finish(*, organization_id: Any, membership_id: Any) -> dict[str, int]:
    with tenant_context(organization_id):
        connections = list(NetworkConnection.objects.filter(membership_id=membership_id))
        return _forget(connections)


def organization_freeze(*, organization_id: Any) -> None:
    """The organisation is being deleted: nothing is posted through its connections again."""
    with tenant_context(organization_id):
        NetworkConnection.objects.filter(status=ConnectionStatus.ACTIVE).update(
            status=ConnectionStatus.REVOKED, revoked_at=timezone.now(), updated_at=timezone.now()
        )


def organization_delete_prepare(*, organization_id: Any) -> dict[str, int]:
    """Before the organisation's rows go: every token it holds is revoked at its network."""
    with tenant_context(organization_id):
        revoked = 0
        for connection in NetworkConnection.objects.exclude(access_token="", refresh_token=""):
            if _revoke_at_network(connection):
                revoked += 1
        return {"revoked_at_network": revoked}
