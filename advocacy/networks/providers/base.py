"""The interface every network provider implements."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol


class ProviderUnavailable(Exception):
    """No provider for this network is configured on this server."""

    def __init__(self, network: str) -> None:
        super().__init__(f"Connecting to {network} is not available on this server yet.")
        self.network = network


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
class PostResult:
    external_id: str
    external_url: str


class NetworkProvider(Protocol):
    name: str
    max_length: int

    def text_length(self, text: str) -> int:
        """Length as the network counts it (X weights characters, Bluesky counts graphemes)."""
        ...

    def authorization_url(self, *, state: str, redirect_uri: str, code_verifier: str) -> str: ...

    def exchange_code(self, *, code: str, redirect_uri: str, code_verifier: str) -> TokenSet: ...

    def fetch_identity(self, *, tokens: TokenSet) -> AccountIdentity: ...

    def post(self, *, connection: Any, text: str, idempotency_key: str) -> PostResult: ...
