"""Input and output shapes for audiences, the role x audience map and reserved relationships."""

from typing import Any

from django.conf import settings
from django.utils import timezone
from rest_framework import serializers

from advocacy.accounts.models import Membership
from advocacy.audiences.models import Audience, EngagementLevel, ReservedRelationship
from advocacy.core.serializers import (
    EditableOutputSerializer,
    HttpUrlField,
    InputSerializer,
    OutputSerializer,
    QuerySerializer,
    TenantRelatedField,
)
from advocacy.roles.models import AdvocacyRole

NETWORK_CHOICES = settings.NETWORKS


class TopicListField(serializers.ListField):
    MAX_TOPICS = 50

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("child", serializers.CharField(max_length=60, allow_blank=True))
        super().__init__(**kwargs)

    def to_internal_value(self, data: Any) -> list[str]:
        if isinstance(data, list) and len(data) > self.MAX_TOPICS:
            raise serializers.ValidationError(f"At most {self.MAX_TOPICS} topics.")
        topics = [t.strip() for t in super().to_internal_value(data) if t.strip()]
        # Keep order, drop case-insensitive duplicates.
        seen: set[str] = set()
        return [t for t in topics if not (t.lower() in seen or seen.add(t.lower()))]  # type: ignore[func-returns-value]


class AudienceInputSerializer(InputSerializer):
    name = serializers.CharField(max_length=100)
    description = serializers.CharField(max_length=2000, required=False, allow_blank=True)
    topics = TopicListField()
    networks = serializers.ListField(
        child=serializers.ChoiceField(choices=NETWORK_CHOICES), required=False, max_length=len(NETWORK_CHOICES)
    )
    engagement_notes = serializers.CharField(max_length=5000, required=False, allow_blank=True)

    def validate_name(self, value: str) -> str:
        if not value.strip():
            raise serializers.ValidationError("An audience needs a name.")
        return value.strip()

    def validate_networks(self, value: list[str]) -> list[str]:
        return sorted(set(value), key=NETWORK_CHOICES.index)


class AudienceOutputSerializer(EditableOutputSerializer):
    id = serializers.UUIDField()
    name = serializers.CharField()
    description = serializers.CharField()
    topics = serializers.ListField(child=serializers.CharField())
    networks = serializers.ListField(child=serializers.CharField())
    engagement_notes = serializers.CharField()
    archived = serializers.SerializerMethodField()
    # Counted by the list and detail reads; null in the answer to a write.
    role_count = serializers.IntegerField(default=None, allow_null=True)
    created_at = serializers.DateTimeField()

    def get_archived(self, audience: Audience) -> bool:
        return audience.archived_at is not None


class ArchivedFilterSerializer(QuerySerializer):
    include_archived = serializers.BooleanField(required=False, default=False)


class RoleAudienceInputSerializer(InputSerializer):
    role = TenantRelatedField(model=AdvocacyRole, active_only=True)
    audience = TenantRelatedField(model=Audience, active_only=True)
    level = serializers.ChoiceField(choices=EngagementLevel.choices)


class RoleAudienceUpdateSerializer(InputSerializer):
    level = serializers.ChoiceField(choices=EngagementLevel.choices)


class RoleAudienceOutputSerializer(OutputSerializer):
    id = serializers.UUIDField()
    role = serializers.UUIDField(source="role_id")
    role_name = serializers.CharField(source="role.name")
    audience = serializers.UUIDField(source="audience_id")
    audience_name = serializers.CharField(source="audience.name")
    level = serializers.ChoiceField(choices=EngagementLevel.choices)


class RoleAudienceFilterSerializer(QuerySerializer):
    role = TenantRelatedField(model=AdvocacyRole, required=False)
    audience = TenantRelatedField(model=Audience, required=False)
    level = serializers.ChoiceField(choices=EngagementLevel.choices, required=False)


class NamedRefSerializer(OutputSerializer):
    id = serializers.UUIDField()
    name = serializers.CharField()


class MatrixCellSerializer(OutputSerializer):
    id = serializers.UUIDField()
    role = serializers.UUIDField(source="role_id")
    audience = serializers.UUIDField(source="audience_id")
    level = serializers.ChoiceField(choices=EngagementLevel.choices)


class MatrixOutputSerializer(OutputSerializer):
    """Documents the shape of ``role_audience_matrix()``, which the view returns as is."""

    roles = NamedRefSerializer(many=True)
    audiences = NamedRefSerializer(many=True)
    cells = MatrixCellSerializer(many=True)
    levels = serializers.DictField(
        child=serializers.DictField(child=serializers.ChoiceField(choices=EngagementLevel.choices)),
        help_text="The same cells indexed for a grid: levels[role_id][audience_id] = level.",
    )


HANDLE_NETWORKS = [*NETWORK_CHOICES, "any"]


class HandleSerializer(InputSerializer):
    network = serializers.ChoiceField(choices=HANDLE_NETWORKS)
    handle = serializers.CharField(max_length=100, required=False, allow_blank=True)
    profile_url = HttpUrlField(max_length=500, required=False, allow_blank=True)

    def validate_handle(self, value: str) -> str:
        value = value.strip()
        if value and any(ch.isspace() for ch in value):
            raise serializers.ValidationError("A handle has no spaces.")
        return value

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if not attrs.get("handle") and not attrs.get("profile_url"):
            raise serializers.ValidationError("Give a handle, a profile URL, or both.")
        return attrs


class ReservedRelationshipInputSerializer(InputSerializer):
    name = serializers.CharField(max_length=200)
    reason = serializers.CharField(max_length=2000)
    handles = HandleSerializer(many=True, required=False, max_length=50)  # type: ignore[call-arg]
    owner = TenantRelatedField(model=Membership, required=False, allow_null=True)
    allowed_members = serializers.ListField(child=TenantRelatedField(model=Membership), required=False, max_length=500)
    allowed_roles = serializers.ListField(
        child=TenantRelatedField(model=AdvocacyRole, active_only=True), required=False, max_length=100
    )
    expires_at = serializers.DateTimeField(required=False, allow_null=True)

    def validate_name(self, value: str) -> str:
        if not value.strip():
            raise serializers.ValidationError("A reserved relationship needs a name.")
        return value.strip()


class ReservedRelationshipOutputSerializer(OutputSerializer):
    id = serializers.UUIDField()
    name = serializers.CharField()
    reason = serializers.CharField()
    handles = serializers.ListField(child=serializers.DictField())
    owner = serializers.UUIDField(source="owner_id", allow_null=True)
    owner_name = serializers.SerializerMethodField()
    allowed_members = serializers.SerializerMethodField()
    allowed_roles = serializers.SerializerMethodField()
    expires_at = serializers.DateTimeField(allow_null=True)
    active = serializers.SerializerMethodField()
    created_at = serializers.DateTimeField()

    def get_owner_name(self, relationship: ReservedRelationship) -> str | None:
        return relationship.owner.user.get_full_name() if relationship.owner else None

    def get_allowed_members(self, relationship: ReservedRelationship) -> list[str]:
        return [str(link.membership_id) for link in relationship.member_links.all()]

    def get_allowed_roles(self, relationship: ReservedRelationship) -> list[str]:
        return [str(link.role_id) for link in relationship.role_links.all()]

    def get_active(self, relationship: ReservedRelationship) -> bool:
        return relationship.expires_at is None or relationship.expires_at > timezone.now()


class ReservedCheckInputSerializer(InputSerializer):
    network = serializers.ChoiceField(choices=NETWORK_CHOICES)
    text = serializers.CharField(max_length=10_000, allow_blank=True, trim_whitespace=False)
