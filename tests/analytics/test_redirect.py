"""``/l/{code}``: a 302 to the stored target with UTM parameters, never anywhere else; a small
404 page for anything that is not the code of a share that was at least confirmed; no
database access once warm; every click buffered, bots flagged."""

import shutil
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.core.cache import cache

from advocacy.accounts.models import Organization
from advocacy.analytics.buffer import ClickBuffer, RedisClickBuffer, SpoolClickBuffer
from advocacy.analytics.clicks import BufferedClick, visitor_hash
from advocacy.analytics.links import tracked_link_warm, tracked_target
from advocacy.analytics.services import clicks_flush, share_posted_record
from advocacy.content.models import ContentItem
from tests.analytics.conftest import BROWSER, content_titled, posted_share, share_in


def _buffered(buffer: ClickBuffer) -> list[BufferedClick]:
    """What is waiting in the buffer, read through a claim that is then put back."""
    claim = buffer.claim(1000)
    if claim is None:
        return []
    buffer.release(claim)
    return [BufferedClick.decode(item) for item in claim.items]


def test_a_posted_share_redirects_to_its_content_with_utm_parameters_merged(
    org: Organization, client: Any, configured_buffer: ClickBuffer
) -> None:
    content = content_titled(
        org,
        "Banks: Reporting in Real Time!",
        "https://news.example.com/report?ref=feed&q=a%20b&utm_source=newsletter#top",
    )
    share = posted_share(org, content=content, network="linkedin")

    response = client.get(f"/l/{share.tracked_code}")

    assert response.status_code == 302
    assert response["Location"] == (
        "https://news.example.com/report?ref=feed&q=a%20b&utm_source=linkedin&utm_medium=employee_advocacy"
        f"&utm_campaign=banks-reporting-in-real-time&utm_content={share.pk}#top"
    )
    assert response["Cache-Control"] == "no-store"


@pytest.mark.parametrize(
    ("stored", "expected_query"),
    [
        ("https://a.example/x", "utm_source=x&utm_medium=employee_advocacy&utm_campaign=c&utm_content=S"),
        ("https://a.example/x?", "utm_source=x&utm_medium=employee_advocacy&utm_campaign=c&utm_content=S"),
        (
            "https://a.example/x?a=1&a=2",
            "a=1&a=2&utm_source=x&utm_medium=employee_advocacy&utm_campaign=c&utm_content=S",
        ),
        (
            "https://a.example/x?UTM_Medium=old&utm_campaign=old&b",
            "b&utm_source=x&utm_medium=employee_advocacy&utm_campaign=c&utm_content=S",
        ),
        (
            "https://a.example/x?q=%26%3D",
            "q=%26%3D&utm_source=x&utm_medium=employee_advocacy&utm_campaign=c&utm_content=S",
        ),
    ],
)
def test_utm_parameters_are_merged_with_the_stored_query_string(stored: str, expected_query: str) -> None:
    target = tracked_target(url=stored, network="x", campaign="c", share_id="S")

    assert target is not None
    assert urlsplit(target).query == expected_query


@pytest.mark.parametrize(
    "stored", ["", "javascript:alert(1)", "ftp://files.example/x", "//no-scheme.example/x", "https://"]
)
def test_a_stored_url_that_is_not_absolute_http_has_no_target(stored: str) -> None:
    assert tracked_target(url=stored, network="x", campaign="c", share_id="S") is None


def test_the_query_string_of_the_request_never_changes_the_target(
    org: Organization, client: Any, configured_buffer: ClickBuffer
) -> None:
    share = posted_share(org)
    plain = client.get(f"/l/{share.tracked_code}")["Location"]

    tricked = client.get(
        f"/l/{share.tracked_code}",
        {"next": "https://evil.example", "url": "https://evil.example", "utm_source": "evil", "redirect": "//evil"},
    )

    assert tricked.status_code == 302
    assert tricked["Location"] == plain
    assert "evil" not in tricked["Location"]


def test_an_unknown_code_is_a_small_html_404_that_does_not_echo_the_code(
    db: Any, client: Any, configured_buffer: ClickBuffer
) -> None:
    response = client.get("/l/NoSuchCode")

    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
    assert len(response.content) < 500
    assert b"NoSuchCode" not in response.content
    assert configured_buffer.pending() == 0


@pytest.mark.parametrize("status", ["draft", "cancelled", "blocked", "failed"])
def test_shares_never_confirmed_or_withdrawn_do_not_redirect(
    org: Organization, client: Any, configured_buffer: ClickBuffer, status: str
) -> None:
    share = share_in(org, status=status)

    response = client.get(f"/l/{share.tracked_code}")

    assert response.status_code == 404
    assert configured_buffer.pending() == 0


def test_a_confirmed_share_not_yet_posted_already_redirects(
    org: Organization, client: Any, configured_buffer: ClickBuffer
) -> None:
    share = share_in(org, status="confirmed")

    assert client.get(f"/l/{share.tracked_code}").status_code == 302


