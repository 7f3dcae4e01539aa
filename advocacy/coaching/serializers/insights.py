"""The comms lead's insights report."""

from rest_framework import serializers

from advocacy.audiences.models import Audience, EngagementLevel
from advocacy.coaching.insights import UnreachedReason
from advocacy.coaching.serializers.common import PeriodQuerySerializer, RefSerializer
from advocacy.core.serializers import OutputSerializer, TenantRelatedField
from advocacy.roles.models import AdvocacyRole


class InsightsQuerySerializer(PeriodQuerySerializer):
    role = TenantRelatedField(model=AdvocacyRole, required=False, help_text="Only this role's grid cells.")
    audience = TenantRelatedField(model=Audience, required=False, help_text="Only this audience's grid cells.")
    limit = serializers.IntegerField(
        required=False, min_value=1, max_value=200, default=50, help_text="Rows per section."
    )


class ContentRefSerializer(OutputSerializer):
    id = serializers.UUIDField()
    title = serializers.CharField()


class GridResultSerializer(OutputSerializer):
    role = RefSerializer()
    audience = RefSerializer(allow_null=True, help_text="Null: the role's column for every audience.")
    content = ContentRefSerializer()
    shares = serializers.IntegerField()
    clicks = serializers.IntegerField()
    unique_visitors = serializers.IntegerField()
    conversations = serializers.IntegerField()
    reactions = serializers.IntegerField()


class UnpickedContentSerializer(OutputSerializer):
    id = serializers.UUIDField()
    title = serializers.CharField()
    approved_at = serializers.DateTimeField(source="approved_version.approved_at", allow_null=True, default=None)
    cells = serializers.IntegerField(source="cell_count", help_text="Grid cells the item sits in.")


class RoleLevelSerializer(OutputSerializer):
    id = serializers.UUIDField()
    name = serializers.CharField()
    level = serializers.ChoiceField(choices=EngagementLevel.choices)


class UnreachedAudienceSerializer(OutputSerializer):
    id = serializers.UUIDField()
    name = serializers.CharField()
    reason = serializers.ChoiceField(choices=UnreachedReason.choices)
    roles = RoleLevelSerializer(many=True, help_text="Roles that lead or support it.")


class ExpiringReservationSerializer(OutputSerializer):
    id = serializers.UUIDField()
    name = serializers.CharField()
    owner = serializers.UUIDField(source="owner_id", allow_null=True)
    owner_name = serializers.CharField(source="owner.user.get_full_name", allow_null=True, default=None)
    expires_at = serializers.DateTimeField()


class InsightsOutputSerializer(OutputSerializer):
    period_from = serializers.DateField()
    period_to = serializers.DateField()
    grid = GridResultSerializer(many=True, help_text="Grid cells with posted shares in the period, best first.")
    unpicked_content = UnpickedContentSerializer(many=True)
    unreached_audiences = UnreachedAudienceSerializer(many=True)
    expiring_reservations = ExpiringReservationSerializer(many=True)
