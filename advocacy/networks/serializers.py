"""Shapes of connections (never their tokens) and sandbox posts."""

from rest_framework import serializers

from advocacy.core.serializers import OutputSerializer
from advocacy.networks.models import ConnectionStatus, SandboxPost


class ConnectionOutputSerializer(OutputSerializer):
    id = serializers.UUIDField()
    network = serializers.CharField()
    account_id = serializers.CharField()
    account_name = serializers.CharField()
    account_url = serializers.CharField()
    status = serializers.ChoiceField(choices=ConnectionStatus.choices)
    expires_at = serializers.DateTimeField(allow_null=True)
    created_at = serializers.DateTimeField(help_text="When it was connected.")


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
