"""A share as the API shows it (API.md "A share as the API shows it"), and its inputs."""

from typing import Any

from rest_framework import serializers

from advocacy.content.models import ContentItem
from advocacy.core.serializers import InputSerializer, OutputSerializer, QuerySerializer, TenantRelatedField
from advocacy.networks.models import NetworkConnection
from advocacy.shares.models import Share, ShareStatus, sha256_hex
from advocacy.shares.services import tracked_url


class CheckSerializer(OutputSerializer):
    code = serializers.CharField()
    ok = serializers.BooleanField()
    detail = serializers.CharField()


class ShareOutputSerializer(OutputSerializer):
    id = serializers.UUIDField()
    content = serializers.UUIDField(source="content_id")
    content_title = serializers.CharField(source="content_version.title")
    connection = serializers.UUIDField(source="connection_id")
    network = serializers.CharField()
    text = serializers.CharField()
    final_text = serializers.CharField()
    text_sha256 = serializers.SerializerMethodField(help_text="SHA-256 of final_text (UTF-8): confirm with it.")
    status = serializers.ChoiceField(choices=ShareStatus.choices)
    checks = serializers.SerializerMethodField()
    send_at = serializers.DateTimeField(allow_null=True)
    retry_at = serializers.DateTimeField(
        allow_null=True, help_text="When a queued share is tried again (after a rate limit or a transient failure)."
    )
    external_id = serializers.CharField()
    external_url = serializers.CharField()
    error = serializers.SerializerMethodField()
    tracked_url = serializers.SerializerMethodField()
    author = serializers.CharField(source="membership.user.get_full_name")
    created_at = serializers.DateTimeField()
    confirmed_at = serializers.DateTimeField(allow_null=True)
    posted_at = serializers.DateTimeField(allow_null=True)

    def get_text_sha256(self, share: Share) -> str:
        return sha256_hex(share.final_text)

    def get_checks(self, share: Share) -> list[dict[str, Any]]:
        checks = self.context.get("checks", {}).get(share.pk)
        return [check.as_dict() for check in checks] if checks is not None else []

    def get_error(self, share: Share) -> dict[str, Any] | None:
        if not share.error_code:
            return None
        return {"code": share.error_code, "detail": share.error_detail, "retryable": share.retryable}

    def get_tracked_url(self, share: Share) -> str:
        return tracked_url(share)


class ShareCreateInputSerializer(InputSerializer):
    content = TenantRelatedField(model=ContentItem)
    connection = TenantRelatedField(model=NetworkConnection)
    text = serializers.CharField(max_length=5000, allow_blank=True, trim_whitespace=False)


class ShareUpdateInputSerializer(InputSerializer):
    text = serializers.CharField(max_length=5000, allow_blank=True, trim_whitespace=False)


class ShareConfirmInputSerializer(InputSerializer):
    text_sha256 = serializers.RegexField(r"^[0-9a-fA-F]{64}$")
    send_at = serializers.DateTimeField(required=False, allow_null=True)


class ShareReviewInputSerializer(InputSerializer):
    decision = serializers.ChoiceField(choices=["pass", "reject"])
    reason = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs["decision"] == "reject" and not attrs["reason"].strip():
            raise serializers.ValidationError({"reason": ["Say why, so the author can fix it."]})
        return attrs


class ShareFilterSerializer(QuerySerializer):
    status = serializers.ChoiceField(choices=ShareStatus.choices, required=False)
    content = TenantRelatedField(model=ContentItem, required=False)


class SharePreviewOutputSerializer(OutputSerializer):
    final_text = serializers.CharField()
    length = serializers.IntegerField(help_text="As the network counts it.")
    max_length = serializers.IntegerField()
    checks = CheckSerializer(many=True)
