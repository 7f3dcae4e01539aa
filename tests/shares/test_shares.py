"""Shares and the invariants of SPEC section 4, each tried against something that should
break it: copied text, a colleague's near-identical words, reserved mentions, a stale hash,
an edit after confirming, content retired while queued, duplicated tasks, a worker lost
between claim and post, the daily cap, sharing twice."""

import hashlib
from datetime import timedelta
from typing import Any

import pytest
from django.test import TestCase
from django.utils import timezone

from advocacy.accounts.models import Organization
from advocacy.content.models import ContentItem, ContentVersion
from advocacy.core.tenancy import tenant_context
from advocacy.networks.models import NetworkConnection, SandboxPost
from advocacy.shares.models import Share
from advocacy.shares.services import share_publish, shares_dispatch
from tests.conftest import MakeMember
from tests.factories import (
    GridCellFactory,
    NetworkConnectionFactory,
    ReservedRelationshipFactory,
    approved_content,
)
from tests.shares.conftest import Sharer, _sharer

MY_WORDS = "I rebuilt our nightly batch as a stream last year; this report matches what we saw with regulators."


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def _draft(s: Sharer, text: str = MY_WORDS) -> Any:
    return s.client.post(
        "/api/v1/orgs/acme/shares/",
        {"content": str(s.content.id), "connection": str(s.connection.id), "text": text},
        format="json",
    )


def _confirm(s: Sharer, share: dict[str, Any], **extra: Any) -> Any:
    with TestCase.captureOnCommitCallbacks(execute=True):
        return s.client.post(
            f"/api/v1/orgs/acme/shares/{share['id']}/confirm",
            {"text_sha256": share["text_sha256"], **extra},
            format="json",
        )


def _failed(body: dict[str, Any]) -> set[str]:
    return {check["code"] for check in body["checks"] if not check["ok"]}


def test_draft_confirm_post_once(org: Organization, sharer: Sharer) -> None:
    draft = _draft(sharer)
    body = draft.json()
    confirmed = _confirm(sharer, body)
    final = sharer.client.get(f"/api/v1/orgs/acme/shares/{body['id']}/").json()

    assert draft.status_code == 201
    assert body["status"] == "draft"
    assert {c["code"] for c in body["checks"]} == {
        "not_approved",
        "retired",
        "expired",
        "network_not_allowed",
        "not_in_grid",
        "policy_not_acknowledged",
        "not_ambassador",
        "inactive_member",
        "not_original",
        "reserved_relationship",
        "avoid_audience",
        "disclaimer_missing",
        "too_long",
        "daily_cap",
        "already_shared",
    }
    assert _failed(body) == set()
    assert body["final_text"] == f"{MY_WORDS}\n\n{body['tracked_url']}\n\nViews are my own."
    assert body["text_sha256"] == _sha(body["final_text"])
    assert confirmed.status_code == 200, confirmed.content
    assert final["status"] == "posted"
    assert final["external_id"]
    assert list(SandboxPost.objects.unscoped().values_list("text", flat=True)) == [body["final_text"]]


def test_the_suggested_copy_is_not_your_own_words(sharer: Sharer) -> None:
    body = _draft(sharer, "our 2026 REPORT: banks are moving regulatory reporting to streaming!").json()

    refused = _confirm(sharer, body)

    assert "not_original" in _failed(body)
    assert refused.status_code == 422
    assert refused.json()["code"] == "not_original"
    assert "suggested copy" in refused.json()["detail"]
    assert Share.objects.unscoped().get().status == "draft"


@pytest.mark.parametrize(
    "variant",
    [
        MY_WORDS.upper(),
        MY_WORDS.replace("last year", "in 2025"),
        "this report matches what we saw with regulators; I rebuilt our nightly batch as a stream last year.",
    ],
    ids=["case", "one-word-changed", "reordered"],
)
def test_a_colleagues_near_identical_words_are_refused(
    org: Organization,
    make_member: MakeMember,
    client_for: Any,
    sales: Any,
    content: ContentItem,
    sharer: Sharer,
    variant: str,
) -> None:
    _confirm(sharer, _draft(sharer).json())
    colleague = _sharer(org, make_member, client_for, sales, content)

    body = _draft(colleague, variant).json()

    assert "not_original" in _failed(body)
    assert "colleague" in next(c["detail"] for c in body["checks"] if c["code"] == "not_original")


@pytest.mark.parametrize(
    "text",
    [
        "Great talk with @GlobexBank about this",
        "See linkedin.com/company/globex-bank for their view",
        "Globex Bank agrees",
    ],
)
def test_reserved_relationships_block_the_share(org: Organization, sharer: Sharer, text: str) -> None:
    ReservedRelationshipFactory(
        organization=org,
        name="Globex Bank",
        handles=[
            {"network": "sandbox", "handle": "GlobexBank"},
            {"network": "linkedin", "profile_url": "https://www.linkedin.com/company/globex-bank"},
        ],
    )

    body = _draft(sharer, f"{MY_WORDS} {text}").json()

    assert "reserved_relationship" in _failed(body)
    assert _confirm(sharer, body).status_code == 422


