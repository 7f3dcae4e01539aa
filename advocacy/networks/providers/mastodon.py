"""Mastodon: any instance the employee names.

Our app registers itself once per instance (``POST /api/v1/apps``) and the registration is
cached in ``MastodonApp``. Authorisation is the OAuth 2 authorization code flow with PKCE
(S256, understood since Mastodon 4.3 and ignored by older servers). Tokens never expire.
Posts carry the share's ``Idempotency-Key``, so a retried post returns the first status.

The instance is a host the employee typed: every call goes through the SSRF-guarded session
and never follows redirects. The OAuth request and token exchange are written out here
rather than with oauthlib, which refuses plain-http URLs (the local test servers) unless a
process-wide environment flag is set, and whose ``fetch_token`` would bypass ``send`` (its
error mapping and its refusal to follow redirects).
"""

import base64
import hashlib
import ipaddress
import re
from typing import Any
from urllib.parse import urlencode, urlsplit

import regex  # type: ignore[import-untyped]
import requests
from django.conf import settings
from django.db import IntegrityError, transaction

from advocacy.networks.models import MastodonApp
from advocacy.networks.providers.api_client import new_session, send
from advocacy.networks.providers.base import (
    AccountIdentity,
    ConnectRequest,
    Credentials,
    Engagement,
    InvalidGrant,
    InvalidInstance,
    NetworkUnreachable,
    OutcomeUnknown,
    PostRejected,
    PostResult,
    TokenRejected,
    TokenSet,
)
from advocacy.networks.tokens import decrypt_token, encrypt_token

NETWORK = "Mastodon"
SCOPES = "read write:statuses"
# Mastodon counts every link as this many characters, whatever its length.
URL_WEIGHT = 23

_LABEL = re.compile(r"(?!-)[a-z0-9-]{1,63}(?<!-)")
_GRAPHEME = regex.compile(r"\X")
_URL = regex.compile(r"https?://[^\s<>\"]+", regex.IGNORECASE)
# A remote mention counts as its local part only: "@alice@example.social" as "@alice".
_REMOTE_MENTION = regex.compile(r"(?<![=/\w])@(\w+)@[\w.-]*\w")
_DEFAULT_PORTS = {"http": 80, "https": 443}


def normalize_instance(value: str) -> str:
    """``mastodon.social``, ``https://Mastodon.Social/`` -> ``mastodon.social`` (with a port
    when it is not the default one). Paths, credentials and other schemes are refused."""
    raw = value.strip()
    if not raw:
        raise InvalidInstance("Enter your Mastodon server, for example mastodon.social.")
    if "://" not in raw:
        raw = f"https://{raw}"
    try:
        parts = urlsplit(raw)
        port = parts.port
    except ValueError as exc:
        raise InvalidInstance("This is not a valid Mastodon server address.") from exc
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS:
        raise InvalidInstance("A Mastodon server address starts with https://.")
    if "@" in parts.netloc:
        raise InvalidInstance("Enter only your server (e.g. mastodon.social), not your handle or a password.")
    if parts.path not in ("", "/") or parts.query or parts.fragment:
        raise InvalidInstance("Enter only the server name (e.g. mastodon.social), without a path.")
    host = _normalize_host(parts.hostname or "")
    if port is None or port == _DEFAULT_PORTS[scheme]:
        return host
    return f"{host}:{port}"


def _normalize_host(hostname: str) -> str:
    host = hostname.lower().rstrip(".")
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        pass
    else:
        return f"[{address}]" if address.version == 6 else str(address)
    try:
        host = host.encode("idna").decode("ascii")
    except UnicodeError as exc:
        raise InvalidInstance("This is not a valid Mastodon server name.") from exc
    labels = host.split(".")
    single_label = len(labels) < 2 and host != "localhost"
    if single_label or not all(_LABEL.fullmatch(label) for label in labels):
        raise InvalidInstance("This is not a valid Mastodon server name.")
    return host


