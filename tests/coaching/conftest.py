"""A small strategy to coach against: Sales leads CIOs and supports DevOps engineers,
Executives lead the press, nobody covers the orphan audience; plus an outsider tenant with
its own role and audience, so every test can try to reach across."""

from dataclasses import dataclass
from typing import Any, cast

import pytest

from advocacy.accounts.models import Membership, Organization
from advocacy.audiences.models import Audience
from advocacy.roles.models import AdvocacyRole
from tests.conftest import MakeMember
from tests.factories import AdvocacyRoleFactory, AudienceFactory, RoleAudienceFactory


@dataclass
class Strategy:
    sales: AdvocacyRole
    executives: AdvocacyRole
    cios: Audience
    devops: Audience
    press: Audience
    orphans: Audience
    outsider_role: AdvocacyRole
    outsider_audience: Audience


def _role(organization: Organization, name: str, objectives: list[dict[str, Any]]) -> AdvocacyRole:
    return cast(AdvocacyRole, AdvocacyRoleFactory(organization=organization, name=name, objectives=objectives))


def _audience(organization: Organization, name: str) -> Audience:
    return cast(Audience, AudienceFactory(organization=organization, name=name))


@pytest.fixture
def strategy(org: Organization, outsider_org: Organization) -> Strategy:
    sales = _role(
        org,
        "Sales",
        [
            {"name": "Clicks from CIOs", "metric": "clicks", "target": 10, "period": "month"},
            {"name": "Shares", "metric": "shares", "target": 1, "period": "week"},
        ],
    )
    executives = _role(org, "Executives", [])
    cios = _audience(org, "CIOs")
    devops = _audience(org, "DevOps engineers")
    press = _audience(org, "Press")
    orphans = _audience(org, "Orphans")
    RoleAudienceFactory(organization=org, role=sales, audience=cios, level="lead")
    RoleAudienceFactory(organization=org, role=sales, audience=devops, level="support")
    RoleAudienceFactory(organization=org, role=sales, audience=press, level="avoid")
    RoleAudienceFactory(organization=org, role=executives, audience=press, level="lead")
    return Strategy(
        sales=sales,
        executives=executives,
        cios=cios,
        devops=devops,
        press=press,
        orphans=orphans,
        outsider_role=_role(outsider_org, "Sales", []),
        outsider_audience=_audience(outsider_org, "CIOs"),
    )


@pytest.fixture
def lead(org: Organization, make_member: MakeMember) -> Membership:
    return make_member(org, "comms_lead")


@pytest.fixture
def outsider_member(outsider_org: Organization, make_member: MakeMember) -> Membership:
    return make_member(outsider_org, "employee")


def ids(rows: list[dict[str, Any]], key: str = "id") -> set[str]:
    return {row[key] for row in rows}
