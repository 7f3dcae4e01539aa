"""Properties of the text checks and of the tracked-link code parser, over any Unicode input.

Deterministic (derandomised) so CI is reproducible; ``FUZZ_EXAMPLES`` runs deeper locally.
"""

import base64
import os
import secrets
import string
from typing import Any
from urllib.parse import quote

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from advocacy.analytics.links import CODE_RE, tracked_link_resolve, tracked_links_forget_in_process
from advocacy.audiences.mentions import find_mentions
from advocacy.networks.providers import text_length_provider
from advocacy.networks.providers.x import URL_WEIGHT
from advocacy.shares.originality import similarity, words

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "0")) * 20 or 150
PROPERTY = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
NETWORKS = ["sandbox", "linkedin", "x", "mastodon", "bluesky"]
# Any code point, surrogates excepted (they cannot be posted, stored or sent as UTF-8).
any_text = st.text(st.characters(exclude_categories=["Cs"]), max_size=200)


# --- Per-network length -----------------------------------------------------------------


@pytest.mark.parametrize("network", NETWORKS)
@PROPERTY
@given(text=any_text)
def test_length_never_raises_and_is_zero_only_for_the_empty_text(network: str, text: str) -> None:
    length = text_length_provider(network).text_length(text)

    assert isinstance(length, int)
    assert (length == 0) == (text == "")


@pytest.mark.parametrize("network", ["sandbox", "linkedin", "bluesky"])
@PROPERTY
@given(text=any_text, more=any_text)
def test_length_never_shrinks_when_text_is_appended(network: str, text: str, more: str) -> None:
    provider = text_length_provider(network)

    assert provider.text_length(text + more) >= provider.text_length(text)


# X and Mastodon count a link as 23 whatever its length, and X an emoji sequence as 2
# whatever its parts, so "example.c" + "om", "👨‍" + "👩" or a flag's closing tag character
# can shorten a text. Without link or mention syntax, joiners and tags, appending never does.
plain_text = st.text(
    st.characters(
        exclude_categories=["Cs"],
        exclude_characters=".:/@\u200d",
        max_codepoint=0xDFFFF,
    ).filter(lambda char: not 0xE0000 <= ord(char) <= 0xE007F),
    max_size=200,
)


@pytest.mark.parametrize("network", ["x", "mastodon"])
@PROPERTY
@given(text=plain_text, more=plain_text)
def test_length_without_links_never_shrinks_when_text_is_appended(network: str, text: str, more: str) -> None:
    provider = text_length_provider(network)

    assert provider.text_length(text + more) >= provider.text_length(text)


@pytest.mark.parametrize("network", ["x", "mastodon"])
@PROPERTY
@given(
    host=st.from_regex(r"[a-z][a-z0-9]{0,20}", fullmatch=True),
    path=st.from_regex(r"[a-z0-9]{0,300}", fullmatch=True),
)
def test_a_link_counts_the_same_whatever_its_length(network: str, host: str, path: str) -> None:
    provider = text_length_provider(network)

    assert provider.text_length(f"Read https://{host}.com/{path} now") == len("Read  now") + URL_WEIGHT


# --- Reserved-relationship mentions -------------------------------------------------------

handles = st.from_regex(r"[A-Za-z0-9_]{1,15}", fullmatch=True)
# What may stand right before a mention and right after it.
before = st.sampled_from(["", " ", "\n", "(", "“", '"', "'", "—", ",", "¡", "-"])
after = st.sampled_from(["", " ", "\n", ")", "”", '"', "'", ",", "!", "?", ";", ":", ". ", "…", "/"])


def _scramble_case(text: str, flips: list[bool]) -> str:
    return "".join(
        char.swapcase() if flip else char for char, flip in zip(text, flips + [False] * len(text), strict=False)
    )


@PROPERTY
@given(text=any_text, name=any_text, handle=any_text, network=st.sampled_from([*NETWORKS, "any"]))
def test_mention_search_never_raises(text: str, name: str, handle: str, network: str) -> None:
    entries = [{"network": network, "handle": handle, "profile_url": handle}]

    mentions = find_mentions(text=text, name=name, handles=entries, network="x")

    assert all(mention.kind in ("name", "handle", "profile_url") for mention in mentions)


