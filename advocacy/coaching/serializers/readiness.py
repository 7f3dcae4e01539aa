"""Readiness: a member's social presence per network, and the comms lead's list."""

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from advocacy.accounts.models import Membership, OrgRole
from advocacy.audiences.models import Audience, EngagementLevel
from advocacy.coaching.models import AudienceSize, PostingFrequency
from advocacy.coaching.selectors import network_readiness
from advocacy.coaching.serializers.common import (
    NETWORK_CHOICES,
    OptionalBooleanQueryField,
    RefSerializer,
    unique,
)
from advocacy.core.serializers import (
    HttpUrlField,
    InputSerializer,
    OutputSerializer,
    QuerySerializer,
    TenantRelatedField,
)
from advocacy.roles.models import AdvocacyRole


class NetworkPresenceInputSerializer(InputSerializer):
    network = serializers.ChoiceField(choices=NETWORK_CHOICES)
    profile_url = HttpUrlField(max_length=500, required=False, allow_blank=True)
    audience_size = serializers.ChoiceField(choices=AudienceSize.choices, required=False)
    audience_description = serializers.CharField(max_length=2000, required=False, allow_blank=True)
    posting_frequency = serializers.ChoiceField(choices=PostingFrequency.choices, required=False)
    audiences = serializers.ListField(
        child=TenantRelatedField(model=Audience, active_only=True),
        required=False,
        max_length=200,
        help_text="Ids of the audiences (of your roles' audiences) you reach on this network.",
    )

    def validate_audiences(self, value: list[Audience]) -> list[Audience]:
        return unique(value)


class ReadinessInputSerializer(InputSerializer):
    networks = NetworkPresenceInputSerializer(many=True, max_length=len(NETWORK_CHOICES))  # type: ignore[call-arg]

    def validate_networks(self, value: list[dict[str, Any]]) -> list[dict[str, Any]]:
        names = [entry["network"] for entry in value]
        if len(names) != len(set(names)):
            raise serializers.ValidationError("Describe each network once.")
        return value


class ConnectionRefSerializer(OutputSerializer):
    account_name = serializers.CharField()
    account_url = serializers.CharField()


class NetworkReadinessOutputSerializer(OutputSerializer):
    """A network the member described, is connected to, or both."""

    network = serializers.ChoiceField(choices=NETWORK_CHOICES)
    described = serializers.BooleanField(help_text="The member described their presence on this network.")
    connected = serializers.BooleanField(help_text="The member has an active connection to this network.")
    connection = ConnectionRefSerializer(allow_null=True)
    profile_url = serializers.CharField(source="presence.profile_url", default="")
    audience_size = serializers.ChoiceField(
        choices=AudienceSize.choices, source="presence.audience_size", allow_null=True, default=None
    )
    audience_description = serializers.CharField(source="presence.audience_description", default="")
    posting_frequency = serializers.ChoiceField(
        choices=PostingFrequency.choices, source="presence.posting_frequency", allow_null=True, default=None
    )
    audiences = RefSerializer(many=True, help_text="Audiences of the member's roles they say they reach here.")
    updated_at = serializers.DateTimeField(source="presence.updated_at", allow_null=True, default=None)


class ReachableAudienceSerializer(OutputSerializer):
    id = serializers.UUIDField()
    name = serializers.CharField()
    level = serializers.ChoiceField(choices=EngagementLevel.choices)


class MyReadinessOutputSerializer(OutputSerializer):
    networks = NetworkReadinessOutputSerializer(many=True)
    reachable_audiences = ReachableAudienceSerializer(
        many=True, help_text="The audiences your roles lead or support: the ones you can say you reach."
    )


class ReadinessFilterSerializer(QuerySerializer):
    role = TenantRelatedField(model=AdvocacyRole, required=False, help_text="Members holding this role.")
    audience = TenantRelatedField(model=Audience, required=False, help_text="With `reaches`: who reaches it.")
    reaches = OptionalBooleanQueryField(
        required=False,
        help_text="With `audience`: true (the default) lists who already reaches it, false who does not yet.",
    )
    described = OptionalBooleanQueryField(required=False, help_text="Has (or has not) described any network.")


class ReadinessRowSerializer(OutputSerializer):
    member = serializers.UUIDField(source="id")
    name = serializers.CharField(source="user.name")
    email = serializers.EmailField(source="user.email")
    org_role = serializers.ChoiceField(choices=OrgRole.choices)
    ambassador = serializers.BooleanField()
    advocacy_roles = RefSerializer(many=True, source="active_roles")
    described = serializers.SerializerMethodField()
    networks = serializers.SerializerMethodField()
    reached_audiences = serializers.SerializerMethodField()

    def get_described(self, membership: Membership) -> bool:
        return any(row.described for row in network_readiness(membership))

    @extend_schema_field(NetworkReadinessOutputSerializer(many=True))
    def get_networks(self, membership: Membership) -> list[dict[str, Any]]:
        return NetworkReadinessOutputSerializer(network_readiness(membership), many=True).data  # type: ignore[return-value]

    @extend_schema_field(RefSerializer(many=True))
    def get_reached_audiences(self, membership: Membership) -> list[dict[str, Any]]:
        reached = {a.pk: a for row in network_readiness(membership) for a in row.audiences}
        return RefSerializer(sorted(reached.values(), key=lambda a: a.name), many=True).data  # type: ignore[return-value]
