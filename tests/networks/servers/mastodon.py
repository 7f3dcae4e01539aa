"""A strict local Mastodon instance: app registration, the OAuth authorization code flow
(with PKCE), and the few API endpoints we use, refusing what a real instance refuses.

``/oauth/authorize`` acts as if ``login_as`` were signed in and had clicked "Authorise":
it answers with the redirect to the client's callback, which tests read from Location.

Use the ``mastodon_server`` fixture (it lets the providers reach 127.0.0.1; add
``pytest_plugins = ["tests.networks.servers.mastodon"]`` to the test module), and
``MastodonServer.issue_token`` to connect an account without the OAuth dance.
"""

import base64
import hashlib
import html
import itertools
import re
import secrets
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
import regex  # type: ignore[import-untyped]
import requests

from tests.networks.servers.base import FakeNetworkServer, Request, Response

MAX_CHARS = 500
OOB_REDIRECT = "urn:ietf:wg:oauth:2.0:oob"
KNOWN_SCOPES = {
    "read",
    "write",
    "follow",
    "push",
    "profile",
    "read:accounts",
    "read:statuses",
    "read:notifications",
    "write:statuses",
    "write:media",
    "write:favourites",
}
CODE_LIFETIME = 600.0
_INVALID_GRANT = (
    "The provided authorization grant is invalid, expired, revoked, does not match the redirection URI "
    "used in the authorization request, or was issued to another client."
)
_INVALID_CLIENT = (
    "Client authentication failed due to unknown client, no client authentication included, "
    "or unsupported authentication method."
)
_URL = re.compile(r"https?://\S+?(?=[.,;:!?'\")]*(?:\s|$))")
_MENTION = re.compile(r"(?<![=/\w])@(\w+)@[\w.-]*\w")
_GRAPHEME = regex.compile(r"\X")


def status_length(text: str) -> int:
    """How Mastodon measures a status: grapheme clusters, every link as 23 characters, a
    remote mention by its local part."""
    countable = _MENTION.sub(r"@\1", _URL.sub("x" * 23, text))
    return len(_GRAPHEME.findall(countable))


@dataclass
class App:
    client_id: str
    client_secret: str
    name: str
    redirect_uris: list[str]
    scopes: set[str]
    website: str = ""


@dataclass
class Account:
    id: str
    username: str
    display_name: str


@dataclass
class Grant:
    client_id: str
    redirect_uri: str
    scopes: set[str]
    account_id: str
    code_challenge: str
    expires_at: float


@dataclass
class AccessToken:
    client_id: str
    account_id: str
    scopes: set[str]


@dataclass
class Status:
    id: str
    account_id: str
    text: str
    idempotency_key: str = ""
    favourites_count: int = 0
    replies_count: int = 0
    reblogs_count: int = 0
    created_at: str = field(default_factory=lambda: time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime()))


def _error(status: int, message: str) -> Response:
    return Response(status, {"error": message})


def _oauth_error(status: int, error: str, description: str) -> Response:
    return Response(status, {"error": error, "error_description": description})


def _params(request: Request) -> dict[str, Any]:
    """Mastodon takes parameters as a form or as JSON."""
    if request.headers.get("content-type", "").startswith("application/json"):
        body = request.json()
        return body if isinstance(body, dict) else {}
    return request.form()


def _valid_redirect_uri(uri: str) -> bool:
    if uri == OOB_REDIRECT:
        return True
    parts = urlsplit(uri)
    return bool(parts.scheme) and not parts.fragment and (parts.scheme not in ("http", "https") or bool(parts.netloc))