@PROPERTY
@given(
    handle=handles,
    flips=st.lists(st.booleans(), max_size=15),
    prefix=st.text(st.sampled_from(string.ascii_letters + " "), max_size=30),
    left=before,
    right=after,
    suffix=st.text(st.sampled_from(string.ascii_letters + " "), max_size=30),
)
def test_a_handle_is_found_whatever_its_case_and_surrounding_punctuation(
    handle: str, flips: list[bool], prefix: str, left: str, right: str, suffix: str
) -> None:
    # A mention starts a word: "abc@globex" is an e-mail address, not a mention.
    assume(left or not prefix or prefix.endswith(" "))
    text = f"{prefix}{left}@{_scramble_case(handle, flips)}{right} {suffix}"

    mentions = find_mentions(text=text, name="", handles=[{"network": "x", "handle": handle}], network="x")

    assert [mention.kind for mention in mentions] == ["handle"], (text, handle)
    assert mentions[0].matched.lower() == f"@{handle.lower()}"


@PROPERTY
@given(
    name=st.lists(st.from_regex(r"[A-Za-z]{2,10}", fullmatch=True), min_size=1, max_size=3),
    flips=st.lists(st.booleans(), max_size=40),
    left=before,
    right=after,
)
def test_a_name_is_found_whatever_its_case_and_spacing(
    name: list[str], flips: list[bool], left: str, right: str
) -> None:
    written = _scramble_case("  \n".join(name), flips)
    text = f"Lunch with{' ' if not left else ' ' + left}{written}{right} today"

    mentions = find_mentions(text=text, name=" ".join(name), handles=[], network="x")

    assert [mention.kind for mention in mentions] == ["name"], text


# --- Originality --------------------------------------------------------------------------


@PROPERTY
@given(first=any_text, second=any_text)
def test_similarity_never_raises_is_a_ratio_and_is_symmetric(first: str, second: str) -> None:
    score = similarity(first, second)

    assert 0.0 <= score <= 1.0
    assert score == similarity(second, first)


@PROPERTY
@given(text=any_text)
def test_a_text_is_fully_original_against_nothing_and_fully_unoriginal_against_itself(text: str) -> None:
    assert similarity(text, "") == 0.0
    assert similarity(text, text) == (1.0 if words(text) else 0.0)


# --- Tracked-link codes -------------------------------------------------------------------


def _minted() -> str:
    # The same call as shares.services.share_create.
    return secrets.token_urlsafe(8)[:10]


minted_codes = st.binary(min_size=8, max_size=8).map(
    lambda raw: base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")[:10]
)
# Path tricks, encoded dots and slashes, overlong and non-ASCII look-alikes, and noise.
tricks = st.sampled_from(
    [
        "..",
        "../admin",
        "%2e%2e",
        "%2e%2e%2fadmin",
        "a/b",
        "a%2Fb",
        "code%00",
        "ab c",
        "\uff41\uff42\uff43",
        "abc\n",
        "a" * 17,
    ]
)
not_codes = st.one_of(tricks, any_text, minted_codes.map(lambda code: code + "é"), minted_codes.map(lambda c: c * 2))


def test_the_minting_call_matches_the_strategy() -> None:
    assert all(len(code) == 10 and CODE_RE.fullmatch(code) for code in (_minted() for _ in range(200)))


@PROPERTY
@given(code=minted_codes)
def test_every_minted_code_is_accepted(code: str) -> None:
    assert CODE_RE.fullmatch(code)


@PROPERTY
@given(code=not_codes)
def test_anything_else_is_rejected_with_404_and_no_query(db: Any, code: str) -> None:
    assume(not CODE_RE.fullmatch(code))
    tracked_links_forget_in_process()

    with CaptureQueriesContext(connection) as queries:
        resolved = tracked_link_resolve(code)
        response = Client().get("/l/" + quote(code, safe="/%"))

    assert resolved is None
    assert response.status_code == 404
    assert code.encode("utf-8", "replace") not in response.content or len(code) < 4
    assert len(queries) == 0, [query["sql"] for query in queries]
