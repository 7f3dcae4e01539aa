"""The demo data of API.md: organisations, people, the shared password; idempotent."""

from typing import Any

from django.core.management import call_command
from django.test import Client

from advocacy.accounts.models import Membership, Organization, User
from advocacy.core.audit import audit_verify

LOGINS = {
    "admin@demo.example": ("demo", "admin", False),
    "comms@demo.example": ("demo", "comms_lead", False),
    "reviewer@demo.example": ("demo", "reviewer", False),
    "employee@demo.example": ("demo", "employee", True),
    "admin@other.example": ("other", "admin", False),
}


def test_seed_demo_creates_the_documented_logins_and_is_idempotent(db: Any, capsys: Any) -> None:
    call_command("seed_demo")
    call_command("seed_demo", "--quiet")

    printed = capsys.readouterr().out
    assert Organization.objects.filter(slug__in=["demo", "other"]).count() == 2
    assert User.objects.count() == len(set(User.objects.values_list("email", flat=True)))
    for email, (slug, role, ambassador) in LOGINS.items():
        assert email in printed
        membership = Membership.objects.unscoped().get(user__email=email, organization__slug=slug)
        assert (membership.org_role, membership.ambassador) == (role, ambassador)
        login = Client().post(
            "/_allauth/app/v1/auth/login",
            {"email": email, "password": "advocacy-demo"},
            content_type="application/json",
        )
        assert login.status_code == 200, email
    assert Membership.objects.unscoped().filter(organization__slug="demo", org_role="employee").count() >= 5
    for organization in Organization.objects.all():
        assert audit_verify(organization_id=organization.pk).ok
