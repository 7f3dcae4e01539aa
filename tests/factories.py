"""Factories rooted at OrganizationFactory. Tenant rows are created through ``.unscoped()``
because factories run outside any tenant context, like a migration would."""

from datetime import timedelta
from typing import Any, cast

import factory
from allauth.account.models import EmailAddress
from django.utils import timezone

from advocacy.accounts.models import Invitation, Membership, Organization, OrgRole, Policy, User
from advocacy.accounts.selectors import token_hash
from advocacy.audiences.models import Audience, ReservedRelationship, RoleAudience
from advocacy.coaching.models import CoachingTask, Cohort, CohortMember, SocialPresence
from advocacy.content.models import ContentItem, ContentVersion, GridCell, MessageTemplate
from advocacy.networks.models import NetworkConnection
from advocacy.networks.tokens import encrypt_token
from advocacy.roles.models import AdvocacyRole, RoleAssignment
from advocacy.shares.models import Share, sha256_hex

PASSWORD = "correct horse battery staple"


class TenantFactory(factory.django.DjangoModelFactory):
    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class: Any, *args: Any, **kwargs: Any) -> Any:
        return model_class.objects.unscoped().create(*args, **kwargs)


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"Organisation {n}")
    slug = factory.Sequence(lambda n: f"org-{n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.com")
    name = factory.Faker("name")

    @factory.post_generation
    def password(self, create: bool, extracted: str | None, **kwargs: Any) -> None:
        self.set_password(extracted or PASSWORD)
        if create:
            self.save(update_fields=["password"])
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)


class MembershipFactory(TenantFactory):
    class Meta:
        model = Membership

    organization = factory.SubFactory(OrganizationFactory)
    user = factory.SubFactory(UserFactory)
    org_role = OrgRole.EMPLOYEE


class InvitationFactory(TenantFactory):
    class Meta:
        model = Invitation

    organization = factory.SubFactory(OrganizationFactory)
    email = factory.Sequence(lambda n: f"invitee{n}@example.com")
    org_role = OrgRole.EMPLOYEE
    token_hash = factory.Sequence(lambda n: token_hash(f"token-{n}"))
    expires_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))


class PolicyFactory(TenantFactory):
    class Meta:
        model = Policy

    organization = factory.SubFactory(OrganizationFactory)
    version = factory.Sequence(lambda n: n + 1)
    title = "Social media policy"
    body = "Be yourself. Say who you work for."


class AdvocacyRoleFactory(TenantFactory):
    class Meta:
        model = AdvocacyRole

    organization = factory.SubFactory(OrganizationFactory)
    name = factory.Sequence(lambda n: f"Role {n}")
    objectives = factory.LazyFunction(lambda: [{"name": "Clicks", "metric": "clicks", "target": 10, "period": "month"}])


class AudienceFactory(TenantFactory):
    class Meta:
        model = Audience

    organization = factory.SubFactory(OrganizationFactory)
    name = factory.Sequence(lambda n: f"Audience {n}")
    topics = factory.LazyFunction(lambda: ["cloud"])


class RoleAudienceFactory(TenantFactory):
    class Meta:
        model = RoleAudience

    organization = factory.SubFactory(OrganizationFactory)
    role = factory.LazyAttribute(lambda o: AdvocacyRoleFactory(organization=o.organization))
    audience = factory.LazyAttribute(lambda o: AudienceFactory(organization=o.organization))
    level = "lead"


class ReservedRelationshipFactory(TenantFactory):
    class Meta:
        model = ReservedRelationship

    organization = factory.SubFactory(OrganizationFactory)
    name = factory.Sequence(lambda n: f"Reserved Client {n}")
    reason = "Exclusive client"
    handles = factory.LazyFunction(lambda: [{"network": "x", "handle": "client"}])


def assign_roles(membership: Membership, *roles: AdvocacyRole) -> None:
    for role in roles:
        RoleAssignment.objects.unscoped().create(
            organization_id=membership.organization_id, role=role, membership=membership
        )


class ContentItemFactory(TenantFactory):
    class Meta:
        model = ContentItem

    organization = factory.SubFactory(OrganizationFactory)
    title = factory.Sequence(lambda n: f"Content {n}")
    url = factory.Sequence(lambda n: f"https://news.example.com/{n}")
    summary = "Summary"
    suggested_copy = "Suggested copy"


