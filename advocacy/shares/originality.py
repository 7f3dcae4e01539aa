"""How similar two texts are, robust to case, punctuation, small edits and reordering.

Similarity is the largest of (a) the Jaccard index of word bigrams, (b) the Jaccard index of
the sets of meaningful words, which ignores reordered sentences, and (c) the share of words
in common subsequences (difflib's ratio over words), which tolerates a few words changed or
inserted anywhere. Links are left out: every share of an item carries the same one.
"""

import difflib
import itertools
import re
import sys
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

_URL = re.compile(r"https?://\S+|www\.\S+", re.IGNORECASE)
_WORD = re.compile(r"[\w']+")
_STOPWORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "but",
        "by",
        "for",
        "from",
        "has",
        "have",
        "i",
        "in",
        "is",
        "it",
        "its",
        "me",
        "my",
        "of",
        "on",
        "or",
        "our",
        "so",
        "that",
        "the",
        "this",
        "to",
        "was",
        "we",
        "were",
        "what",
        "which",
        "will",
        "with",
        "you",
        "your",
    ]
)


def words(text: str) -> list[str]:
    text = unicodedata.normalize("NFKC", text).casefold()
    if "http" in text or "www." in text:  # the link regex is the costliest step: only when needed
        text = _URL.sub(" ", text)
    return _WORD.findall(text)


def _jaccard(a: frozenset[Any], b: frozenset[Any]) -> float:
    if not a or not b:
        return 0.0
    common = len(a & b)
    return common / (len(a) + len(b) - common)  # |a | b| without building the union


@dataclass(frozen=True)
class Fingerprint:
    """A text prepared once for comparison against many others.

    The sets hold the hashes of their items, not the items: a fingerprint stays small (a
    bounded cache keeps thousands per worker) and set intersections compare integers. Two
    different items sharing a 64-bit hash within one process is negligible, and could only
    make a score look slightly higher than it is."""

    words: tuple[str, ...]  # interned: texts share their vocabulary, and the matcher compares by identity first
    bigrams: frozenset[int]
    meaningful: frozenset[int]
    # Each word with its occurrence number ("the" twice: (the, 1), (the, 2)): the size of the
    # intersection of two of these is the multiset intersection, computed by C set code.
    occurrences: frozenset[int]

    @classmethod
    def of(cls, text: str) -> "Fingerprint":
        return _fingerprint(text)


@lru_cache(maxsize=8192)
def _fingerprint(text: str) -> Fingerprint:
    # Cached: colleagues' committed texts are compared again with every new share.
    found = tuple(sys.intern(word) for word in words(text))
    seen: dict[str, int] = {}
    occurrences = []
    for word in found:
        nth = seen[word] = seen.get(word, 0) + 1
        occurrences.append(hash((word, nth)))
    return Fingerprint(
        words=found,
        bigrams=_compact({hash(pair) for pair in itertools.pairwise(found)}),
        meaningful=_compact({hash(word) for word in seen if word not in _STOPWORDS}),
        occurrences=_compact(set(occurrences)),
    )


def _compact(items: set[int]) -> frozenset[int]:
    # CPython sizes a frozenset copied from a set to its contents; one built from any other
    # iterable keeps the slack of growing (2,264 bytes for 25 items instead of 1,240).
    return frozenset(items)


def _sequence_ratio(a: Fingerprint, b: Fingerprint, floor: float) -> float:
    # Words in common, counted with repetition, bound the ratio from above: when even
    # that cannot beat the floor, skip the costly matcher.
    bound = 2 * len(a.occurrences & b.occurrences) / (len(a.words) + len(b.words))
    if bound <= floor:
        return 0.0
    # SequenceMatcher's ratio depends on argument order; a canonical order keeps the score
    # symmetric at the cost of one matcher.
    first, second = sorted((a.words, b.words), key=lambda found: (len(found), found))
    return difflib.SequenceMatcher(None, first, second, autojunk=False).ratio()


def fingerprint_similarity(a: Fingerprint, b: Fingerprint, *, floor: float = 0.0) -> float:
    """Similarity of two prepared texts. Scores at or below ``floor`` may be reported as
    lower than they are (the costly measure is skipped when it cannot exceed it)."""
    if not a.words or not b.words:
        return 0.0
    cheap = max(_jaccard(a.bigrams, b.bigrams), _jaccard(a.meaningful, b.meaningful))
    return max(cheap, _sequence_ratio(a, b, max(floor, cheap)))


def similarity(first: str, second: str) -> float:
    return fingerprint_similarity(Fingerprint.of(first), Fingerprint.of(second))
