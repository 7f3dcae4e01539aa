"""Input and output shapes of the accounts API. No business rules here: see services."""

import functools
import zoneinfo
from typing import Any

from django.conf import settings
from rest_framework import serializers

from advocacy.accounts.models import (
    ChatWebhookKind,
    Invitation,
    Membership,
    Organization,
    OrgRole,
    Policy,
    RolloutStage,
    SsoKind,
    SsoProvider,
)
from advocacy.core.serializers import HttpUrlField, InputSerializer, OutputSerializer, QuerySerializer


@functools.cache
def _known_time_zones() -> frozenset[str]:
    # available_timezones() walks the tz database on disk; once per process is enough.
    return frozenset(zoneinfo.available_timezones())


class TimeZoneField(serializers.CharField):
    """An IANA time zone name such as ``Europe/Paris``."""

    default_error_messages = {"unknown_time_zone": "Unknown time zone “{value}”; use an IANA name like Europe/Paris."}

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 64)
        super().__init__(**kwargs)

    def to_internal_value(self, data: Any) -> str:
        value = super().to_internal_value(data)
        if value and value not in _known_time_zones():
            self.fail("unknown_time_zone", value=value)
        return value


class OrganizationSettingsSerializer(InputSerializer):
    regulated = serializers.BooleanField(required=False)
    default_disclaimer = serializers.CharField(required=False, allow_blank=True, max_length=1000)
    networks_enabled = serializers.ListField(
        child=serializers.ChoiceField(choices=settings.NETWORKS), required=False, allow_empty=False
    )
    two_step_approval = serializers.BooleanField(required=False)
    originality_threshold = serializers.FloatField(required=False, min_value=0.0, max_value=1.0)
    daily_share_cap = serializers.IntegerField(required=False, min_value=1, max_value=100)
    rollout_stage = serializers.ChoiceField(choices=RolloutStage.choices, required=False)
    time_zone = TimeZoneField(required=False, help_text="IANA name; digests go out at 8am here by default.")
    chat_webhook_kind = serializers.ChoiceField(choices=ChatWebhookKind.choices, required=False, allow_blank=True)
    chat_webhook_url = HttpUrlField(
        required=False,
        allow_blank=True,
        max_length=500,
        write_only=True,
        help_text="Slack or Teams incoming webhook for the weekly nudge; write-only, empty to remove.",
    )
    archive_retention_days = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=36500,
        help_text="Days the compliance archive keeps an erased member's posted shares, from their posting.",
    )
    my_progress_enabled = serializers.BooleanField(
        required=False,
        help_text=(
            "Lets each member see their own contribution to their roles' objectives (GET .../me/progress). "
            "Never a ranking: nobody sees anyone else's figures. Off by default."
        ),
    )
    chat_webhook_configured = serializers.SerializerMethodField()

    def get_chat_webhook_configured(self, organization: Organization) -> bool:
        return bool(organization.chat_webhook_url)


class OrganizationOutputSerializer(OutputSerializer):
    slug = serializers.SlugField()
    name = serializers.CharField()
    settings = OrganizationSettingsSerializer(source="*")
    created_at = serializers.DateTimeField()


class OrganizationCreateInputSerializer(InputSerializer):
    name = serializers.CharField(max_length=200)
    slug = serializers.SlugField(max_length=50, required=False, allow_blank=True)


class OrganizationUpdateInputSerializer(InputSerializer):
    name = serializers.CharField(max_length=200, required=False)
    settings = OrganizationSettingsSerializer(required=False)


class InvitationOutputSerializer(OutputSerializer):
    id = serializers.UUIDField()
    email = serializers.EmailField()
    org_role = serializers.ChoiceField(choices=OrgRole.choices)
    status = serializers.CharField()
    expires_at = serializers.DateTimeField()
    created_at = serializers.DateTimeField()
    invited_by = serializers.SerializerMethodField()

    def get_invited_by(self, invitation: Invitation) -> str | None:
        return invitation.invited_by.email if invitation.invited_by else None


class InvitationCreateInputSerializer(InputSerializer):
    email = serializers.EmailField()
    org_role = serializers.ChoiceField(choices=OrgRole.choices, default=OrgRole.EMPLOYEE)


class InvitationPreviewOutputSerializer(OutputSerializer):
    org_name = serializers.CharField(source="organization.name")
    org_slug = serializers.CharField(source="organization.slug")
    email = serializers.EmailField()
    org_role = serializers.ChoiceField(choices=OrgRole.choices)
    expires_at = serializers.DateTimeField()
    status = serializers.CharField()


class InvitationAcceptOutputSerializer(OutputSerializer):
    org_slug = serializers.CharField(source="organization.slug")
    org_role = serializers.ChoiceField(choices=OrgRole.choices)


