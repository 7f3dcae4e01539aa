"""The role x audience matrix at 50 roles x 200 audiences (target: under 50 ms of server
time), and the role and audience lists, measured through the full Django stack."""

import random

from django.test import Client

from advocacy.accounts.models import Membership, Organization, User
from advocacy.audiences.models import Audience, RoleAudience
from advocacy.roles.models import AdvocacyRole
from bench.figures import Figure, median, p95, timed_ms

ROLES, AUDIENCES, MAPPED_SHARE = 50, 200, 0.3


def _dataset() -> User:
    organization = Organization.objects.create(slug="bench", name="Bench")
    user = User.objects.create_user("bench@example.com", "bench password")
    Membership.objects.unscoped().create(organization=organization, user=user, org_role="comms_lead")
    roles = AdvocacyRole.objects.unscoped().bulk_create(
        AdvocacyRole(organization=organization, name=f"Role {n:02}") for n in range(ROLES)
    )
    audiences = Audience.objects.unscoped().bulk_create(
        Audience(organization=organization, name=f"Audience {n:03}", topics=["a", "b"]) for n in range(AUDIENCES)
    )
    rng = random.Random(42)
    RoleAudience.objects.unscoped().bulk_create(
        RoleAudience(
            organization=organization, role=role, audience=audience, level=rng.choice(["lead", "support", "avoid"])
        )
        for role in roles
        for audience in audiences
        if rng.random() < MAPPED_SHARE
    )
    return user


def run() -> list[Figure]:
    user = _dataset()
    client = Client()
    client.force_login(user)
    figures = []
    for label, path, target in [
        (f"matrix {ROLES}x{AUDIENCES} median", "/api/v1/orgs/bench/role-audiences/matrix", 50.0),
        ("roles list (page of 20) median", "/api/v1/orgs/bench/roles/", None),
        ("audiences list (page of 100) median", "/api/v1/orgs/bench/audiences/?page_size=100", None),
    ]:
        samples = timed_ms(lambda path=path: client.get(path), rounds=40)
        figures.append(Figure(label, median(samples), "ms", target))
        figures.append(Figure(label.replace("median", "p95"), p95(samples), "ms"))
    return figures
