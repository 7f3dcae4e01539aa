"""The built-in sandbox network: no external account, posts are stored and shown in the
app. It lets the demo and a first run work end to end without any network credentials."""

import hashlib
import secrets
from typing import Any
from urllib.parse import urlencode

from django.conf import settings

from advocacy.networks.models import SandboxPost
from advocacy.networks.providers.base import AccountIdentity, PostResult, TokenSet


class SandboxProvider:
    name = "sandbox"
    max_length = 3000

    def text_length(self, text: str) -> int:
        return len(text)

    def authorization_url(self, *, state: str, redirect_uri: str, code_verifier: str) -> str:
        # Nothing to authorise: go straight back to our callback with a one-time code.
        return f"{redirect_uri}?{urlencode({'code': 'sandbox-' + secrets.token_urlsafe(16), 'state': state})}"

    def exchange_code(self, *, code: str, redirect_uri: str, code_verifier: str) -> TokenSet:
        return TokenSet(access_token=f"sandbox-token-{secrets.token_urlsafe(24)}", scopes="post")

    def fetch_identity(self, *, tokens: TokenSet) -> AccountIdentity:
        account = hashlib.sha256(tokens.access_token.encode()).hexdigest()[:12]
        return AccountIdentity(account_id=f"sandbox-{account}")

    def post(self, *, connection: Any, text: str, idempotency_key: str) -> PostResult:
        post, _created = SandboxPost.objects.get_or_create(
            idempotency_key=idempotency_key,
            defaults={"organization_id": connection.organization_id, "connection": connection, "text": text},
        )
        url = f"{settings.FRONTEND_URL}/o/{connection.organization.slug}/sandbox#{post.pk}"
        return PostResult(external_id=str(post.pk), external_url=url)
