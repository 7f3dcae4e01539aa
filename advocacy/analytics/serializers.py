"""Query and output shapes of the dashboards (API.md "Analytics summary shape")."""

from rest_framework import serializers

from advocacy.analytics.selectors import GROUPINGS
from advocacy.core.serializers import KeywordNamedFields, OutputSerializer, QuerySerializer
from advocacy.roles.models import ObjectiveMetric, ObjectivePeriod


class SummaryQuerySerializer(KeywordNamedFields, QuerySerializer):
    from_ = serializers.DateField(required=False, help_text="First day (ISO date). Default: 30 days before `to`.")
    to = serializers.DateField(required=False, help_text="Last day, inclusive (ISO date). Default: today.")
    group_by = serializers.ChoiceField(choices=GROUPINGS, default="content")


class SummaryRowSerializer(OutputSerializer):
    key = serializers.CharField(help_text="Id of the content, role, audience or member; the network; or the ISO date.")
    label = serializers.CharField()  # type: ignore[assignment]  # a field, not Field.label
    shares = serializers.IntegerField(help_text="Shares posted in the range.")
    clicks = serializers.IntegerField(help_text="Clicks by people (bots and link previews excluded).")
    unique_visitors = serializers.IntegerField(help_text="Distinct visitors per share and day, added up.")
    bot_hits = serializers.IntegerField(help_text="Requests by crawlers and link-preview fetchers.")
    conversations = serializers.IntegerField(help_text="Comments read back from the networks.")
    reactions = serializers.IntegerField()


class SummaryOutputSerializer(KeywordNamedFields, OutputSerializer):
    """One row per content item, role, audience, member, network or day in the range."""

    group_by = serializers.ChoiceField(choices=GROUPINGS)
    from_ = serializers.DateField()
    to = serializers.DateField()
    results = SummaryRowSerializer(many=True)


class PeriodActualSerializer(OutputSerializer):
    period_start = serializers.DateField(source="period.start")
    period_end = serializers.DateField(source="period.end")
    actual = serializers.IntegerField()


class ObjectiveProgressSerializer(OutputSerializer):
    name = serializers.CharField()
    metric = serializers.ChoiceField(choices=ObjectiveMetric.choices)
    target = serializers.IntegerField()
    period = serializers.ChoiceField(choices=ObjectivePeriod.choices)
    period_start = serializers.DateField(source="current.period.start")
    period_end = serializers.DateField(source="current.period.end")
    actual = serializers.IntegerField(source="current.actual", help_text="So far in the current period.")
    progress = serializers.FloatField(help_text="actual / target (1.0 = reached).")
    trend = PeriodActualSerializer(many=True, help_text="Previous periods, oldest first.")


class RoleObjectivesSerializer(OutputSerializer):
    role = serializers.UUIDField(source="role_id")
    role_name = serializers.CharField()
    objectives = ObjectiveProgressSerializer(many=True)


class ObjectivesOutputSerializer(OutputSerializer):
    as_of = serializers.DateField()
    results = RoleObjectivesSerializer(many=True)


class MyObjectiveProgressSerializer(OutputSerializer):
    name = serializers.CharField()
    metric = serializers.ChoiceField(choices=ObjectiveMetric.choices)
    target = serializers.IntegerField(help_text="The role's target for the period (the whole team's).")
    period = serializers.ChoiceField(choices=ObjectivePeriod.choices)
    period_start = serializers.DateField(source="team.period.start")
    period_end = serializers.DateField(source="team.period.end")
    team_actual = serializers.IntegerField(
        source="team.actual", help_text="The role's total so far in the current period (as in the objectives)."
    )
    my_actual = serializers.IntegerField(
        source="mine.actual", help_text="The caller's own shares attributed to the role, so far this period."
    )
    my_share = serializers.FloatField(help_text="my_actual / team_actual (0 when the team has nothing yet).")
    my_trend = PeriodActualSerializer(many=True, help_text="The caller's own previous periods, oldest first.")


class MyRoleProgressSerializer(OutputSerializer):
    role = serializers.UUIDField(source="role_id")
    role_name = serializers.CharField()
    objectives = MyObjectiveProgressSerializer(many=True)


class MyProgressOutputSerializer(OutputSerializer):
    """The caller's own contribution to their roles' objectives: never anyone else's figures."""

    as_of = serializers.DateField()
    results = MyRoleProgressSerializer(many=True, help_text="The caller's active roles that have objectives.")
