"""Reserved relationships: who may engage them, and finding their mentions in a post."""

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from advocacy.accounts.models import Membership, Organization
from advocacy.audiences.mentions import find_mentions
from advocacy.audiences.selectors import reserved_relationships_blocking
from advocacy.core.models import AuditEvent
from advocacy.core.tenancy import tenant_context
from tests.conftest import MakeMember
from tests.factories import AdvocacyRoleFactory, ReservedRelationshipFactory, assign_roles

GLOBEX_HANDLES = [
    {"network": "x", "handle": "@GlobexBank"},
    {"network": "linkedin", "profile_url": "https://www.linkedin.com/company/globex-bank/"},
    {"network": "mastodon", "handle": "globex@bank.social"},
]


@pytest.fixture
def lead(org: Organization, make_member: MakeMember) -> Membership:
    return make_member(org, "comms_lead")


def test_comms_lead_reserves_a_relationship(
    org: Organization, lead: Membership, employee: Membership, client_for: Any
) -> None:
    role = AdvocacyRoleFactory(organization=org)
    response = client_for(lead.user).post(
        "/api/v1/orgs/acme/reserved-relationships/",
        {
            "name": "Globex Bank",
            "reason": "Exclusive client",
            "handles": GLOBEX_HANDLES,
            "owner": str(employee.id),
            "allowed_members": [str(lead.id), str(lead.id)],
            "allowed_roles": [str(role.id)],
            "expires_at": "2030-01-01T00:00:00Z",
        },
        format="json",
    )

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["owner"] == str(employee.id)
    assert body["allowed_members"] == [str(lead.id)]
    assert body["allowed_roles"] == [str(role.id)]
    assert body["active"] is True
    assert AuditEvent.objects.unscoped().filter(verb="reserved_relationship.created").exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"handles": [{"network": "x"}]}, "handles"),
        ({"handles": [{"network": "x", "handle": "two words"}]}, "handles"),
        ({"handles": [{"network": "orkut", "handle": "a"}]}, "handles"),
        ({"handles": [{"network": "x", "profile_url": "javascript:alert(1)"}]}, "handles"),
        ({"handles": [{"network": "x", "profile_url": "ftp://example.com/a"}]}, "handles"),
        ({"owner": "00000000-0000-0000-0000-000000000000"}, "owner"),
        ({"allowed_members": ["not-an-id"]}, "allowed_members"),
        ({"reason": ""}, "reason"),
        ({"expires_at": "tomorrow"}, "expires_at"),
    ],
)
def test_bad_reserved_relationships_are_refused(
    lead: Membership, client_for: Any, change: dict[str, Any], field: str
) -> None:
    body = {"name": "Globex Bank", "reason": "Exclusive client", **change}

    response = client_for(lead.user).post("/api/v1/orgs/acme/reserved-relationships/", body, format="json")

    assert response.status_code == 400
    assert field in response.json()["fields"]


def test_another_tenants_member_cannot_be_owner_or_allowed(
    lead: Membership, outsider_admin: Membership, client_for: Any
) -> None:
    client = client_for(lead.user)
    base = {"name": "Globex", "reason": "r"}

    as_owner = client.post(
        "/api/v1/orgs/acme/reserved-relationships/", {**base, "owner": str(outsider_admin.id)}, format="json"
    )
    as_allowed = client.post(
        "/api/v1/orgs/acme/reserved-relationships/",
        {**base, "allowed_members": [str(outsider_admin.id)]},
        format="json",
    )

    assert as_owner.status_code == 400
    assert as_allowed.status_code == 400


