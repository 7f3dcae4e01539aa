"""A strict local Bluesky PDS: sessions from app passwords, short-lived access JWTs that
rotate with the refresh JWT, and the repo and feed endpoints we use, refusing what the real
service refuses (with its error bodies: ``{"error": "ExpiredToken", "message": ...}``).

Use the ``bluesky_server`` fixture (it points ``BLUESKY_SERVICE_URL`` here; add
``pytest_plugins = ["tests.networks.servers.bluesky"]`` to the test module) and
``BlueskyServer.issue_session`` to connect an account without creating a session over HTTP.
"""

import base64
import hashlib
import hmac
import json
import re
import secrets
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import pytest
import regex  # type: ignore[import-untyped]

from tests.networks.servers.base import FakeNetworkServer, Request, Response

POST_COLLECTION = "app.bsky.feed.post"
DEFAULT_APP_PASSWORD = "abcd-efgh-ijkl-mnop"
MAX_GRAPHEMES = 300
MAX_TEXT_BYTES = 3000
ACCESS_LIFETIME = 2 * 3600.0
REFRESH_LIFETIME = 90 * 24 * 3600.0
ACCESS_SCOPES = {"com.atproto.access", "com.atproto.appPass", "com.atproto.appPassPrivileged"}
REFRESH_SCOPE = "com.atproto.refresh"
FACET_FEATURES = {"app.bsky.richtext.facet#link", "app.bsky.richtext.facet#mention", "app.bsky.richtext.facet#tag"}
_TID = re.compile(r"[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}")
_GRAPHEME = regex.compile(r"\X")


@dataclass
class Account:
    did: str
    handle: str
    email: str
    password: str
    app_passwords: set[str] = field(default_factory=set)
    # Email sign-in codes: the account password alone is refused (app passwords still work).
    email_2fa: bool = False


@dataclass
class Record:
    did: str
    rkey: str
    value: dict[str, Any]
    cid: str
    like_count: int = 0
    reply_count: int = 0
    repost_count: int = 0
    quote_count: int = 0

    @property
    def uri(self) -> str:
        return f"at://{self.did}/{POST_COLLECTION}/{self.rkey}"


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _xrpc_error(status: int, error: str, message: str) -> Response:
    return Response(status, {"error": error, "message": message})


def _valid_datetime(value: Any) -> bool:
    if not isinstance(value, str) or not re.fullmatch(
        r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)", value
    ):
        return False
    try:
        datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return False
    return True


def _facet_problem(facet: Any, text_bytes: int) -> str:
    if not isinstance(facet, dict) or not isinstance(facet.get("index"), dict):
        return "Record/facets must have the property index"
    start, end = facet["index"].get("byteStart"), facet["index"].get("byteEnd")
    if not isinstance(start, int) or not isinstance(end, int) or not 0 <= start < end <= text_bytes:
        return "Record/facets/index must be a byte range inside the text"
    features = facet.get("features")
    if not isinstance(features, list) or not features:
        return "Record/facets/features must be a non-empty array"
    for feature in features:
        if not isinstance(feature, dict) or feature.get("$type") not in FACET_FEATURES:
            return "Record/facets/features has an unknown $type"
        if feature["$type"].endswith("#link") and not str(feature.get("uri", "")).startswith(("http://", "https://")):
            return "Record/facets/features/uri must be a valid uri"
    return ""