class MastodonServer(FakeNetworkServer):
    def __init__(self) -> None:
        super().__init__()
        self.apps: dict[str, App] = {}
        self.accounts: dict[str, Account] = {}
        self.grants: dict[str, Grant] = {}
        self.tokens: dict[str, AccessToken] = {}
        self.statuses: dict[str, Status] = {}
        # (account id, Idempotency-Key) -> status id, as Mastodon keeps it per account.
        self.idempotency: dict[tuple[str, str], str] = {}
        self._ids = itertools.count(113_000_000_000_000_001)
        # Called (outside the lock) before an app is registered: lets a test hold two
        # registrations in flight at once.
        self.before_app_registered: Callable[[], object] | None = None
        self.login_as = self.add_account("alice", "Alice Example").id
        self._register_routes()

    # --- for tests ---------------------------------------------------------------------
    @property
    def instance(self) -> str:
        """What an employee would type to reach this server."""
        return self.url.removeprefix("http://")

    def add_account(self, username: str, display_name: str = "") -> Account:
        with self.lock:
            account = Account(id=str(len(self.accounts) + 1), username=username, display_name=display_name)
            self.accounts[account.id] = account
            return account

    def issue_token(
        self, account_id: str | None = None, scopes: str = "read write:statuses", *, client_id: str = ""
    ) -> str:
        """A valid access token for ``account_id`` (default: ``login_as``) without the OAuth
        dance, for the registered app ``client_id`` or an app registered here for the purpose."""
        with self.lock:
            app = self.apps.get(client_id) or App(
                client_id=secrets.token_urlsafe(16),
                client_secret=secrets.token_urlsafe(24),
                name="issued-by-test",
                redirect_uris=[OOB_REDIRECT],
                scopes=set(scopes.split()),
            )
            self.apps[app.client_id] = app
            token = secrets.token_urlsafe(32)
            self.tokens[token] = AccessToken(app.client_id, account_id or self.login_as, set(scopes.split()))
            return token

    def authorize(self, authorization_url: str) -> dict[str, str]:
        """Play the employee clicking "Authorise": the query of the callback we redirect to."""
        response = requests.get(authorization_url, allow_redirects=False, timeout=5)
        if response.status_code != 302:
            raise AssertionError(f"/oauth/authorize answered {response.status_code}: {response.text}")
        query = parse_qs(urlsplit(response.headers["Location"]).query)
        return {key: values[0] for key, values in query.items()}

    def revoke(self, token: str) -> None:
        with self.lock:
            self.tokens.pop(token, None)

    def statuses_of(self, account_id: str | None = None) -> list[Status]:
        with self.lock:
            wanted = account_id or self.login_as
            return [status for status in self.statuses.values() if status.account_id == wanted]

    def calls(self, method: str, path: str) -> int:
        with self.lock:
            return sum(1 for request in self.requests if request.method == method and request.path == path)

    # --- routes ------------------------------------------------------------------------
    def _register_routes(self) -> None:
        self.route("POST", "/api/v1/apps")(self._create_app)
        self.route("GET", "/oauth/authorize")(self._authorize)
        self.route("POST", "/oauth/token")(self._token)
        self.route("POST", "/oauth/revoke")(self._revoke)
        self.route("GET", "/api/v1/accounts/verify_credentials")(self._verify_credentials)
        self.route("POST", "/api/v1/statuses")(self._create_status)
        self.route("GET", r"/api/v1/statuses/(?P<id>\d+)")(self._show_status)
        self.route("DELETE", r"/api/v1/statuses/(?P<id>\d+)")(self._delete_status)

    def _create_app(self, request: Request) -> Response:
        params = _params(request)
        name = str(params.get("client_name") or "").strip()
        redirect = params.get("redirect_uris")
        redirect_uris = redirect if isinstance(redirect, list) else str(redirect or "").split()
        scopes = set(str(params.get("scopes") or "read").split())
        website = str(params.get("website") or "")
        if not name:
            return _error(422, "Validation failed: Application name can't be blank")
        if not redirect_uris:
            return _error(422, "Validation failed: Redirect URI can't be blank")
        if not all(isinstance(uri, str) and _valid_redirect_uri(uri) for uri in redirect_uris):
            return _error(422, "Validation failed: Redirect URI must be an absolute URI.")
        if not scopes <= KNOWN_SCOPES:
            return _error(422, "Validation failed: Scopes are invalid")
        if website and urlsplit(website).scheme not in ("http", "https"):
            return _error(422, "Validation failed: Website is invalid")
        if self.before_app_registered is not None:
            self.before_app_registered()
        with self.lock:
            app = App(secrets.token_urlsafe(32), secrets.token_urlsafe(32), name, redirect_uris, scopes, website)
            self.apps[app.client_id] = app
        return Response(
            200,
            {
                "id": str(len(self.apps)),
                "name": name,
                "website": website or None,
                "scopes": sorted(scopes),
                "redirect_uri": "\n".join(redirect_uris),
                "redirect_uris": redirect_uris,
                "client_id": app.client_id,
                "client_secret": app.client_secret,
                "client_secret_expires_at": 0,
            },
        )

    def _authorize(self, request: Request) -> Response:
        query = request.query
        app = self.apps.get(query.get("client_id", ""))
        if app is None:
            return _oauth_error(400, "invalid_client", _INVALID_CLIENT)
        redirect_uri = query.get("redirect_uri", "")
        if redirect_uri not in app.redirect_uris:
            return _oauth_error(400, "invalid_redirect_uri", "The redirect uri included is not valid.")

        def back(params: dict[str, str]) -> Response:
            if "state" in query:
                params["state"] = query["state"]
            return Response(302, None, {"Location": f"{redirect_uri}?{urlencode(params)}"})

        if query.get("response_type") != "code":
            return back({"error": "unsupported_response_type"})
        scopes = set(query.get("scope", "read").split())
        if not scopes or not scopes <= app.scopes:
            return back({"error": "invalid_scope"})
        challenge = query.get("code_challenge", "")
        if challenge and (
            query.get("code_challenge_method") != "S256" or not re.fullmatch(r"[A-Za-z0-9_-]{43}", challenge)
        ):
            return back({"error": "invalid_request", "error_description": "Invalid code challenge."})
        code = secrets.token_urlsafe(32)
        with self.lock:
            self.grants[code] = Grant(
                app.client_id, redirect_uri, scopes, self.login_as, challenge, time.time() + CODE_LIFETIME
            )
        return back({"code": code})

    def _token(self, request: Request) -> Response:
        params = _params(request)
        grant_type = params.get("grant_type")
        if not grant_type:
            return _oauth_error(400, "invalid_request", "Missing required parameter: grant_type.")
        if grant_type != "authorization_code":
            return _oauth_error(400, "unsupported_grant_type", "The authorization grant type is not supported.")
        client_id, client_secret = str(params.get("client_id") or ""), str(params.get("client_secret") or "")
        basic = request.headers.get("authorization", "")
        if basic.lower().startswith("basic "):
            client_id, _, client_secret = base64.b64decode(basic[6:]).decode().partition(":")
        app = self.apps.get(client_id)
        if app is None or not secrets.compare_digest(app.client_secret, client_secret):
            return _oauth_error(401, "invalid_client", _INVALID_CLIENT)
        with self.lock:
            grant = self.grants.pop(str(params.get("code") or ""), None)
        if (
            grant is None
            or grant.client_id != client_id
            or grant.expires_at < time.time()
            or grant.redirect_uri != params.get("redirect_uri")
        ):
            return _oauth_error(400, "invalid_grant", _INVALID_GRANT)
        if grant.code_challenge:
            verifier = str(params.get("code_verifier") or "")
            digest = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
            if not secrets.compare_digest(digest, grant.code_challenge):
                return _oauth_error(400, "invalid_grant", _INVALID_GRANT)
        token = secrets.token_urlsafe(32)
        with self.lock:
            self.tokens[token] = AccessToken(client_id, grant.account_id, grant.scopes)
        return Response(
            200,
            {
                "access_token": token,
                "token_type": "Bearer",
                "scope": " ".join(sorted(grant.scopes)),
                "created_at": int(time.time()),
            },
        )

    def _revoke(self, request: Request) -> Response:
        """``POST /oauth/revoke`` (Doorkeeper): the app authenticates with its id and secret;
        its own token is revoked, another app's token is refused, an unknown one is no error."""
        params = _params(request)
        client_id, client_secret = str(params.get("client_id") or ""), str(params.get("client_secret") or "")
        app = self.apps.get(client_id)
        if app is None or not secrets.compare_digest(app.client_secret, client_secret):
            return _oauth_error(403, "unauthorized_client", "You are not authorized to revoke this token")
        with self.lock:
            token = self.tokens.get(str(params.get("token") or ""))
            if token is not None and token.client_id != client_id:
                return _oauth_error(403, "unauthorized_client", "You are not authorized to revoke this token")
            if token is not None:
                del self.tokens[str(params["token"])]
        return Response(200, {})

    def _authenticated(self, request: Request, *allowed_scopes: str) -> AccessToken | Response:
        token = self.tokens.get(request.bearer())
        if token is None:
            return _error(401, "The access token is invalid")
        if not token.scopes & set(allowed_scopes):
            return _error(403, "This action is outside the authorized scopes")
        return token

    def _account_json(self, account: Account) -> dict[str, Any]:
        return {
            "id": account.id,
            "username": account.username,
            "acct": account.username,
            "display_name": account.display_name,
            "url": f"{self.url}/@{account.username}",
        }

    def _status_json(self, status: Status) -> dict[str, Any]:
        account = self.accounts[status.account_id]
        return {
            "id": status.id,
            "created_at": status.created_at,
            "uri": f"{self.url}/users/{account.username}/statuses/{status.id}",
            "url": f"{self.url}/@{account.username}/{status.id}",
            "visibility": "public",
            "content": f"<p>{html.escape(status.text)}</p>",
            "account": self._account_json(account),
            "favourites_count": status.favourites_count,
            "replies_count": status.replies_count,
            "reblogs_count": status.reblogs_count,
        }

    def _verify_credentials(self, request: Request) -> Response:
        token = self._authenticated(request, "read", "read:accounts", "profile")
        if isinstance(token, Response):
            return token
        return Response(200, self._account_json(self.accounts[token.account_id]))

    def _create_status(self, request: Request) -> Response:
        token = self._authenticated(request, "write", "write:statuses")
        if isinstance(token, Response):
            return token
        key = request.headers.get("idempotency-key", "")
        with self.lock:
            earlier = self.idempotency.get((token.account_id, key)) if key else None
            if earlier is not None:
                return Response(200, self._status_json(self.statuses[earlier]))
            text = str(_params(request).get("status") or "")
            if not text.strip():
                return _error(422, "Validation failed: Text can't be blank")
            if status_length(text) > MAX_CHARS:
                return _error(422, f"Validation failed: Text character limit of {MAX_CHARS} exceeded")
            status = Status(id=str(next(self._ids)), account_id=token.account_id, text=text, idempotency_key=key)
            self.statuses[status.id] = status
            if key:
                self.idempotency[(token.account_id, key)] = status.id
            return Response(200, self._status_json(status))

    def _show_status(self, request: Request) -> Response:
        token = self._authenticated(request, "read", "read:statuses")
        if isinstance(token, Response):
            return token
        status = self.statuses.get(request.match["id"])
        if status is None:
            return _error(404, "Record not found")
        return Response(200, self._status_json(status))

    def _delete_status(self, request: Request) -> Response:
        token = self._authenticated(request, "write", "write:statuses")
        if isinstance(token, Response):
            return token
        with self.lock:
            status = self.statuses.get(request.match["id"])
            if status is None or status.account_id != token.account_id:
                return _error(404, "Record not found")
            del self.statuses[status.id]
        return Response(200, {**self._status_json(status), "text": status.text})


@pytest.fixture
def mastodon_server(settings: Any) -> Iterator[MastodonServer]:
    """A running Mastodon on 127.0.0.1 that the providers may reach."""
    settings.ALLOW_PRIVATE_NETWORK_HOSTS = True
    server = MastodonServer()
    with server.running():
        yield server


__all__ = ["MastodonServer", "mastodon_server", "status_length"]
