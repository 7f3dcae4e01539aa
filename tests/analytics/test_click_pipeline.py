"""The batch writer: buffered clicks become Click rows and rollup increments in one
transaction; a failed write, a worker that dies between claim and commit, or one that dies
between commit and ack loses nothing and counts nothing twice. Every test runs against both
buffers: Redis (for real) and the spool folder of the embedded default."""

import dataclasses
import io
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.conf import settings

from advocacy.accounts.models import Organization
from advocacy.analytics import services
from advocacy.analytics.buffer import ClickBuffer
from advocacy.analytics.clicks import BufferedClick
from advocacy.analytics.models import Click, DailyVisitor, ShareDailyStats, ShareHourlyStats
from advocacy.analytics.services import clicks_flush, clicks_record, daily_visitors_prune
from advocacy.shares.models import Share
from tests.analytics.conftest import click, posted_share

NINE = datetime(2026, 3, 10, 9, 15, tzinfo=UTC)


def _push(buffer: ClickBuffer, *clicks: BufferedClick) -> None:
    for item in clicks:
        buffer.push(item.encode())


def _daily(share: Share) -> tuple[int, int, int]:
    row = ShareDailyStats.objects.unscoped().get(share=share, day=NINE.date())
    return row.clicks, row.unique_visitors, row.bot_hits


def _some_clicks(share: Share) -> list[BufferedClick]:
    return [
        click(share, at=NINE, visitor="ann"),
        click(share, at=NINE + timedelta(minutes=5), visitor="ann"),
        click(share, at=NINE + timedelta(hours=1), visitor="bob"),
        click(share, at=NINE + timedelta(hours=1), visitor="preview", bot=True),
    ]


def test_a_flush_writes_clicks_and_hourly_and_daily_rollups(
    org: Organization, outsider_org: Organization, buffer: ClickBuffer
) -> None:
    share = posted_share(org, posted_at=NINE)
    theirs = posted_share(outsider_org, posted_at=NINE)
    _push(buffer, *_some_clicks(share), click(theirs, at=NINE, visitor="zed"))

    result = clicks_flush(buffer=buffer)

    assert (result.recorded, result.duplicates, result.dropped) == (5, 0, 0)
    assert buffer.pending() == 0
    assert Click.objects.unscoped().filter(share=share).count() == 4
    assert Click.objects.unscoped().filter(share=share, is_bot=True).count() == 1
    assert _daily(share) == (3, 2, 1)
    hours = {
        row.hour.hour: (row.clicks, row.unique_visitors, row.bot_hits)
        for row in ShareHourlyStats.objects.unscoped().filter(share=share)
    }
    assert hours == {9: (2, 1, 0), 10: (1, 1, 1)}
    # Each click and rollup row belongs to its share's organisation.
    assert _daily(theirs) == (1, 1, 0)
    assert set(ShareDailyStats.objects.unscoped().filter(share=theirs).values_list("organization_id", flat=True)) == {
        outsider_org.pk
    }


def test_a_visitor_seen_in_an_earlier_batch_is_not_unique_again(org: Organization, buffer: ClickBuffer) -> None:
    share = posted_share(org, posted_at=NINE)
    _push(buffer, click(share, at=NINE, visitor="ann"))
    clicks_flush(buffer=buffer)

    _push(buffer, click(share, at=NINE + timedelta(hours=2), visitor="ann"))
    clicks_flush(buffer=buffer, batch_size=1)

    assert _daily(share) == (2, 1, 0)


