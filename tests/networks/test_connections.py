"""Connecting the sandbox network end to end, the signed single-use state, disconnecting,
tokens encrypted at rest and rotated, and the sandbox network's posts."""

from datetime import timedelta
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import time_machine
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.utils import timezone

from advocacy.accounts.models import Membership, Organization
from advocacy.core.models import AuditEvent
from advocacy.core.tenancy import tenant_context
from advocacy.networks.models import NetworkConnection, SandboxPost
from advocacy.networks.providers import get_provider
from advocacy.networks.services import connection_credentials
from advocacy.networks.tokens import TokenDecryptionError, decrypt_token, encrypt_token
from tests.factories import NetworkConnectionFactory


def _start(client: Any, network: str = "sandbox") -> Any:
    return client.post(f"/api/v1/orgs/acme/connections/{network}/start")


def _callback_path(authorization_url: str) -> str:
    parts = urlsplit(authorization_url)
    return f"{parts.path}?{parts.query}"


def test_an_employee_connects_the_sandbox_network(employee: Membership, client_for: Any) -> None:
    client = client_for(employee.user)

    started = _start(client)
    done = client.get(_callback_path(started.json()["authorization_url"]), HTTP_ACCEPT="application/json")
    listed = client.get("/api/v1/orgs/acme/connections/").json()

    assert started.status_code == 200
    assert done.status_code == 200, done.content
    assert done.json()["status"] == "active"
    assert done.json()["account_name"] == employee.user.name
    assert "access_token" not in done.json()
    assert [c["network"] for c in listed["results"]] == ["sandbox"]
    stored = NetworkConnection.objects.unscoped().get()
    assert stored.access_token.startswith("gAAAA")  # Fernet, not the token itself
    assert decrypt_token(stored.access_token).startswith("sandbox-token-")
    assert AuditEvent.objects.unscoped().filter(verb="connection.connected").exists()


def test_a_browser_is_sent_back_to_the_spa(employee: Membership, client_for: Any) -> None:
    client = client_for(employee.user)

    done = client.get(_callback_path(_start(client).json()["authorization_url"]), HTTP_ACCEPT="text/html")
    failed = client.get("/api/v1/connections/sandbox/callback?code=x&state=forged", HTTP_ACCEPT="text/html")

    assert done.status_code == 302
    assert done["Location"].endswith("/o/acme/connections?connected=sandbox")
    assert failed.status_code == 302
    assert parse_qs(urlsplit(failed["Location"]).query)["connect_error"] == ["invalid_state"]


def test_a_browser_whose_link_was_used_goes_back_to_its_organisations_connections(
    employee: Membership, client_for: Any
) -> None:
    client = client_for(employee.user)
    path = _callback_path(_start(client).json()["authorization_url"])
    client.get(path, HTTP_ACCEPT="text/html")

    again = client.get(path, HTTP_ACCEPT="text/html")

    assert again.status_code == 302
    assert urlsplit(again["Location"]).path == "/o/acme/connections"
    assert parse_qs(urlsplit(again["Location"]).query)["connect_error"] == ["state_used"]


def test_only_connections_that_cannot_renew_themselves_ask_to_reconnect(
    org: Organization, employee: Membership, client_for: Any
) -> None:
    soon = timezone.now() + timedelta(days=30)
    NetworkConnectionFactory(organization=org, membership=employee, network="linkedin", expires_at=soon)
    NetworkConnectionFactory(
        organization=org, membership=employee, network="x", expires_at=soon, refresh_token=encrypt_token("r")
    )

    rows = client_for(employee.user).get("/api/v1/orgs/acme/connections/").json()["results"]

    by_network = {row["network"]: row["reconnect_by"] for row in rows}
    assert by_network["linkedin"] is not None
    assert by_network["x"] is None


def test_the_state_is_single_use(employee: Membership, client_for: Any) -> None:
    client = client_for(employee.user)
    path = _callback_path(_start(client).json()["authorization_url"])

    first = client.get(path, HTTP_ACCEPT="application/json")
    replay = client.get(path, HTTP_ACCEPT="application/json")

    assert first.status_code == 200
    assert (replay.status_code, replay.json()["code"]) == (409, "state_used")
    assert NetworkConnection.objects.unscoped().count() == 1