def approved_content(organization: Organization, **fields: Any) -> ContentItem:
    """An item with an approved version 1, as the workflow would leave it."""
    content = ContentItemFactory(organization=organization, status="approved", version=1, **fields)
    version = ContentVersion.objects.unscoped().create(
        organization=organization,
        content=content,
        number=1,
        approved_at=timezone.now(),
        **content.working_copy(),
    )
    ContentItem.objects.unscoped().filter(pk=content.pk).update(approved_version=version)
    content.refresh_from_db()
    return content


class GridCellFactory(TenantFactory):
    class Meta:
        model = GridCell

    organization = factory.SubFactory(OrganizationFactory)
    role = factory.LazyAttribute(lambda o: AdvocacyRoleFactory(organization=o.organization))
    audience = None
    content = factory.LazyAttribute(lambda o: approved_content(o.organization))
    position = 0
    # The copy of the content's live state that the content services keep on cells.
    live = factory.LazyAttribute(lambda o: o.content.approved_version_id is not None and o.content.status != "retired")
    approved_at = factory.LazyAttribute(
        lambda o: o.content.approved_version.approved_at if o.content.approved_version_id else None
    )
    live_until = factory.LazyAttribute(
        lambda o: o.content.approved_version.expires_at if o.content.approved_version_id else None
    )


class MessageTemplateFactory(TenantFactory):
    class Meta:
        model = MessageTemplate

    organization = factory.SubFactory(OrganizationFactory)
    name = factory.Sequence(lambda n: f"Template {n}")
    body = "I learned something this week: ..."


class NetworkConnectionFactory(TenantFactory):
    class Meta:
        model = NetworkConnection

    organization = factory.SubFactory(OrganizationFactory)
    membership = factory.LazyAttribute(lambda o: MembershipFactory(organization=o.organization))
    network = "sandbox"
    account_id = factory.Sequence(lambda n: f"sandbox-{n}")
    account_name = "Sandbox account"
    access_token = factory.LazyFunction(lambda: encrypt_token("sandbox-token"))


class ShareFactory(TenantFactory):
    class Meta:
        model = Share

    organization = factory.SubFactory(OrganizationFactory)
    membership = factory.LazyAttribute(lambda o: MembershipFactory(organization=o.organization))
    content = factory.LazyAttribute(lambda o: approved_content(o.organization))
    content_version = factory.LazyAttribute(lambda o: o.content.approved_version)
    connection = factory.LazyAttribute(
        lambda o: NetworkConnectionFactory(organization=o.organization, membership=o.membership)
    )
    network = "sandbox"
    text = "What I took from this report, in my own words."
    final_text = factory.LazyAttribute(lambda o: o.text)
    tracked_code = factory.Sequence(lambda n: f"code{n}")


def posted_share(organization: Organization, *, posted_at: Any = None, **fields: Any) -> Share:
    """A share as the worker leaves it once posted (confirmed text, external post)."""
    share = cast(Share, ShareFactory(organization=organization, status="posted", **fields))
    posted_at = posted_at or timezone.now()
    Share.objects.unscoped().filter(pk=share.pk).update(
        confirmed_sha256=sha256_hex(share.final_text),
        confirmed_at=posted_at - timedelta(minutes=5),
        posted_at=posted_at,
        external_id=f"post-{share.pk}",
        external_url=f"https://sandbox.example/posts/{share.pk}",
    )
    share.refresh_from_db()
    return share


class CohortFactory(TenantFactory):
    class Meta:
        model = Cohort

    organization = factory.SubFactory(OrganizationFactory)
    name = factory.Sequence(lambda n: f"Wave {n}")


def cohort_with_members(organization: Organization, *members: Any, **fields: Any) -> Cohort:
    cohort: Cohort = CohortFactory.create(organization=organization, **fields)
    for member in members:
        CohortMember.objects.unscoped().create(organization=organization, cohort=cohort, membership=member)
    return cohort


class CoachingTaskFactory(TenantFactory):
    class Meta:
        model = CoachingTask

    organization = factory.SubFactory(OrganizationFactory)
    title = factory.Sequence(lambda n: f"Task {n}")
    kind = "custom"
    recurring = True


class SocialPresenceFactory(TenantFactory):
    class Meta:
        model = SocialPresence

    organization = factory.SubFactory(OrganizationFactory)
    membership = factory.LazyAttribute(lambda o: MembershipFactory(organization=o.organization))
    network = "linkedin"
    profile_url = "https://www.linkedin.com/in/someone"
    audience_size = "500_to_2000"
    posting_frequency = "weekly"