class BlueskyServer(FakeNetworkServer):
    def __init__(self) -> None:
        super().__init__()
        self.secret = secrets.token_bytes(32)
        self.access_lifetime = ACCESS_LIFETIME
        self.accounts: dict[str, Account] = {}
        self.records: dict[tuple[str, str], Record] = {}
        self.revoked: set[str] = set()  # refresh token ids
        self._register_routes()

    # --- for tests ---------------------------------------------------------------------
    def add_account(
        self, handle: str, *, app_password: str = "", password: str = "", email_2fa: bool = False
    ) -> Account:
        with self.lock:
            did = "did:plc:" + "".join(secrets.choice("abcdefghijklmnopqrstuvwxyz234567") for _ in range(24))
            account = Account(
                did=did,
                handle=handle.lower(),
                email=f"{handle.split('.')[0]}@example.com",
                password=password or secrets.token_urlsafe(12),
                app_passwords={app_password or DEFAULT_APP_PASSWORD},
                email_2fa=email_2fa,
            )
            self.accounts[did] = account
            return account

    def issue_session(self, did: str, *, access_lifetime: float | None = None) -> dict[str, str]:
        """A new session (accessJwt, refreshJwt, did, handle) as createSession would give."""
        account = self.accounts[did]
        lifetime = self.access_lifetime if access_lifetime is None else access_lifetime
        return {
            "accessJwt": self._jwt(
                "at+jwt", {"scope": "com.atproto.appPass", "sub": did, "jti": secrets.token_urlsafe(8)}, lifetime
            ),
            "refreshJwt": self._jwt(
                "refresh+jwt", {"scope": REFRESH_SCOPE, "sub": did, "jti": secrets.token_urlsafe(16)}, REFRESH_LIFETIME
            ),
            "did": did,
            "handle": account.handle,
        }

    def posts(self, did: str | None = None) -> list[Record]:
        with self.lock:
            return [record for record in self.records.values() if did is None or record.did == did]

    def calls(self, method: str, xrpc_method: str) -> int:
        with self.lock:
            path = f"/xrpc/{xrpc_method}"
            return sum(1 for request in self.requests if request.method == method and request.path == path)

    # --- tokens ------------------------------------------------------------------------
    def _jwt(self, typ: str, claims: dict[str, Any], lifetime: float) -> str:
        now = int(time.time())
        header = _b64(json.dumps({"typ": typ, "alg": "HS256"}).encode())
        payload = _b64(
            json.dumps({**claims, "aud": "did:web:127.0.0.1", "iat": now, "exp": now + int(lifetime)}).encode()
        )
        signature = hmac.new(self.secret, f"{header}.{payload}".encode(), hashlib.sha256).digest()
        return f"{header}.{payload}.{_b64(signature)}"

    def _claims(self, request: Request, scopes: set[str]) -> dict[str, Any] | Response:
        token = request.bearer()
        if not token:
            return _xrpc_error(401, "AuthenticationRequired", "Authentication Required")
        try:
            header, payload, signature = token.split(".")
            expected = hmac.new(self.secret, f"{header}.{payload}".encode(), hashlib.sha256).digest()
            if not hmac.compare_digest(expected, _unb64(signature)):
                raise ValueError("bad signature")
            claims = json.loads(_unb64(payload))
        except ValueError:
            return _xrpc_error(400, "InvalidToken", "Token could not be verified")
        if claims.get("scope") not in scopes:
            return _xrpc_error(400, "InvalidToken", "Bad token scope")
        if claims["exp"] <= time.time():
            return _xrpc_error(400, "ExpiredToken", "Token has expired")
        if claims.get("scope") == REFRESH_SCOPE and claims.get("jti") in self.revoked:
            return _xrpc_error(400, "ExpiredToken", "Token has been revoked")
        if claims.get("sub") not in self.accounts:
            return _xrpc_error(400, "InvalidToken", "Token could not be verified")
        return claims

    # --- routes ------------------------------------------------------------------------
    def _register_routes(self) -> None:
        self.route("POST", "/xrpc/com.atproto.server.createSession")(self._create_session)
        self.route("POST", "/xrpc/com.atproto.server.refreshSession")(self._refresh_session)
        self.route("GET", "/xrpc/com.atproto.server.getSession")(self._get_session)
        self.route("POST", "/xrpc/com.atproto.server.deleteSession")(self._delete_session)
        self.route("POST", "/xrpc/com.atproto.repo.putRecord")(self._put_record)
        self.route("POST", "/xrpc/com.atproto.repo.deleteRecord")(self._delete_record)
        self.route("GET", "/xrpc/app.bsky.feed.getPosts")(self._get_posts)

    def _json_body(self, request: Request) -> dict[str, Any] | Response:
        if not request.headers.get("content-type", "").startswith("application/json"):
            return _xrpc_error(
                400, "InvalidRequest", "Wrong request encoding (Content-Type): expected application/json"
            )
        try:
            body = request.json()
        except ValueError:
            return _xrpc_error(400, "InvalidRequest", "Request body is not valid JSON")
        if not isinstance(body, dict):
            return _xrpc_error(400, "InvalidRequest", "Input must be an object")
        return body

    def _create_session(self, request: Request) -> Response:
        body = self._json_body(request)
        if isinstance(body, Response):
            return body
        for name in ("identifier", "password"):
            if not isinstance(body.get(name), str):
                return _xrpc_error(400, "InvalidRequest", f'Input must have the property "{name}"')
        identifier = body["identifier"].lower().lstrip("@")
        with self.lock:
            account = next(
                (a for a in self.accounts.values() if identifier in (a.did, a.handle, a.email.lower())), None
            )
        password = body["password"]
        if account is not None and password in account.app_passwords:
            pass
        elif account is not None and secrets.compare_digest(password, account.password):
            if account.email_2fa and not body.get("authFactorToken"):
                return _xrpc_error(401, "AuthFactorTokenRequired", "A sign in code has been sent to your email address")
        else:
            return _xrpc_error(401, "AuthenticationRequired", "Invalid identifier or password")
        session = self.issue_session(account.did)
        return Response(200, {**session, "email": account.email, "emailConfirmed": True, "active": True})

    def _refresh_session(self, request: Request) -> Response:
        claims = self._claims(request, {REFRESH_SCOPE})
        if isinstance(claims, Response):
            return claims
        with self.lock:
            if claims["jti"] in self.revoked:
                return _xrpc_error(400, "ExpiredToken", "Token has been revoked")
            self.revoked.add(claims["jti"])
        return Response(200, {**self.issue_session(claims["sub"]), "active": True})

    def _delete_session(self, request: Request) -> Response:
        """Ends the session of the refresh JWT given as the bearer token."""
        claims = self._claims(request, {REFRESH_SCOPE})
        if isinstance(claims, Response):
            return claims
        with self.lock:
            self.revoked.add(claims["jti"])
        return Response(200, None)

    def _get_session(self, request: Request) -> Response:
        claims = self._claims(request, ACCESS_SCOPES)
        if isinstance(claims, Response):
            return claims
        account = self.accounts[claims["sub"]]
        return Response(200, {"did": account.did, "handle": account.handle, "email": account.email, "active": True})

    def _repo_request(self, request: Request) -> tuple[str, dict[str, Any]] | Response:
        claims = self._claims(request, ACCESS_SCOPES)
        if isinstance(claims, Response):
            return claims
        body = self._json_body(request)
        if isinstance(body, Response):
            return body
        for name in ("repo", "collection", "rkey"):
            if not isinstance(body.get(name), str):
                return _xrpc_error(400, "InvalidRequest", f'Input must have the property "{name}"')
        if body["repo"] != claims["sub"]:
            return _xrpc_error(400, "InvalidRequest", "The repo does not belong to this session")
        if body["collection"] != POST_COLLECTION:
            return _xrpc_error(400, "InvalidRequest", f"This server only stores {POST_COLLECTION} records")
        if not _TID.fullmatch(body["rkey"]):
            return _xrpc_error(400, "InvalidRequest", "Invalid record key: app.bsky.feed.post keys are TIDs")
        return claims["sub"], body

    def _put_record(self, request: Request) -> Response:
        checked = self._repo_request(request)
        if isinstance(checked, Response):
            return checked
        did, body = checked
        record = body.get("record")
        if not isinstance(record, dict):
            return _xrpc_error(400, "InvalidRequest", 'Input must have the property "record"')
        if record.get("$type") != POST_COLLECTION:
            return _xrpc_error(400, "InvalidRecord", f"Invalid $type: must be {POST_COLLECTION}")
        text = record.get("text")
        if not isinstance(text, str):
            return _xrpc_error(400, "InvalidRecord", 'Record must have the property "text"')
        if len(_GRAPHEME.findall(text)) > MAX_GRAPHEMES:
            return _xrpc_error(400, "InvalidRecord", f"Record/text must not be longer than {MAX_GRAPHEMES} graphemes")
        text_bytes = len(text.encode("utf-8"))
        if text_bytes > MAX_TEXT_BYTES:
            return _xrpc_error(400, "InvalidRecord", f"Record/text must not be longer than {MAX_TEXT_BYTES} bytes")
        if not _valid_datetime(record.get("createdAt")):
            return _xrpc_error(400, "InvalidRecord", "Record/createdAt must be an valid atproto datetime")
        facets = record.get("facets", [])
        if not isinstance(facets, list):
            return _xrpc_error(400, "InvalidRecord", "Record/facets must be an array")
        for facet in facets:
            problem = _facet_problem(facet, text_bytes)
            if problem:
                return _xrpc_error(400, "InvalidRecord", problem)
        cid = "bafyrei" + _b64(hashlib.sha256(json.dumps(record, sort_keys=True).encode()).digest()).lower()[:52]
        with self.lock:
            existing = self.records.get((did, body["rkey"]))
            stored = Record(did=did, rkey=body["rkey"], value=record, cid=cid)
            if existing is not None:  # an update keeps the post's counters
                stored.like_count, stored.reply_count = existing.like_count, existing.reply_count
                stored.repost_count, stored.quote_count = existing.repost_count, existing.quote_count
            self.records[(did, body["rkey"])] = stored
        return Response(200, {"uri": stored.uri, "cid": cid, "validationStatus": "valid"})

    def _delete_record(self, request: Request) -> Response:
        checked = self._repo_request(request)
        if isinstance(checked, Response):
            return checked
        did, body = checked
        with self.lock:
            self.records.pop((did, body["rkey"]), None)
        return Response(200, {"commit": {"cid": "bafyreicommit", "rev": "3l25zusnsfctk"}})

    def _get_posts(self, request: Request) -> Response:
        claims = self._claims(request, ACCESS_SCOPES)
        if isinstance(claims, Response):
            return claims
        uri = request.query.get("uris", "")
        if not uri.startswith("at://"):
            return _xrpc_error(400, "InvalidRequest", "uris must be at-uris")
        with self.lock:
            found = [record for record in self.records.values() if record.uri == uri]
        return Response(
            200,
            {
                "posts": [
                    {
                        "uri": record.uri,
                        "cid": record.cid,
                        "author": {"did": record.did, "handle": self.accounts[record.did].handle},
                        "record": record.value,
                        "likeCount": record.like_count,
                        "replyCount": record.reply_count,
                        "repostCount": record.repost_count,
                        "quoteCount": record.quote_count,
                    }
                    for record in found
                ]
            },
        )


@pytest.fixture
def bluesky_server(settings: Any) -> Iterator[BlueskyServer]:
    """A running Bluesky service on 127.0.0.1, with ``BLUESKY_SERVICE_URL`` pointing at it."""
    settings.ALLOW_PRIVATE_NETWORK_HOSTS = True
    server = BlueskyServer()
    with server.running():
        settings.BLUESKY_SERVICE_URL = server.url
        yield server


__all__ = ["BlueskyServer", "bluesky_server"]