class TestWhoIsBlocked:
    @pytest.fixture
    def globex(self, org: Organization, make_member: MakeMember) -> Any:
        owner = make_member(org)
        allowed = make_member(org)
        role = AdvocacyRoleFactory(organization=org, name="Executives")
        relationship = ReservedRelationshipFactory(
            organization=org, name="Globex Bank", handles=GLOBEX_HANDLES, owner=owner
        )
        relationship.member_links.model.objects.unscoped().create(
            organization=org, relationship=relationship, membership=allowed
        )
        relationship.role_links.model.objects.unscoped().create(organization=org, relationship=relationship, role=role)
        return relationship, owner, allowed, role

    def _blocked(self, org: Organization, member: Membership, text: str, network: str = "x") -> list[Any]:
        with tenant_context(org):
            return reserved_relationships_blocking(member=member, network=network, text=text)

    def test_a_colleague_mentioning_them_is_blocked_with_a_reason(
        self, org: Organization, employee: Membership, globex: Any
    ) -> None:
        blocked = self._blocked(org, employee, "Great lunch with @globexbank today!")

        assert [b.name for b in blocked] == ["Globex Bank"]
        assert "@globexbank" in blocked[0].detail
        assert "Exclusive client" in blocked[0].detail

    def test_owner_allowed_members_and_allowed_roles_may_engage(
        self, org: Organization, make_member: MakeMember, globex: Any
    ) -> None:
        _, owner, allowed, role = globex
        executive = make_member(org)
        assign_roles(executive, role)

        for member in (owner, allowed, executive):
            assert self._blocked(org, member, "Thanks @GlobexBank") == []

    def test_an_expired_reservation_no_longer_blocks(
        self, org: Organization, employee: Membership, globex: Any
    ) -> None:
        relationship = globex[0]
        type(relationship).objects.unscoped().filter(pk=relationship.pk).update(
            expires_at=timezone.now() - timedelta(seconds=1)
        )

        assert self._blocked(org, employee, "Thanks @GlobexBank") == []

    @pytest.mark.parametrize(
        ("text", "network", "kinds"),
        [
            ("Met the Globex Bank team", "linkedin", ["name"]),
            ("see https://linkedin.com/company/globex-bank", "x", ["profile_url"]),
            ("see www.LinkedIn.com/company/Globex-Bank/ now", "bluesky", ["profile_url"]),
            ("hello @globex@bank.social", "mastodon", ["handle"]),
            ("hello @GlobexBank", "linkedin", []),  # an X handle is not a mention on LinkedIn
            ("globexbank and globex-bankers", "x", []),
            ("mail me at team@globexbank.com", "x", []),
            ("https://linkedin.com/company/globex-bank-2", "linkedin", []),
        ],
    )
    def test_what_counts_as_a_mention(
        self, org: Organization, employee: Membership, globex: Any, text: str, network: str, kinds: list[str]
    ) -> None:
        blocked = self._blocked(org, employee, text, network)

        assert [m.kind for b in blocked for m in b.mentions] == kinds

    def test_the_check_endpoint_tells_the_composer(
        self, org: Organization, employee: Membership, globex: Any, client_for: Any
    ) -> None:
        client = client_for(employee.user)

        blocked = client.post(
            "/api/v1/orgs/acme/reserved-relationships/check", {"network": "x", "text": "Hi @GlobexBank"}, format="json"
        ).json()
        fine = client.post(
            "/api/v1/orgs/acme/reserved-relationships/check", {"network": "x", "text": "Hi world"}, format="json"
        ).json()

        assert blocked["ok"] is False
        assert blocked["blocking"][0]["name"] == "Globex Bank"
        assert blocked["blocking"][0]["matched"] == ["@GlobexBank"]
        assert fine == {"ok": True, "blocking": []}


# --- Property-based: the matcher on arbitrary text -------------------------------------------

words = st.text(alphabet=st.characters(codec="utf-8", categories=["L", "N", "P", "Zs"]), max_size=40)
handles = st.from_regex(r"[A-Za-z][A-Za-z0-9_]{2,14}", fullmatch=True)


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(before=words, after=words, handle=handles, casing=st.sampled_from([str.lower, str.upper, str.title]))
def test_an_at_handle_is_found_whatever_surrounds_it_and_however_it_is_cased(
    before: str, after: str, handle: str, casing: Any
) -> None:
    text = f"{before} @{casing(handle)} {after}"

    found = find_mentions(text=text, name="", handles=[{"network": "x", "handle": handle}], network="x")

    assert [m.kind for m in found] == ["handle"]


@settings(max_examples=200)
@given(text=st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789 .,!?\n", max_size=200))
def test_text_without_the_at_sign_never_matches_a_handle(text: str) -> None:
    assert find_mentions(text=text, name="", handles=[{"network": "x", "handle": "acme"}], network="x") == []


@settings(max_examples=200)
@given(
    before=words,
    after=words,
    name=st.lists(st.from_regex(r"[A-Za-z]{2,10}", fullmatch=True), min_size=1, max_size=3).map(" ".join),
    invisible=st.sampled_from(["", "\u200b", "\u00ad", "\u2060"]),
)
def test_a_name_is_found_as_whole_words_even_with_invisible_characters(
    before: str, after: str, name: str, invisible: str
) -> None:
    disguised = name[:1] + invisible + name[1:]
    text = f"{before} {disguised.upper()} {after}"

    found = find_mentions(text=text, name=name, handles=[], network="x")

    assert [m.kind for m in found] == ["name"]


@settings(max_examples=200)
@given(prefix=st.from_regex(r"[A-Za-z0-9]{1,5}", fullmatch=True), name=st.from_regex(r"[A-Za-z]{3,10}", fullmatch=True))
def test_a_name_inside_a_longer_word_is_not_a_mention(prefix: str, name: str) -> None:
    assert find_mentions(text=f"{prefix}{name}{prefix}", name=name, handles=[], network="x") == []


@settings(max_examples=100)
@given(text=st.text(max_size=500))
def test_the_matcher_never_crashes_on_any_text(text: str) -> None:
    find_mentions(
        text=text, name=text[:20] or "x", handles=[*GLOBEX_HANDLES, {"network": "x", "handle": text[:10]}], network="x"
    )
