"""Shapes of connections (never their tokens) and sandbox posts."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from advocacy.core.serializers import InputSerializer, OutputSerializer
from advocacy.networks.models import ConnectionStatus, NetworkConnection, SandboxPost


class ConnectionOutputSerializer(OutputSerializer):
    id = serializers.UUIDField()
    network = serializers.CharField()
    account_id = serializers.CharField()
    account_name = serializers.CharField()
    account_url = serializers.CharField()
    instance = serializers.CharField(help_text="Mastodon: the instance; empty elsewhere.")
    status = serializers.ChoiceField(choices=ConnectionStatus.choices)
    status_detail = serializers.CharField(help_text="Why the connection stopped working, if it did.")
    reconnect_by = serializers.SerializerMethodField(
        help_text="Reconnect before this time; null when the connection renews itself (it has a refresh token)."
    )
    expires_at = serializers.DateTimeField(allow_null=True)
    created_at = serializers.DateTimeField(help_text="When it was connected.")

    @extend_schema_field(serializers.DateTimeField(allow_null=True))
    def get_reconnect_by(self, connection: NetworkConnection) -> str | None:
        if connection.refresh_token or connection.expires_at is None:
            return None
        return connection.expires_at.isoformat()


class StartInputSerializer(InputSerializer):
    instance = serializers.CharField(max_length=255, required=False, allow_blank=True)
    handle = serializers.CharField(max_length=255, required=False, allow_blank=True)
    app_password = serializers.CharField(max_length=100, required=False, allow_blank=True, write_only=True)


class StartOutputSerializer(OutputSerializer):
    authorization_url = serializers.URLField()


class SandboxPostOutputSerializer(OutputSerializer):
    id = serializers.UUIDField()
    text = serializers.CharField()
    author = serializers.SerializerMethodField()
    account_id = serializers.CharField(source="connection.account_id")
    created_at = serializers.DateTimeField()

    def get_author(self, post: SandboxPost) -> str:
        return post.connection.membership.user.get_full_name()
