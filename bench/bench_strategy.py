"""The role x audience matrix at 50 roles x 200 audiences (target: under 50 ms), and the role
and audience lists, over HTTP against gunicorn with production settings, side by side with
/healthz (bench/harness.py). Needs PostgreSQL and Redis."""

import random

from advocacy.accounts.models import Membership, Organization, User
from advocacy.audiences.models import Audience, RoleAudience
from advocacy.roles.models import AdvocacyRole
from bench.datasets import LOGIN_PASSWORD, UNUSABLE_PASSWORD, enable_logins
from bench.figures import Figure
from bench.harness import ProductionServer, alternate, http_ready

ROLES, AUDIENCES, MAPPED_SHARE = 50, 200, 0.3


def _dataset() -> User:
    organization = Organization.objects.create(slug="bench", name="Bench")
    user = User.objects.create(email="bench@example.com", password=UNUSABLE_PASSWORD)
    enable_logins([user])
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
    missing = http_ready()
    if missing:
        print(f"bench_strategy: skipped ({missing})")
        return []
    user = _dataset()
    figures: list[Figure] = []
    server = ProductionServer(env={"API_USER_RATE": "1000000/min"})
    with server.running():
        token = {"X-Session-Token": server.login(user.email, LOGIN_PASSWORD)}
        for label, path, target in [
            (f"matrix {ROLES}x{AUDIENCES}", "/api/v1/orgs/bench/role-audiences/matrix", 50.0),
            ("roles list (page of 20)", "/api/v1/orgs/bench/roles/", None),
            ("audiences list (page of 100)", "/api/v1/orgs/bench/audiences/?page_size=100", None),
        ]:
            timing = alternate(server.base_url, path, headers=token, per_round=8)
            figures += timing.latency_figures(label, median_target=target)
    server.cleanup()
    return figures
