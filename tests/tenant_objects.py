"""One way to make a row of each tenant model, used by the tests that walk every endpoint.
A new TenantViewSet whose model is missing here makes those tests fail, on purpose."""

from collections.abc import Callable
from typing import Any

from django.db import models

from advocacy.accounts.models import Invitation, Membership, Organization, Policy, SsoProvider
from advocacy.audiences.models import Audience, ReservedRelationship, RoleAudience
from advocacy.coaching.models import CoachingTask, Cohort
from advocacy.content.models import ContentItem, GridCell, MessageTemplate
from advocacy.core.audit import audit_record
from advocacy.core.models import AuditEvent
from advocacy.networks.models import NetworkConnection
from advocacy.roles.models import AdvocacyRole
from advocacy.shares.models import Share
from tests.factories import (
    AdvocacyRoleFactory,
    AudienceFactory,
    CoachingTaskFactory,
    ContentItemFactory,
    GridCellFactory,
    InvitationFactory,
    MembershipFactory,
    MessageTemplateFactory,
    NetworkConnectionFactory,
    PolicyFactory,
    ReservedRelationshipFactory,
    RoleAudienceFactory,
    ShareFactory,
    cohort_with_members,
)


def _sso_provider(organization: Organization) -> SsoProvider:
    return SsoProvider.objects.unscoped().create(
        organization=organization,
        kind="oidc",
        name="IdP",
        provider_id=f"{organization.slug}-oidc",
        email_domains=[f"{organization.slug}.example"],
        server_url="https://idp.example.com",
        client_id="c",
    )


def _audit_event(organization: Organization) -> AuditEvent:
    return audit_record(organization=organization, actor=None, verb="test.event", object_type="x", object_id="1")


TENANT_OBJECT_MAKERS: dict[type[models.Model], Callable[[Organization], Any]] = {
    Membership: lambda organization: MembershipFactory(organization=organization),
    Invitation: lambda organization: InvitationFactory(organization=organization),
    SsoProvider: _sso_provider,
    AuditEvent: _audit_event,
    Policy: lambda organization: PolicyFactory(organization=organization),
    AdvocacyRole: lambda organization: AdvocacyRoleFactory(organization=organization),
    Audience: lambda organization: AudienceFactory(organization=organization),
    RoleAudience: lambda organization: RoleAudienceFactory(organization=organization),
    ReservedRelationship: lambda organization: ReservedRelationshipFactory(organization=organization),
    ContentItem: lambda organization: ContentItemFactory(
        organization=organization,
        source="employee_suggestion",
        suggested_by=MembershipFactory(organization=organization),
    ),
    GridCell: lambda organization: GridCellFactory(organization=organization),
    MessageTemplate: lambda organization: MessageTemplateFactory(organization=organization),
    NetworkConnection: lambda organization: NetworkConnectionFactory(organization=organization),
    Share: lambda organization: ShareFactory(organization=organization),
    Cohort: lambda organization: cohort_with_members(organization, MembershipFactory(organization=organization)),
    CoachingTask: lambda organization: CoachingTaskFactory(organization=organization),
}


def make_tenant_object(model: type[models.Model], organization: Organization) -> Any:
    if model not in TENANT_OBJECT_MAKERS:
        raise AssertionError(f"Add a maker for {model.__name__} to tests/tenant_objects.py")
    return TENANT_OBJECT_MAKERS[model](organization)


def snapshot(obj: models.Model) -> dict[str, Any]:
    fresh = type(obj)._base_manager.get(pk=obj.pk)
    return {f.attname: getattr(fresh, f.attname) for f in fresh._meta.concrete_fields if f.attname != "updated_at"}
