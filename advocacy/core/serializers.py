"""Serializer bases. Output serializers render instances or lists of them; input serializers
refuse unknown fields, so a typo is never a silent no-op."""

import keyword
from typing import Any

from rest_framework import serializers

from advocacy.core.safe_http import UnsafeUrlError, check_url_shape


class InputSerializer(serializers.Serializer[Any]):
    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, dict):
            unknown = sorted(set(data) - set(self.fields))
            if unknown:
                raise serializers.ValidationError({name: ["Unknown field."] for name in unknown}, code="unknown_field")
        return super().to_internal_value(data)


class KeywordNamedFields:
    """Fields named after a Python keyword (``from``) are declared with a trailing
    underscore (``from_ = ...``) and reach the API under the keyword."""

    def get_fields(self) -> dict[str, Any]:
        fields: dict[str, Any] = super().get_fields()  # type: ignore[misc]
        return {
            (name[:-1] if name.endswith("_") and keyword.iskeyword(name[:-1]) else name): field
            for name, field in fields.items()
        }


class OutputSerializer(serializers.Serializer[Any]):
    """Renders a model instance (or, with ``many=True``, a page of them)."""


class TenantRelatedField(serializers.PrimaryKeyRelatedField[Any]):
    """An id of a row of the organisation in context, resolved when the request is
    validated (inside the tenant), never at import time. Another tenant's id is simply
    unknown: "does_not_exist", never "forbidden"."""

    default_error_messages = {
        "does_not_exist": "No such item in this organisation: “{pk_value}”.",
        "incorrect_type": "Expected an id, got {data_type}.",
    }

    def __init__(self, *, model: type[Any], active_only: bool = False, **kwargs: Any) -> None:
        self.model = model
        self.active_only = active_only
        kwargs.setdefault("pk_field", serializers.UUIDField(format="hex_verbose"))
        super().__init__(**kwargs)

    def get_queryset(self) -> Any:
        queryset = self.model.objects.all()
        if self.active_only:
            queryset = queryset.filter(archived_at__isnull=True)
        return queryset

    def to_internal_value(self, data: Any) -> Any:
        try:
            return super().to_internal_value(data)
        except serializers.ValidationError:
            raise
        except (ValueError, TypeError, ArithmeticError) as exc:
            raise serializers.ValidationError(self.error_messages["does_not_exist"].format(pk_value=data)) from exc


class QuerySerializer(serializers.Serializer[Any]):
    """Query-string filters. Lenient about unknown parameters (pagination, cache busters)."""


class HttpUrlField(serializers.URLField):
    """A URL we may store and later fetch or redirect to: http or https only, no user name
    or password in it (never javascript:, data:, file: or credentials)."""

    def to_internal_value(self, data: Any) -> str:
        value = super().to_internal_value(data)
        try:
            check_url_shape(value)
        except UnsafeUrlError as exc:
            raise serializers.ValidationError(str(exc)) from exc
        return value


class EditableOutputSerializer(OutputSerializer):
    """Adds ``can_edit``: whether the caller may change this object (by role or grant)."""

    can_edit = serializers.SerializerMethodField()

    def get_can_edit(self, obj: Any) -> bool:
        editable = self.context.get("editable_ids", ())
        return editable is None or obj.pk in editable
