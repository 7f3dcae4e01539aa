"""Bluesky (AT Protocol), on the service in ``BLUESKY_SERVICE_URL``.

There is no OAuth redirect: the employee gives a handle and an app password, from which we
create a session at once; the "authorisation URL" is our own callback with a one-time code,
and the session's tokens wait in ``remembered`` (kept server-side) until the callback.

Posts are written with ``putRecord`` under a record key derived from the idempotency key:
a retried post overwrites itself instead of appearing twice.
"""

import base64
import hashlib
import json
import secrets
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlencode, urlsplit, urlunsplit

import regex  # type: ignore[import-untyped]
import requests
from django.conf import settings
from django.utils import timezone

from advocacy.networks.providers.api_client import new_session, send
from advocacy.networks.providers.base import (
    AccountIdentity,
    ConnectRequest,
    Credentials,
    Engagement,
    InvalidGrant,
    NetworkUnreachable,
    OutcomeUnknown,
    PostRejected,
    PostResult,
    TokenRejected,
    TokenSet,
)

NETWORK = "Bluesky"
POST_COLLECTION = "app.bsky.feed.post"
# Access tokens live about two hours; used when a token's own expiry cannot be read.
DEFAULT_ACCESS_LIFETIME = timedelta(hours=2)

_GRAPHEME = regex.compile(r"\X")
_URL = regex.compile(r"https?://[^\s<>\"]+", regex.IGNORECASE)
_TID_ALPHABET = "234567abcdefghijklmnopqrstuvwxyz"
# 2024-01-01T00:00:00Z in microseconds: derived record keys read as an instant before it.
_TID_TIME_LIMIT = 1_704_067_200_000_000

# Bluesky answers an expired or unverifiable access token with HTTP 400, not 401.
_TOKEN_ERRORS = {"ExpiredToken", "InvalidToken"}
_BAD_LOGIN = (
    "Bluesky did not accept this handle and app password. Check the handle, and create an app "
    "password in Bluesky under Settings > Privacy and security > App passwords."
)
_LOGIN_ERRORS = {
    "AuthFactorTokenRequired": (
        "This Bluesky account asks for an email sign-in code: use an app password, not your "
        "account password (Settings > Privacy and security > App passwords)."
    ),
    "AccountTakedown": "Bluesky has suspended this account.",
}


def record_key(idempotency_key: str) -> str:
    """A TID-shaped record key, the same for the same idempotency key: 13 base32-sortable
    characters of a 64-bit number whose top bit is 0 (53 bits of time, 10 of clock id)."""
    digest = int.from_bytes(hashlib.sha256(idempotency_key.encode()).digest()[:8], "big")
    micros = (digest >> 10) % _TID_TIME_LIMIT
    value = (micros << 10) | (digest & 0x3FF)
    return "".join(_TID_ALPHABET[(value >> shift) & 31] for shift in range(60, -1, -5))


def find_links(text: str) -> list[tuple[int, int, str]]:
    """Every http(s) link in ``text`` as (character start, character end, uri), without the
    punctuation that ends a sentence or closes a bracket opened before the link."""
    links = []
    for match in _URL.finditer(text):
        uri = match.group()
        while uri and (uri[-1] in ".,;:!?'\"" or (uri[-1] == ")" and uri.count("(") < uri.count(")"))):
            uri = uri[:-1]
        if len(uri) > len("https://"):
            links.append((match.start(), match.start() + len(uri), uri))
    return links


def link_facets(text: str) -> list[dict[str, Any]]:
    """Rich-text link facets; their ranges count UTF-8 bytes, not characters."""
    facets = []
    for start, end, uri in find_links(text):
        byte_start = len(text[:start].encode("utf-8"))
        facets.append(
            {
                "index": {"byteStart": byte_start, "byteEnd": byte_start + len(text[start:end].encode("utf-8"))},
                "features": [{"$type": "app.bsky.richtext.facet#link", "uri": uri}],
            }
        )
    return facets