def test_a_failing_batch_write_loses_nothing_and_the_retry_counts_once(
    org: Organization, buffer: ClickBuffer, monkeypatch: pytest.MonkeyPatch
) -> None:
    share = posted_share(org, posted_at=NINE)
    _push(buffer, *_some_clicks(share))

    # Given a database failure after the clicks were inserted, inside the transaction,
    def broken_rollups(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("the database went away")

    with monkeypatch.context() as patch:
        patch.setattr(services, "_add_to_rollups", broken_rollups)
        # when the flush runs,
        with pytest.raises(RuntimeError):
            clicks_flush(buffer=buffer)

    # then nothing was written and every click is back in the buffer,
    assert Click.objects.unscoped().count() == 0
    assert buffer.pending() == 4
    # and the next run writes each click exactly once.
    assert clicks_flush(buffer=buffer).recorded == 4
    assert clicks_flush(buffer=buffer).recorded == 0
    assert _daily(share) == (3, 2, 1)


def test_a_worker_that_dies_between_claim_and_commit_loses_nothing(org: Organization, buffer: ClickBuffer) -> None:
    share = posted_share(org, posted_at=NINE)
    _push(buffer, *_some_clicks(share))

    # A worker claims the batch and dies before writing it: nothing to claim now...
    assert buffer.claim(100) is not None
    assert buffer.pending() == 0
    assert clicks_flush(buffer=buffer).recorded == 0

    # ...until the claim is older than the claim timeout and recovery puts it back.
    result = clicks_flush(buffer=buffer, recover_older_than=0)

    assert (result.recovered_claims, result.recorded) == (1, 4)
    assert _daily(share) == (3, 2, 1)


def test_a_worker_that_dies_between_commit_and_ack_counts_nothing_twice(org: Organization, buffer: ClickBuffer) -> None:
    share = posted_share(org, posted_at=NINE)
    _push(buffer, *_some_clicks(share))

    # The worker claims, commits the batch, and dies before deleting the claim.
    claim = buffer.claim(100)
    assert claim is not None
    clicks_record(claim.items)

    result = clicks_flush(buffer=buffer, recover_older_than=0)

    assert (result.recovered_claims, result.recorded, result.duplicates) == (1, 0, 4)
    assert Click.objects.unscoped().count() == 4
    assert _daily(share) == (3, 2, 1)


def test_recovery_leaves_recent_claims_of_live_workers_alone(org: Organization, buffer: ClickBuffer) -> None:
    share = posted_share(org, posted_at=NINE)
    _push(buffer, click(share, at=NINE))
    assert buffer.claim(10) is not None

    assert clicks_flush(buffer=buffer).recovered_claims == 0
    assert buffer.recover(older_than=settings.CLICK_CLAIM_TIMEOUT_SECONDS) == 0


def test_large_backlogs_are_written_in_batches(org: Organization, buffer: ClickBuffer) -> None:
    share = posted_share(org, posted_at=NINE)
    _push(buffer, *(click(share, at=NINE, visitor=f"v{n}") for n in range(25)))

    result = clicks_flush(buffer=buffer, batch_size=10)

    assert (result.batches, result.recorded) == (3, 25)
    assert _daily(share) == (25, 25, 0)


def test_unreadable_items_and_clicks_of_deleted_shares_are_dropped_without_blocking_the_rest(
    org: Organization, buffer: ClickBuffer
) -> None:
    share = posted_share(org, posted_at=NINE)
    gone = posted_share(org, posted_at=NINE, record=False)
    orphan = click(gone, at=NINE)
    Share.objects.unscoped().filter(pk=gone.pk).delete()
    buffer.push(b"not json")
    buffer.push(b'{"id": "x"}')
    _push(buffer, orphan, click(share, at=NINE))

    result = clicks_flush(buffer=buffer)

    assert (result.recorded, result.dropped) == (1, 3)
    assert buffer.pending() == 0


def test_a_click_claiming_another_organisation_than_its_share_is_dropped(
    org: Organization, outsider_org: Organization
) -> None:
    share = posted_share(org, posted_at=NINE)
    forged = dataclasses.replace(click(share, at=NINE), organization_id=outsider_org.pk)

    clicks_record([forged.encode()])

    assert Click.objects.unscoped().count() == 0


def test_the_same_click_twice_in_one_batch_is_one_click(org: Organization) -> None:
    share = posted_share(org, posted_at=NINE)
    once = click(share, at=NINE)

    clicks_record([once.encode(), once.encode()])

    assert _daily(share) == (1, 1, 0)


def test_old_visitor_hashes_are_pruned(org: Organization) -> None:
    share = posted_share(org, posted_at=NINE)
    clicks_record([click(share, at=NINE).encode(), click(share, at=NINE + timedelta(days=3)).encode()])

    deleted = daily_visitors_prune(today=(NINE + timedelta(days=3)).date())

    assert deleted == 1
    assert list(DailyVisitor.objects.unscoped().values_list("day", flat=True)) == [(NINE + timedelta(days=3)).date()]


def test_clicks_reach_the_dashboards_well_within_a_minute() -> None:
    flush = settings.CELERY_BEAT_SCHEDULE["analytics-clicks-flush"]

    assert flush["task"] == "advocacy.analytics.tasks.clicks_flush_task"
    assert float(flush["schedule"]) <= 10  # type: ignore[arg-type]


def test_the_flush_task_and_command_use_the_configured_buffer(
    org: Organization, configured_buffer: ClickBuffer
) -> None:
    from django.core.management import call_command

    from advocacy.analytics.tasks import clicks_flush_task

    share = posted_share(org, posted_at=NINE)
    _push(configured_buffer, click(share, at=NINE))
    assert clicks_flush_task.delay().get()["recorded"] == 1

    _push(configured_buffer, click(share, at=NINE, visitor="other"))
    output = io.StringIO()
    call_command("flush_clicks", "--recover-all", stdout=output)

    assert output.getvalue().startswith("1 clicks recorded")

    assert _daily(share) == (2, 2, 0)


def test_two_spool_readers_never_claim_the_same_click(tmp_path: Any) -> None:
    from advocacy.analytics.buffer import SpoolClickBuffer

    # Two processes sharing the embedded default's spool folder.
    web, worker = SpoolClickBuffer(tmp_path), SpoolClickBuffer(tmp_path)
    for n in range(30):
        web.push(f"click-{n}".encode())

    claimed: list[bytes] = []
    while (claim := (worker if len(claimed) % 2 else web).claim(4)) is not None:
        claimed.extend(claim.items)

    assert sorted(claimed) == sorted(f"click-{n}".encode() for n in range(30))


@pytest.mark.django_db(transaction=True)
def test_concurrent_flushes_count_every_click_exactly_once(buffer: ClickBuffer) -> None:
    import threading

    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers need PostgreSQL")
    organization = Organization.objects.create(slug="concurrent", name="Concurrent")
    shares = [posted_share(organization, posted_at=NINE) for _ in range(3)]
    _push(
        buffer, *(click(shares[n % 3], at=NINE + timedelta(minutes=n % 90), visitor=f"v{n % 40}") for n in range(300))
    )
    errors: list[BaseException] = []

    def flush() -> None:
        try:
            clicks_flush(buffer=buffer, batch_size=20)
        except BaseException as exc:  # checked below
            errors.append(exc)
        finally:
            connection.close()

    workers = [threading.Thread(target=flush) for _ in range(3)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    # A batch that lost a deadlock was put back; nothing else may have gone wrong.
    assert all("deadlock" in str(error) for error in errors), errors
    clicks_flush(buffer=buffer)

    assert Click.objects.unscoped().count() == 300
    totals = [ShareDailyStats.objects.unscoped().get(share=share) for share in shares]
    assert sum(row.clicks for row in totals) == 300
    assert [row.unique_visitors for row in totals] == [len({n % 40 for n in range(i, 300, 3)}) for i in range(3)]


def test_the_request_path_push_speaks_plain_resp_with_auth_and_database() -> None:
    from advocacy.analytics.buffer import _ListPusher

    pusher = _ListPusher("redis://:s3cret@127.0.0.1:6379/7")

    assert pusher.usable
    assert pusher.handshake == b"*2\r\n$4\r\nAUTH\r\n$6\r\ns3cret\r\n*2\r\n$6\r\nSELECT\r\n$1\r\n7\r\n"
    # TLS and unix sockets are left to redis-py.
    assert not _ListPusher("rediss://127.0.0.1:6380/0").usable
    assert not _ListPusher("unix:///run/redis.sock?db=0").usable


def test_a_refused_handshake_is_an_error_not_a_silent_loss() -> None:
    import redis

    from advocacy.analytics.buffer import _ListPusher

    url = settings.TEST_REDIS_URL if getattr(settings, "TEST_REDIS_URL", "") else ""
    if not url:
        pytest.skip("needs REDIS_URL (set in CI)")
    host_and_db = url.split("://", 1)[1].split("@")[-1]

    with pytest.raises(redis.RedisError):
        _ListPusher(f"redis://:wrong-password@{host_and_db}").lpush(b"test-clicks:refused", b"x")


def test_a_password_with_resp_characters_authenticates() -> None:
    import redis

    from advocacy.analytics.buffer import _ListPusher

    url = settings.TEST_REDIS_URL if getattr(settings, "TEST_REDIS_URL", "") else ""
    if not url:
        pytest.skip("needs REDIS_URL (set in CI)")
    admin = redis.Redis.from_url(url)
    host_and_db = url.split("://", 1)[1].split("@")[-1]
    admin.acl_setuser("click-pusher", enabled=True, passwords=["+p*ss$2\r"], keys=["test-clicks:*"], commands=["+@all"])
    try:
        _ListPusher(f"redis://click-pusher:{'p%2Ass%242%0D'}@{host_and_db}").lpush(b"test-clicks:auth", b"x")
        assert admin.rpop("test-clicks:auth") == b"x"
    finally:
        admin.acl_deluser("click-pusher")
        admin.delete("test-clicks:auth")
