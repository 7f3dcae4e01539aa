"""A strict local LinkedIn: OAuth 2.0 (authorization code, client credentials in the form),
OpenID Connect userinfo, the versioned Posts API and member post analytics.

It refuses what LinkedIn refuses: unknown clients and redirect URIs, unknown scopes, reused
or expired codes, missing or expired bearer tokens (401), a missing or malformed
``LinkedIn-Version`` / ``X-Restli-Protocol-Version`` header (400), a post whose author is not
the token's member (403), a body that does not match the Posts schema (422). Commentary is
read as LinkedIn's "little" text: an escaped reserved character shows as itself, and the
shown text stops at the first unescaped one (how LinkedIn cuts malformed commentary).
"""

import re
import secrets
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import unquote, urlencode

import pytest
from pytest_django.fixtures import Settings

from advocacy.networks.services import callback_url
from advocacy.networks.tokens import encrypt_token
from tests.networks.servers.base import FakeNetworkServer, Request, Response

AUTHORIZE_PATH = "/oauth/v2/authorization"
TOKEN_PATH = "/oauth/v2/accessToken"
ACCESS_TOKEN_SECONDS = 60 * 24 * 3600
REFRESH_TOKEN_SECONDS = 365 * 24 * 3600
CODE_SECONDS = 30 * 60
KNOWN_SCOPES = {"openid", "profile", "email", "w_member_social", "r_member_postAnalytics"}
DEFAULT_SCOPES = ("openid", "profile", "w_member_social")
RESERVED = set("\\|{}@[]()<>#*_~")
POST_FIELDS = {
    "author",
    "commentary",
    "visibility",
    "distribution",
    "lifecycleState",
    "isReshareDisabledByAuthor",
    "content",
    "contentLandingPage",
    "contentCallToActionLabel",
    "reshareContext",
    "adContext",
    "container",
}
METRICS = {"IMPRESSION", "MEMBERS_REACHED", "RESHARE", "REACTION", "COMMENT"}


@dataclass
class Member:
    sub: str
    name: str


@dataclass
class Grant:
    member: str
    scopes: frozenset[str]
    expires_at: float


@dataclass
class Code:
    member: str
    redirect_uri: str
    scopes: frozenset[str]
    expires_at: float
    used: bool = False


@dataclass
class LinkedInPost:
    urn: str
    author: str
    commentary: str  # as sent, escaped
    text: str  # as LinkedIn shows it
    body: dict[str, Any]
    deleted: bool = False
    metrics: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class IssuedToken:
    access_token: str
    refresh_token: str
    expires_at: datetime
    scopes: str


def render_little_text(commentary: str) -> str:
    """What LinkedIn shows for ``commentary`` (see the module docstring)."""
    shown: list[str] = []
    position = 0
    while position < len(commentary):
        char = commentary[position]
        if char == "\\" and position + 1 < len(commentary) and commentary[position + 1] in RESERVED:
            shown.append(commentary[position + 1])
            position += 2
            continue
        if char in RESERVED:
            break
        shown.append(char)
        position += 1
    return "".join(shown)


def _error(status: int, message: str, code: str = "") -> Response:
    return Response(status, {"status": status, "code": code or "ERROR", "message": message})


def _oauth_error(status: int, error: str, description: str) -> Response:
    return Response(status, {"error": error, "error_description": description})


