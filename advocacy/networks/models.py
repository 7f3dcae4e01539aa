"""Employees' own accounts on networks, with tokens encrypted at rest; and what the built-in
sandbox network received."""

from typing import Any

from django.db import models
from django.db.models import Q

from advocacy.core.models import TenantModel


class ConnectionStatus(models.TextChoices):
    ACTIVE = "active", "Connected"
    EXPIRED = "expired", "Expired: reconnect"
    REVOKED = "revoked", "Disconnected"


class NetworkConnection(TenantModel):
    membership = models.ForeignKey("accounts.Membership", on_delete=models.CASCADE, related_name="connections")
    network = models.CharField(max_length=20)
    account_id = models.CharField(max_length=255)
    account_name = models.CharField(max_length=255, blank=True)
    account_url = models.URLField(max_length=500, blank=True)
    # Mastodon: the instance the employee named; empty elsewhere.
    instance = models.CharField(max_length=255, blank=True)
    # Encrypted with networks.tokens (MultiFernet); never serialized.
    access_token = models.TextField(blank=True)
    refresh_token = models.TextField(blank=True)
    scopes = models.CharField(max_length=500, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=ConnectionStatus.choices, default=ConnectionStatus.ACTIVE)
    revoked_at = models.DateTimeField(null=True, blank=True)
    # When the employee was last reminded to reconnect before the token expires.
    reminded_at = models.DateTimeField(null=True, blank=True)
    # Why the connection stopped working (shown on the connections page).
    status_detail = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["organization_id", "network", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["membership", "network"],
                condition=Q(status="active"),
                name="connection_one_active_per_network",
            )
        ]

    def __str__(self) -> str:
        return f"{self.network}:{self.account_name or self.account_id}"

    def audit_state(self) -> dict[str, Any]:
        return {
            "network": self.network,
            "account_id": self.account_id,
            "account_name": self.account_name,
            "status": self.status,
        }


class SandboxPost(TenantModel):
    """A post the built-in sandbox network received. ``idempotency_key`` is unique, so the
    sandbox, like Mastodon, accepts a retried post once."""

    connection = models.ForeignKey(NetworkConnection, on_delete=models.CASCADE, related_name="sandbox_posts")
    idempotency_key = models.CharField(max_length=100, unique=True)
    text = models.TextField()

    class Meta:
        ordering = ["organization_id", "-created_at"]


class MastodonApp(models.Model):
    """Our app as registered on one Mastodon instance (``POST /api/v1/apps``), reused by
    every employee of every organisation on that instance. Not tenant data."""

    instance = models.CharField(max_length=255, unique=True)  # host name, lower case
    client_id = models.CharField(max_length=255)
    client_secret = models.TextField()  # encrypted with networks.tokens
    redirect_uri = models.URLField(max_length=500)
    scopes = models.CharField(max_length=255)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["instance"]

    def __str__(self) -> str:
        return self.instance
