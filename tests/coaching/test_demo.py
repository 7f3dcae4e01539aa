"""The demo organisation shows the rollout: two waves, weekly tasks, some readiness."""

from typing import Any

from django.core.management import call_command

from advocacy.accounts.models import User
from advocacy.coaching.models import CoachingTask, Cohort, SocialPresence


def test_the_demo_has_a_rollout_to_look_at_and_seeding_twice_changes_nothing(db: Any, client_for: Any) -> None:
    call_command("seed_demo", "--quiet")
    counts = (Cohort.objects.unscoped().count(), CoachingTask.objects.unscoped().count())
    presences = SocialPresence.objects.unscoped().count()

    call_command("seed_demo", "--quiet")

    assert counts == (2, 5)
    assert (Cohort.objects.unscoped().count(), CoachingTask.objects.unscoped().count()) == counts
    assert SocialPresence.objects.unscoped().count() == presences > 0
    comms = client_for(User.objects.get(email="comms@demo.example"))
    waves = {c["name"]: c for c in comms.get("/api/v1/orgs/demo/cohorts/").json()["results"]}
    assert waves["First wave: ambassadors"]["invited_at"] is not None
    assert waves["Second wave"]["invitees"][0]["status"] == "not_invited"
    reaching = comms.get("/api/v1/orgs/demo/readiness/?described=true").json()
    assert reaching["count"] == 4
    employee = client_for(User.objects.get(email="employee@demo.example"))
    week = employee.get("/api/v1/orgs/demo/me/coaching").json()
    assert {task["kind"] for task in week["tasks"]} >= {"profile_summary", "reply_to_audience"}
    networks = {row["network"]: row for row in employee.get("/api/v1/orgs/demo/me/readiness").json()["networks"]}
    assert networks["linkedin"]["described"] is True
