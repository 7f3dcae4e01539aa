"""Demo organisations and people (API.md "Demo data"). Safe to run again and again."""

from typing import Any

from allauth.account.models import EmailAddress
from django.core.management.base import BaseCommand
from django.db import transaction

from advocacy.accounts.models import Organization, OrgRole, User
from advocacy.accounts.services import membership_add, organization_create, organization_update

DEMO_PASSWORD = "advocacy-demo"  # noqa: S105 - published demo credential, see API.md

# (email, name, org role, ambassador, advocacy roles once the strategy issue lands)
DEMO_PEOPLE: list[tuple[str, str, str, bool, list[str]]] = [
    ("admin@demo.example", "Alex Morgan", OrgRole.ADMIN, False, []),
    ("comms@demo.example", "Casey Rivera", OrgRole.COMMS_LEAD, False, []),
    ("reviewer@demo.example", "Robin Patel", OrgRole.REVIEWER, False, []),
    ("employee@demo.example", "Jordan Lee", OrgRole.EMPLOYEE, True, ["Sales"]),
    ("priya.shah@demo.example", "Priya Shah", OrgRole.EMPLOYEE, True, ["Solutions Engineering"]),
    ("sam.okafor@demo.example", "Sam Okafor", OrgRole.EMPLOYEE, True, ["Executives"]),
    ("mei.chen@demo.example", "Mei Chen", OrgRole.EMPLOYEE, False, ["Developer Relations"]),
    ("lucas.martin@demo.example", "Lucas Martin", OrgRole.EMPLOYEE, False, ["Sales"]),
    ("nora.fischer@demo.example", "Nora Fischer", OrgRole.EMPLOYEE, False, ["Solutions Engineering"]),
]
OTHER_PEOPLE: list[tuple[str, str, str, bool, list[str]]] = [
    ("admin@other.example", "Oliver Grant", OrgRole.ADMIN, False, []),
    ("employee@other.example", "Ines Duarte", OrgRole.EMPLOYEE, True, []),
]


def _person(email: str, name: str) -> User:
    user = User.objects.filter(email=email).first() or User(email=email)
    user.name = name
    user.is_active = True
    user.set_password(DEMO_PASSWORD)
    user.save()
    EmailAddress.objects.update_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
    return user


def _organization(slug: str, name: str, people: list[tuple[str, str, str, bool, list[str]]]) -> Organization:
    users = {email: _person(email, person_name) for email, person_name, *_ in people}
    admin = users[people[0][0]]
    organization = Organization.objects.filter(slug=slug).first()
    if organization is None:
        organization = organization_create(user=admin, name=name, slug=slug)
    for email, _name, org_role, ambassador, _roles in people:
        membership_add(
            organization=organization, actor=admin, user=users[email], org_role=org_role, ambassador=ambassador
        )
    return organization


class Command(BaseCommand):
    help = "Create or refresh the demo organisations `demo` and `other` and their people."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--quiet", action="store_true", help="Do not print the logins.")

    @transaction.atomic
    def handle(self, *args: Any, quiet: bool = False, **options: Any) -> None:
        demo = _organization("demo", "Northwind Analytics", DEMO_PEOPLE)
        if not demo.default_disclaimer:
            admin = User.objects.get(email="admin@demo.example")
            organization_update(
                organization=demo,
                actor=admin,
                settings_changes={
                    "default_disclaimer": "Views are my own. I work at Northwind Analytics.",
                    "rollout_stage": "ambassadors_only",
                },
            )
        _organization("other", "Other Industries", OTHER_PEOPLE)
        if quiet:
            return
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS("Demo logins (password for all: advocacy-demo)"))
        for email, name, org_role, ambassador, _advocacy_roles in [*DEMO_PEOPLE, *OTHER_PEOPLE]:
            extra = ", ambassador" if ambassador else ""
            self.stdout.write(f"  {email:<28} {name:<14} {org_role}{extra}")
        self.stdout.write("")
