"""Confirming the same share five times at once: one confirmation, one post."""

import threading
from typing import Any

import pytest
from django import db

from advocacy.accounts.models import Organization
from advocacy.networks.models import SandboxPost
from advocacy.shares.models import Share, ShareStatus
from tests.shares.conftest import Sharer
from tests.shares.test_shares import _draft


@pytest.mark.django_db(transaction=True)
def test_five_confirms_at_once_confirm_and_post_once(org: Organization, sharer: Sharer, client_for: Any) -> None:
    body = _draft(sharer).json()
    clients = [client_for(sharer.member.user) for _ in range(5)]
    barrier = threading.Barrier(len(clients))
    statuses: list[int] = []
    codes: list[str] = []

    def confirm(client: Any) -> None:
        try:
            barrier.wait()
            response = client.post(
                f"/api/v1/orgs/acme/shares/{body['id']}/confirm", {"text_sha256": body["text_sha256"]}, format="json"
            )
            statuses.append(response.status_code)
            if response.status_code != 200:
                codes.append(response.json()["code"])
        finally:
            db.connection.close()

    threads = [threading.Thread(target=confirm, args=(client,)) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(statuses) == [200, 409, 409, 409, 409]
    assert codes == ["not_draft"] * 4
    assert Share.objects.unscoped().get(pk=body["id"]).status == ShareStatus.POSTED
    assert SandboxPost.objects.unscoped().count() == 1