def test_a_warm_redirect_touches_no_database(
    org: Organization, client: Any, configured_buffer: ClickBuffer, django_assert_num_queries: Any
) -> None:
    share = posted_share(org, record=False)
    # What the shares pipeline calls once the posting commits.
    share_posted_record(shares=[share])

    with django_assert_num_queries(0):
        response = client.get(f"/l/{share.tracked_code}", HTTP_USER_AGENT=BROWSER)

    assert response.status_code == 302
    assert len(_buffered(configured_buffer)) == 1


def test_a_cold_redirect_reads_the_database_once_then_never_again(
    org: Organization, client: Any, configured_buffer: ClickBuffer, django_assert_num_queries: Any
) -> None:
    share = posted_share(org, record=False)
    cache.clear()

    with django_assert_num_queries(1):
        client.get(f"/l/{share.tracked_code}")
    with django_assert_num_queries(0):
        client.get(f"/l/{share.tracked_code}")


def test_unknown_codes_are_remembered_so_a_flood_does_not_reach_the_database(
    db: Any, client: Any, configured_buffer: ClickBuffer, django_assert_num_queries: Any
) -> None:
    client.get("/l/unknown1")

    with django_assert_num_queries(0):
        assert client.get("/l/unknown1").status_code == 404


def test_posting_replaces_a_remembered_miss(org: Organization, client: Any, configured_buffer: ClickBuffer) -> None:
    share = share_in(org, status="draft")
    assert client.get(f"/l/{share.tracked_code}").status_code == 404

    share.status = "posted"
    share.save()
    tracked_link_warm(share)

    assert client.get(f"/l/{share.tracked_code}").status_code == 302


@pytest.mark.parametrize(
    "path",
    [
        "/l/",
        "/l/../x",
        "/l/%2e%2e/x",
        "/l/%2E",
        "/l/..%2fetc%2fpasswd",
        "/l/" + "a" * 5000,
        "/l/caf%C3%A9",
        "/l/%F0%9F%92%A5",
        "/l/%00",
        "/l/%ff%fe",
        "/l/code%0d%0aLocation:%20https://evil.example",
        "/l/a/b",
        "/l/a b",
        "/l/a?b=c",
    ],
)
def test_path_tricks_are_a_404_never_a_500(db: Any, client: Any, configured_buffer: ClickBuffer, path: str) -> None:
    response = client.get(path)

    assert response.status_code == 404
    assert "Location" not in response


def test_a_valid_code_followed_by_a_path_does_not_redirect(
    org: Organization, client: Any, configured_buffer: ClickBuffer
) -> None:
    share = posted_share(org)

    assert client.get(f"/l/{share.tracked_code}/").status_code == 404
    assert client.get(f"/l/{share.tracked_code}/../{share.tracked_code}x").status_code == 404


def test_only_get_and_head_are_allowed(org: Organization, client: Any, configured_buffer: ClickBuffer) -> None:
    share = posted_share(org)

    assert client.post(f"/l/{share.tracked_code}").status_code == 405
    assert configured_buffer.pending() == 0


def test_a_click_is_buffered_with_a_hashed_visitor_and_the_referrer_host_only(
    org: Organization, client: Any, configured_buffer: ClickBuffer
) -> None:
    share = posted_share(org)

    client.get(
        f"/l/{share.tracked_code}",
        HTTP_USER_AGENT=BROWSER,
        HTTP_REFERER="https://www.linkedin.com/feed/update/urn:li:activity:1?secret=1",
        REMOTE_ADDR="203.0.113.9",
    )

    (buffered,) = _buffered(configured_buffer)
    assert buffered.share_id == share.pk
    assert buffered.organization_id == org.pk
    assert buffered.referrer_host == "www.linkedin.com"
    assert buffered.is_bot is False
    assert buffered.visitor_hash == visitor_hash(ip="203.0.113.9", user_agent=BROWSER, day=buffered.clicked_at.date())
    assert "203.0.113.9" not in configured_buffer.claim(10).items[0].decode()  # type: ignore[union-attr]


BOT_USER_AGENTS = [
    "LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)",
    "Twitterbot/1.0",
    "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
    "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
    "http.rb/5.1.1 (Mastodon/4.2.0; +https://mastodon.social/)",
    "Mozilla/5.0 (compatible; Bluesky Cardyb/1.1; +mailto:support@bsky.app)",
    "Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)",
    "WhatsApp/2.23.20.0 A",
    "TelegramBot (like TwitterBot)",
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
    "SomeCrawler/3.1",
    "my-spider",
    "Link Preview Service",
    "curl/8.5.0",
    "Wget/1.21.4",
    "python-requests/2.32.3",
    "",
    "   ",
]


