"""Demo people and organisations (API.md "Demo data"), and the demo social media policy."""

from allauth.account.models import EmailAddress

from advocacy.accounts.models import Membership, Organization, OrgRole, User
from advocacy.accounts.selectors import membership_has_acknowledged_current_policy, policy_current
from advocacy.accounts.services import (
    membership_add,
    organization_create,
    organization_update,
    policy_acknowledge,
    policy_publish,
)
from advocacy.core.tenancy import tenant_context

DEMO_PASSWORD = "advocacy-demo"  # noqa: S105 - published demo credential, see API.md

# (email, name, org role, ambassador)
DEMO_PEOPLE: list[tuple[str, str, str, bool]] = [
    ("admin@demo.example", "Alex Morgan", OrgRole.ADMIN, False),
    ("comms@demo.example", "Casey Rivera", OrgRole.COMMS_LEAD, False),
    ("reviewer@demo.example", "Robin Patel", OrgRole.REVIEWER, False),
    ("employee@demo.example", "Jordan Lee", OrgRole.EMPLOYEE, True),
    ("priya.shah@demo.example", "Priya Shah", OrgRole.EMPLOYEE, True),
    ("sam.okafor@demo.example", "Sam Okafor", OrgRole.EMPLOYEE, True),
    ("mei.chen@demo.example", "Mei Chen", OrgRole.EMPLOYEE, False),
    ("lucas.martin@demo.example", "Lucas Martin", OrgRole.EMPLOYEE, False),
    ("nora.fischer@demo.example", "Nora Fischer", OrgRole.EMPLOYEE, False),
]
OTHER_PEOPLE: list[tuple[str, str, str, bool]] = [
    ("admin@other.example", "Oliver Grant", OrgRole.ADMIN, False),
    ("employee@other.example", "Ines Duarte", OrgRole.EMPLOYEE, True),
]
# Everyone has read the policy except Mei, so the demo shows both states.
POLICY_NOT_ACKNOWLEDGED_BY = {"mei.chen@demo.example"}

POLICY_TITLE = "Northwind social media policy"
POLICY_BODY = """# Speaking about Northwind on social media

1. **Be yourself.** Share in your own words; never paste someone else's post.
2. **Say who you work for.** Every share about Northwind carries the disclaimer.
3. **Respect reserved relationships.** Clients with a dedicated account manager, prospects
   in negotiation and analysts are engaged only by the people named for them.
4. **No confidential information.** Nothing about deals, pricing or clients that is not public.
5. **When in doubt, ask** the comms team before posting.
"""


def _person(email: str, name: str) -> User:
    user = User.objects.filter(email=email).first() or User(email=email)
    user.name = name
    user.is_active = True
    user.set_password(DEMO_PASSWORD)
    user.save()
    EmailAddress.objects.update_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
    return user


def _organization(slug: str, name: str, people: list[tuple[str, str, str, bool]]) -> Organization:
    users = {email: _person(email, person_name) for email, person_name, *_ in people}
    admin = users[people[0][0]]
    organization = Organization.objects.filter(slug=slug).first()
    if organization is None:
        organization = organization_create(user=admin, name=name, slug=slug)
    for email, _name, org_role, ambassador in people:
        membership_add(
            organization=organization, actor=admin, user=users[email], org_role=org_role, ambassador=ambassador
        )
    return organization


def seed() -> None:
    demo = _organization("demo", "Northwind Analytics", DEMO_PEOPLE)
    admin = User.objects.get(email="admin@demo.example")
    with tenant_context(demo):
        if not demo.default_disclaimer:
            organization_update(
                organization=demo,
                actor=admin,
                actor_role=OrgRole.ADMIN,
                settings_changes={"default_disclaimer": "Views are my own. I work at Northwind Analytics."},
            )
        if policy_current() is None:
            policy_publish(organization=demo, actor=admin, title=POLICY_TITLE, body=POLICY_BODY)
        for membership in Membership.objects.select_related("user", "organization"):
            if membership.user.email in POLICY_NOT_ACKNOWLEDGED_BY:
                continue
            if not membership_has_acknowledged_current_policy(membership=membership):
                current = policy_current()
                assert current is not None
                policy_acknowledge(policy=current, membership=membership)
    _organization("other", "Other Industries", OTHER_PEOPLE)


def summary() -> list[str]:
    lines = ["", "Demo logins (password for all: advocacy-demo)"]
    for slug, people in (("demo", DEMO_PEOPLE), ("other", OTHER_PEOPLE)):
        for email, name, org_role, ambassador in people:
            extra = ", ambassador" if ambassador else ""
            lines.append(f"  {email:<28} {name:<14} {slug:<6} {org_role}{extra}")
    return [*lines, ""]
