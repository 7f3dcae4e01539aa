"""Connecting Mastodon and Bluesky through the API against their local servers, the
SSRF guard on a named instance, and reconnect reminders before a token runs out."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode, urlsplit

import pytest
from django.core import mail
from django.utils import timezone

from advocacy.accounts.models import Membership, Organization
from advocacy.core.tenancy import tenant_context
from advocacy.networks.models import ConnectionStatus, MastodonApp, NetworkConnection
from advocacy.networks.services import connections_check_expiry
from advocacy.networks.tokens import decrypt_token
from tests.conftest import MakeMember
from tests.factories import NetworkConnectionFactory

if TYPE_CHECKING:
    from tests.networks.servers.bluesky import BlueskyServer
    from tests.networks.servers.mastodon import MastodonServer


@pytest.fixture(autouse=True)
def _networks_enabled(org: Organization) -> None:
    Organization.objects.filter(pk=org.pk).update(networks_enabled=["sandbox", "linkedin", "mastodon", "bluesky"])


def _local_path(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}"


def test_an_employee_connects_a_mastodon_instance_they_name(
    org: Organization, make_member: MakeMember, client_for: Any, mastodon_server: MastodonServer
) -> None:
    first, second = make_member(org), make_member(org)
    connected = []
    for member in (first, second):
        client = client_for(member.user)
        started = client.post(
            "/api/v1/orgs/acme/connections/mastodon/start", {"instance": mastodon_server.instance}, format="json"
        )
        assert started.status_code == 200, started.json()
        callback = urlencode(mastodon_server.authorize(started.json()["authorization_url"]))
        done = client.get(f"/api/v1/connections/mastodon/callback?{callback}", HTTP_ACCEPT="application/json")
        assert done.status_code == 200, done.json()
        connected.append(done.json())

    stored = NetworkConnection.objects.unscoped().get(pk=connected[0]["id"])
    assert connected[0]["instance"] == mastodon_server.instance
    assert connected[0]["account_id"].endswith(f"@{mastodon_server.instance}")
    assert decrypt_token(stored.access_token) in mastodon_server.tokens
    assert MastodonApp.objects.count() == 1
    assert mastodon_server.calls("POST", "/api/v1/apps") == 1  # registered once for both


def test_a_mastodon_instance_on_a_private_address_is_refused(
    org: Organization, employee: Membership, client_for: Any, mastodon_server: MastodonServer, settings: Any
) -> None:
    settings.ALLOW_PRIVATE_NETWORK_HOSTS = False
    client = client_for(employee.user)

    for instance in (mastodon_server.instance, "localhost", "10.0.0.7", "169.254.169.254", "mastodon.social/@me"):
        started = client.post("/api/v1/orgs/acme/connections/mastodon/start", {"instance": instance}, format="json")
        assert started.status_code in (400, 422), (instance, started.json())
        assert started.json()["code"] in {"invalid_instance", "network_unreachable"}, started.json()
    assert mastodon_server.requests == []


def test_an_employee_connects_bluesky_with_an_app_password(
    org: Organization, employee: Membership, client_for: Any, bluesky_server: BlueskyServer
) -> None:
    account = bluesky_server.add_account("sam.bsky.social", app_password="abcd-efgh-ijkl-mnop")
    client = client_for(employee.user)

    wrong = client.post(
        "/api/v1/orgs/acme/connections/bluesky/start",
        {"handle": "sam.bsky.social", "app_password": "wrong-wrong-wrong-wrong"},
        format="json",
    )
    started = client.post(
        "/api/v1/orgs/acme/connections/bluesky/start",
        {"handle": "@sam.bsky.social", "app_password": "abcd-efgh-ijkl-mnop"},
        format="json",
    )
    done = client.get(_local_path(started.json()["authorization_url"]), HTTP_ACCEPT="application/json")

    assert wrong.status_code == 422
    assert wrong.json()["code"] == "invalid_grant"
    assert "app password" in wrong.json()["detail"]
    assert done.status_code == 200, done.json()
    assert done.json()["account_id"] == account.did
    stored = NetworkConnection.objects.unscoped().get(pk=done.json()["id"])
    assert stored.refresh_token  # a session that can be renewed
    assert stored.expires_at is not None


def test_unknown_fields_when_starting_are_refused(employee: Membership, client_for: Any) -> None:
    response = client_for(employee.user).post(
        "/api/v1/orgs/acme/connections/sandbox/start", {"password": "x"}, format="json"
    )

    assert response.status_code == 400


def test_employees_are_reminded_once_before_a_token_that_cannot_renew_runs_out(
    org: Organization, employee: Membership
) -> None:
    now = timezone.now()
    expiring = NetworkConnectionFactory(
        organization=org, membership=employee, network="linkedin", expires_at=now + timedelta(days=10)
    )
    renewable = NetworkConnectionFactory(
        organization=org, network="x", expires_at=now + timedelta(days=1), refresh_token="gAAAA-encrypted"
    )
    ran_out = NetworkConnectionFactory(organization=org, network="linkedin", expires_at=now - timedelta(hours=1))

    with tenant_context(org):
        first = connections_check_expiry(now=now)
        again = connections_check_expiry(now=now + timedelta(hours=6))

    assert first == {"expired": 1, "reminded": 1}
    assert again == {"expired": 0, "reminded": 0}
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [employee.user.email]
    assert "/o/acme/connections" in mail.outbox[0].body
    assert NetworkConnection.objects.unscoped().get(pk=ran_out.pk).status == ConnectionStatus.EXPIRED
    assert NetworkConnection.objects.unscoped().get(pk=renewable.pk).status == ConnectionStatus.ACTIVE
    assert NetworkConnection.objects.unscoped().get(pk=expiring.pk).reminded_at is not None
