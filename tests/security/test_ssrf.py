"""SSRF: every place we fetch a URL someone typed or connect to a host someone named.

Outbound calls to user-chosen destinations, and their guard:

- link previews of content URLs: ``advocacy.content.previews.fetch_link_preview`` ->
  ``advocacy.core.safe_http.fetch_public_url`` (redirects followed by hand, each hop checked);
- organisation chat webhooks (Slack/Teams, typed by an admin): ``chat_digest_send`` ->
  ``safe_http.post_json_to_public_url`` (redirects never followed);
- Mastodon instances (typed by employees): ``MastodonProvider`` over
  ``safe_http.GuardedAdapter`` (redirects never followed);
- enterprise SSO, OpenID Connect (server URL typed by an admin; the token, userinfo and JWKS
  URLs come from its discovery document): allauth's session from
  ``SocialAccountAdapter.get_requests_session`` over ``GuardedAdapter`` (redirects followed,
  each hop through the guard);
- Bluesky: no user-chosen host at all. Every call goes to ``BLUESKY_SERVICE_URL`` (settings);
  neither the handle nor the DID document in the session steers us elsewhere.

The tracked-link redirect (``/l/<code>``) only ever redirects to the stored content URL:
tests/analytics/test_redirect.py covers it (the query string never changes the target, a
stored URL that is not absolute http(s) has no target, path tricks are a 404).

Every test runs real local HTTP servers on loopback with ``ALLOW_PRIVATE_NETWORK_HOSTS``
off, and asserts a refused destination received no request. A ``socket.connect`` audit hook
records where connections actually go (and stands in for a firewall: a connection to the
public address in the DNS-rebinding tests fails at once instead of leaving the machine).
"""

from __future__ import annotations

import contextlib
import errno
import socket
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

import pytest
import requests
from allauth.socialaccount.models import SocialApp

from advocacy.accounts.adapters import SocialAccountAdapter
from advocacy.accounts.models import Membership, Organization
from advocacy.content.digest import DigestOutcome, chat_digest_send
from advocacy.content.models import ContentItem
from advocacy.content.previews import fetch_link_preview
from advocacy.content.services import content_preview_refresh
from advocacy.core import safe_http
from advocacy.core.safe_http import FetchError, UnsafeUrlError, fetch_public_url, post_json_to_public_url
from advocacy.core.tenancy import tenant_context
from advocacy.networks.models import MastodonApp
from advocacy.networks.providers.base import (
    ConnectRequest,
    Credentials,
    InvalidInstance,
    PostRejected,
)
from advocacy.networks.providers.bluesky import BlueskyProvider
from advocacy.networks.providers.mastodon import MastodonProvider
from advocacy.roles.models import AdvocacyRole
from tests.content.test_digest import NOW, _grid_item
from tests.content.test_digest import sales as sales  # a fixture
from tests.factories import ContentItemFactory
from tests.networks.servers.base import Fault
from tests.networks.servers.bluesky import BlueskyServer

# A public address (example.com's): the DNS-rebinding resolver answers it first. Connections
# to it are refused by the audit hook below, so no test ever leaves the machine.
PUBLIC_ADDRESS = "93.184.216.34"
REDIRECT_URI = "https://advocacy.example/api/v1/connections/mastodon/callback"


# --- real local servers ------------------------------------------------------------------
@dataclass
class Seen:
    method: str
    path: str
    host_header: str