def test_a_blocking_reserved_relationship_names_whom_to_ask(
    org: Organization, sharer: Sharer, make_member: MakeMember
) -> None:
    # The owner's name is read only when a relationship blocks a text.
    owner = make_member(org, user__name="Dana Owner")
    ReservedRelationshipFactory(organization=org, name="Globex Bank", owner=owner, reason="Dana leads the renewal")

    body = _draft(sharer, f"{MY_WORDS} Globex Bank agrees").json()

    detail = next(c["detail"] for c in body["checks"] if c["code"] == "reserved_relationship")
    assert "(ask Dana Owner): Dana leads the renewal" in detail


def test_a_stale_hash_is_refused(sharer: Sharer) -> None:
    body = _draft(sharer).json()

    refused = _confirm(sharer, {**body, "text_sha256": _sha(body["final_text"] + " ")})

    assert (refused.status_code, refused.json()["code"]) == (409, "text_changed")


def test_editing_after_confirming_voids_the_confirmation(org: Organization, sharer: Sharer) -> None:
    body = _draft(sharer).json()
    # Given a confirmed share scheduled for later (so still queued)
    _confirm(sharer, body, send_at=(timezone.now() + timedelta(hours=2)).isoformat())

    edited = sharer.client.patch(
        f"/api/v1/orgs/acme/shares/{body['id']}/", {"text": MY_WORDS + " Edited."}, format="json"
    ).json()

    assert edited["status"] == "draft"
    assert Share.objects.unscoped().get().confirmed_sha256 == ""


def test_text_changed_behind_the_apis_back_is_never_posted(org: Organization, sharer: Sharer) -> None:
    body = _draft(sharer).json()
    _confirm(sharer, body, send_at=(timezone.now() + timedelta(hours=1)).isoformat())
    Share.objects.unscoped().filter(pk=body["id"]).update(
        final_text=body["final_text"] + " plus something nobody confirmed", send_at=None
    )

    with tenant_context(org):
        share = share_publish(share_id=body["id"])

    assert share is not None
    assert (share.status, share.error_code) == ("blocked", "text_changed")
    assert not SandboxPost.objects.unscoped().exists()


def test_content_retired_while_queued_is_never_posted(
    org: Organization, sharer: Sharer, make_member: MakeMember, client_for: Any
) -> None:
    body = _draft(sharer).json()
    _confirm(sharer, body, send_at=(timezone.now() + timedelta(hours=1)).isoformat())
    lead = make_member(org, "comms_lead")

    client_for(lead.user).post(f"/api/v1/orgs/acme/content/{sharer.content.id}/retire")
    with tenant_context(org):
        share_publish(share_id=body["id"])

    share = Share.objects.unscoped().get()
    assert share.status == "cancelled"
    assert not SandboxPost.objects.unscoped().exists()


def test_a_duplicated_task_posts_once(org: Organization, sharer: Sharer) -> None:
    body = _draft(sharer).json()
    _confirm(sharer, body, send_at=(timezone.now() + timedelta(hours=1)).isoformat())
    Share.objects.unscoped().filter(pk=body["id"]).update(send_at=None)

    with tenant_context(org):
        results = [share_publish(share_id=body["id"]) for _ in range(5)]

    assert [r is not None for r in results] == [True, False, False, False, False]
    assert SandboxPost.objects.unscoped().count() == 1


def test_a_worker_lost_between_claim_and_post_is_recovered_and_posts_once(org: Organization, sharer: Sharer) -> None:
    body = _draft(sharer).json()
    _confirm(sharer, body, send_at=(timezone.now() + timedelta(hours=1)).isoformat())
    # The worker claimed it, then died before the network call.
    Share.objects.unscoped().filter(pk=body["id"]).update(
        status="posting", send_at=None, claimed_at=timezone.now() - timedelta(minutes=30)
    )

    with tenant_context(org), TestCase.captureOnCommitCallbacks(execute=True):
        outcome = shares_dispatch()
        shares_dispatch()  # the next minute's run dispatches the requeued share

    assert outcome["requeued"] == 1
    assert Share.objects.unscoped().get().status == "posted"
    assert SandboxPost.objects.unscoped().count() == 1


def test_scheduled_shares_go_out_when_due(org: Organization, sharer: Sharer) -> None:
    body = _draft(sharer).json()
    _confirm(sharer, body, send_at=(timezone.now() + timedelta(minutes=30)).isoformat())

    with tenant_context(org):
        early = shares_dispatch()
        later = shares_dispatch(now=timezone.now() + timedelta(minutes=31))

    assert (early["dispatched"], later["dispatched"]) == (0, 1)


def test_the_daily_cap_and_sharing_twice(org: Organization, sharer: Sharer, sales: Any) -> None:
    Organization.objects.filter(pk=org.pk).update(daily_share_cap=1)
    _confirm(sharer, _draft(sharer).json())
    twice = _draft(sharer)
    other = approved_content(org)
    GridCellFactory(organization=org, role=sales, content=other)
    second = sharer.client.post(
        "/api/v1/orgs/acme/shares/",
        {"content": str(other.id), "connection": str(sharer.connection.id), "text": "Something else I think."},
        format="json",
    ).json()

    assert (twice.status_code, twice.json()["code"]) == (409, "already_shared")
    assert "daily_cap" in _failed(second)
    assert _confirm(sharer, second).json()["code"] == "daily_cap"


