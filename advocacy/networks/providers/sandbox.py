"""The built-in sandbox network: no external account, posts are stored and shown in the
app. It lets the demo and a first run work end to end without any network credentials."""

import hashlib
import secrets
import uuid
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.utils import timezone

from advocacy.accounts.models import Organization
from advocacy.networks.models import SandboxPost
from advocacy.networks.providers.base import (
    AccountIdentity,
    ConnectRequest,
    Credentials,
    Engagement,
    PostResult,
    TokenSet,
)


class SandboxProvider:
    name = "sandbox"
    max_length = 3000
    idempotent = True

    def text_length(self, text: str) -> int:
        return len(text)

    def authorization_url(
        self, *, state: str, redirect_uri: str, code_verifier: str, request: ConnectRequest
    ) -> tuple[str, dict[str, Any]]:
        # Nothing to authorise: go straight back to our callback with a one-time code.
        query = urlencode({"code": "sandbox-" + secrets.token_urlsafe(16), "state": state})
        return f"{redirect_uri}?{query}", {}

    def exchange_code(
        self, *, code: str, redirect_uri: str, code_verifier: str, remembered: dict[str, Any]
    ) -> TokenSet:
        return TokenSet(access_token=f"sandbox-token-{secrets.token_urlsafe(24)}", scopes="post")

    def refresh(self, *, refresh_token: str, instance: str) -> TokenSet:
        return TokenSet(access_token=f"sandbox-token-{secrets.token_urlsafe(24)}", scopes="post")

    def fetch_identity(self, *, tokens: TokenSet, instance: str) -> AccountIdentity:
        account = hashlib.sha256(tokens.access_token.encode()).hexdigest()[:12]
        return AccountIdentity(account_id=f"sandbox-{account}")

    def post(self, *, credentials: Credentials, text: str, idempotency_key: str) -> PostResult:
        post, _created = SandboxPost.objects.unscoped().get_or_create(
            idempotency_key=idempotency_key,
            defaults={
                "organization_id": uuid.UUID(credentials.organization_id),
                "connection_id": uuid.UUID(credentials.connection_id),
                "text": text,
            },
        )
        slug = Organization.objects.filter(pk=credentials.organization_id).values_list("slug", flat=True).first()
        return PostResult(external_id=str(post.pk), external_url=f"{settings.FRONTEND_URL}/o/{slug}/sandbox#{post.pk}")

    def delete(self, *, credentials: Credentials, external_id: str) -> None:
        SandboxPost.objects.unscoped().filter(pk=external_id, connection_id=credentials.connection_id).delete()

    def revoke(self, *, access_token: str, refresh_token: str, instance: str) -> bool:
        return False  # the sandbox checks no tokens: deleting ours is enough

    def engagement(self, *, credentials: Credentials, external_id: str) -> Engagement:
        """Simulated, deterministically: numbers that grow with the post's age (capped at
        two days) in proportions seeded by the post id, so the demo's dashboards move."""
        created = SandboxPost.objects.unscoped().filter(pk=external_id).values_list("created_at", flat=True).first()
        if created is None:
            return Engagement()
        hours = min((timezone.now() - created).total_seconds() / 3600, 48.0)
        seed = int(hashlib.sha256(external_id.encode()).hexdigest()[:8], 16)
        reactions = int(hours * (1 + seed % 5))
        return Engagement(
            reactions=reactions,
            comments=reactions * (seed % 3) // 6,
            reposts=reactions * ((seed >> 4) % 3) // 8,
            impressions=reactions * (20 + seed % 40),
        )
