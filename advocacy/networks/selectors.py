"""Reads of network connections and the sandbox network's posts."""

from django.db.models import QuerySet

from advocacy.accounts.models import Membership
from advocacy.networks.models import NetworkConnection, SandboxPost


def connection_list_for_member(*, membership: Membership) -> QuerySet[NetworkConnection]:
    return NetworkConnection.objects.filter(membership=membership).order_by("network", "-created_at")


def sandbox_post_list() -> QuerySet[SandboxPost]:
    return SandboxPost.objects.select_related("connection__membership__user").order_by("-created_at")
