"""Serializer bases. Output serializers render instances or lists of them; input serializers
refuse unknown fields, so a typo is never a silent no-op."""

from typing import Any

from rest_framework import serializers


class InputSerializer(serializers.Serializer[Any]):
    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, dict):
            unknown = sorted(set(data) - set(self.fields))
            if unknown:
                raise serializers.ValidationError({name: ["Unknown field."] for name in unknown}, code="unknown_field")
        return super().to_internal_value(data)


class OutputSerializer(serializers.Serializer[Any]):
    """Renders a model instance (or, with ``many=True``, a page of them)."""
