"""Rollout cohorts: input, output with history and results, the invite action's answer."""

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from advocacy.accounts.models import InvitationStatus, Membership
from advocacy.coaching.serializers.common import ActiveMemberField, unique
from advocacy.core.serializers import InputSerializer, OutputSerializer
from advocacy.roles.models import ObjectiveMetric, ObjectivePeriod


class CohortInputSerializer(InputSerializer):
    name = serializers.CharField(max_length=100)
    members = serializers.ListField(
        child=ActiveMemberField(), required=False, max_length=2000, help_text="Ids of members in the cohort."
    )
    invitees = serializers.ListField(
        child=serializers.EmailField(max_length=254),
        required=False,
        max_length=500,
        help_text="Emails of people not in the organisation yet; inviting the cohort sends them invitations.",
    )
    invited_at = serializers.DateTimeField(
        required=False,
        allow_null=True,
        help_text="When the cohort was invited; set by the invite action, or given for a cohort invited earlier.",
    )

    def validate_name(self, value: str) -> str:
        if not value.strip():
            raise serializers.ValidationError("A cohort needs a name.")
        return value.strip()

    def validate_members(self, value: list[Membership]) -> list[Membership]:
        return unique(value)

    def validate_invitees(self, value: list[str]) -> list[str]:
        return sorted({email.strip().lower() for email in value})


class CohortHistorySerializer(OutputSerializer):
    member = serializers.UUIDField(source="membership_id")
    name = serializers.CharField(source="membership.user.name")
    email = serializers.EmailField(source="membership.user.email")
    ambassador = serializers.BooleanField(source="membership.ambassador")
    is_active = serializers.BooleanField(source="membership.is_active")
    joined_organization_at = serializers.DateTimeField(source="membership.created_at")
    added_to_cohort_at = serializers.DateTimeField(source="created_at")
    invited_at = serializers.DateTimeField(allow_null=True, help_text="When the cohort's invitation reached them.")


INVITEE_STATUSES = ["not_invited", *InvitationStatus.values]


class CohortInviteeSerializer(OutputSerializer):
    email = serializers.EmailField()
    status = serializers.SerializerMethodField()
    invited_at = serializers.DateTimeField(source="invitation.created_at", allow_null=True, default=None)

    @extend_schema_field(serializers.ChoiceField(choices=INVITEE_STATUSES))
    def get_status(self, invitee: Any) -> str:
        return invitee.invitation.status if invitee.invitation else "not_invited"


class MetricTotalsSerializer(OutputSerializer):
    shares = serializers.IntegerField(help_text="Shares posted.")
    clicks = serializers.IntegerField(help_text="Human clicks (bots and link previews excluded).")
    conversations = serializers.IntegerField(help_text="Comments and replies read back from the networks.")


class MetricRatesSerializer(OutputSerializer):
    shares = serializers.FloatField()
    clicks = serializers.FloatField()
    conversations = serializers.FloatField()


class CohortObjectiveSerializer(OutputSerializer):
    role = serializers.UUIDField()
    role_name = serializers.CharField()
    objective = serializers.CharField()
    metric = serializers.ChoiceField(choices=ObjectiveMetric.choices)
    period = serializers.ChoiceField(choices=ObjectivePeriod.choices)
    period_start = serializers.DateField()
    target_per_member = serializers.IntegerField()
    members = serializers.IntegerField(help_text="Cohort members holding the role.")
    actual = serializers.IntegerField(help_text="Their total so far in the current period.")
    progress = serializers.FloatField(help_text="actual / (target_per_member x members); 1.0 means on target.")
    members_on_target = serializers.IntegerField()


class CohortResultsSerializer(OutputSerializer):
    period_from = serializers.DateField(source="window.start")
    period_to = serializers.DateField(source="window.end")
    members = serializers.IntegerField(help_text="Active members of the cohort.")
    totals = MetricTotalsSerializer()
    per_member = MetricRatesSerializer()
    objectives = CohortObjectiveSerializer(many=True)


class CohortOutputSerializer(OutputSerializer):
    id = serializers.UUIDField()
    name = serializers.CharField()
    members = serializers.SerializerMethodField()
    invited_at = serializers.DateTimeField(allow_null=True)
    history = serializers.SerializerMethodField()
    invitees = CohortInviteeSerializer(many=True, source="invitees.all")
    results = serializers.SerializerMethodField()
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()

    @extend_schema_field(serializers.ListField(child=serializers.UUIDField()))
    def get_members(self, cohort: Any) -> list[str]:
        return [str(link.membership_id) for link in cohort.member_links.all()]

    @extend_schema_field(CohortHistorySerializer(many=True))
    def get_history(self, cohort: Any) -> list[dict[str, Any]]:
        return CohortHistorySerializer(cohort.member_links.all(), many=True).data  # type: ignore[return-value]

    @extend_schema_field(CohortResultsSerializer(allow_null=True))
    def get_results(self, cohort: Any) -> dict[str, Any] | None:
        results = self.context.get("results", {}).get(cohort.pk)
        return CohortResultsSerializer(results).data if results is not None else None  # type: ignore[return-value]


class CohortInviteOutputSerializer(OutputSerializer):
    cohort = CohortOutputSerializer()
    made_ambassadors = serializers.IntegerField()
    invitations_sent = serializers.IntegerField()
    joined_from_invitees = serializers.IntegerField(help_text="Invitees who had joined and are now cohort members.")
