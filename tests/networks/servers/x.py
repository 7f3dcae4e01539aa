"""A strict local X: OAuth 2.0 Authorization Code with PKCE (S256) for a confidential client
(HTTP Basic at the token endpoint), rotating refresh tokens, and the v2 endpoints we use.

It refuses what X refuses: unknown clients and redirect URIs, unknown scopes, a missing
state or code challenge, a challenge method other than S256, a code_verifier that does not
match the challenge, reused codes and refresh tokens (each refresh token works once),
missing or expired bearer tokens (401), missing scopes (403), malformed or unknown JSON
fields (400), text over 280 weighted characters (400) and the same text twice (403).
"""

import base64
import hashlib
import re
import secrets
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode

import pytest
from pytest_django.fixtures import Settings

from advocacy.networks.providers.x import weighted_length
from advocacy.networks.services import callback_url
from advocacy.networks.tokens import encrypt_token
from tests.networks.servers.base import FakeNetworkServer, Request, Response

AUTHORIZE_PATH = "/i/oauth2/authorize"
TOKEN_PATH = "/2/oauth2/token"
REVOKE_PATH = "/2/oauth2/revoke"
ACCESS_TOKEN_SECONDS = 2 * 3600
CODE_SECONDS = 30
KNOWN_SCOPES = {
    "tweet.read",
    "tweet.write",
    "tweet.moderate.write",
    "users.read",
    "follows.read",
    "offline.access",
    "like.read",
    "like.write",
}
DEFAULT_SCOPES = ("tweet.read", "tweet.write", "users.read", "offline.access")
TWEET_FIELDS = {"public_metrics", "created_at", "author_id", "text", "edit_history_tweet_ids"}
CREATE_FIELDS = {"text", "reply", "quote_tweet_id", "media", "poll", "reply_settings", "for_super_followers_only"}
VERIFIER = re.compile(r"[A-Za-z0-9\-._~]{43,128}")


@dataclass
class Account:
    id: str
    username: str
    name: str


@dataclass
class Grant:
    account: str
    scopes: frozenset[str]
    expires_at: float


@dataclass
class Code:
    account: str
    redirect_uri: str
    scopes: frozenset[str]
    challenge: str
    expires_at: float
    used: bool = False


@dataclass
class Tweet:
    id: str
    author: str
    text: str
    deleted: bool = False
    metrics: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class IssuedToken:
    access_token: str
    refresh_token: str
    expires_at: datetime
    scopes: str


def _problem(status: int, title: str, detail: str) -> Response:
    return Response(status, {"title": title, "detail": detail, "type": "about:blank", "status": status})


def _oauth_error(status: int, error: str, description: str) -> Response:
    return Response(status, {"error": error, "error_description": description})


