"""The voice profile: each member's own, replaced whole by PUT, validated."""

from typing import Any

import pytest

from advocacy.accounts.models import Membership, Organization, VoiceProfile

PROFILE = {
    "tone": "Plain, a bit dry, curious",
    "expertise_topics": ["regulatory reporting", "streaming"],
    "languages": ["en", "pt-BR"],
    "signature_hashtags": ["#dataops", "fintech"],
    "words_to_avoid": ["synergy", "game-changer"],
    "sample_posts": ["What I learned rebuilding our nightly batch as a stream: start with the reports people read."],
}


def test_a_member_reads_and_replaces_their_voice_profile(employee: Membership, client_for: Any) -> None:
    client = client_for(employee.user)

    empty = client.get("/api/v1/orgs/acme/me/voice").json()
    saved = client.put("/api/v1/orgs/acme/me/voice", PROFILE, format="json")
    replaced = client.put("/api/v1/orgs/acme/me/voice", {"tone": "Warmer"}, format="json").json()

    assert empty == {
        "tone": "",
        "expertise_topics": [],
        "languages": [],
        "signature_hashtags": [],
        "words_to_avoid": [],
        "sample_posts": [],
    }
    assert saved.json() == PROFILE
    assert replaced["tone"] == "Warmer"
    assert replaced["sample_posts"] == []
    assert VoiceProfile.objects.unscoped().count() == 1


def test_each_member_has_their_own(org: Organization, employee: Membership, make_member: Any, client_for: Any) -> None:
    client_for(employee.user).put("/api/v1/orgs/acme/me/voice", PROFILE, format="json")

    colleague = client_for(make_member(org).user).get("/api/v1/orgs/acme/me/voice").json()

    assert colleague["tone"] == ""


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("tone", "t" * 201),
        ("languages", ["english"]),
        ("signature_hashtags", ["#two words"]),
        ("sample_posts", ["p"] * 6),
        ("sample_posts", ["p" * 1001]),
        ("words_to_avoid", "synergy"),
        ("mood", "happy"),
    ],
)
def test_bad_voice_profiles_are_refused(employee: Membership, client_for: Any, field: str, value: Any) -> None:
    response = client_for(employee.user).put("/api/v1/orgs/acme/me/voice", {field: value}, format="json")

    assert response.status_code == 400
    assert field in response.json()["fields"]
