"""Per-organisation enterprise SSO: configuration, discovery, the login redirect (against a
local OpenID Connect discovery server and a SAML IdP configuration), and joining on login."""

import datetime
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest
from allauth.socialaccount.models import SocialApp
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from django.test import Client

from advocacy.accounts.models import Membership, Organization, SsoProvider
from advocacy.accounts.services import membership_join_via_sso
from advocacy.core.models import AuditEvent
from tests.factories import UserFactory


@pytest.fixture
def oidc_server(settings: Any) -> Iterator[str]:
    """A local identity provider that answers OpenID Connect discovery."""
    settings.ALLOW_PRIVATE_NETWORK_HOSTS = True  # allauth's calls out are SSRF-guarded

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            base = f"http://127.0.0.1:{self.server.server_address[1]}"
            if self.path == "/.well-known/openid-configuration":
                body = json.dumps(
                    {
                        "issuer": base,
                        "authorization_endpoint": f"{base}/authorize",
                        "token_endpoint": f"{base}/token",
                        "userinfo_endpoint": f"{base}/userinfo",
                        "jwks_uri": f"{base}/jwks",
                    }
                ).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(body)
            else:
                self.send_response(404)
                self.end_headers()

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def _self_signed_certificate() -> str:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "idp.example.com")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(now + datetime.timedelta(days=30))
        .sign(key, hashes.SHA256())
    )
    return certificate.public_bytes(serialization.Encoding.PEM).decode()


def _configure(client: Any, **fields: Any) -> Any:
    return client.post("/api/v1/orgs/acme/sso/", fields, format="json")


def _provider_redirect(provider_id: str) -> Any:
    browser = Client(enforce_csrf_checks=True, HTTP_HOST="advocacy.example.com")
    browser.get("/_allauth/browser/v1/auth/session")
    return browser.post(
        "/_allauth/browser/v1/auth/provider/redirect",
        {
            "provider": provider_id,
            "callback_url": "/",
            "process": "login",
            "csrfmiddlewaretoken": browser.cookies["csrftoken"].value,
        },
    )


def test_admin_configures_oidc_and_the_login_redirects_to_the_identity_provider(
    admin: Membership, client_for: Any, oidc_server: str
) -> None:
    response = _configure(
        client_for(admin.user),
        kind="oidc",
        name="Acme Okta",
        email_domains=["ACME.example", "@acme.io"],
        server_url=oidc_server,
        client_id="acme-client",
        client_secret="s3cret",
    )
    redirect = _provider_redirect("acme-oidc")

    assert response.status_code == 201
    assert response.json()["email_domains"] == ["acme.example", "acme.io"]
    assert response.json()["has_client_secret"] is True
    assert "client_secret" not in response.json()
    app = SocialApp.objects.get(provider_id="acme-oidc")
    assert (app.provider, app.client_id, app.settings["server_url"]) == ("openid_connect", "acme-client", oidc_server)
    assert redirect.status_code == 302
    location = urlparse(redirect["Location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == f"{oidc_server}/authorize"
    assert parse_qs(location.query)["client_id"] == ["acme-client"]
    assert AuditEvent.objects.unscoped().filter(verb="sso.configured").exists()


def test_saml_login_redirects_to_the_idp_with_a_request(admin: Membership, client_for: Any) -> None:
    response = _configure(
        client_for(admin.user),
        kind="saml",
        name="Acme Entra",
        email_domains=["acme.example"],
        idp_entity_id="https://idp.example.com/metadata",
        idp_sso_url="https://idp.example.com/sso",
        idp_x509cert=_self_signed_certificate(),
    )
    redirect = _provider_redirect("acme-saml")

    assert response.status_code == 201
    assert redirect.status_code == 302
    assert redirect["Location"].startswith("https://idp.example.com/sso?SAMLRequest=")


def test_incomplete_configuration_is_refused(admin: Membership, client_for: Any) -> None:
    response = _configure(client_for(admin.user), kind="oidc", name="Half", email_domains=["acme.example"])

    assert response.status_code == 422
    assert response.json()["code"] == "sso_incomplete"
    assert set(response.json()["missing"]) == {"server_url", "client_id"}
    assert not SocialApp.objects.exists()


def test_discovery_offers_the_provider_for_its_domains_only(
    admin: Membership, client_for: Any, oidc_server: str
) -> None:
    _configure(
        client_for(admin.user),
        kind="oidc",
        name="Acme Okta",
        email_domains=["acme.example"],
        server_url=oidc_server,
        client_id="c",
    )

    found = Client().get("/api/v1/sso/discover", {"email": "jo@ACME.example"}).json()
    other = Client().get("/api/v1/sso/discover", {"email": "jo@gmail.example"}).json()
    bad = Client().get("/api/v1/sso/discover", {"email": "not-an-email"})

    assert found == {"providers": [{"id": "acme-oidc", "name": "Acme Okta", "kind": "oidc"}]}
    assert other == {"providers": []}
    assert bad.status_code == 400
    assert bad.json()["code"] == "validation_error"


def test_disabling_and_deleting_a_provider(admin: Membership, client_for: Any, oidc_server: str) -> None:
    client = client_for(admin.user)
    provider_id = _configure(
        client, kind="oidc", name="Okta", email_domains=["acme.example"], server_url=oidc_server, client_id="c"
    ).json()["id"]

    disabled = client.patch(f"/api/v1/orgs/acme/sso/{provider_id}/", {"enabled": False}, format="json")
    discovered = Client().get("/api/v1/sso/discover", {"email": "a@acme.example"}).json()
    deleted = client.delete(f"/api/v1/orgs/acme/sso/{provider_id}/")

    assert disabled.json()["enabled"] is False
    assert discovered == {"providers": []}
    assert deleted.status_code == 204
    assert not SocialApp.objects.exists()
    assert not SsoProvider.objects.unscoped().exists()


def test_a_first_sso_login_joins_the_organisation_as_employee(
    org: Organization, admin: Membership, client_for: Any, oidc_server: str
) -> None:
    _configure(
        client_for(admin.user),
        kind="oidc",
        name="Okta",
        email_domains=["acme.example"],
        server_url=oidc_server,
        client_id="c",
    )
    colleague = UserFactory(email="colleague@acme.example")
    stranger = UserFactory(email="someone@elsewhere.example")

    joined = membership_join_via_sso(user=colleague, provider_id="acme-oidc")
    refused = membership_join_via_sso(user=stranger, provider_id="acme-oidc")

    assert joined is not None
    assert (joined.organization_id, joined.org_role) == (org.id, "employee")
    assert refused is None


def test_sso_login_does_not_reactivate_a_deactivated_member(
    org: Organization, admin: Membership, client_for: Any, oidc_server: str, make_member: Any
) -> None:
    _configure(
        client_for(admin.user),
        kind="oidc",
        name="Okta",
        email_domains=["acme.example"],
        server_url=oidc_server,
        client_id="c",
    )
    former = make_member(org, user=UserFactory(email="former@acme.example"), is_active=False)

    membership_join_via_sso(user=former.user, provider_id="acme-oidc")

    former.refresh_from_db()
    assert not former.is_active
