"""People, organisations (the tenants), memberships, invitations and per-organisation SSO."""

import hashlib
import uuid
from typing import Any, ClassVar

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models import Q
from django.utils import timezone

from advocacy.core.models import TenantModel, TimestampedModel
from advocacy.core.permissions import OrgRole

__all__ = ["OrgRole"]


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> "User":
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> "User":
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person. Logs in with an email address; belongs to organisations through memberships."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    email = models.EmailField(unique=True)
    name = models.CharField(max_length=150, blank=True)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False)
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        ordering = ["email"]

    def __str__(self) -> str:
        return self.email

    def get_full_name(self) -> str:
        return self.name or self.email

    def get_short_name(self) -> str:
        return self.name.split(" ")[0] if self.name else self.email


class RolloutStage(models.TextChoices):
    AMBASSADORS_ONLY = "ambassadors_only", "Ambassadors only"
    EVERYONE = "everyone", "Everyone"


def default_networks_enabled() -> list[str]:
    return list(settings.NETWORKS)


class ChatWebhookKind(models.TextChoices):
    SLACK = "slack", "Slack"
    TEAMS = "teams", "Microsoft Teams"


def secret_fingerprint(value: str) -> str:
    """Enough to tell two secrets apart in the audit log, never enough to use one."""
    if not value:
        return ""
    return "sha256:" + hashlib.sha256(value.encode()).hexdigest()[:12]


