"""The similarity measure behind the not_original check."""

from hypothesis import given, settings
from hypothesis import strategies as st

from advocacy.shares.originality import similarity

TEXT = "I rebuilt our nightly batch as a stream last year; this report matches what we saw with regulators."


def test_near_copies_are_similar() -> None:
    assert similarity(TEXT, TEXT.upper()) > 0.9
    assert similarity(TEXT, TEXT.replace("rebuilt", "rewrote")) > 0.8
    assert similarity(TEXT, TEXT.replace("last year", "in 2025")) > 0.8
    assert (
        similarity(
            TEXT, "this report matches what we saw with regulators. I rebuilt our nightly batch as a stream last year"
        )
        > 0.9
    )
    assert similarity(TEXT, TEXT + " https://example.com/l/abc") > 0.9


def test_different_words_about_the_same_thing_are_not() -> None:
    other = "Ten years of batch jobs taught me one thing: regulators read the reports you ship late."
    assert similarity(TEXT, other) < 0.5


VOCABULARY = ["alpha", "beta", "gamma", "delta", "report", "stream", "batch", "bank", "data", "team", "cio", "risk"]
words = st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=40)


@settings(max_examples=200)
@given(a=words, b=words)
def test_similarity_is_a_symmetric_score_between_0_and_1(a: list[str], b: list[str]) -> None:
    first, second = " ".join(a), " ".join(b)
    score = similarity(first, second)
    assert 0.0 <= score <= 1.0
    assert abs(score - similarity(second, first)) < 1e-9
    assert similarity(first, first) == 1.0