def base_url(instance: str) -> str:
    """The one place that picks the scheme: https, except for a loopback host when
    ``ALLOW_PRIVATE_NETWORK_HOSTS`` (tests and local demos run Mastodon without TLS).
    Anywhere else a private address is refused by the guarded session anyway."""
    host = urlsplit(f"//{instance}").hostname or ""
    if settings.ALLOW_PRIVATE_NETWORK_HOSTS and _is_loopback(host):
        return f"http://{instance}"
    return f"https://{instance}"


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def code_challenge(code_verifier: str) -> str:
    digest = hashlib.sha256(code_verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def countable_text(text: str) -> str:
    """The text as Mastodon measures it: links as 23 characters, remote mentions by their
    local part."""
    text = _URL.sub(lambda match: "x" * URL_WEIGHT + _trailing_punctuation(match.group()), text)
    return _REMOTE_MENTION.sub(r"@\1", text)


def _trailing_punctuation(url: str) -> str:
    """What a link regex grabbed that is not part of the link (a final full stop, or a
    closing bracket without its opening one)."""
    end = len(url)
    while end > 0:
        char = url[end - 1]
        if char in ".,;:!?'\"" or (char == ")" and url.count("(", 0, end) < url.count(")", 0, end)):
            end -= 1
        else:
            break
    return url[end:]


class _NotFound(Exception):
    pass


def _raise_not_found(response: requests.Response, *args: Any, **kwargs: Any) -> None:
    # A response hook: lets delete() tell "already gone" apart from other refusals.
    if response.status_code == 404:
        raise _NotFound


class MastodonProvider:
    name = "mastodon"
    max_length = 500
    idempotent = True

    def text_length(self, text: str) -> int:
        return len(_GRAPHEME.findall(countable_text(text)))

    # --- connecting --------------------------------------------------------------------
    def authorization_url(
        self, *, state: str, redirect_uri: str, code_verifier: str, request: ConnectRequest
    ) -> tuple[str, dict[str, Any]]:
        instance = normalize_instance(request.instance)
        client_id, _secret = self._app(instance, redirect_uri)
        query = urlencode(
            {
                "response_type": "code",
                "client_id": client_id,
                "redirect_uri": redirect_uri,
                "scope": SCOPES,
                "state": state,
                "code_challenge": code_challenge(code_verifier),
                "code_challenge_method": "S256",
            }
        )
        return f"{base_url(instance)}/oauth/authorize?{query}", {"instance": instance, "client_id": client_id}

    def exchange_code(
        self, *, code: str, redirect_uri: str, code_verifier: str, remembered: dict[str, Any]
    ) -> TokenSet:
        instance = str(remembered.get("instance", ""))
        app = MastodonApp.objects.filter(instance=instance).first()
        if app is None or app.client_id != remembered.get("client_id"):
            raise InvalidGrant("This Mastodon authorisation is out of date. Start connecting again.")
        form = {
            "grant_type": "authorization_code",
            "code": code,
            "client_id": app.client_id,
            "client_secret": decrypt_token(app.client_secret),
            "redirect_uri": redirect_uri,
            "code_verifier": code_verifier,
        }
        try:
            response = self._call("POST", instance, "/oauth/token", writes=False, data=form)
        except TokenRejected as exc:
            # invalid_client: the instance forgot our app. Register again on the next try.
            MastodonApp.objects.filter(pk=app.pk).delete()
            raise InvalidGrant(f"{instance} no longer knows this app. Start connecting again.") from exc
        except PostRejected as exc:
            raise InvalidGrant(f"{instance} refused the authorisation: {exc.detail}") from exc
        body = _body(response, writes=False)
        token = body.get("access_token")
        if not isinstance(token, str) or not token:
            raise InvalidGrant(f"{instance} answered without an access token.")
        return TokenSet(access_token=token, scopes=str(body.get("scope") or SCOPES))

    def refresh(self, *, refresh_token: str, instance: str) -> TokenSet:
        raise InvalidGrant("Mastodon tokens do not expire: this connection was revoked. Connect again.")

    def fetch_identity(self, *, tokens: TokenSet, instance: str) -> AccountIdentity:
        response = self._call(
            "GET", instance, "/api/v1/accounts/verify_credentials", writes=False, token=tokens.access_token
        )
        body = _body(response, writes=False)
        account_id = str(body.get("id") or "")
        if not account_id:
            raise NetworkUnreachable(f"{instance} did not say which account this is.")
        acct = str(body.get("acct") or body.get("username") or "")
        return AccountIdentity(
            # Account ids are only unique within one instance.
            account_id=f"{account_id}@{instance}",
            account_name=str(body.get("display_name") or "") or f"@{acct}@{instance}",
            account_url=str(body.get("url") or ""),
        )

    # --- acting for a connection -------------------------------------------------------
    def post(self, *, credentials: Credentials, text: str, idempotency_key: str) -> PostResult:
        response = self._call(
            "POST",
            credentials.instance,
            "/api/v1/statuses",
            writes=True,
            token=credentials.access_token,
            json={"status": text},
            headers={"Idempotency-Key": idempotency_key},
        )
        body = _body(response, writes=True)
        status_id = str(body.get("id") or "")
        if not status_id:
            raise OutcomeUnknown(f"{NETWORK} accepted the post but did not say which status it is.")
        return PostResult(external_id=status_id, external_url=str(body.get("url") or body.get("uri") or ""))

    def delete(self, *, credentials: Credentials, external_id: str) -> None:
        try:
            self._call(
                "DELETE",
                credentials.instance,
                f"/api/v1/statuses/{_status_id(external_id)}",
                writes=True,
                token=credentials.access_token,
                hooks={"response": [_raise_not_found]},
            )
        except _NotFound:
            return  # already deleted

    def revoke(self, *, access_token: str, refresh_token: str, instance: str) -> bool:
        """``POST /oauth/revoke`` with our app's credentials on the instance. Without a
        registration there (forgotten, or never made) nothing can be revoked."""
        app = MastodonApp.objects.filter(instance=instance).first()
        if app is None or not access_token:
            return False
        form = {"client_id": app.client_id, "client_secret": decrypt_token(app.client_secret), "token": access_token}
        try:
            self._call("POST", instance, "/oauth/revoke", writes=False, data=form)
        except (PostRejected, TokenRejected):
            return False  # issued to another registration of ours, or the app is gone
        return True

    def engagement(self, *, credentials: Credentials, external_id: str) -> Engagement:
        response = self._call(
            "GET",
            credentials.instance,
            f"/api/v1/statuses/{_status_id(external_id)}",
            writes=False,
            token=credentials.access_token,
        )
        body = _body(response, writes=False)
        return Engagement(
            reactions=_count(body, "favourites_count"),
            comments=_count(body, "replies_count"),
            reposts=_count(body, "reblogs_count"),
        )

    # --- plumbing ----------------------------------------------------------------------
    def _app(self, instance: str, redirect_uri: str) -> tuple[str, str]:
        """Our client id and secret on ``instance``, registering the app the first time (or
        again when our callback URL or scopes changed)."""
        app = MastodonApp.objects.filter(instance=instance).first()
        if app is not None and app.redirect_uri == redirect_uri and app.scopes == SCOPES:
            return app.client_id, decrypt_token(app.client_secret)
        client_id, client_secret = self._register(instance, redirect_uri)
        values = {
            "client_id": client_id,
            "client_secret": encrypt_token(client_secret),
            "redirect_uri": redirect_uri,
            "scopes": SCOPES,
        }
        if app is not None:
            MastodonApp.objects.filter(pk=app.pk).update(**values)
            return client_id, client_secret
        try:
            with transaction.atomic():
                MastodonApp.objects.create(instance=instance, **values)
        except IntegrityError:
            # Another request registered us on this instance at the same moment: use its
            # registration; ours is simply never used.
            app = MastodonApp.objects.get(instance=instance)
            return app.client_id, decrypt_token(app.client_secret)
        return client_id, client_secret

    def _register(self, instance: str, redirect_uri: str) -> tuple[str, str]:
        form = {"client_name": settings.MASTODON_APP_NAME, "redirect_uris": redirect_uri, "scopes": SCOPES}
        if settings.MASTODON_APP_WEBSITE:
            form["website"] = settings.MASTODON_APP_WEBSITE
        try:
            response = self._call("POST", instance, "/api/v1/apps", writes=False, data=form)
        except (PostRejected, TokenRejected) as exc:
            raise InvalidInstance(f"{instance} did not let us register: {exc.detail}") from exc
        except NetworkUnreachable as exc:
            raise InvalidInstance(f"{instance} could not be reached. Is it a Mastodon server?") from exc
        body = _body(response, writes=False)
        client_id, client_secret = body.get("client_id"), body.get("client_secret")
        if not isinstance(client_id, str) or not isinstance(client_secret, str) or not client_id:
            raise InvalidInstance(f"{instance} does not answer like a Mastodon server.")
        return client_id, client_secret

    def _call(
        self,
        method: str,
        instance: str,
        path: str,
        *,
        writes: bool,
        token: str = "",
        headers: dict[str, str] | None = None,
        **kwargs: Any,
    ) -> requests.Response:
        if not instance:
            raise InvalidInstance("This Mastodon connection has no server.")
        all_headers = {"Accept": "application/json", **(headers or {})}
        if token:
            all_headers["Authorization"] = f"Bearer {token}"
        with new_session(guarded=True) as session:
            return send(
                session,
                method,
                base_url(instance) + path,
                writes=writes,
                network=NETWORK,
                headers=all_headers,
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


def _status_id(external_id: str) -> str:
    # Status ids are numeric strings; anything else must not reach the URL path.
    if not external_id.isascii() or not external_id.isalnum():
        raise PostRejected(f"{external_id!r} is not a Mastodon status id.")
    return external_id


def _count(body: dict[str, Any], key: str) -> int:
    value = body.get(key)
    return value if isinstance(value, int) else 0