class SsoProviderOutputSerializer(OutputSerializer):
    id = serializers.UUIDField()
    kind = serializers.ChoiceField(choices=SsoKind.choices)
    name = serializers.CharField()
    provider_id = serializers.CharField()
    email_domains = serializers.ListField(child=serializers.CharField())
    enabled = serializers.BooleanField()
    # Empty for the kind that does not use it (OIDC or SAML): not always a URI.
    server_url = serializers.CharField()
    client_id = serializers.CharField()
    has_client_secret = serializers.SerializerMethodField()
    idp_entity_id = serializers.CharField()
    idp_sso_url = serializers.CharField()
    idp_x509cert = serializers.CharField()

    def get_has_client_secret(self, provider: SsoProvider) -> bool:
        # The secret is write-only: an admin can replace it but never read it back.
        return bool(provider.client_secret)


class SsoProviderInputSerializer(InputSerializer):
    kind = serializers.ChoiceField(choices=SsoKind.choices)
    name = serializers.CharField(max_length=100)
    email_domains = serializers.ListField(child=serializers.CharField(max_length=253), max_length=50)
    enabled = serializers.BooleanField(default=True)
    server_url = serializers.URLField(required=False, allow_blank=True)
    client_id = serializers.CharField(required=False, allow_blank=True, max_length=255)
    client_secret = serializers.CharField(required=False, allow_blank=True, max_length=255, write_only=True)
    idp_entity_id = serializers.CharField(required=False, allow_blank=True, max_length=255)
    idp_sso_url = serializers.URLField(required=False, allow_blank=True)
    idp_x509cert = serializers.CharField(required=False, allow_blank=True)


class SsoDiscoverQuerySerializer(QuerySerializer):
    email = serializers.EmailField()


class PolicyInputSerializer(InputSerializer):
    title = serializers.CharField(max_length=200)
    body = serializers.CharField(max_length=100_000)


class PolicyOutputSerializer(OutputSerializer):
    id = serializers.UUIDField()
    version = serializers.IntegerField()
    title = serializers.CharField()
    body = serializers.CharField()
    published_at = serializers.DateTimeField()
    published_by = serializers.SerializerMethodField()
    is_current = serializers.SerializerMethodField()
    acknowledged_at = serializers.SerializerMethodField(help_text="When the caller acknowledged this version.")
    acknowledged_count = serializers.IntegerField(default=None, help_text="How many members acknowledged it.")

    def get_published_by(self, policy: Policy) -> str | None:
        return policy.published_by.get_full_name() if policy.published_by else None

    def get_is_current(self, policy: Policy) -> bool:
        current = self.context.get("current")
        return current is not None and current.pk == policy.pk

    def get_acknowledged_at(self, policy: Policy) -> str | None:
        when = self.context.get("acknowledged", {}).get(policy.pk)
        return when.isoformat() if when else None


def _short_list(item_length: int, items: int) -> serializers.ListField:
    return serializers.ListField(
        child=serializers.CharField(max_length=item_length), max_length=items, required=False, default=list
    )


class VoiceProfileSerializer(InputSerializer):
    """The voice profile, in and out (PUT replaces it whole)."""

    tone = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    expertise_topics = _short_list(60, 30)
    languages = serializers.ListField(
        child=serializers.RegexField(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$", max_length=10),
        max_length=10,
        required=False,
        default=list,
    )
    signature_hashtags = serializers.ListField(
        child=serializers.RegexField(r"^#?\w{1,50}$"), max_length=10, required=False, default=list
    )
    words_to_avoid = _short_list(60, 50)
    sample_posts = _short_list(1000, 5)


class MemberNotificationsSerializer(InputSerializer):
    """The caller's digest preference and time zone, in (PATCH) and out."""

    digest_enabled = serializers.BooleanField(required=False, help_text="The weekly email of new content.")
    time_zone = TimeZoneField(
        required=False, allow_blank=True, help_text="IANA name; empty means the organisation's time zone."
    )
    effective_time_zone = serializers.SerializerMethodField()

    def get_effective_time_zone(self, membership: Membership) -> str:
        return membership.effective_time_zone


class ConfirmInputSerializer(InputSerializer):
    confirm = serializers.CharField(
        max_length=254, help_text="Repeat what is asked (a short name, an email address): the action cannot be undone."
    )


class MemberDataExportSerializer(OutputSerializer):
    """A member's data export (docs/data-rights.md): one JSON document."""

    format = serializers.CharField()
    exported_at = serializers.DateTimeField()
    organization = serializers.DictField()
    member = serializers.UUIDField()
    profile = serializers.DictField()
    memberships = serializers.ListField(child=serializers.DictField())
    voice_profile = serializers.DictField(allow_null=True)
    policy_acknowledgements = serializers.ListField(child=serializers.DictField())
    invitations = serializers.ListField(child=serializers.DictField())
    connections = serializers.ListField(child=serializers.DictField(), help_text="Metadata only, never tokens.")
    shares = serializers.ListField(child=serializers.DictField())
    advocacy_roles = serializers.ListField(child=serializers.DictField())
    readiness = serializers.ListField(child=serializers.DictField())
    coaching_progress = serializers.ListField(child=serializers.DictField())
    cohorts = serializers.ListField(child=serializers.DictField())
    audit_events = serializers.ListField(child=serializers.DictField())


class OrganizationDeleteOutputSerializer(OutputSerializer):
    detail = serializers.CharField()
