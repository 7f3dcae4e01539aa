"""Input and output shapes of the content library, grid, templates, suggestions and feed."""

import re
from typing import Any

from django.conf import settings
from django.utils import timezone
from rest_framework import serializers

from advocacy.audiences.models import Audience
from advocacy.content.models import ContentItem, ContentSource, ContentStatus
from advocacy.core.serializers import (
    HttpUrlField,
    InputSerializer,
    OutputSerializer,
    QuerySerializer,
    TenantRelatedField,
)
from advocacy.roles.models import AdvocacyRole

LANGUAGE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$")


class ContentInputSerializer(InputSerializer):
    title = serializers.CharField(max_length=200)
    url = HttpUrlField(max_length=2000, required=False, allow_blank=True)
    summary = serializers.CharField(max_length=5000, required=False, allow_blank=True)
    suggested_copy = serializers.CharField(max_length=3000, required=False, allow_blank=True)
    angles = serializers.DictField(
        child=serializers.CharField(max_length=1000, allow_blank=True),
        required=False,
        help_text="How each role should frame it: {role_id: text}.",
    )
    image_url = HttpUrlField(max_length=2000, required=False, allow_blank=True)
    language = serializers.CharField(max_length=10, required=False)
    networks = serializers.ListField(
        child=serializers.ChoiceField(choices=settings.NETWORKS), required=False, max_length=len(settings.NETWORKS)
    )
    disclaimer = serializers.CharField(max_length=1000, required=False, allow_blank=True)
    expires_at = serializers.DateTimeField(required=False, allow_null=True)

    def validate_title(self, value: str) -> str:
        if not value.strip():
            raise serializers.ValidationError("Give the item a title.")
        return value.strip()

    def validate_language(self, value: str) -> str:
        if not LANGUAGE.match(value):
            raise serializers.ValidationError("Use a language code such as en, fr or pt-BR.")
        return value

    def validate_networks(self, value: list[str]) -> list[str]:
        return sorted(set(value), key=settings.NETWORKS.index)

    def validate_expires_at(self, value: Any) -> Any:
        if value is not None and value <= timezone.now():
            raise serializers.ValidationError("The expiry must be in the future.")
        return value

    def validate_angles(self, value: dict[str, str]) -> dict[str, str]:
        if len(value) > 100:
            raise serializers.ValidationError("Too many angles.")
        role_field = TenantRelatedField(model=AdvocacyRole, active_only=True)
        cleaned = {}
        for key, text in value.items():
            role = role_field.to_internal_value(key)
            if text.strip():
                cleaned[str(role.pk)] = text.strip()
        return cleaned


class PreviewSerializer(OutputSerializer):
    status = serializers.CharField(source="preview_status")
    title = serializers.CharField(source="preview_title")
    description = serializers.CharField(source="preview_description")
    image_url = serializers.CharField(source="preview_image_url")
    error = serializers.CharField(source="preview_error")


class ContentOutputSerializer(OutputSerializer):
    id = serializers.UUIDField()
    title = serializers.CharField()
    url = serializers.CharField()
    summary = serializers.CharField()
    suggested_copy = serializers.CharField()
    angles = serializers.DictField(child=serializers.CharField())
    image_url = serializers.CharField()
    language = serializers.CharField()
    networks = serializers.ListField(child=serializers.CharField())
    disclaimer = serializers.CharField()
    expires_at = serializers.DateTimeField(allow_null=True)
    status = serializers.ChoiceField(choices=ContentStatus.choices)
    version = serializers.IntegerField(help_text="The version last submitted (0: never submitted).")
    approved_version = serializers.IntegerField(
        source="approved_version.number", allow_null=True, default=None, help_text="The version live in feeds."
    )
    source = serializers.ChoiceField(choices=ContentSource.choices)  # type: ignore[assignment]
    created_by = serializers.SerializerMethodField()
    suggested_by = serializers.SerializerMethodField()
    suggestion_why = serializers.CharField()
    rejection_reason = serializers.CharField()
    preview = PreviewSerializer(source="*")
    retired_at = serializers.DateTimeField(allow_null=True)
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()

    def get_created_by(self, content: ContentItem) -> str | None:
        return content.created_by.user.get_full_name() if content.created_by else None

    def get_suggested_by(self, content: ContentItem) -> str | None:
        return content.suggested_by.user.get_full_name() if content.suggested_by else None


