"""Link previews over real HTTP against local servers, and the SSRF guard."""

import contextlib
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from django.test import TestCase

from advocacy.accounts.models import Membership, Organization
from advocacy.content.models import ContentItem
from advocacy.content.previews import parse_preview
from advocacy.content.services import content_preview_refresh
from advocacy.core.safe_http import FetchError, UnsafeUrlError, fetch_public_url, is_public_address
from advocacy.core.tenancy import tenant_context
from tests.factories import ContentItemFactory

PAGE = b"""<!doctype html><html><head><title>Fallback title</title>
<meta property="og:title" content="The 2026 report">
<meta property="og:description" content="What 400 data leaders told us &amp; more">
<meta property="og:image" content="/img/cover.png">
</head><body>hello</body></html>"""

HITS: list[str] = []


class Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        HITS.append(self.path)
        port = self.server.server_address[1]
        routes: dict[str, tuple[int, dict[str, str], bytes]] = {
            "/article": (200, {"Content-Type": "text/html; charset=utf-8"}, PAGE),
            "/moved": (302, {"Location": f"http://127.0.0.1:{port}/article"}, b""),
            "/to-metadata": (302, {"Location": "http://169.254.169.254/latest/meta-data/"}, b""),
            "/to-private": (302, {"Location": "http://10.0.0.7/admin"}, b""),
            "/loop": (302, {"Location": "/loop"}, b""),
            "/pdf": (200, {"Content-Type": "application/pdf"}, b"%PDF-1.7"),
            "/huge": (200, {"Content-Type": "text/html"}, b"<html>" + b"x" * (3 * 1024 * 1024)),
            "/missing": (404, {"Content-Type": "text/html"}, b"nope"),
        }
        if self.path == "/slow":
            time.sleep(2)
            routes["/slow"] = (200, {"Content-Type": "text/html"}, PAGE)
        status, headers, body = routes.get(self.path, (404, {}, b""))
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def site() -> Iterator[str]:
    HITS.clear()
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def only_loopback(address: str) -> bool:
    """Stands in for "public" in tests: the local server is the only reachable host."""
    return address == "127.0.0.1"


def test_the_opengraph_preview_is_parsed(site: str) -> None:
    page = fetch_public_url(f"{site}/article", address_allowed=only_loopback)

    preview = parse_preview(page.body.decode(), base_url=page.url)

    assert preview.title == "The 2026 report"
    assert preview.description == "What 400 data leaders told us & more"
    assert preview.image_url == f"{site}/img/cover.png"


def test_redirects_are_followed_and_each_hop_checked(site: str) -> None:
    assert fetch_public_url(f"{site}/moved", address_allowed=only_loopback).url == f"{site}/article"

    for path in ("/to-metadata", "/to-private"):
        with pytest.raises(UnsafeUrlError):
            fetch_public_url(f"{site}{path}", address_allowed=only_loopback)
    assert HITS.count("/latest/meta-data/") == 0


@pytest.mark.parametrize(
    ("path", "message"),
    [("/loop", "Too many redirects"), ("/pdf", "Not a web page"), ("/huge", "too large"), ("/missing", "HTTP 404")],
)
def test_fetches_are_capped(site: str, path: str, message: str) -> None:
    with pytest.raises(FetchError, match=message):
        fetch_public_url(f"{site}{path}", address_allowed=only_loopback)


def test_a_slow_server_times_out(site: str) -> None:
    started = time.monotonic()
    with pytest.raises(FetchError):
        fetch_public_url(f"{site}/slow", address_allowed=only_loopback, timeout=0.5)
    assert time.monotonic() - started < 1.9


def test_loopback_is_refused_by_default(site: str, settings: Any) -> None:
    settings.ALLOW_PRIVATE_NETWORK_HOSTS = False

    with pytest.raises(UnsafeUrlError, match="private or reserved"):
        fetch_public_url(f"{site}/article")
    assert HITS == []


def test_a_hostname_resolving_to_a_private_address_is_refused_before_connecting(settings: Any) -> None:
    settings.ALLOW_PRIVATE_NETWORK_HOSTS = False

    with pytest.raises(UnsafeUrlError):
        fetch_public_url("http://intranet.example/", resolver=lambda host, port: ["192.168.1.10"])


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "file:///etc/passwd", "ftp://example.com/", "http://user:pw@example.com/", "http://"]
)
def test_only_plain_http_urls_are_fetched(url: str) -> None:
    with pytest.raises(UnsafeUrlError):
        fetch_public_url(url)


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("8.8.8.8", True),
        ("2001:4860:4860::8888", True),
        ("127.0.0.1", False),
        ("10.1.2.3", False),
        ("172.16.0.1", False),
        ("192.168.0.1", False),
        ("169.254.169.254", False),
        ("::1", False),
        ("fe80::1", False),
        ("fc00::1", False),
        ("::ffff:127.0.0.1", False),
        ("0.0.0.0", False),  # noqa: S104 - an address under test, not a bind
        ("224.0.0.1", False),
        ("100.64.0.1", False),
    ],
)
def test_which_addresses_count_as_public(address: str, public: bool) -> None:
    assert is_public_address(address) is public


def test_creating_content_fetches_its_preview_in_the_background(
    org: Organization, admin: Membership, site: str, settings: Any, client_for: Any
) -> None:
    settings.ALLOW_PRIVATE_NETWORK_HOSTS = True  # the local server stands in for the web

    with TestCase.captureOnCommitCallbacks(execute=True):
        created = client_for(admin.user).post(
            "/api/v1/orgs/acme/content/", {"title": "Report", "url": f"{site}/article"}, format="json"
        )
    item = client_for(admin.user).get(f"/api/v1/orgs/acme/content/{created.json()['id']}/").json()

    assert created.json()["preview"]["status"] == "pending"
    assert item["preview"]["status"] == "fetched"
    assert item["preview"]["title"] == "The 2026 report"


def test_a_refused_preview_is_recorded_not_raised(org: Organization, site: str, settings: Any) -> None:
    settings.ALLOW_PRIVATE_NETWORK_HOSTS = False
    content = ContentItemFactory(organization=org, url=f"{site}/article")

    with tenant_context(org):
        content_preview_refresh(content_id=content.pk)

    content = ContentItem.objects.unscoped().get(pk=content.pk)
    assert content.preview_status == "failed"
    assert "private or reserved" in content.preview_error


def test_demo_content_keeps_its_written_previews(db: Any, settings: Any) -> None:
    from django.core.management import call_command

    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("seed_demo", "--quiet")

    statuses = set(ContentItem.objects.unscoped().values_list("preview_status", flat=True))
    assert statuses == {"fetched"}
