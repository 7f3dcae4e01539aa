"""Pieces the coaching app's serializers share: reference shapes, query-string fields, the
``?from=&to=`` period."""

from typing import Any

from django.conf import settings
from rest_framework import serializers
from rest_framework.fields import empty

from advocacy.accounts.models import Membership
from advocacy.core.serializers import KeywordNamedFields, OutputSerializer, QuerySerializer, TenantRelatedField

NETWORK_CHOICES = settings.NETWORKS


class OptionalBooleanQueryField(serializers.BooleanField):
    """A query-string flag that is absent unless given. (DRF reads a missing boolean in a
    query string as false, which would make "not given" mean "false".)"""

    default_empty_html = empty


class ActiveMemberField(TenantRelatedField):
    """An id of an active member of the organisation in context."""

    default_error_messages = {"does_not_exist": "No such active member in this organisation: “{pk_value}”."}

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(model=Membership, **kwargs)

    def get_queryset(self) -> Any:
        return Membership.objects.filter(is_active=True)


def unique(values: list[Any]) -> list[Any]:
    return list({getattr(value, "pk", value): value for value in values}.values())


class RefSerializer(OutputSerializer):
    id = serializers.UUIDField()
    name = serializers.CharField()


class PeriodQuerySerializer(KeywordNamedFields, QuerySerializer):
    """``?from=&to=`` (UTC days, inclusive), as the analytics endpoints take them; the
    range itself is checked by ``advocacy.analytics.periods.date_range``."""

    from_ = serializers.DateField(required=False, help_text="First day (default: 29 days before `to`).")
    to = serializers.DateField(required=False, help_text="Last day, inclusive (default: today).")