class ContentFilterSerializer(QuerySerializer):
    status = serializers.ChoiceField(choices=ContentStatus.choices, required=False)
    live = serializers.BooleanField(
        required=False, default=None, allow_null=True, help_text="Only content live in feeds now (for grid pickers)."
    )
    source = serializers.ChoiceField(choices=ContentSource.choices, required=False)  # type: ignore[assignment]
    q = serializers.CharField(required=False, max_length=100)


class RejectInputSerializer(InputSerializer):
    reason = serializers.CharField(max_length=2000)


class VersionOutputSerializer(OutputSerializer):
    number = serializers.IntegerField()
    title = serializers.CharField()
    url = serializers.CharField()
    summary = serializers.CharField()
    suggested_copy = serializers.CharField()
    angles = serializers.DictField(child=serializers.CharField())
    image_url = serializers.CharField()
    language = serializers.CharField()
    networks = serializers.ListField(child=serializers.CharField())
    disclaimer = serializers.CharField()
    expires_at = serializers.DateTimeField(allow_null=True)
    submitted_by = serializers.SerializerMethodField()
    created_at = serializers.DateTimeField()
    approved_at = serializers.DateTimeField(allow_null=True)

    def get_submitted_by(self, version: Any) -> str | None:
        return version.submitted_by.user.get_full_name() if version.submitted_by else None


class ApprovalOutputSerializer(OutputSerializer):
    version = serializers.IntegerField(source="version.number")
    step = serializers.CharField()
    decision = serializers.CharField()
    approver_email = serializers.CharField()
    reason = serializers.CharField()
    created_at = serializers.DateTimeField()


class HistoryOutputSerializer(OutputSerializer):
    versions = VersionOutputSerializer(many=True)
    approvals = ApprovalOutputSerializer(many=True)


# --- Grid ----------------------------------------------------------------------------


class GridCellInputSerializer(InputSerializer):
    role = TenantRelatedField(model=AdvocacyRole, active_only=True)
    audience = TenantRelatedField(model=Audience, active_only=True, allow_null=True, required=False)
    content = TenantRelatedField(model=ContentItem)
    position = serializers.IntegerField(min_value=0, max_value=100_000, required=False)
    note = serializers.CharField(max_length=1000, required=False, allow_blank=True)


class GridCellUpdateSerializer(InputSerializer):
    position = serializers.IntegerField(min_value=0, max_value=100_000, required=False)
    note = serializers.CharField(max_length=1000, required=False, allow_blank=True)


class GridCellOutputSerializer(OutputSerializer):
    id = serializers.UUIDField()
    role = serializers.UUIDField(source="role_id")
    role_name = serializers.CharField(source="role.name")
    audience = serializers.UUIDField(source="audience_id", allow_null=True)
    audience_name = serializers.CharField(source="audience.name", allow_null=True, default=None)
    content = serializers.UUIDField(source="content_id")
    content_title = serializers.CharField(source="content.title")
    position = serializers.IntegerField()
    note = serializers.CharField()
    live = serializers.BooleanField(help_text="The content is approved and not retired.")
    live_until = serializers.DateTimeField(allow_null=True, help_text="When the live version expires.")


class GridFilterSerializer(QuerySerializer):
    role = TenantRelatedField(model=AdvocacyRole, required=False)
    content = TenantRelatedField(model=ContentItem, required=False)


class GridReorderInputSerializer(InputSerializer):
    role = TenantRelatedField(model=AdvocacyRole, active_only=True)
    audience = TenantRelatedField(model=Audience, allow_null=True, required=False)
    cells = serializers.ListField(child=serializers.UUIDField(), max_length=1000)


# --- Templates -------------------------------------------------------------------------