class XServer(FakeNetworkServer):
    client_id = "x-test-client"
    client_secret = "x-test-secret"

    def __init__(self, *, redirect_uris: set[str] | None = None) -> None:
        super().__init__()
        self.redirect_uris = set(redirect_uris or ())
        self.accounts: dict[str, Account] = {}
        self.grants: dict[str, Grant] = {}
        self.refresh_grants: dict[str, Grant] = {}
        self.dead_refresh_tokens: set[str] = set()
        self.revoked_tokens: set[str] = set()
        # What X answers to a refresh token used twice; the real X says invalid_request.
        self.dead_refresh_error = "invalid_grant"
        self.codes: dict[str, Code] = {}
        self.tweets: dict[str, Tweet] = {}
        self._next_id = 1_900_000_000_000_000_000
        self._ids = threading.Lock()
        self.signed_in = self.add_account("1480000000000000001", "ada_l", "Ada Lovelace").id
        self.route("GET", AUTHORIZE_PATH)(self._authorize)
        self.route("POST", TOKEN_PATH)(self._token)
        self.route("POST", REVOKE_PATH)(self._revoke)
        self.route("GET", "/2/users/me")(self._me)
        self.route("POST", "/2/tweets")(self._create_tweet)
        self.route("DELETE", r"/2/tweets/(?P<id>[^/]+)")(self._delete_tweet)
        self.route("GET", r"/2/tweets/(?P<id>[^/]+)")(self._get_tweet)

    # --- helpers for tests -----------------------------------------------------------------
    def add_account(self, account_id: str, username: str, name: str) -> Account:
        with self.lock:
            self.accounts[account_id] = Account(account_id, username, name)
        return self.accounts[account_id]

    def issue_token(
        self,
        account_id: str | None = None,
        *,
        scopes: tuple[str, ...] = DEFAULT_SCOPES,
        expires_in: int = ACCESS_TOKEN_SECONDS,
    ) -> IssuedToken:
        """A valid token (and refresh token, with offline.access) for an account, without the
        OAuth dance (the account is created if needed); for tests that need a connection."""
        account = account_id or self.signed_in
        if account not in self.accounts:
            self.add_account(account, f"user{account[-6:]}", f"User {account}")
        return self._issue(account, frozenset(scopes), expires_in)

    def connection_fields(self, account_id: str | None = None, **kwargs: Any) -> dict[str, Any]:
        """Keyword arguments for ``NetworkConnectionFactory`` (tokens encrypted as stored)."""
        token = self.issue_token(account_id, **kwargs)
        account = self.accounts[account_id or self.signed_in]
        return {
            "network": "x",
            "account_id": account.id,
            "account_name": account.name,
            "account_url": f"https://x.com/{account.username}",
            "access_token": encrypt_token(token.access_token),
            "refresh_token": encrypt_token(token.refresh_token) if token.refresh_token else "",
            "scopes": token.scopes,
            "expires_at": token.expires_at,
        }

    def live_tweets(self) -> list[Tweet]:
        with self.lock:
            return [tweet for tweet in self.tweets.values() if not tweet.deleted]

    def set_metrics(self, tweet_id: str, **metrics: int) -> None:
        """e.g. ``set_metrics(id, like_count=3, reply_count=1, retweet_count=2)``."""
        with self.lock:
            self.tweets[tweet_id].metrics.update(metrics)

    # --- OAuth -----------------------------------------------------------------------------
    def _issue(self, account: str, scopes: frozenset[str], expires_in: int) -> IssuedToken:
        access = secrets.token_urlsafe(40)
        refresh = secrets.token_urlsafe(40) if "offline.access" in scopes else ""
        now = time.time()
        with self.lock:
            self.grants[access] = Grant(account, scopes, now + expires_in)
            if refresh:
                self.refresh_grants[refresh] = Grant(account, scopes, now + 180 * 24 * 3600)
        return IssuedToken(
            access_token=access,
            refresh_token=refresh,
            expires_at=datetime.fromtimestamp(now + expires_in, tz=UTC),
            scopes=" ".join(sorted(scopes)),
        )

    def _authorize(self, request: Request) -> Response:
        query = request.query
        if query.get("client_id") != self.client_id:
            return _problem(400, "Invalid Request", "Unknown client_id.")
        redirect_uri = query.get("redirect_uri", "")
        if redirect_uri not in self.redirect_uris:
            return _problem(400, "Invalid Request", "redirect_uri is not registered for this app.")

        def back(**params: str) -> Response:
            return Response(302, b"", {"Location": f"{redirect_uri}?{urlencode(params)}"})

        state = query.get("state", "")
        if not state or len(state) > 500:
            return back(error="invalid_request", error_description="state is required (500 characters at most)")
        if query.get("response_type") != "code":
            return back(error="unsupported_response_type", state=state)
        scopes = frozenset(query.get("scope", "").split())
        if not scopes or not scopes <= KNOWN_SCOPES:
            return back(error="invalid_scope", state=state)
        challenge = query.get("code_challenge", "")
        if query.get("code_challenge_method") != "S256" or not re.fullmatch(r"[A-Za-z0-9_-]{43}", challenge):
            return back(error="invalid_request", error_description="S256 code_challenge required", state=state)
        code = secrets.token_urlsafe(32)
        with self.lock:
            self.codes[code] = Code(self.signed_in, redirect_uri, scopes, challenge, time.time() + CODE_SECONDS)
        return back(state=state, code=code)

    def _client_authenticated(self, request: Request) -> bool:
        value = request.headers.get("authorization", "")
        if not value.startswith("Basic "):
            return False
        try:
            client_id, _, secret = base64.b64decode(value[6:]).decode().partition(":")
        except ValueError:
            return False
        return client_id == self.client_id and secret == self.client_secret

    def _token(self, request: Request) -> Response:
        if not request.headers.get("content-type", "").startswith("application/x-www-form-urlencoded"):
            return _oauth_error(400, "invalid_request", "Content-Type must be application/x-www-form-urlencoded.")
        if not self._client_authenticated(request):
            return _oauth_error(401, "unauthorized_client", "Missing valid authorization header")
        form = request.form()
        if form.get("client_id", self.client_id) != self.client_id:
            return _oauth_error(400, "invalid_request", "client_id does not match the authorization header.")
        grant_type = form.get("grant_type")
        with self.lock:
            if grant_type == "authorization_code":
                code = self.codes.get(form.get("code", ""))
                if code is None or code.used or code.expires_at < time.time():
                    return _oauth_error(400, "invalid_grant", "Value passed for the authorization code was invalid.")
                if form.get("redirect_uri") != code.redirect_uri:
                    return _oauth_error(400, "invalid_grant", "redirect_uri does not match the authorization.")
                verifier = form.get("code_verifier", "")
                expected = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
                # The code is spent whatever happens next, as on X.
                code.used = True
                if not VERIFIER.fullmatch(verifier) or expected != code.challenge:
                    return _oauth_error(400, "invalid_grant", "code_verifier does not match the code_challenge.")
                account, scopes = code.account, code.scopes
            elif grant_type == "refresh_token":
                token = form.get("refresh_token", "")
                grant = self.refresh_grants.pop(token, None)
                if grant is None or grant.expires_at < time.time():
                    return _oauth_error(400, self.dead_refresh_error, "Value passed for the token was invalid.")
                self.dead_refresh_tokens.add(token)  # rotation: this one never works again
                account, scopes = grant.account, grant.scopes
            else:
                return _oauth_error(400, "unsupported_grant_type", "grant_type is not supported.")
        issued = self._issue(account, scopes, ACCESS_TOKEN_SECONDS)
        body = {
            "token_type": "bearer",
            "expires_in": ACCESS_TOKEN_SECONDS,
            "access_token": issued.access_token,
            "scope": " ".join(sorted(scopes)),
        }
        if issued.refresh_token:
            body["refresh_token"] = issued.refresh_token
        return Response(200, body)

    def _revoke(self, request: Request) -> Response:
        """RFC 7009 as X serves it: a confidential client authenticates with HTTP Basic; an
        access or refresh token of this client stops working; an unknown token is no error."""
        if not request.headers.get("content-type", "").startswith("application/x-www-form-urlencoded"):
            return _oauth_error(400, "invalid_request", "Content-Type must be application/x-www-form-urlencoded.")
        if not self._client_authenticated(request):
            return _oauth_error(401, "unauthorized_client", "Missing valid authorization header")
        token = request.form().get("token", "")
        if not token:
            return _oauth_error(400, "invalid_request", "Missing required parameter [token].")
        with self.lock:
            revoked = self.grants.pop(token, None) or self.refresh_grants.pop(token, None)
            if revoked is not None:
                self.revoked_tokens.add(token)
        return Response(200, {"revoked": True})

    # --- API -------------------------------------------------------------------------------
    def _grant(self, request: Request, *required: str) -> Grant | Response:
        with self.lock:
            grant = self.grants.get(request.bearer())
        if grant is None or grant.expires_at < time.time():
            return _problem(401, "Unauthorized", "Unauthorized")
        missing = set(required) - grant.scopes
        if missing:
            return _problem(403, "Forbidden", f"Missing scopes: {', '.join(sorted(missing))}")
        return grant

    def _me(self, request: Request) -> Response:
        grant = self._grant(request, "tweet.read", "users.read")
        if isinstance(grant, Response):
            return grant
        account = self.accounts[grant.account]
        return Response(200, {"data": {"id": account.id, "name": account.name, "username": account.username}})

    def _create_tweet(self, request: Request) -> Response:
        grant = self._grant(request, "tweet.read", "tweet.write", "users.read")
        if isinstance(grant, Response):
            return grant
        if not request.headers.get("content-type", "").startswith("application/json"):
            return _problem(415, "Unsupported Media Type", "Content-Type must be application/json.")
        try:
            body = request.json()
        except ValueError:
            return _problem(400, "Invalid Request", "Request body is not valid JSON.")
        if not isinstance(body, dict):
            return _problem(400, "Invalid Request", "Request body must be a JSON object.")
        unknown = set(body) - CREATE_FIELDS
        if unknown:
            return _problem(400, "Invalid Request", f"The `{sorted(unknown)[0]}` field is not allowed.")
        text = body.get("text")
        if not isinstance(text, str) or not text.strip():
            return _problem(400, "Invalid Request", "`text` must be a non-empty string.")
        if weighted_length(text) > 280:
            return _problem(400, "Invalid Request", "Your post is too long: 280 weighted characters at most.")
        with self.lock:
            if any(t.author == grant.account and t.text == text and not t.deleted for t in self.tweets.values()):
                return _problem(403, "Forbidden", "You are not allowed to create a Tweet with duplicate content.")
        with self._ids:
            self._next_id += 1
            tweet_id = str(self._next_id)
        with self.lock:
            self.tweets[tweet_id] = Tweet(tweet_id, grant.account, text)
        return Response(201, {"data": {"id": tweet_id, "text": text, "edit_history_tweet_ids": [tweet_id]}})

    def _delete_tweet(self, request: Request) -> Response:
        grant = self._grant(request, "tweet.read", "tweet.write", "users.read")
        if isinstance(grant, Response):
            return grant
        tweet_id = request.match["id"]
        if not tweet_id.isdigit():
            return _problem(400, "Invalid Request", "The `id` query parameter value is not valid.")
        with self.lock:
            tweet = self.tweets.get(tweet_id)
            if tweet is None or tweet.deleted:
                return _problem(404, "Not Found Error", f"Could not find tweet with id: [{tweet_id}].")
            if tweet.author != grant.account:
                return _problem(403, "Forbidden", "You are not allowed to delete this Tweet.")
            tweet.deleted = True
        return Response(200, {"data": {"deleted": True}})

    def _get_tweet(self, request: Request) -> Response:
        grant = self._grant(request, "tweet.read", "users.read")
        if isinstance(grant, Response):
            return grant
        tweet_id = request.match["id"]
        fields = set(filter(None, request.query.get("tweet.fields", "").split(",")))
        if not tweet_id.isdigit() or not fields <= TWEET_FIELDS:
            return _problem(400, "Invalid Request", "One or more parameters to your request was invalid.")
        with self.lock:
            tweet = self.tweets.get(tweet_id)
            if tweet is None or tweet.deleted:
                # X answers 200 with only errors for a post that does not exist.
                error = {
                    "value": tweet_id,
                    "detail": f"Could not find tweet with id: [{tweet_id}].",
                    "title": "Not Found Error",
                    "resource_type": "tweet",
                    "parameter": "id",
                    "type": "https://api.twitter.com/2/problems/resource-not-found",
                }
                return Response(200, {"errors": [error]})
            data: dict[str, Any] = {"id": tweet.id, "text": tweet.text, "edit_history_tweet_ids": [tweet.id]}
            if "public_metrics" in fields:
                counts = ("retweet_count", "reply_count", "like_count", "quote_count", "bookmark_count")
                data["public_metrics"] = {name: tweet.metrics.get(name, 0) for name in counts}
                data["public_metrics"]["impression_count"] = tweet.metrics.get("impression_count", 0)
        return Response(200, {"data": data})


@pytest.fixture
def x_server(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Iterator[XServer]:
    """A running ``XServer`` with the X settings pointing at it."""
    # The local server speaks plain HTTP; oauthlib refuses that unless told otherwise.
    monkeypatch.setenv("OAUTHLIB_INSECURE_TRANSPORT", "1")
    server = XServer(redirect_uris={callback_url("x")})
    with server.running():
        settings.X_CLIENT_ID = server.client_id
        settings.X_CLIENT_SECRET = server.client_secret
        settings.X_AUTH_URL = server.url + AUTHORIZE_PATH
        settings.X_TOKEN_URL = server.url + TOKEN_PATH
        settings.X_API_BASE = server.url
        yield server