def test_a_forged_or_foreign_state_is_refused(
    org: Organization, employee: Membership, make_member: Any, client_for: Any
) -> None:
    path = _callback_path(_start(client_for(employee.user)).json()["authorization_url"])
    colleague = client_for(make_member(org).user)

    forged = client_for(employee.user).get(path.replace("state=", "state=x"), HTTP_ACCEPT="application/json")
    someone_else = colleague.get(path, HTTP_ACCEPT="application/json")
    anonymous = client_for(None).get(path, HTTP_ACCEPT="application/json")

    assert (forged.status_code, forged.json()["code"]) == (422, "invalid_state")
    assert (someone_else.status_code, someone_else.json()["code"]) == (403, "state_not_yours")
    assert anonymous.status_code == 401
    assert not NetworkConnection.objects.unscoped().exclude(membership=employee).exists()


def test_an_expired_state_is_refused(employee: Membership, client_for: Any) -> None:
    path = _callback_path(_start(client_for(employee.user)).json()["authorization_url"])

    with time_machine.travel(timezone.now() + timedelta(minutes=11)):
        response = client_for(employee.user).get(path, HTTP_ACCEPT="application/json")

    assert (response.status_code, response.json()["code"]) == (422, "state_expired")


def test_networks_the_organisation_disabled_or_the_server_lacks_are_refused(
    org: Organization, employee: Membership, client_for: Any
) -> None:
    Organization.objects.filter(pk=org.pk).update(networks_enabled=["linkedin"])
    client = client_for(employee.user)

    disabled = _start(client, "sandbox")
    unavailable = _start(client, "linkedin")

    assert (disabled.status_code, disabled.json()["code"]) == (422, "network_not_enabled")
    assert (unavailable.status_code, unavailable.json()["code"]) == (422, "network_unavailable")


def test_reconnecting_replaces_the_previous_connection(employee: Membership, client_for: Any) -> None:
    client = client_for(employee.user)
    for _ in range(2):
        client.get(_callback_path(_start(client).json()["authorization_url"]), HTTP_ACCEPT="application/json")

    statuses = sorted(NetworkConnection.objects.unscoped().values_list("status", flat=True))

    assert statuses == ["active", "revoked"]


def test_disconnecting_erases_the_tokens(org: Organization, employee: Membership, client_for: Any) -> None:
    connection = NetworkConnectionFactory(organization=org, membership=employee)

    response = client_for(employee.user).delete(f"/api/v1/orgs/acme/connections/{connection.id}/")

    connection.refresh_from_db()
    assert response.status_code == 204
    assert (connection.status, connection.access_token, connection.refresh_token) == ("revoked", "", "")


def test_members_see_and_disconnect_only_their_own(
    org: Organization, employee: Membership, make_member: Any, client_for: Any
) -> None:
    theirs = NetworkConnectionFactory(organization=org, membership=make_member(org, "admin"))
    client = client_for(employee.user)

    assert client.get("/api/v1/orgs/acme/connections/").json()["count"] == 0
    assert client.delete(f"/api/v1/orgs/acme/connections/{theirs.id}/").status_code == 404


def test_tokens_survive_key_rotation(org: Organization, settings: Any) -> None:
    old_key, new_key = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.TOKEN_ENCRYPTION_KEYS = [old_key]
    connection = NetworkConnectionFactory(organization=org, access_token=encrypt_token("secret-access"))

    settings.TOKEN_ENCRYPTION_KEYS = [new_key, old_key]
    call_command("rotate_token_keys")
    settings.TOKEN_ENCRYPTION_KEYS = [new_key]

    connection.refresh_from_db()
    assert decrypt_token(connection.access_token) == "secret-access"
    settings.TOKEN_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]
    with pytest.raises(TokenDecryptionError):
        decrypt_token(connection.access_token)


def test_the_sandbox_accepts_a_retried_post_once(org: Organization, employee: Membership, client_for: Any) -> None:
    connection = NetworkConnectionFactory(organization=org, membership=employee)
    provider = get_provider("sandbox")

    with tenant_context(org):
        credentials = connection_credentials(connection)
        first = provider.post(credentials=credentials, text="Hello", idempotency_key="share-1")
        again = provider.post(credentials=credentials, text="Hello", idempotency_key="share-1")
    posts = client_for(employee.user).get("/api/v1/orgs/acme/sandbox/posts").json()

    assert first == again
    assert SandboxPost.objects.unscoped().count() == 1
    assert posts["results"][0]["text"] == "Hello"
    assert posts["results"][0]["author"] == employee.user.name