def access_expiry(jwt: str) -> datetime:
    """When an access JWT expires, from its ``exp`` claim (read, not verified: the service
    checks it), else two hours from now."""
    try:
        payload = jwt.split(".")[1]
        claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
        return datetime.fromtimestamp(int(claims["exp"]), tz=UTC)
    except (IndexError, KeyError, TypeError, ValueError, OverflowError):
        return timezone.now() + DEFAULT_ACCESS_LIFETIME


def _error_code(response: requests.Response) -> str:
    try:
        body = response.json()
    except ValueError:
        return ""
    return str(body.get("error", "")) if isinstance(body, dict) else ""


def _token_hook(response: requests.Response, *args: Any, **kwargs: Any) -> None:
    if response.status_code == 400 and _error_code(response) in _TOKEN_ERRORS:
        raise TokenRejected(f"{NETWORK} no longer accepts this connection's session.")


def _login_hook(response: requests.Response, *args: Any, **kwargs: Any) -> None:
    if response.status_code == 401:
        raise InvalidGrant(_LOGIN_ERRORS.get(_error_code(response), _BAD_LOGIN))


def _with_query(url: str, params: dict[str, str]) -> str:
    parts = urlsplit(url)
    query = "&".join(filter(None, [parts.query, urlencode(params)]))
    return urlunsplit(parts._replace(query=query))


