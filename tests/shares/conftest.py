"""Fixtures for shares: a Sales member ready to share approved content in their grid."""

from dataclasses import dataclass
from typing import Any

import pytest

from advocacy.accounts.models import Membership, Organization
from advocacy.content.models import ContentItem
from advocacy.networks.models import NetworkConnection
from tests.conftest import MakeMember
from tests.factories import (
    AdvocacyRoleFactory,
    GridCellFactory,
    NetworkConnectionFactory,
    approved_content,
    assign_roles,
)


@dataclass
class Sharer:
    member: Membership
    content: ContentItem
    connection: NetworkConnection
    client: Any


@pytest.fixture
def sales(org: Organization) -> Any:
    Organization.objects.filter(pk=org.pk).update(default_disclaimer="Views are my own.")
    return AdvocacyRoleFactory(organization=org, name="Sales")


@pytest.fixture
def content(org: Organization, sales: Any) -> ContentItem:
    item = approved_content(org, suggested_copy="Our 2026 report: banks are moving regulatory reporting to streaming.")
    GridCellFactory(organization=org, role=sales, content=item)
    return item


def _sharer(org: Organization, make_member: MakeMember, client_for: Any, sales: Any, content: ContentItem) -> Sharer:
    member = make_member(org, ambassador=True)
    assign_roles(member, sales)
    connection = NetworkConnectionFactory(organization=org, membership=member)
    return Sharer(member, content, connection, client_for(member.user))


@pytest.fixture
def sharer(org: Organization, make_member: MakeMember, client_for: Any, sales: Any, content: ContentItem) -> Sharer:
    return _sharer(org, make_member, client_for, sales, content)
