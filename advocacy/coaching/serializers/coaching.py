"""Coaching tasks, the starter library, and a member's own coaching week."""

from rest_framework import serializers

from advocacy.coaching.models import CoachingTaskKind
from advocacy.coaching.serializers.common import NETWORK_CHOICES, OptionalBooleanQueryField, RefSerializer
from advocacy.core.serializers import InputSerializer, OutputSerializer, QuerySerializer, TenantRelatedField
from advocacy.roles.models import AdvocacyRole


class CoachingTaskInputSerializer(InputSerializer):
    title = serializers.CharField(
        max_length=200, required=False, allow_blank=True, help_text="Defaults to the library's title for its kind."
    )
    description = serializers.CharField(max_length=2000, required=False, allow_blank=True)
    role = TenantRelatedField(
        model=AdvocacyRole, active_only=True, required=False, allow_null=True, help_text="Null: every member."
    )
    kind = serializers.ChoiceField(choices=CoachingTaskKind.choices, required=False)
    week = serializers.DateField(
        required=False, allow_null=True, help_text="Any day of the week the task is for (stored as its Monday)."
    )
    recurring = serializers.BooleanField(required=False, help_text="Every week instead of one week.")
    active = serializers.BooleanField(required=False)


class CoachingTaskOutputSerializer(OutputSerializer):
    id = serializers.UUIDField()
    title = serializers.CharField()
    description = serializers.CharField()
    role = serializers.UUIDField(source="role_id", allow_null=True)
    role_name = serializers.CharField(source="role.name", allow_null=True, default=None)
    kind = serializers.ChoiceField(choices=CoachingTaskKind.choices)
    week = serializers.DateField(allow_null=True)
    recurring = serializers.BooleanField()
    active = serializers.BooleanField()
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()


class CoachingTaskFilterSerializer(QuerySerializer):
    role = TenantRelatedField(model=AdvocacyRole, required=False)
    active = OptionalBooleanQueryField(required=False)
    kind = serializers.ChoiceField(choices=CoachingTaskKind.choices, required=False)
    week = serializers.DateField(required=False, help_text="Tasks of the week of this day, recurring ones included.")


class StarterTaskSerializer(OutputSerializer):
    kind = serializers.ChoiceField(choices=CoachingTaskKind.choices)
    title = serializers.CharField()
    description = serializers.CharField()


class StarterLibrarySerializer(OutputSerializer):
    results = StarterTaskSerializer(many=True)


class MyCoachingTaskSerializer(OutputSerializer):
    id = serializers.UUIDField(source="task.id")
    title = serializers.CharField(source="task.title")
    description = serializers.CharField(source="task.description")
    kind = serializers.ChoiceField(choices=CoachingTaskKind.choices, source="task.kind")
    role = serializers.UUIDField(source="task.role_id", allow_null=True)
    role_name = serializers.CharField(source="task.role.name", allow_null=True, default=None)
    recurring = serializers.BooleanField(source="task.recurring")
    done = serializers.BooleanField(help_text="Done this week.")
    done_at = serializers.DateTimeField(allow_null=True)


class WeekDoneSerializer(OutputSerializer):
    week = serializers.DateField()
    done = serializers.IntegerField()


class MyProgressSerializer(OutputSerializer):
    done_this_week = serializers.IntegerField()
    tasks_this_week = serializers.IntegerField()
    weeks_with_something_done = serializers.IntegerField(help_text="Of the recent weeks shown.")
    recent_weeks = WeekDoneSerializer(many=True, help_text="Tasks done per week, oldest first.")


class DoneHistorySerializer(OutputSerializer):
    task = serializers.UUIDField(source="task_id")
    title = serializers.CharField(source="task.title")
    week = serializers.DateField()
    done_at = serializers.DateTimeField(source="created_at")


class AudienceResultSerializer(OutputSerializer):
    id = serializers.UUIDField()
    name = serializers.CharField()
    shares = serializers.IntegerField()
    clicks = serializers.IntegerField()
    conversations = serializers.IntegerField()


class ShareResultSerializer(OutputSerializer):
    id = serializers.UUIDField()
    content = serializers.UUIDField()
    title = serializers.CharField()
    network = serializers.ChoiceField(choices=NETWORK_CHOICES)
    posted_at = serializers.DateTimeField(allow_null=True)
    external_url = serializers.CharField()
    clicks = serializers.IntegerField()
    conversations = serializers.IntegerField()
    reactions = serializers.IntegerField()
    audiences = RefSerializer(many=True)


class WhatWorkedSerializer(OutputSerializer):
    period_from = serializers.DateField()
    period_to = serializers.DateField()
    shares_posted = serializers.IntegerField()
    audiences = AudienceResultSerializer(many=True, help_text="Who clicked and talked, by audience.")
    shares = ShareResultSerializer(many=True, help_text="Your shares that got clicks or conversations, best first.")


class MyCoachingOutputSerializer(OutputSerializer):
    week = serializers.DateField(help_text="Monday of this week.")
    week_ends = serializers.DateField()
    tasks = MyCoachingTaskSerializer(many=True)
    progress = MyProgressSerializer()
    done_history = DoneHistorySerializer(many=True)
    what_worked = WhatWorkedSerializer()


class DoneOutputSerializer(OutputSerializer):
    task = serializers.UUIDField(source="task_id")
    week = serializers.DateField()
    done = serializers.BooleanField(default=True)
    done_at = serializers.DateTimeField(source="created_at")
