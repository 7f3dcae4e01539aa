"""Security headers on every kind of response (the SPA, the API, allauth, health checks, the
tracked-link redirect), session and CSRF cookies, HSTS, and CORS closed by default."""

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from csp.utils import build_policy
from django.conf import settings as django_settings
from django.test import Client

from advocacy.accounts.models import Membership, Organization
from advocacy.core.security import site_policy
from tests.analytics.conftest import configured_buffer, content_titled, posted_share  # noqa: F401  (fixture)
from tests.factories import PASSWORD

REQUIRED_DIRECTIVES = {
    "default-src": "'self'",
    "script-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "frame-ancestors": "'none'",
}
SPA_INDEX = """<!doctype html><html lang="en"><head><meta charset="UTF-8" /><title>Advocacy</title>
<script type="module" crossorigin src="/assets/index-abc123.js"></script>
<link rel="stylesheet" crossorigin href="/assets/index-abc123.css"></head>
<body><div id="root"></div></body></html>"""


def policy(response: Any) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: " ".join(part.split()[1:]) for part in header.split(";") if part.strip()}


def assert_secure_headers(response: Any, *, framable_header: bool = True) -> None:
    directives = policy(response)
    for name, value in REQUIRED_DIRECTIVES.items():
        assert directives.get(name) == value, (name, directives)
    assert "'unsafe-inline'" not in directives["script-src"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    if framable_header:
        assert response["X-Frame-Options"] == "DENY"
    assert "Access-Control-Allow-Origin" not in response


@pytest.fixture
def built_spa(settings: Any, tmp_path: Path) -> Path:
    (tmp_path / "index.html").write_text(SPA_INDEX)
    settings.SPA_DIST_DIR = tmp_path
    return tmp_path


@pytest.mark.parametrize("path", ["/", "/o/acme/feed", "/account/login"])
def test_spa_pages_carry_the_policy(db: Any, built_spa: Path, path: str) -> None:
    response = Client().get(path)

    assert response.status_code == 200
    assert_secure_headers(response)
    # Mantine injects <style> elements and style attributes: styles may be inline, scripts never.
    assert policy(response)["style-src"] == "'self' 'unsafe-inline'"


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/api/v1/me", 401),
        ("/api/v1/nowhere", 404),
        ("/api/v1/csrf", 204),
        ("/_allauth/browser/v1/auth/session", 401),
        ("/healthz", 200),
        ("/l/unknown-code", 404),
    ],
)
@pytest.mark.usefixtures("configured_buffer")
def test_api_allauth_health_and_redirect_responses_carry_the_headers(db: Any, path: str, status: int) -> None:
    response = Client().get(path)

    assert response.status_code == status
    # Tracked links are answered before the X-Frame-Options middleware; frame-ancestors covers them.
    assert_secure_headers(response, framable_header=not path.startswith("/l/"))


@pytest.mark.usefixtures("configured_buffer")
def test_a_tracked_link_redirect_carries_the_policy(org: Organization) -> None:
    share = posted_share(org, content=content_titled(org, "Hello", "https://news.example.com/a"), network="linkedin")

    response = Client().get(f"/l/{share.tracked_code}")

    assert response.status_code == 302
    assert_secure_headers(response, framable_header=False)


def test_an_authenticated_api_answer_carries_the_headers(employee: Membership, client_for: Any) -> None:
    response = client_for(employee.user).get("/api/v1/orgs/acme/feed/")

    assert response.status_code == 200
    assert_secure_headers(response)


def test_the_cached_header_is_exactly_django_csps_policy(settings: Any) -> None:
    assert site_policy() == build_policy()
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"default-src": ["'none'"]}}
    assert site_policy() == "default-src 'none'"


def test_the_spa_shell_needs_no_inline_script() -> None:
    """The policy forbids inline scripts: the SPA's index.html (the shell Vite builds from)
    must load every script from a file and its icon from a data: URI (img-src allows it)."""

    class Tags(HTMLParser):
        scripts: list[tuple[dict[str, str | None], str]] = []
        icons: list[str] = []
        _open: dict[str, str | None] | None = None

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag == "script":
                self._open = dict(attrs)
                self.scripts.append((self._open, ""))
            if tag == "link" and dict(attrs).get("rel") == "icon":
                self.icons.append(dict(attrs).get("href") or "")

        def handle_data(self, data: str) -> None:
            if self._open is not None and data.strip():
                self.scripts[-1] = (self._open, data)

        def handle_endtag(self, tag: str) -> None:
            if tag == "script":
                self._open = None

    parser = Tags()
    parser.feed((Path(django_settings.BASE_DIR) / "frontend" / "index.html").read_text())

    assert parser.scripts
    for attrs, body in parser.scripts:
        assert attrs.get("src"), "inline <script> in frontend/index.html would be blocked by script-src 'self'"
        assert not body
    assert all(icon.startswith(("data:", "/")) for icon in parser.icons)


def test_the_api_docs_page_runs_no_inline_script(db: Any) -> None:
    response = Client().get("/api/v1/docs/")
    page = response.content.decode()

    assert response.status_code == 200
    assert not re.search(r"<script>\s*\S", page), "inline script on the docs page"
    directives = policy(response)
    assert directives["script-src"] == "'self' https://cdn.jsdelivr.net"
    assert directives["frame-ancestors"] == "'none'"
    # Its start-up script comes from our origin.
    script = re.findall(r'<script src="([^"]+\?[^"]*script[^"]*)"', page)
    assert script
    assert Client().get(script[0].replace("&amp;", "&"))["Content-Type"].startswith("application/javascript")


def test_session_and_csrf_cookies_are_httponly_samesite(employee: Membership) -> None:
    client = Client(enforce_csrf_checks=True)
    client.get("/api/v1/csrf")
    csrf = client.cookies["csrftoken"]

    client.post(
        "/_allauth/browser/v1/auth/login",
        {"email": employee.user.email, "password": PASSWORD},
        content_type="application/json",
        HTTP_X_CSRFTOKEN=csrf.value,
    )
    session = client.cookies["sessionid"]

    assert session["httponly"] is True
    assert session["samesite"] == "Lax"
    assert csrf["samesite"] == "Lax"
    # The SPA reads the CSRF cookie to send it back as a header.
    assert not csrf["httponly"]


def test_hsts_is_sent_on_https_when_configured(db: Any, settings: Any) -> None:
    settings.SECURE_HSTS_SECONDS = 31_536_000

    secure = Client().get("/healthz", secure=True)
    plain = Client().get("/healthz")

    assert secure["Strict-Transport-Security"] == "max-age=31536000"
    assert "Strict-Transport-Security" not in plain


@pytest.mark.parametrize("path", ["/api/v1/me", "/api/v1/orgs/acme/feed/", "/_allauth/browser/v1/auth/session"])
def test_cors_is_closed_a_cross_origin_request_gets_no_allow_origin(
    employee: Membership, client_for: Any, path: str
) -> None:
    client = client_for(employee.user)
    origin = {"HTTP_ORIGIN": "https://evil.example"}

    read = client.get(path, **origin)
    preflight = client.options(
        path, HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST", HTTP_ACCESS_CONTROL_REQUEST_HEADERS="x-csrftoken", **origin
    )

    for response in (read, preflight):
        assert not [name for name in response.headers if name.lower().startswith("access-control-")], response.headers
