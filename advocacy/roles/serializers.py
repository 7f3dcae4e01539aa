"""Input and output shapes for advocacy roles and for members with their roles."""

from django.conf import settings
from rest_framework import serializers

from advocacy.accounts.models import Membership, OrgRole
from advocacy.core.serializers import (
    EditableOutputSerializer,
    InputSerializer,
    OutputSerializer,
    QuerySerializer,
    TenantRelatedField,
)
from advocacy.roles.models import AdvocacyRole, ObjectiveMetric, ObjectivePeriod


class ObjectiveSerializer(InputSerializer):
    name = serializers.CharField(max_length=100)
    metric = serializers.ChoiceField(choices=ObjectiveMetric.choices)
    target = serializers.IntegerField(min_value=1, max_value=1_000_000_000)
    period = serializers.ChoiceField(choices=ObjectivePeriod.choices)


class RoleInputSerializer(InputSerializer):
    name = serializers.CharField(max_length=100)
    description = serializers.CharField(max_length=2000, required=False, allow_blank=True)
    responsibilities = serializers.CharField(max_length=5000, required=False, allow_blank=True)
    objectives = ObjectiveSerializer(many=True, required=False, max_length=20)  # type: ignore[call-arg]
    networks = serializers.ListField(
        child=serializers.ChoiceField(choices=settings.NETWORKS), required=False, max_length=len(settings.NETWORKS)
    )
    review_before_posting = serializers.BooleanField(required=False)

    def validate_name(self, value: str) -> str:
        if not value.strip():
            raise serializers.ValidationError("A role needs a name.")
        return value.strip()

    def validate_networks(self, value: list[str]) -> list[str]:
        return sorted(set(value), key=settings.NETWORKS.index)


class RoleOutputSerializer(EditableOutputSerializer):
    id = serializers.UUIDField()
    name = serializers.CharField()
    description = serializers.CharField()
    responsibilities = serializers.CharField()
    objectives = ObjectiveSerializer(many=True)
    networks = serializers.ListField(child=serializers.CharField())
    review_before_posting = serializers.BooleanField()
    archived = serializers.SerializerMethodField()
    # Counted by the list and detail reads; null in the answer to a write.
    member_count = serializers.IntegerField(default=None, allow_null=True)
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()

    def get_archived(self, role: AdvocacyRole) -> bool:
        return role.archived_at is not None


class RoleFilterSerializer(QuerySerializer):
    include_archived = serializers.BooleanField(required=False, default=False)


def _role_ids(membership: Membership) -> list[str]:
    return [str(role.pk) for role in getattr(membership, "active_roles", [])]


def _role_names(membership: Membership) -> list[str]:
    return [role.name for role in getattr(membership, "active_roles", [])]


class MembershipSummarySerializer(OutputSerializer):
    org_slug = serializers.CharField(source="organization.slug")
    org_name = serializers.CharField(source="organization.name")
    org_role = serializers.ChoiceField(choices=OrgRole.choices)
    advocacy_roles = serializers.SerializerMethodField(help_text="Ids of the advocacy roles held.")
    advocacy_role_names = serializers.SerializerMethodField()
    ambassador = serializers.BooleanField()
    policy_acknowledged = serializers.BooleanField(
        help_text="Whether the current social media policy is acknowledged (true when there is none)."
    )

    def get_advocacy_roles(self, membership: Membership) -> list[str]:
        return _role_ids(membership)

    def get_advocacy_role_names(self, membership: Membership) -> list[str]:
        return _role_names(membership)


class MeOutputSerializer(OutputSerializer):
    id = serializers.UUIDField()
    email = serializers.EmailField()
    name = serializers.CharField()
    memberships = MembershipSummarySerializer(many=True)


class MemberOutputSerializer(OutputSerializer):
    id = serializers.UUIDField()
    email = serializers.EmailField(source="user.email")
    name = serializers.CharField(source="user.name")
    org_role = serializers.ChoiceField(choices=OrgRole.choices)
    advocacy_roles = serializers.SerializerMethodField(help_text="Ids of the advocacy roles held.")
    advocacy_role_names = serializers.SerializerMethodField()
    ambassador = serializers.BooleanField()
    is_active = serializers.BooleanField()
    joined_at = serializers.DateTimeField(source="created_at")

    def get_advocacy_roles(self, membership: Membership) -> list[str]:
        return _role_ids(membership)

    def get_advocacy_role_names(self, membership: Membership) -> list[str]:
        return _role_names(membership)


class MemberNameOutputSerializer(OutputSerializer):
    """What colleagues who are not admins or comms leads may see of each other."""

    id = serializers.UUIDField()
    name = serializers.SerializerMethodField()
    advocacy_role_names = serializers.SerializerMethodField()

    def get_name(self, membership: Membership) -> str:
        return membership.user.get_full_name()

    def get_advocacy_role_names(self, membership: Membership) -> list[str]:
        return _role_names(membership)


class MemberUpdateInputSerializer(InputSerializer):
    org_role = serializers.ChoiceField(choices=OrgRole.choices, required=False)
    ambassador = serializers.BooleanField(required=False)
    is_active = serializers.BooleanField(required=False)
    advocacy_roles = serializers.ListField(
        child=TenantRelatedField(model=AdvocacyRole, active_only=True), required=False, max_length=50
    )


class MemberFilterSerializer(QuerySerializer):
    org_role = serializers.ChoiceField(choices=OrgRole.choices, required=False)
    is_active = serializers.BooleanField(required=False, allow_null=True, default=None)
    q = serializers.CharField(required=False, max_length=100)
    advocacy_role = TenantRelatedField(model=AdvocacyRole, required=False)
