"""The interface every network provider implements, and the errors they raise.

Providers never touch the database (the sandbox, whose "network" is a table, is the one
exception): they receive decrypted ``Credentials`` and return plain values. Token storage,
refresh under a row lock and the share pipeline live in services.
"""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol


class ProviderUnavailable(Exception):
    """No provider for this network is configured on this server."""

    def __init__(self, network: str) -> None:
        super().__init__(f"Connecting to {network} is not available on this server.")
        self.network = network


class ProviderError(Exception):
    """A network call failed. ``detail`` is safe to show to the employee."""

    code = "network_error"

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


class NetworkUnreachable(ProviderError):
    """Nothing reached the network (DNS, connect refused, connect timeout): safe to retry."""

    code = "network_unreachable"


class OutcomeUnknown(ProviderError):
    """The request was sent but no clear answer came back (read timeout, dropped connection,
    5xx). The post may exist: only an idempotent network may be retried blindly."""

    code = "outcome_unknown"


class RateLimited(ProviderError):
    """HTTP 429. ``retry_after`` is in seconds (from Retry-After or the network's reset
    header); ``scope`` is ``"connection"`` (this user's limit) or ``"app"`` (our app's)."""

    code = "rate_limited"

    def __init__(self, detail: str, *, retry_after: float, scope: str = "connection") -> None:
        super().__init__(detail)
        self.retry_after = retry_after
        self.scope = scope


class TokenRejected(ProviderError):
    """HTTP 401: the access token is expired or revoked. Nothing was posted."""

    code = "token_rejected"


class InvalidGrant(ProviderError):
    """The refresh token (or app password) was refused: the employee must reconnect."""

    code = "invalid_grant"


class PostRejected(ProviderError):
    """The network refused the request (4xx other than 401 and 429). Nothing was posted."""

    code = "post_rejected"


class InvalidInstance(ProviderError):
    """A Mastodon instance (or another user-named host) that cannot be used."""

    code = "invalid_instance"


@dataclass(frozen=True)
class TokenSet:
    access_token: str
    refresh_token: str = ""
    expires_at: datetime | None = None
    scopes: str = ""


@dataclass(frozen=True)
class AccountIdentity:
    account_id: str
    account_name: str = ""
    account_url: str = ""


@dataclass(frozen=True)
class Credentials:
    """What a provider needs to act for one connection: decrypted, never stored."""

    connection_id: str
    organization_id: str
    account_id: str
    access_token: str
    instance: str = ""
    scopes: str = ""


@dataclass(frozen=True)
class PostResult:
    external_id: str
    external_url: str


@dataclass(frozen=True)
class Engagement:
    reactions: int = 0
    comments: int = 0
    reposts: int = 0
    impressions: int | None = None  # only where the network reports it


@dataclass(frozen=True)
class ConnectRequest:
    """What the employee gave when starting to connect: a Mastodon instance, or a Bluesky
    handle and app password. Empty for OAuth networks with a fixed host."""

    instance: str = ""
    handle: str = ""
    app_password: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


class NetworkProvider(Protocol):
    name: str
    max_length: int
    # The network deduplicates a retried post (Mastodon Idempotency-Key, Bluesky putRecord
    # with a fixed record key, the sandbox); LinkedIn and X do not.
    idempotent: bool

    def text_length(self, text: str) -> int:
        """Length as the network counts it (X weights characters, Bluesky counts graphemes)."""
        ...

    def authorization_url(
        self, *, state: str, redirect_uri: str, code_verifier: str, request: ConnectRequest
    ) -> tuple[str, dict[str, Any]]:
        """Where to send the employee, and what to remember until the callback (e.g. the
        instance, or a Bluesky session made from the app password)."""
        ...

    def exchange_code(
        self, *, code: str, redirect_uri: str, code_verifier: str, remembered: dict[str, Any]
    ) -> TokenSet: ...

    def refresh(self, *, refresh_token: str, instance: str) -> TokenSet:
        """New tokens from the refresh token; ``InvalidGrant`` when it was refused."""
        ...

    def fetch_identity(self, *, tokens: TokenSet, instance: str) -> AccountIdentity: ...

    def post(self, *, credentials: Credentials, text: str, idempotency_key: str) -> PostResult: ...

    def delete(self, *, credentials: Credentials, external_id: str) -> None: ...

    def revoke(self, *, access_token: str, refresh_token: str, instance: str) -> bool:
        """Ask the network to invalidate the connection's tokens (erasure, organisation
        deletion). True when it did (or already had); False when the network offers no way
        to revoke a member's token, so deleting our copy is all there is to do."""
        ...

    def engagement(self, *, credentials: Credentials, external_id: str) -> Engagement: ...
