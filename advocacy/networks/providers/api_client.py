"""One HTTP client for every network API: timeouts, no redirects, and one mapping from
HTTP outcomes to provider errors, so the pipeline can tell "not posted" from "maybe posted".

Hosts the employee names (Mastodon instances) go through ``GuardedAdapter``: every
connection is made to an address that was resolved and checked once (no second DNS lookup
that could answer differently), and private or reserved addresses are refused unless
``ALLOW_PRIVATE_NETWORK_HOSTS``.
"""

import email.utils
import time
from collections.abc import Mapping
from datetime import datetime
from typing import Any

import requests
from django.conf import settings
from urllib3.exceptions import ConnectTimeoutError, NameResolutionError, NewConnectionError

from advocacy.core.safe_http import AddressRefusedError, GuardedAdapter
from advocacy.networks.providers.base import (
    InvalidInstance,
    NetworkUnreachable,
    OutcomeUnknown,
    PostRejected,
    RateLimited,
    TokenRejected,
)

# Without any hint from the network, wait this long after a 429.
DEFAULT_RETRY_AFTER = 60.0
MAX_RETRY_AFTER = 24 * 3600.0


def new_session(*, guarded: bool = False) -> requests.Session:
    session = requests.Session()
    session.trust_env = False  # no proxies or netrc from the environment for network APIs
    if guarded:
        adapter = GuardedAdapter()
        session.mount("http://", adapter)
        session.mount("https://", adapter)
    return session


def retry_after_seconds(headers: Mapping[str, str], *, now: float | None = None) -> float:
    """Seconds to wait after a 429: Retry-After (seconds or HTTP date), else the reset time
    the network announces (X ``x-rate-limit-reset`` and Bluesky ``ratelimit-reset``: epoch
    seconds; Mastodon ``X-RateLimit-Reset``: an ISO time), else a default."""
    now = time.time() if now is None else now
    value = headers.get("Retry-After", "").strip()
    if value:
        if value.isdigit():
            return min(float(value), MAX_RETRY_AFTER)
        parsed = email.utils.parsedate_to_datetime(value) if _looks_like_date(value) else None
        if parsed is not None:
            return min(max(parsed.timestamp() - now, 0.0), MAX_RETRY_AFTER)
    for name in ("x-rate-limit-reset", "ratelimit-reset"):
        reset = headers.get(name, "").strip()
        if reset.isdigit():
            return min(max(float(reset) - now, 0.0), MAX_RETRY_AFTER)
    reset = headers.get("X-RateLimit-Reset", "").strip()
    if reset:
        try:
            reset_at = datetime.fromisoformat(reset.replace("Z", "+00:00")).timestamp()
        except ValueError:
            reset_at = None
        if reset_at is not None:
            return min(max(reset_at - now, 0.0), MAX_RETRY_AFTER)
    return DEFAULT_RETRY_AFTER


def _looks_like_date(value: str) -> bool:
    try:
        return email.utils.parsedate_to_datetime(value) is not None
    except (TypeError, ValueError):
        return False


def _detail(response: requests.Response) -> str:
    try:
        body = response.json()
    except ValueError:
        return response.text[:300]
    if isinstance(body, dict):
        for key in ("message", "error_description", "detail", "error", "title"):
            if isinstance(body.get(key), str):
                return str(body[key])[:300]
        errors = body.get("errors")
        if isinstance(errors, list) and errors and isinstance(errors[0], dict):
            return str(errors[0].get("message") or errors[0].get("detail") or errors[0])[:300]
    return str(body)[:300]


def send(
    session: requests.Session,
    method: str,
    url: str,
    *,
    writes: bool,
    network: str,
    rate_limit_scope: str = "connection",
    **kwargs: Any,
) -> requests.Response:
    """Send one request and map failures to provider errors. ``writes`` says whether the
    request creates something, so that a lost answer is an unknown outcome, not a retry."""
    kwargs.setdefault("timeout", (settings.NETWORK_CONNECT_TIMEOUT, settings.NETWORK_READ_TIMEOUT))
    kwargs.setdefault("allow_redirects", False)
    try:
        response = session.request(method, url, **kwargs)
    except requests.ConnectionError as exc:
        if _refused_address(exc):
            raise InvalidInstance(f"{network} host points to a private or reserved address.") from exc
        if _nothing_sent(exc) or not writes:
            raise NetworkUnreachable(f"Could not reach {network}.") from exc
        raise OutcomeUnknown(f"{network} closed the connection before answering.") from exc
    except requests.Timeout as exc:
        if isinstance(exc, requests.ConnectTimeout) or not writes:
            raise NetworkUnreachable(f"{network} did not answer in time.") from exc
        raise OutcomeUnknown(f"{network} did not answer in time after receiving the post.") from exc
    status = response.status_code
    if status < 300:
        return response
    if status == 429:
        raise RateLimited(
            f"{network} asked us to slow down.",
            retry_after=retry_after_seconds(response.headers),
            scope=rate_limit_scope,
        )
    if status == 401:
        raise TokenRejected(f"{network} no longer accepts this connection's token.")
    if status >= 500:
        if writes:
            raise OutcomeUnknown(f"{network} answered HTTP {status} to the post.")
        raise NetworkUnreachable(f"{network} answered HTTP {status}.")
    if 300 <= status < 400:
        raise PostRejected(f"{network} answered with a redirect, which we do not follow.")
    raise PostRejected(f"{network} refused the request (HTTP {status}): {_detail(response)}")


def _chain(exc: BaseException) -> list[BaseException]:
    seen: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in seen:
        seen.append(current)
        reason = getattr(current, "reason", None)
        current = reason if isinstance(reason, BaseException) else (current.__cause__ or current.__context__)
    for item in list(seen):
        seen.extend(arg for arg in item.args if isinstance(arg, BaseException) and arg not in seen)
    return seen


def _nothing_sent(exc: BaseException) -> bool:
    return any(isinstance(item, NewConnectionError | ConnectTimeoutError | NameResolutionError) for item in _chain(exc))


def _refused_address(exc: BaseException) -> bool:
    return any(isinstance(item, AddressRefusedError) for item in _chain(exc))