@pytest.mark.parametrize("user_agent", BOT_USER_AGENTS)
def test_crawlers_and_link_previews_are_flagged_as_bots(
    org: Organization, client: Any, configured_buffer: ClickBuffer, user_agent: str
) -> None:
    share = posted_share(org)

    assert client.get(f"/l/{share.tracked_code}", HTTP_USER_AGENT=user_agent).status_code == 302

    (buffered,) = _buffered(configured_buffer)
    assert buffered.is_bot is True


@pytest.mark.parametrize(
    "user_agent",
    [
        BROWSER,
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
        "Mobile/15E148 [LinkedInApp]/9.30.1",
        "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36 "
        "[FBAN/EMA;FBLC/en_US;FBAV/400.0]",
    ],
)
def test_people_in_browsers_and_in_app_browsers_are_not_bots(
    org: Organization, client: Any, configured_buffer: ClickBuffer, user_agent: str
) -> None:
    share = posted_share(org)

    client.get(f"/l/{share.tracked_code}", HTTP_USER_AGENT=user_agent)

    (buffered,) = _buffered(configured_buffer)
    assert buffered.is_bot is False


def test_a_head_request_redirects_and_counts_as_a_bot(
    org: Organization, client: Any, configured_buffer: ClickBuffer
) -> None:
    share = posted_share(org)

    response = client.head(f"/l/{share.tracked_code}", HTTP_USER_AGENT=BROWSER)

    assert response.status_code == 302
    (buffered,) = _buffered(configured_buffer)
    assert buffered.is_bot is True


def test_clicks_through_the_redirect_reach_the_rollups_after_a_flush(
    org: Organization, client: Any, configured_buffer: ClickBuffer
) -> None:
    from advocacy.analytics.models import Click, ShareDailyStats

    share = posted_share(org)
    for address in ("203.0.113.1", "203.0.113.2", "203.0.113.2"):
        client.get(f"/l/{share.tracked_code}", HTTP_USER_AGENT=BROWSER, REMOTE_ADDR=address)
    client.get(f"/l/{share.tracked_code}", HTTP_USER_AGENT="LinkedInBot/1.0")

    result = clicks_flush()

    assert result.recorded == 4
    assert configured_buffer.pending() == 0
    assert Click.objects.unscoped().filter(share=share).count() == 4
    daily = ShareDailyStats.objects.unscoped().get(share=share)
    assert (daily.clicks, daily.unique_visitors, daily.bot_hits, daily.shares_posted) == (3, 2, 1, 1)


def test_visitor_hashes_differ_between_days_and_never_contain_the_address() -> None:
    from datetime import date

    monday = visitor_hash(ip="198.51.100.7", user_agent=BROWSER, day=date(2026, 3, 2))
    tuesday = visitor_hash(ip="198.51.100.7", user_agent=BROWSER, day=date(2026, 3, 3))

    assert monday != tuesday
    assert monday == visitor_hash(ip="198.51.100.7", user_agent=BROWSER, day=date(2026, 3, 2))
    assert "198.51.100.7" not in monday


def test_the_content_url_of_the_shared_version_is_used_even_after_the_item_changes(
    org: Organization, client: Any, configured_buffer: ClickBuffer, content: ContentItem
) -> None:
    share = posted_share(org, content=content)
    ContentItem.objects.unscoped().filter(pk=content.pk).update(url="https://elsewhere.example/")
    cache.clear()

    assert client.get(f"/l/{share.tracked_code}")["Location"].startswith("https://news.example.com/report?ref=feed&")


def test_a_signed_in_member_following_a_link_costs_no_database_either(
    org: Organization, client_for: Any, configured_buffer: ClickBuffer, django_assert_num_queries: Any, make_member: Any
) -> None:
    share = posted_share(org)
    share_posted_record(shares=[share])
    signed_in = client_for(make_member(org).user)

    with django_assert_num_queries(0):
        response = signed_in.get(f"/l/{share.tracked_code}")

    assert response.status_code == 302


def test_a_broken_buffer_never_stops_the_visitor(
    org: Organization, client: Any, configured_buffer: ClickBuffer, caplog: Any
) -> None:
    share = posted_share(org)
    if isinstance(configured_buffer, RedisClickBuffer):
        # Something else took the buffer's key: Redis refuses the push (WRONGTYPE).
        configured_buffer.client.set(configured_buffer.pending_key, "not a list")
    else:
        assert isinstance(configured_buffer, SpoolClickBuffer)
        shutil.rmtree(configured_buffer.pending_dir)

    response = client.get(f"/l/{share.tracked_code}")

    assert response.status_code == 302
    assert "Could not buffer a click" in caplog.text


def test_the_redis_push_reconnects_after_the_connection_drops(org: Organization, buffer: ClickBuffer) -> None:
    if not isinstance(buffer, RedisClickBuffer):
        pytest.skip("the Redis push only")
    buffer.push(b"first")
    # The server closes every client connection (a restart, a failover).
    buffer.client.client_kill_filter(_type="normal", skipme=True)

    buffer.push(b"second")

    assert buffer.pending() == 2