def test_roles_that_need_review_wait_for_a_reviewer(
    org: Organization, sharer: Sharer, sales: Any, make_member: MakeMember, client_for: Any
) -> None:
    type(sales).objects.unscoped().filter(pk=sales.pk).update(review_before_posting=True)
    body = _draft(sharer).json()
    confirmed = _confirm(sharer, body).json()
    reviewer = client_for(make_member(org, "reviewer").user)

    no_reason = reviewer.post(f"/api/v1/orgs/acme/shares/{body['id']}/review", {"decision": "reject"}, format="json")
    with TestCase.captureOnCommitCallbacks(execute=True):
        passed = reviewer.post(f"/api/v1/orgs/acme/shares/{body['id']}/review", {"decision": "pass"}, format="json")

    assert confirmed["status"] == "in_review"
    assert no_reason.status_code == 400
    assert passed.json()["status"] in ("queued", "posted")
    assert Share.objects.unscoped().get().status == "posted"


def test_members_outside_the_rules_cannot_share(org: Organization, sharer: Sharer) -> None:
    sharer.member.ambassador = False
    sharer.member.save()
    ContentVersion.objects.unscoped().update(networks=["linkedin"])

    body = _draft(sharer).json()

    assert {"not_ambassador", "network_not_allowed"} <= _failed(body)


def test_another_tenants_content_or_connection_is_unknown(
    org: Organization, outsider_org: Organization, sharer: Sharer
) -> None:
    theirs = approved_content(outsider_org)
    their_connection = NetworkConnectionFactory(organization=outsider_org)

    for body in (
        {"content": str(theirs.id), "connection": str(sharer.connection.id)},
        {"content": str(sharer.content.id), "connection": str(their_connection.id)},
    ):
        response = sharer.client.post("/api/v1/orgs/acme/shares/", {**body, "text": MY_WORDS}, format="json")
        assert response.status_code == 400
    assert not Share.objects.unscoped().exists()


def test_a_colleagues_connection_cannot_be_used(org: Organization, sharer: Sharer, make_member: MakeMember) -> None:
    theirs = NetworkConnectionFactory(organization=org, membership=make_member(org))

    response = sharer.client.post(
        "/api/v1/orgs/acme/shares/",
        {"content": str(sharer.content.id), "connection": str(theirs.id), "text": MY_WORDS},
        format="json",
    )

    assert (response.status_code, response.json()["code"]) == (422, "connection_invalid")


def test_the_feed_shows_where_i_already_shared(org: Organization, sharer: Sharer) -> None:
    _confirm(sharer, _draft(sharer).json())

    item = sharer.client.get("/api/v1/orgs/acme/feed/").json()["results"][0]

    assert item["shared_networks"] == ["sandbox"]


def test_deactivating_a_member_cancels_their_shares_and_revokes_their_tokens(
    org: Organization, sharer: Sharer, make_member: MakeMember, client_for: Any
) -> None:
    body = _draft(sharer).json()
    _confirm(sharer, body, send_at=(timezone.now() + timedelta(hours=1)).isoformat())
    admin = client_for(make_member(org, "admin").user)

    admin.delete(f"/api/v1/orgs/acme/members/{sharer.member.id}/")

    assert Share.objects.unscoped().get().status == "cancelled"
    connection = NetworkConnection.objects.unscoped().get(pk=sharer.connection.pk)
    assert (connection.status, connection.access_token) == ("revoked", "")


def test_the_composer_checks_without_saving(sharer: Sharer) -> None:
    response = sharer.client.post(
        "/api/v1/orgs/acme/shares/preview",
        {
            "content": str(sharer.content.id),
            "connection": str(sharer.connection.id),
            "text": "Our 2026 report: banks are moving regulatory reporting to streaming.",
        },
        format="json",
    ).json()

    assert "not_original" in _failed(response)
    assert response["length"] == len(response["final_text"])
    assert response["max_length"] == 3000
    assert not Share.objects.unscoped().exists()


def test_the_author_or_an_admin_may_cancel_a_share(
    org: Organization, sharer: Sharer, make_member: MakeMember, client_for: Any
) -> None:
    body = _draft(sharer).json()
    reviewer = client_for(make_member(org, "reviewer").user)
    admin = client_for(make_member(org, "admin").user)

    by_reviewer = reviewer.post(f"/api/v1/orgs/acme/shares/{body['id']}/cancel")
    by_admin = admin.post(f"/api/v1/orgs/acme/shares/{body['id']}/cancel")
    again = sharer.client.post(f"/api/v1/orgs/acme/shares/{body['id']}/cancel")

    assert (by_reviewer.status_code, by_reviewer.json()["code"]) == (403, "not_owner")
    assert by_admin.json()["status"] == "cancelled"
    assert (again.status_code, again.json()["code"]) == (409, "not_cancellable")