class LinkedInServer(FakeNetworkServer):
    client_id = "linkedin-test-client"
    client_secret = "linkedin-test-secret"

    def __init__(self, *, redirect_uris: set[str] | None = None, issue_refresh_tokens: bool = False) -> None:
        super().__init__()
        self.redirect_uris = set(redirect_uris or ())
        # Only apps approved for programmatic refresh get refresh tokens from LinkedIn.
        self.issue_refresh_tokens = issue_refresh_tokens
        self.members: dict[str, Member] = {}
        self.grants: dict[str, Grant] = {}
        self.refresh_grants: dict[str, Grant] = {}
        self.codes: dict[str, Code] = {}
        self.posts: dict[str, LinkedInPost] = {}
        self._next_id = 7_100_000_000_000_000_000
        self._ids = threading.Lock()
        # The member who is signed in to LinkedIn in the "browser" and consents.
        self.signed_in = self.add_member("aB3xK9pQ2w", "Ada Lovelace").sub
        self.route("GET", AUTHORIZE_PATH)(self._authorize)
        self.route("POST", TOKEN_PATH)(self._token)
        self.route("GET", "/v2/userinfo")(self._userinfo)
        self.route("POST", "/rest/posts")(self._create_post)
        self.route("DELETE", r"/rest/posts/(?P<urn>[^/]+)")(self._delete_post)
        self.route("GET", "/rest/memberCreatorPostAnalytics")(self._analytics)

    # --- helpers for tests -----------------------------------------------------------------
    def add_member(self, sub: str, name: str) -> Member:
        with self.lock:
            self.members[sub] = Member(sub, name)
        return self.members[sub]

    def issue_token(
        self,
        account_id: str | None = None,
        *,
        scopes: tuple[str, ...] = DEFAULT_SCOPES,
        expires_in: int = ACCESS_TOKEN_SECONDS,
    ) -> IssuedToken:
        """A valid token for a member, without the OAuth dance (the member is created if
        needed); for tests that need a working connection."""
        member = account_id or self.signed_in
        if member not in self.members:
            self.add_member(member, f"Member {member}")
        return self._issue(member, frozenset(scopes), expires_in, new_refresh=self.issue_refresh_tokens)

    def connection_fields(self, account_id: str | None = None, **kwargs: Any) -> dict[str, Any]:
        """Keyword arguments for ``NetworkConnectionFactory`` (tokens encrypted as stored)."""
        token = self.issue_token(account_id, **kwargs)
        member = self.members[account_id or self.signed_in]
        return {
            "network": "linkedin",
            "account_id": member.sub,
            "account_name": member.name,
            "access_token": encrypt_token(token.access_token),
            "refresh_token": encrypt_token(token.refresh_token) if token.refresh_token else "",
            "scopes": token.scopes,
            "expires_at": token.expires_at,
        }

    def live_posts(self) -> list[LinkedInPost]:
        with self.lock:
            return [post for post in self.posts.values() if not post.deleted]

    def set_metrics(self, urn: str, **metrics: int) -> None:
        """e.g. ``set_metrics(urn, REACTION=3, COMMENT=1, RESHARE=2, IMPRESSION=40)``."""
        with self.lock:
            self.posts[urn].metrics.update(metrics)

    # --- OAuth -----------------------------------------------------------------------------
    def _issue(self, member: str, scopes: frozenset[str], expires_in: int, *, new_refresh: bool) -> IssuedToken:
        access = "AQV" + secrets.token_urlsafe(32)
        refresh = "AQX" + secrets.token_urlsafe(32) if new_refresh else ""
        now = time.time()
        with self.lock:
            self.grants[access] = Grant(member, scopes, now + expires_in)
            if refresh:
                self.refresh_grants[refresh] = Grant(member, scopes, now + REFRESH_TOKEN_SECONDS)
        return IssuedToken(
            access_token=access,
            refresh_token=refresh,
            expires_at=datetime.fromtimestamp(now + expires_in, tz=UTC),
            scopes=" ".join(sorted(scopes)),
        )

    def _authorize(self, request: Request) -> Response:
        query = request.query
        if query.get("client_id") != self.client_id:
            return _oauth_error(400, "invalid_client", "Unknown client_id.")
        redirect_uri = query.get("redirect_uri", "")
        if redirect_uri not in self.redirect_uris:
            return _oauth_error(400, "invalid_redirect_uri", "The redirect_uri does not match the registered value.")

        def back(**params: str) -> Response:
            return Response(302, b"", {"Location": f"{redirect_uri}?{urlencode(params)}"})

        state = query.get("state", "")
        if not state:
            return back(error="invalid_request", error_description="state is required")
        if query.get("response_type") != "code":
            return back(error="unsupported_response_type", error_description="response_type must be code", state=state)
        scopes = frozenset(query.get("scope", "").split())
        if not scopes or not scopes <= KNOWN_SCOPES:
            return back(error="invalid_scope", error_description="Scope is not authorized for the app", state=state)
        code = "AQT" + secrets.token_urlsafe(24)
        with self.lock:
            self.codes[code] = Code(self.signed_in, redirect_uri, scopes, time.time() + CODE_SECONDS)
        return back(code=code, state=state)

    def _token(self, request: Request) -> Response:
        if not request.headers.get("content-type", "").startswith("application/x-www-form-urlencoded"):
            return _oauth_error(400, "invalid_request", "Content-Type must be application/x-www-form-urlencoded.")
        form = request.form()
        if form.get("client_id") != self.client_id or form.get("client_secret") != self.client_secret:
            return _oauth_error(401, "invalid_client", "Client authentication failed.")
        grant_type = form.get("grant_type")
        with self.lock:
            if grant_type == "authorization_code":
                code = self.codes.get(form.get("code", ""))
                if code is None or code.used or code.expires_at < time.time():
                    return _oauth_error(400, "invalid_grant", "The authorization code is invalid or expired.")
                if form.get("redirect_uri") != code.redirect_uri:
                    return _oauth_error(400, "invalid_grant", "The redirect_uri does not match the authorization.")
                code.used = True
                member, scopes, refresh = code.member, code.scopes, ""
            elif grant_type == "refresh_token":
                refresh = form.get("refresh_token", "")
                grant = self.refresh_grants.get(refresh)
                if grant is None or grant.expires_at < time.time():
                    return _oauth_error(400, "invalid_grant", "The refresh token is invalid or expired.")
                member, scopes = grant.member, grant.scopes
            else:
                return _oauth_error(400, "unsupported_grant_type", "grant_type is not supported.")
        # A code earns a refresh token (approved apps only); a refresh keeps the one it used.
        issued = self._issue(
            member, scopes, ACCESS_TOKEN_SECONDS, new_refresh=self.issue_refresh_tokens and not refresh
        )
        body: dict[str, Any] = {
            "access_token": issued.access_token,
            "expires_in": ACCESS_TOKEN_SECONDS,
            # LinkedIn lists the granted scopes separated by commas.
            "scope": ",".join(sorted(scopes)),
            "token_type": "Bearer",
        }
        if refresh:
            # LinkedIn keeps the same refresh token (no rotation) until it expires.
            with self.lock:
                remaining = int(self.refresh_grants[refresh].expires_at - time.time())
            body.update(refresh_token=refresh, refresh_token_expires_in=remaining)
        elif issued.refresh_token:
            body.update(refresh_token=issued.refresh_token, refresh_token_expires_in=REFRESH_TOKEN_SECONDS)
        return Response(200, body)

    # --- API -------------------------------------------------------------------------------
    def _grant(self, request: Request) -> Grant | Response:
        with self.lock:
            grant = self.grants.get(request.bearer())
        if grant is None or grant.expires_at < time.time():
            return _error(401, "Invalid access token", "EXPIRED_ACCESS_TOKEN")
        return grant

    def _rest_headers_error(self, request: Request) -> Response | None:
        version = request.headers.get("linkedin-version", "")
        if not re.fullmatch(r"20\d{2}(0[1-9]|1[0-2])", version):
            return _error(400, "A valid LinkedIn-Version header (YYYYMM) is required.", "VERSION_MISSING")
        if request.headers.get("x-restli-protocol-version") != "2.0.0":
            return _error(400, "X-Restli-Protocol-Version must be 2.0.0.", "ILLEGAL_ARGUMENT")
        return None

    def _userinfo(self, request: Request) -> Response:
        grant = self._grant(request)
        if isinstance(grant, Response):
            return grant
        if not {"openid", "profile"} <= grant.scopes:
            return _error(403, "Not enough permissions to access: userinfo.GET.NO_VERSION", "ACCESS_DENIED")
        member = self.members[grant.member]
        given, _, family = member.name.partition(" ")
        return Response(
            200,
            {
                "sub": member.sub,
                "name": member.name,
                "given_name": given,
                "family_name": family,
                "locale": {"country": "US", "language": "en"},
            },
        )

    def _create_post(self, request: Request) -> Response:
        grant = self._grant(request)
        if isinstance(grant, Response):
            return grant
        header_error = self._rest_headers_error(request)
        if header_error:
            return header_error
        if "w_member_social" not in grant.scopes:
            return _error(403, "Not enough permissions to access: posts.CREATE", "ACCESS_DENIED")
        try:
            body = request.json()
        except ValueError:
            return _error(400, "Request body could not be converted to data map", "ILLEGAL_ARGUMENT")
        problem = self._post_body_problem(body)
        if problem:
            return _error(422, problem, "UNPROCESSABLE_ENTITY")
        if body["author"] != f"urn:li:person:{grant.member}":
            return _error(403, "Author does not match the authenticated member.", "ACCESS_DENIED")
        text = render_little_text(body["commentary"])
        with self._ids:
            self._next_id += 1
            urn = f"urn:li:share:{self._next_id}"
        with self.lock:
            self.posts[urn] = LinkedInPost(urn, grant.member, body["commentary"], text, body)
        return Response(201, b"", {"x-restli-id": urn, "Location": f"/rest/posts/{urn}"})

    @staticmethod
    def _post_body_problem(body: Any) -> str:
        if not isinstance(body, dict):
            return "ERROR :: / :: body must be a record"
        unknown = set(body) - POST_FIELDS
        if unknown:
            return f"ERROR :: /{sorted(unknown)[0]} :: unrecognized field found but not allowed"
        for required in ("author", "commentary", "visibility", "distribution", "lifecycleState"):
            if required not in body:
                return f"ERROR :: /{required} :: field is required but not found and has no default value"
        if not isinstance(body["author"], str) or not body["author"].startswith("urn:li:person:"):
            return "ERROR :: /author :: not a person URN"
        if not isinstance(body["commentary"], str):
            return "ERROR :: /commentary :: not a string"
        if len(render_little_text(body["commentary"])) > 3000:
            return "ERROR :: /commentary :: longer than 3000 characters"
        if body["visibility"] not in ("PUBLIC", "CONNECTIONS", "LOGGED_IN", "CONTAINER"):
            return "ERROR :: /visibility :: not a valid enum value"
        distribution = body["distribution"]
        if not isinstance(distribution, dict) or distribution.get("feedDistribution") not in ("MAIN_FEED", "NONE"):
            return "ERROR :: /distribution/feedDistribution :: not a valid enum value"
        if body["lifecycleState"] != "PUBLISHED":
            return "ERROR :: /lifecycleState :: only PUBLISHED can be created"
        if not isinstance(body.get("isReshareDisabledByAuthor", False), bool):
            return "ERROR :: /isReshareDisabledByAuthor :: not a boolean"
        return ""

    def _delete_post(self, request: Request) -> Response:
        grant = self._grant(request)
        if isinstance(grant, Response):
            return grant
        header_error = self._rest_headers_error(request)
        if header_error:
            return header_error
        if request.headers.get("x-restli-method", "DELETE").upper() != "DELETE":
            return _error(400, "X-RestLi-Method does not match the HTTP method.", "ILLEGAL_ARGUMENT")
        raw = request.match["urn"]
        if ":" in raw:  # Rest.li 2.0 keys in a path are percent-encoded
            return _error(400, "The post URN in the path must be URL-encoded.", "ILLEGAL_ARGUMENT")
        with self.lock:
            post = self.posts.get(unquote(raw))
            if post is None:
                return _error(404, "Post not found.", "NOT_FOUND")
            if post.author != grant.member:
                return _error(403, "Not enough permissions to delete this post.", "ACCESS_DENIED")
            post.deleted = True  # deleting again is fine: 204 again
        return Response(204)

    def _analytics(self, request: Request) -> Response:
        grant = self._grant(request)
        if isinstance(grant, Response):
            return grant
        header_error = self._rest_headers_error(request)
        if header_error:
            return header_error
        if "r_member_postAnalytics" not in grant.scopes:
            return _error(
                403, "Not enough permissions to access: memberCreatorPostAnalytics.FINDER-entity", "ACCESS_DENIED"
            )
        query = request.query
        entity = re.fullmatch(r"\((share|ugc):(urn:li:(share|ugcPost):\d+)\)", query.get("entity", ""))
        metric = query.get("queryType", "")
        if query.get("q") != "entity" or entity is None or metric not in METRICS:
            return _error(400, "Invalid finder parameters.", "ILLEGAL_ARGUMENT")
        if query.get("aggregation", "TOTAL") not in ("TOTAL", "DAILY"):
            return _error(400, "Invalid aggregation.", "ILLEGAL_ARGUMENT")
        urn = entity.group(2)
        with self.lock:
            post = self.posts.get(urn)
            if post is None or post.author != grant.member:
                return _error(403, "Not the author of this post.", "ACCESS_DENIED")
            count = post.metrics.get(metric, 0)
        element = {"count": count, "metricType": metric, "targetEntity": {entity.group(1): urn}}
        return Response(200, {"paging": {"start": 0, "count": 10, "links": []}, "elements": [element]})


@pytest.fixture
def linkedin_server(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Iterator[LinkedInServer]:
    """A running ``LinkedInServer`` with the LinkedIn settings pointing at it."""
    # The local server speaks plain HTTP; oauthlib refuses that unless told otherwise.
    monkeypatch.setenv("OAUTHLIB_INSECURE_TRANSPORT", "1")
    server = LinkedInServer(redirect_uris={callback_url("linkedin")})
    with server.running():
        settings.LINKEDIN_CLIENT_ID = server.client_id
        settings.LINKEDIN_CLIENT_SECRET = server.client_secret
        settings.LINKEDIN_AUTH_URL = server.url + AUTHORIZE_PATH
        settings.LINKEDIN_TOKEN_URL = server.url + TOKEN_PATH
        settings.LINKEDIN_API_BASE = server.url
        yield server