class TemplateInputSerializer(InputSerializer):
    name = serializers.CharField(max_length=100)
    body = serializers.CharField(max_length=3000)
    role = TenantRelatedField(model=AdvocacyRole, active_only=True, allow_null=True, required=False)
    audience = TenantRelatedField(model=Audience, active_only=True, allow_null=True, required=False)


class TemplateOutputSerializer(OutputSerializer):
    id = serializers.UUIDField()
    name = serializers.CharField()
    body = serializers.CharField()
    role = serializers.UUIDField(source="role_id", allow_null=True)
    role_name = serializers.CharField(source="role.name", allow_null=True, default=None)
    audience = serializers.UUIDField(source="audience_id", allow_null=True)
    audience_name = serializers.CharField(source="audience.name", allow_null=True, default=None)
    updated_at = serializers.DateTimeField()


class TemplateFilterSerializer(QuerySerializer):
    role = TenantRelatedField(model=AdvocacyRole, required=False)
    audience = TenantRelatedField(model=Audience, required=False)


# --- Suggestions ------------------------------------------------------------------------


class SuggestionInputSerializer(InputSerializer):
    url = HttpUrlField(max_length=2000)
    why = serializers.CharField(max_length=2000, required=False, allow_blank=True)


class SuggestionOutputSerializer(OutputSerializer):
    id = serializers.UUIDField()
    url = serializers.CharField()
    why = serializers.CharField(source="suggestion_why")
    title = serializers.CharField()
    status = serializers.ChoiceField(choices=ContentStatus.choices)
    outcome = serializers.SerializerMethodField()
    rejection_reason = serializers.CharField()
    suggested_by = serializers.SerializerMethodField()
    created_at = serializers.DateTimeField()

    def get_outcome(self, content: ContentItem) -> str:
        return {
            ContentStatus.DRAFT: "Waiting for the comms team",
            ContentStatus.IN_REVIEW: "In review",
            ContentStatus.APPROVED: "Approved",
            ContentStatus.REJECTED: "Not approved",
            ContentStatus.RETIRED: "Withdrawn",
        }[ContentStatus(content.status)]

    def get_suggested_by(self, content: ContentItem) -> str | None:
        return content.suggested_by.user.get_full_name() if content.suggested_by else None


# --- Feed ---------------------------------------------------------------------------------


class FeedFilterSerializer(QuerySerializer):
    audience = TenantRelatedField(model=Audience, required=False)
    role = TenantRelatedField(model=AdvocacyRole, required=False)


class FeedCellSerializer(OutputSerializer):
    id = serializers.UUIDField()
    role = serializers.UUIDField(source="role_id")
    audience = serializers.UUIDField(source="audience_id", allow_null=True)
    audience_name = serializers.CharField(source="audience.name", allow_null=True, default=None)
    position = serializers.IntegerField()
    note = serializers.CharField()


class FeedAngleSerializer(OutputSerializer):
    role = serializers.UUIDField()
    role_name = serializers.CharField()
    text = serializers.CharField()


class FeedPreviewSerializer(OutputSerializer):
    title = serializers.CharField()
    description = serializers.CharField()
    image_url = serializers.CharField()


class FeedItemSerializer(OutputSerializer):
    """One item of the feed, built by the view as a dict."""

    id = serializers.UUIDField()
    version = serializers.IntegerField()
    title = serializers.CharField()
    url = serializers.CharField()
    summary = serializers.CharField()
    suggested_copy = serializers.CharField()
    image_url = serializers.CharField()
    preview = FeedPreviewSerializer()
    language = serializers.CharField()
    networks = serializers.ListField(child=serializers.CharField())
    disclaimer = serializers.CharField()
    expires_at = serializers.DateTimeField(allow_null=True)
    approved_at = serializers.DateTimeField(allow_null=True)
    angles = FeedAngleSerializer(many=True)
    cells = FeedCellSerializer(many=True)
    shared_networks = serializers.ListField(child=serializers.CharField())


class FeedPageSerializer(OutputSerializer):
    count = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = FeedItemSerializer(many=True)