class Organization(TimestampedModel):
    """The tenant. Its settings are plain columns: they are read on every share check."""

    slug = models.SlugField(max_length=50, unique=True)
    name = models.CharField(max_length=200)
    regulated = models.BooleanField(default=False)
    default_disclaimer = models.TextField(blank=True)
    networks_enabled = models.JSONField(default=default_networks_enabled)
    two_step_approval = models.BooleanField(default=False)
    # A share whose similarity to suggested copy, a template or a colleague's share of the
    # same content is above this (0..1) is refused as not the employee's own words.
    originality_threshold = models.FloatField(default=0.8)
    daily_share_cap = models.PositiveSmallIntegerField(default=3)
    rollout_stage = models.CharField(max_length=20, choices=RolloutStage.choices, default=RolloutStage.AMBASSADORS_ONLY)
    # IANA name; members without their own time zone get their digest at 8am here, and
    # export date ranges are days in this zone.
    time_zone = models.CharField(max_length=64, default="UTC")
    # Optional Slack/Teams incoming webhook for the weekly nudge. The URL is a credential:
    # it is never serialized back and only its fingerprint reaches the audit log.
    chat_webhook_kind = models.CharField(max_length=10, choices=ChatWebhookKind.choices, blank=True)
    chat_webhook_url = models.URLField(max_length=500, blank=True)
    chat_digest_sent_at = models.DateTimeField(null=True, blank=True)
    # How long the compliance archive keeps an erased member's posted shares, counted from
    # the day each was posted (docs/data-rights.md). Seven years by default.
    archive_retention_days = models.PositiveIntegerField(default=2555)
    # No leaderboard, ever (SPEC: volume contests are what this product avoids). When on,
    # each member may see their own contribution to their roles' objectives, and nobody
    # else's (GET /me/progress).
    my_progress_enabled = models.BooleanField(default=False)

    SETTINGS_FIELDS: ClassVar[tuple[str, ...]] = (
        "regulated",
        "default_disclaimer",
        "networks_enabled",
        "two_step_approval",
        "originality_threshold",
        "daily_share_cap",
        "rollout_stage",
        "time_zone",
        "chat_webhook_kind",
        "chat_webhook_url",
        "archive_retention_days",
        "my_progress_enabled",
    )
    SECRET_SETTINGS: ClassVar[frozenset[str]] = frozenset({"chat_webhook_url"})

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(originality_threshold__gte=0) & Q(originality_threshold__lte=1),
                name="organization_originality_threshold_0_1",
            ),
            models.CheckConstraint(condition=Q(daily_share_cap__gte=1), name="organization_daily_cap_positive"),
            models.CheckConstraint(
                condition=Q(archive_retention_days__gte=1), name="organization_archive_retention_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.slug

    def settings_dict(self) -> dict[str, Any]:
        """The settings as the audit log records them (secrets as fingerprints)."""
        return {
            field: secret_fingerprint(getattr(self, field)) if field in self.SECRET_SETTINGS else getattr(self, field)
            for field in self.SETTINGS_FIELDS
        }


class Membership(TenantModel):
    """A person in an organisation, with one organisation role there."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    org_role = models.CharField(max_length=20, choices=OrgRole.choices, default=OrgRole.EMPLOYEE)
    ambassador = models.BooleanField(default=False)
    is_active = models.BooleanField(default=True)
    deactivated_at = models.DateTimeField(null=True, blank=True)
    # The weekly digest of new grid content: opt-out, sent at 8am on Monday in the member's
    # time zone (empty: the organisation's). ``digest_sent_at`` is claimed before sending,
    # so a duplicated task sends once.
    digest_enabled = models.BooleanField(default=True)
    time_zone = models.CharField(max_length=64, blank=True)
    digest_sent_at = models.DateTimeField(null=True, blank=True)
    # Set when the member's personal data was erased: the row stays (a pseudonymous user)
    # only for the posted shares the compliance archive keeps.
    erased_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["organization_id", "created_at"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "user"], name="membership_unique_user_per_org"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} in {self.organization_id} as {self.org_role}"

    def audit_state(self) -> dict[str, Any]:
        return {"org_role": self.org_role, "ambassador": self.ambassador, "is_active": self.is_active}

    @property
    def effective_time_zone(self) -> str:
        """Needs ``organization`` loaded (select_related) when read in a loop."""
        return self.time_zone or self.organization.time_zone or "UTC"


class InvitationStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    ACCEPTED = "accepted", "Accepted"
    EXPIRED = "expired", "Expired"
    REVOKED = "revoked", "Revoked"


class Invitation(TenantModel):
    """An invitation to join an organisation. Only the SHA-256 of its token is stored, so a
    database leak does not leak working invitation links."""

    email = models.EmailField()
    org_role = models.CharField(max_length=20, choices=OrgRole.choices, default=OrgRole.EMPLOYEE)
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["organization_id", "-created_at"]
        indexes = [models.Index(fields=["organization", "email"], name="invitation_org_email")]

    @property
    def status(self) -> str:
        if self.accepted_at:
            return InvitationStatus.ACCEPTED
        if self.revoked_at:
            return InvitationStatus.REVOKED
        if self.expires_at <= timezone.now():
            return InvitationStatus.EXPIRED
        return InvitationStatus.PENDING

    def audit_state(self) -> dict[str, Any]:
        return {"email": self.email, "org_role": self.org_role, "status": self.status}


class SsoKind(models.TextChoices):
    OIDC = "oidc", "OpenID Connect"
    SAML = "saml", "SAML 2.0"


class SsoProvider(TenantModel):
    """An organisation's enterprise identity provider. Saving it (services.sso_provider_save)
    keeps the allauth ``SocialApp`` that performs the login in step."""

    kind = models.CharField(max_length=10, choices=SsoKind.choices)
    name = models.CharField(max_length=100, help_text="Shown on the login button.")
    # People whose email is in these domains are offered this provider and join on first login.
    email_domains = models.JSONField(default=list)
    enabled = models.BooleanField(default=True)
    provider_id = models.SlugField(max_length=100, unique=True)
    # OpenID Connect
    server_url = models.URLField(blank=True)
    client_id = models.CharField(max_length=255, blank=True)
    client_secret = models.CharField(max_length=255, blank=True)
    # SAML
    idp_entity_id = models.CharField(max_length=255, blank=True)
    idp_sso_url = models.URLField(blank=True)
    idp_x509cert = models.TextField(blank=True)
    social_app = models.OneToOneField(
        "socialaccount.SocialApp", null=True, blank=True, on_delete=models.SET_NULL, related_name="sso_provider"
    )

    class Meta:
        ordering = ["organization_id", "name"]

    def audit_state(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "name": self.name,
            "email_domains": self.email_domains,
            "enabled": self.enabled,
            "server_url": self.server_url,
            "client_id": self.client_id,
            "idp_entity_id": self.idp_entity_id,
            "idp_sso_url": self.idp_sso_url,
        }


class Policy(TenantModel):
    """One published version of the organisation's social media policy. Versions are never
    edited: publishing a change makes a new version that members acknowledge again."""

    version = models.PositiveIntegerField()
    title = models.CharField(max_length=200)
    body = models.TextField(max_length=100_000, help_text="Markdown.")
    published_at = models.DateTimeField(default=timezone.now)
    published_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["organization_id", "-version"]
        constraints = [models.UniqueConstraint(fields=["organization", "version"], name="policy_unique_version")]

    def __str__(self) -> str:
        return f"{self.title} v{self.version}"


class PolicyAcknowledgement(TenantModel):
    policy = models.ForeignKey(Policy, on_delete=models.CASCADE, related_name="acknowledgements")
    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="policy_acknowledgements")

    class Meta:
        ordering = ["organization_id", "-created_at"]
        constraints = [models.UniqueConstraint(fields=["policy", "membership"], name="policy_acknowledgement_unique")]


class VoiceProfile(TenantModel):
    """How an employee speaks: used to prompt and check personalisation, never to write
    posts on their behalf without their confirmation."""

    membership = models.OneToOneField(Membership, on_delete=models.CASCADE, related_name="voice_profile")
    tone = models.CharField(max_length=200, blank=True)
    expertise_topics = models.JSONField(default=list, blank=True)
    languages = models.JSONField(default=list, blank=True)
    signature_hashtags = models.JSONField(default=list, blank=True)
    words_to_avoid = models.JSONField(default=list, blank=True)
    sample_posts = models.JSONField(default=list, blank=True)

    VOICE_FIELDS: ClassVar[tuple[str, ...]] = (
        "tone",
        "expertise_topics",
        "languages",
        "signature_hashtags",
        "words_to_avoid",
        "sample_posts",
    )

    class Meta:
        ordering = ["organization_id", "created_at"]

    def as_dict(self) -> dict[str, Any]:
        return {field: getattr(self, field) for field in self.VOICE_FIELDS}