class BlueskyProvider:
    name = "bluesky"
    max_length = 300
    idempotent = True

    def text_length(self, text: str) -> int:
        return len(_GRAPHEME.findall(text))

    # --- connecting --------------------------------------------------------------------
    def authorization_url(
        self, *, state: str, redirect_uri: str, code_verifier: str, request: ConnectRequest
    ) -> tuple[str, dict[str, Any]]:
        handle = request.handle.strip().lstrip("@")
        password = request.app_password.strip()
        if not handle or not password:
            raise InvalidGrant("Enter your Bluesky handle and an app password.")
        response = self._call(
            "POST",
            "com.atproto.server.createSession",
            writes=False,
            json={"identifier": handle, "password": password},
            hooks={"response": [_login_hook]},
        )
        session = _session(response)
        code = secrets.token_urlsafe(24)
        return _with_query(redirect_uri, {"code": code, "state": state}), {"code": code, **session}

    def exchange_code(
        self, *, code: str, redirect_uri: str, code_verifier: str, remembered: dict[str, Any]
    ) -> TokenSet:
        expected = str(remembered.get("code", ""))
        if not expected or not secrets.compare_digest(code.encode(), expected.encode()):
            raise InvalidGrant("This Bluesky sign-in is not valid any more. Connect again.")
        return _token_set(remembered)

    def refresh(self, *, refresh_token: str, instance: str) -> TokenSet:
        try:
            response = self._call("POST", "com.atproto.server.refreshSession", writes=False, token=refresh_token)
        except (TokenRejected, PostRejected) as exc:
            raise InvalidGrant("Bluesky ended this session. Connect again with an app password.") from exc
        return _token_set(_session(response))

    def fetch_identity(self, *, tokens: TokenSet, instance: str) -> AccountIdentity:
        response = self._call("GET", "com.atproto.server.getSession", writes=False, token=tokens.access_token)
        body = _body(response, writes=False)
        did, handle = str(body.get("did") or ""), str(body.get("handle") or "")
        if not did.startswith("did:"):
            raise NetworkUnreachable(f"{NETWORK} did not say which account this is.")
        return AccountIdentity(
            account_id=did,
            account_name=handle,
            account_url=f"https://bsky.app/profile/{handle or did}",
        )

    # --- acting for a connection -------------------------------------------------------
    def post(self, *, credentials: Credentials, text: str, idempotency_key: str) -> PostResult:
        did, rkey = credentials.account_id, record_key(idempotency_key)
        record: dict[str, Any] = {
            "$type": POST_COLLECTION,
            "text": text,
            "createdAt": timezone.now().astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
        }
        facets = link_facets(text)
        if facets:
            record["facets"] = facets
        response = self._call(
            "POST",
            "com.atproto.repo.putRecord",
            writes=True,
            token=credentials.access_token,
            json={"repo": did, "collection": POST_COLLECTION, "rkey": rkey, "record": record},
        )
        uri = str(_body(response, writes=True).get("uri") or f"at://{did}/{POST_COLLECTION}/{rkey}")
        return PostResult(external_id=uri, external_url=f"https://bsky.app/profile/{did}/post/{rkey}")

    def delete(self, *, credentials: Credentials, external_id: str) -> None:
        collection, rkey = _record_path(external_id)
        # Deleting a record that is already gone succeeds.
        self._call(
            "POST",
            "com.atproto.repo.deleteRecord",
            writes=True,
            token=credentials.access_token,
            json={"repo": credentials.account_id, "collection": collection, "rkey": rkey},
        )

    def revoke(self, *, access_token: str, refresh_token: str, instance: str) -> bool:
        """``com.atproto.server.deleteSession`` with the refresh token: the session ends
        (its short-lived access token runs out within two hours)."""
        if not refresh_token:
            return False
        try:
            self._call("POST", "com.atproto.server.deleteSession", writes=False, token=refresh_token)
        except TokenRejected:
            return True  # the session had already ended
        return True

    def engagement(self, *, credentials: Credentials, external_id: str) -> Engagement:
        response = self._call(
            "GET",
            "app.bsky.feed.getPosts",
            writes=False,
            token=credentials.access_token,
            params={"uris": external_id},
        )
        posts = _body(response, writes=False).get("posts")
        view = next((p for p in posts or [] if isinstance(p, dict) and p.get("uri") == external_id), None)
        if view is None:
            return Engagement()
        return Engagement(
            reactions=_count(view, "likeCount"),
            comments=_count(view, "replyCount"),
            reposts=_count(view, "repostCount") + _count(view, "quoteCount"),
        )

    # --- plumbing ----------------------------------------------------------------------
    def _call(
        self,
        method: str,
        xrpc_method: str,
        *,
        writes: bool,
        token: str = "",
        hooks: dict[str, list[Any]] | None = None,
        **kwargs: Any,
    ) -> requests.Response:
        headers = {"Accept": "application/json"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        url = f"{settings.BLUESKY_SERVICE_URL}/xrpc/{xrpc_method}"
        with new_session() as session:
            return send(
                session,
                method,
                url,
                writes=writes,
                network=NETWORK,
                headers=headers,
                hooks={"response": [_token_hook]} if hooks is None else hooks,
                **kwargs,
            )


def _body(response: requests.Response, *, writes: bool) -> dict[str, Any]:
    try:
        body = response.json()
    except ValueError:
        body = None
    if isinstance(body, dict):
        return body
    if writes:
        raise OutcomeUnknown(f"{NETWORK} answered the post with something we could not read.")
    raise NetworkUnreachable(f"{NETWORK} answered with something we could not read.")


def _session(response: requests.Response) -> dict[str, str]:
    body = _body(response, writes=False)
    session = {key: body.get(key) for key in ("accessJwt", "refreshJwt", "did", "handle")}
    if not all(isinstance(value, str) and value for value in session.values()):
        raise NetworkUnreachable(f"{NETWORK} answered without a complete session.")
    return {key: str(value) for key, value in session.items()}


def _token_set(session: dict[str, Any]) -> TokenSet:
    access = str(session.get("accessJwt") or "")
    if not access:
        raise InvalidGrant("This Bluesky sign-in is not valid any more. Connect again.")
    return TokenSet(
        access_token=access,
        refresh_token=str(session.get("refreshJwt") or ""),
        expires_at=access_expiry(access),
    )


def _record_path(uri: str) -> tuple[str, str]:
    """``at://did/collection/rkey`` -> (collection, rkey)."""
    parts = uri.removeprefix("at://").split("/") if uri.startswith("at://") else []
    if len(parts) != 3 or not all(parts):
        raise PostRejected(f"{uri!r} is not a Bluesky post address.")
    return parts[1], parts[2]


def _count(view: dict[str, Any], key: str) -> int:
    value = view.get(key)
    return value if isinstance(value, int) else 0