@dataclass
class Server:
    """A threading HTTP server on a loopback address that records every request. Routes map
    a path to (status, headers, body); anything else is a 200 HTML page."""

    address: str = "127.0.0.1"
    routes: dict[str, tuple[int, dict[str, str], bytes]] = field(default_factory=dict)
    seen: list[Seen] = field(default_factory=list)

    def __post_init__(self) -> None:
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self) -> None:
                owner.seen.append(Seen(self.command, self.path, self.headers.get("Host", "")))
                status, headers, body = owner.routes.get(
                    self.path,
                    (200, {"Content-Type": "text/html"}, b"<html><head><title>internal</title></head></html>"),
                )
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self.wfile.write(body)

            do_GET = do_POST = _answer

            def log_message(self, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer((self.address, 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://{self.address}:{self.port}"

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def trap() -> Iterator[Server]:
    """An 'internal service' on 127.0.0.1 that must never be reached."""
    server = Server()
    yield server
    server.close()


@pytest.fixture
def internal() -> Iterator[Server]:
    """An 'internal service' on 127.0.0.2 (loopback too), for tests in which 127.0.0.1
    stands in for the public internet."""
    server = Server(address="127.0.0.2")
    yield server
    server.close()


@pytest.fixture
def public_site() -> Iterator[Server]:
    server = Server()
    yield server
    server.close()


@pytest.fixture(autouse=True)
def _refuse_private_networks(settings: Any) -> None:
    settings.ALLOW_PRIVATE_NETWORK_HOSTS = False
    settings.NETWORK_CONNECT_TIMEOUT = 1.0
    settings.CHAT_WEBHOOK_TIMEOUT = 1.0


# --- where connections go -----------------------------------------------------------------
_WATCH: dict[str, Any] = {"on": False, "connects": []}


def _audit(event: str, args: tuple[Any, ...]) -> None:
    if event != "socket.connect" or not _WATCH["on"]:
        return
    address = args[1]
    if isinstance(address, tuple):
        _WATCH["connects"].append((str(address[0]), int(address[1])))
        if address[0] == PUBLIC_ADDRESS:
            raise OSError(errno.ENETUNREACH, "No route to the public internet in tests")


sys.addaudithook(_audit)  # audit hooks cannot be removed; this one is inert unless watching


@pytest.fixture
def connects() -> Iterator[list[tuple[str, int]]]:
    """Every (address, port) a socket connected to (or tried to) during the test."""
    _WATCH["connects"] = []
    _WATCH["on"] = True
    try:
        yield _WATCH["connects"]
    finally:
        _WATCH["on"] = False


@pytest.fixture
def rebinding_dns(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """``rebind.example`` answers a public address the first time it is resolved and
    127.0.0.1 every time after: a check-then-connect that resolves twice lands on loopback."""
    real = socket.getaddrinfo
    asked: list[str] = []

    def getaddrinfo(host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
        if host != "rebind.example":
            return real(host, port, *args, **kwargs)
        asked.append(host)
        address = PUBLIC_ADDRESS if len(asked) == 1 else "127.0.0.1"
        return [(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", (address, int(port or 0)))]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return asked


# --- the hostile destinations ---------------------------------------------------------------
# Hosts (as they appear in a URL's authority) that must never be connected to. The port is
# the trap's: were the guard to let a loopback form through, the trap would see the request.
HOSTILE_HOSTS = [
    # private networks
    "10.0.0.7",
    "172.16.0.1",
    "192.168.1.10",
    # loopback, in every spelling the resolver understands
    "127.0.0.1",
    "127.1",
    "0x7f000001",
    "2130706433",
    "0177.0.0.1",
    "localhost",
    "[::1]",
    # link-local and the cloud metadata services
    "169.254.10.10",
    "169.254.169.254",
    "[fd00:ec2::254]",
    "[fe80::1]",
    # IPv4 inside IPv6: mapped, NAT64, 6to4, IPv4-compatible
    "[::ffff:127.0.0.1]",
    "[::ffff:169.254.169.254]",
    "[64:ff9b::7f00:1]",
    "[64:ff9b::a9fe:a9fe]",
    "[64:ff9b:1::a00:7]",
    "[2002:7f00:1::]",
    "[::127.0.0.1]",
    # unspecified, multicast, reserved, shared, benchmarking, unique/site-local
    "0.0.0.0",  # noqa: S104 - an address under test, not a bind
    "0",
    "[::]",
    "224.0.0.1",
    "239.255.255.250",
    "[ff02::1]",
    "240.0.0.1",
    "255.255.255.255",
    "100.64.0.1",
    "198.18.0.1",
    "192.0.0.8",
    "[fc00::1]",
    "[fec0::1]",
]


def _hostile_url(host: str, port: int, path: str = "/") -> str:
    return f"http://{host}:{port}{path}"


def _no_connection_to(connects: list[tuple[str, int]], port: int) -> bool:
    return all(connected_port != port for _address, connected_port in connects)


# === 1. Link previews ======================================================================
@pytest.mark.parametrize("host", HOSTILE_HOSTS)
def test_preview_refuses_private_and_reserved_hosts(host: str, trap: Server, connects: list[tuple[str, int]]) -> None:
    with pytest.raises(UnsafeUrlError):
        fetch_link_preview(_hostile_url(host, trap.port, "/latest/meta-data/"))

    assert trap.seen == []
    assert _no_connection_to(connects, trap.port)


@pytest.mark.parametrize(
    "url_template",
    [
        "http://public.example@127.0.0.1:{port}/",
        "http://public.example:pw@127.0.0.1:{port}/",
        "http://127.0.0.1:{port}@public.example/",
        "file:///etc/passwd",
        "gopher://127.0.0.1:{port}/_GET",
        "ftp://127.0.0.1:{port}/",
        "http://127.0.0.1:{port}:80/",
    ],
)
def test_preview_refuses_userinfo_tricks_and_other_schemes(url_template: str, trap: Server) -> None:
    with pytest.raises(UnsafeUrlError):
        fetch_link_preview(url_template.format(port=trap.port))

    assert trap.seen == []


def test_preview_connects_to_the_address_it_checked_not_a_second_dns_answer(
    trap: Server, rebinding_dns: list[str], connects: list[tuple[str, int]]
) -> None:
    with pytest.raises(FetchError):
        fetch_link_preview(f"http://rebind.example:{trap.port}/")

    assert rebinding_dns == ["rebind.example"]  # resolved once
    assert [c for c in connects if c[1] == trap.port] == [(PUBLIC_ADDRESS, trap.port)]
    assert trap.seen == []


def _only_127_0_0_1_is_public(address: str) -> bool:
    # 127.0.0.1 stands in for the public internet; everything else keeps the real rule.
    return address == "127.0.0.1" or safe_http.is_public_address(address)


@pytest.mark.parametrize(
    "location",
    [
        "http://127.0.0.2:{internal}/admin",
        "http://2130706434:{internal}/admin",
        "http://0x7f000002:{internal}/admin",
        "http://[::ffff:127.0.0.2]:{internal}/admin",
        "http://public.example@127.0.0.2:{internal}/admin",
        "http://169.254.169.254/latest/meta-data/iam/security-credentials/",
        "http://[fd00:ec2::254]/latest/meta-data/",
        "http://10.0.0.7/admin",
        "file:///etc/passwd",
        "gopher://127.0.0.2:{internal}/_GET",
    ],
)
def test_preview_refuses_a_redirect_to_a_private_address(
    location: str, public_site: Server, internal: Server, connects: list[tuple[str, int]]
) -> None:
    public_site.routes["/go"] = (302, {"Location": location.format(internal=internal.port)}, b"")

    with pytest.raises(UnsafeUrlError):
        fetch_public_url(f"{public_site.url}/go", address_allowed=_only_127_0_0_1_is_public)

    assert [seen.path for seen in public_site.seen] == ["/go"]
    assert internal.seen == []
    assert {address for address, _port in connects} == {"127.0.0.1"}  # the public site only


def test_preview_follows_a_redirect_to_another_public_host(public_site: Server, trap: Server) -> None:
    other_public = trap  # another host, public in this test
    public_site.routes["/moved"] = (301, {"Location": f"{other_public.url}/article"}, b"")

    page = fetch_public_url(f"{public_site.url}/moved", address_allowed=_only_127_0_0_1_is_public)

    assert page.url == f"{other_public.url}/article"
    assert [seen.path for seen in other_public.seen] == ["/article"]


def test_preview_of_content_on_a_private_host_is_recorded_as_failed_and_nothing_is_fetched(
    org: Organization, trap: Server
) -> None:
    content = ContentItemFactory(organization=org, url=f"http://169.254.169.254:{trap.port}/latest/meta-data/")

    with tenant_context(org):
        content_preview_refresh(content_id=content.pk)

    stored = ContentItem.objects.unscoped().get(pk=content.pk)
    assert (stored.preview_status, stored.preview_title) == ("failed", "")
    assert "private or reserved" in stored.preview_error
    assert trap.seen == []


# === 2. Chat webhooks (Slack / Teams) ========================================================
@pytest.mark.parametrize("host", HOSTILE_HOSTS)
def test_webhook_refuses_private_and_reserved_hosts(host: str, trap: Server, connects: list[tuple[str, int]]) -> None:
    with pytest.raises(UnsafeUrlError):
        post_json_to_public_url(_hostile_url(host, trap.port, "/hooks/x"), {"text": "hi"})

    assert trap.seen == []
    assert _no_connection_to(connects, trap.port)


@pytest.mark.parametrize(
    "url_template",
    ["http://hooks.slack.com@127.0.0.1:{port}/services/x", "https://user:pw@127.0.0.1:{port}/", "file:///etc/passwd"],
)
def test_webhook_refuses_userinfo_tricks_and_other_schemes(url_template: str, trap: Server) -> None:
    with pytest.raises(UnsafeUrlError):
        post_json_to_public_url(url_template.format(port=trap.port), {"text": "hi"})

    assert trap.seen == []


def test_webhook_connects_to_the_address_it_checked_not_a_second_dns_answer(
    trap: Server, rebinding_dns: list[str], connects: list[tuple[str, int]]
) -> None:
    with pytest.raises(FetchError):
        post_json_to_public_url(f"http://rebind.example:{trap.port}/hooks/x", {"text": "hi"})

    assert rebinding_dns == ["rebind.example"]
    assert [c for c in connects if c[1] == trap.port] == [(PUBLIC_ADDRESS, trap.port)]
    assert trap.seen == []


@pytest.mark.parametrize(
    "location", ["http://127.0.0.2:{internal}/hooks/x", "http://169.254.169.254/latest/meta-data/", "{public}/other"]
)
def test_webhook_never_follows_a_redirect_not_even_to_a_public_host(
    location: str, public_site: Server, internal: Server, trap: Server
) -> None:
    public_site.routes["/hooks/x"] = (307, {"Location": location.format(internal=internal.port, public=trap.url)}, b"")

    with pytest.raises(FetchError, match="HTTP 307"):
        post_json_to_public_url(f"{public_site.url}/hooks/x", {"text": "hi"}, address_allowed=_only_127_0_0_1_is_public)

    assert [(seen.method, seen.path) for seen in public_site.seen] == [("POST", "/hooks/x")]
    assert internal.seen == []  # the body was never re-sent anywhere
    assert trap.seen == []


@pytest.mark.parametrize("host", ["127.0.0.1", "169.254.169.254", "[::ffff:127.0.0.1]", "localhost"])
def test_an_organisation_webhook_on_a_private_host_is_refused_by_the_digest(
    host: str,
    org: Organization,
    sales: AdvocacyRole,
    trap: Server,
) -> None:
    Organization.objects.filter(pk=org.pk).update(
        chat_webhook_kind="slack", chat_webhook_url=f"https://{host}:{trap.port}/services/T/B/x"
    )
    _grid_item(org, sales, "Streaming report", approved_at=NOW)

    with tenant_context(org):
        outcome = chat_digest_send(organization=org, now=NOW)

    assert outcome == DigestOutcome.REFUSED
    assert trap.seen == []


# === 3. Mastodon instances =================================================================
def _mastodon_start(instance: str) -> tuple[str, dict[str, Any]]:
    return MastodonProvider().authorization_url(
        state="state-1", redirect_uri=REDIRECT_URI, code_verifier="v" * 64, request=ConnectRequest(instance=instance)
    )


def _authority(host: str, port: int) -> str:
    return f"{host}:{port}"


@pytest.mark.django_db
@pytest.mark.parametrize("host", HOSTILE_HOSTS)
def test_mastodon_refuses_private_and_reserved_instances(
    host: str, trap: Server, connects: list[tuple[str, int]]
) -> None:
    with pytest.raises(InvalidInstance):
        _mastodon_start(_authority(host, trap.port))

    assert trap.seen == []
    assert _no_connection_to(connects, trap.port)
    assert not MastodonApp.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "typed",
    ["https://mastodon.social@127.0.0.1:{port}", "mastodon.social:x@127.0.0.1:{port}", "file:///etc/passwd"],
)
def test_mastodon_refuses_userinfo_tricks_and_other_schemes(typed: str, trap: Server) -> None:
    with pytest.raises(InvalidInstance):
        _mastodon_start(typed.format(port=trap.port))

    assert trap.seen == []


@pytest.mark.django_db
def test_mastodon_connects_to_the_address_it_checked_not_a_second_dns_answer(
    trap: Server, rebinding_dns: list[str], connects: list[tuple[str, int]]
) -> None:
    with pytest.raises(InvalidInstance, match="could not be reached"):
        _mastodon_start(f"rebind.example:{trap.port}")

    assert rebinding_dns == ["rebind.example"]
    assert [c for c in connects if c[1] == trap.port] == [(PUBLIC_ADDRESS, trap.port)]
    assert trap.seen == []


@pytest.mark.django_db
def test_mastodon_refuses_every_call_for_a_stored_connection_whose_instance_is_private(trap: Server) -> None:
    # An instance stored while it was public (or before the guard) is re-checked on every call.
    credentials = Credentials(
        connection_id="c-1",
        organization_id="o-1",
        account_id="1@x",
        access_token="token",
        instance=f"127.0.0.1:{trap.port}",
    )
    provider = MastodonProvider()

    with pytest.raises(InvalidInstance):
        provider.post(credentials=credentials, text="hello", idempotency_key="k-1")
    with pytest.raises(InvalidInstance):
        provider.engagement(credentials=credentials, external_id="1")

    assert trap.seen == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    "location", ["http://127.0.0.2:{internal}/api/v1/apps", "http://169.254.169.254/", "{public}/"]
)
def test_mastodon_never_follows_a_redirect(
    location: str, settings: Any, public_site: Server, internal: Server, trap: Server
) -> None:
    # Here even loopback is allowed, so only "redirects are not followed" can keep the
    # internal service and the other host unreached.
    settings.ALLOW_PRIVATE_NETWORK_HOSTS = True
    public_site.routes["/api/v1/apps"] = (
        307,
        {"Location": location.format(internal=internal.port, public=trap.url)},
        b"",
    )

    with pytest.raises(InvalidInstance):
        _mastodon_start(f"127.0.0.1:{public_site.port}")

    assert [seen.path for seen in public_site.seen] == ["/api/v1/apps"]
    assert internal.seen == []
    assert trap.seen == []


def test_mastodon_instance_via_the_api_is_refused_without_a_request(
    org: Organization, employee: Membership, client_for: Any, trap: Server
) -> None:
    client = client_for(employee.user)

    for instance in (f"127.0.0.1:{trap.port}", f"[::ffff:127.0.0.1]:{trap.port}", f"169.254.169.254:{trap.port}"):
        started = client.post("/api/v1/orgs/acme/connections/mastodon/start", {"instance": instance}, format="json")
        assert started.status_code in (400, 422), (instance, started.json())
        assert started.json()["code"] == "invalid_instance", started.json()
    assert trap.seen == []


# === 4. Bluesky: the host comes from settings only ===========================================
@pytest.fixture
def bluesky(settings: Any) -> Iterator[BlueskyServer]:
    """The Bluesky service, configured by the operator (trusted, so loopback is fine here
    even with private networks refused: it is not user input)."""
    server = BlueskyServer()
    with server.running():
        settings.BLUESKY_SERVICE_URL = server.url
        settings.ALLOW_PRIVATE_NETWORK_HOSTS = False
        yield server


def _bluesky_start(handle: str, password: str) -> tuple[str, dict[str, Any]]:
    return BlueskyProvider().authorization_url(
        state="s",
        redirect_uri="https://advocacy.example/cb",
        code_verifier="",
        request=ConnectRequest(handle=handle, app_password=password),
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "handle_template",
    [
        "127.0.0.1:{port}",
        "http://127.0.0.1:{port}/",
        "sam@127.0.0.1:{port}",
        "did:web:127.0.0.1%3A{port}",
        "169.254.169.254",
    ],
)
def test_bluesky_handles_naming_a_host_are_only_sent_to_the_configured_service(
    handle_template: str, bluesky: BlueskyServer, trap: Server, connects: list[tuple[str, int]]
) -> None:
    with pytest.raises(Exception):  # noqa: B017, PT011 - the service refuses the login; how is not the point
        _bluesky_start(handle_template.format(port=trap.port), "abcd-efgh-ijkl-mnop")

    assert bluesky.calls("POST", "com.atproto.server.createSession") == 1
    assert trap.seen == []
    service_port = urlsplit(bluesky.url).port
    assert {port for _address, port in connects} <= {service_port}


@pytest.mark.django_db
def test_bluesky_never_follows_the_pds_endpoint_of_the_did_document(bluesky: BlueskyServer, trap: Server) -> None:
    # A real createSession answer carries the account's DID document, whose service entry
    # names its PDS. We do not resolve handles or DIDs, nor use that entry: every later call
    # still goes to BLUESKY_SERVICE_URL.
    account = bluesky.add_account("sam.bsky.social", app_password="abcd-efgh-ijkl-mnop")
    did_doc = {
        "id": account.did,
        "service": [{"id": "#atproto_pds", "type": "AtprotoPersonalDataServer", "serviceEndpoint": trap.url}],
    }
    bluesky.inject(
        Fault(
            kind="status",
            method="POST",
            path="/xrpc/com.atproto.server.createSession",
            status=200,
            body={**bluesky.issue_session(account.did), "didDoc": did_doc},
        )
    )
    provider = BlueskyProvider()

    _url, remembered = _bluesky_start("sam.bsky.social", "abcd-efgh-ijkl-mnop")
    credentials = Credentials(
        connection_id="c-1", organization_id="o-1", account_id=account.did, access_token=remembered["accessJwt"]
    )
    provider.post(credentials=credentials, text="hello", idempotency_key="k-1")

    assert len(bluesky.posts(account.did)) == 1
    assert trap.seen == []


@pytest.mark.django_db
@pytest.mark.parametrize("location", ["{trap}/xrpc/com.atproto.server.createSession", "http://169.254.169.254/"])
def test_bluesky_never_follows_a_redirect_from_the_service(location: str, bluesky: BlueskyServer, trap: Server) -> None:
    bluesky.inject(
        Fault(
            kind="status",
            method="POST",
            path="/xrpc/com.atproto.server.createSession",
            status=307,
            headers={"Location": location.format(trap=trap.url)},
        )
    )

    with pytest.raises(PostRejected, match="redirect"):
        _bluesky_start("sam.bsky.social", "abcd-efgh-ijkl-mnop")

    assert trap.seen == []


# === 5. Enterprise SSO (OpenID Connect) =======================================================
def _allauth_get(url: str) -> requests.Response:
    with SocialAccountAdapter().get_requests_session() as session:
        return session.get(url)


@pytest.mark.parametrize("host", HOSTILE_HOSTS)
def test_sso_calls_out_refuse_private_and_reserved_hosts(
    host: str, trap: Server, connects: list[tuple[str, int]]
) -> None:
    with pytest.raises(requests.ConnectionError):
        _allauth_get(_hostile_url(host, trap.port, "/.well-known/openid-configuration"))

    assert trap.seen == []
    assert _no_connection_to(connects, trap.port)


def test_sso_calls_out_refuse_userinfo_tricks(trap: Server) -> None:
    with pytest.raises(requests.ConnectionError):
        _allauth_get(f"http://idp.example@127.0.0.1:{trap.port}/.well-known/openid-configuration")

    assert trap.seen == []


def test_sso_calls_out_ignore_proxies_from_the_environment(trap: Server, monkeypatch: pytest.MonkeyPatch) -> None:
    # A proxy would connect on our behalf and bypass the guard.
    monkeypatch.setenv("HTTP_PROXY", trap.url)
    monkeypatch.setenv("HTTPS_PROXY", trap.url)

    with pytest.raises(requests.ConnectionError):
        _allauth_get("http://169.254.169.254/latest/meta-data/")

    assert trap.seen == []


def test_sso_calls_out_connect_to_the_address_they_checked_not_a_second_dns_answer(
    trap: Server, rebinding_dns: list[str], connects: list[tuple[str, int]]
) -> None:
    with pytest.raises(requests.ConnectionError):
        _allauth_get(f"http://rebind.example:{trap.port}/.well-known/openid-configuration")

    assert rebinding_dns == ["rebind.example"]
    assert [c for c in connects if c[1] == trap.port] == [(PUBLIC_ADDRESS, trap.port)]
    assert trap.seen == []


@pytest.mark.parametrize(
    "location", ["http://127.0.0.2:{internal}/.well-known/openid-configuration", "http://169.254.169.254/"]
)
def test_sso_calls_out_refuse_a_redirect_to_a_private_address(
    location: str, public_site: Server, internal: Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(safe_http, "is_public_address", _public_unless_internal(safe_http.is_public_address))
    public_site.routes["/.well-known/openid-configuration"] = (
        302,
        {"Location": location.format(internal=internal.port)},
        b"",
    )

    with pytest.raises(requests.ConnectionError):
        _allauth_get(f"{public_site.url}/.well-known/openid-configuration")

    assert [seen.path for seen in public_site.seen] == ["/.well-known/openid-configuration"]
    assert internal.seen == []


def test_sso_calls_out_follow_a_redirect_to_another_public_host(
    public_site: Server, trap: Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(safe_http, "is_public_address", _public_unless_internal(safe_http.is_public_address))
    public_site.routes["/.well-known/openid-configuration"] = (
        302,
        {"Location": f"{trap.url}/.well-known/openid-configuration"},
        b"",
    )

    response = _allauth_get(f"{public_site.url}/.well-known/openid-configuration")

    assert response.status_code == 200
    assert [seen.path for seen in trap.seen] == ["/.well-known/openid-configuration"]


def _public_unless_internal(rule: Callable[[str], bool]) -> Callable[[str], bool]:
    # 127.0.0.1 stands in for the public internet; everything else keeps the real rule.
    return lambda address: address == "127.0.0.1" or rule(address)


def test_an_oidc_provider_on_a_private_host_is_never_contacted_at_login(
    admin: Membership, client_for: Any, trap: Server
) -> None:
    from django.test import Client

    configured = client_for(admin.user).post(
        "/api/v1/orgs/acme/sso/",
        {
            "kind": "oidc",
            "name": "Acme IdP",
            "email_domains": ["acme.example"],
            "server_url": f"http://127.0.0.1:{trap.port}",
            "client_id": "acme-client",
        },
        format="json",
    )
    assert configured.status_code == 201, configured.json()
    assert SocialApp.objects.filter(provider_id="acme-oidc").exists()

    browser = Client(enforce_csrf_checks=True, HTTP_HOST="advocacy.example.com", raise_request_exception=False)
    browser.get("/_allauth/browser/v1/auth/session")
    redirect = browser.post(
        "/_allauth/browser/v1/auth/provider/redirect",
        {
            "provider": "acme-oidc",
            "callback_url": "/",
            "process": "login",
            "csrfmiddlewaretoken": browser.cookies["csrftoken"].value,
        },
    )

    assert trap.seen == []
    assert redirect.status_code == 502
    assert redirect.json()["code"] == "identity_provider_unreachable"
