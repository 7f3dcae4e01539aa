"""How similar two texts are, robust to case, punctuation, small edits and reordering.

Similarity is the largest of (a) the Jaccard index of word bigrams, (b) the Jaccard index of
the sets of meaningful words, which ignores reordered sentences, and (c) the share of words
in common subsequences (difflib's ratio over words), which tolerates a few words changed or
inserted anywhere. Links are left out: every share of an item carries the same one.
"""

from __future__ import annotations  # array[int] in annotations (array is generic from 3.12)

import difflib
import itertools
import re
import sys
import unicodedata
from array import array
from dataclasses import dataclass
from functools import lru_cache

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


def _jaccard(a: frozenset[int], b: array[int]) -> float:
    """Jaccard index of two sets of distinct items, the second one packed in an array."""
    if not a or not b:
        return 0.0
    common = len(a.intersection(b))
    return common / (len(a) + len(b) - common)  # |a | b| without building the union


@dataclass(frozen=True)
class Fingerprint:
    """A text prepared once for comparison against many others.

    Distinct hashes of its bigrams, meaningful words and word occurrences, each packed in one
    array rather than held as sets of items: a fingerprint is a handful of small objects
    instead of about eighty (3.2 KB for 25 random words instead of 11.4; less where texts
    share words, which are interned), so the cache below holds many. The text being checked
    builds its sets once (``Probe``). Two different items sharing a 64-bit hash within one
    process is negligible, and could only make a score look slightly higher than it is."""

    words: tuple[str, ...]  # interned: texts share their vocabulary, and the matcher compares by identity first
    bigrams: array[int]
    meaningful: array[int]
    # Each word with its occurrence number ("the" twice: (the, 1), (the, 2)): the size of the
    # intersection of two of these is the multiset intersection, computed by C set code.
    occurrences: array[int]

    @classmethod
    def of(cls, text: str) -> Fingerprint:
        """Cached per process: the composer checks a draft against the same colleagues'
        texts again at every edit, and the worker checks a batch against them."""
        return _fingerprint_cached(text)


@dataclass(frozen=True)
class Probe:
    """The text being checked, with its sets built once for the many texts it meets. Not
    kept with the cached fingerprint: a worker would keep the sets of every text it posted."""

    fingerprint: Fingerprint
    bigrams: frozenset[int]
    meaningful: frozenset[int]
    occurrences: frozenset[int]

    @classmethod
    def of(cls, fingerprint: Fingerprint) -> Probe:
        return cls(
            fingerprint,
            frozenset(fingerprint.bigrams),
            frozenset(fingerprint.meaningful),
            frozenset(fingerprint.occurrences),
        )


def _fingerprint(text: str) -> Fingerprint:
    found = tuple(sys.intern(word) for word in words(text))
    seen: dict[str, int] = {}
    occurrences = []
    for word in found:
        nth = seen[word] = seen.get(word, 0) + 1
        occurrences.append(hash((word, nth)))
    return Fingerprint(
        words=found,
        bigrams=array("q", {hash(pair) for pair in itertools.pairwise(found)}),
        meaningful=array("q", [hash(word) for word in seen if word not in _STOPWORDS]),
        occurrences=array("q", occurrences),
    )


def _sequence_ratio(a: Probe, b: Fingerprint, floor: float) -> float:
    # Words in common, counted with repetition, bound the ratio from above: when even
    # that cannot beat the floor, skip the costly matcher.
    bound = 2 * len(a.occurrences.intersection(b.occurrences)) / (len(a.fingerprint.words) + len(b.words))
    if bound <= floor:
        return 0.0
    # SequenceMatcher's ratio depends on argument order; a canonical order keeps the score
    # symmetric at the cost of one matcher.
    first, second = sorted((a.fingerprint.words, b.words), key=lambda found: (len(found), found))
    return difflib.SequenceMatcher(None, first, second, autojunk=False).ratio()


def fingerprint_similarity(a: Probe, b: Fingerprint, *, floor: float = 0.0) -> float:
    """Similarity of the text being checked and another prepared text. Scores at or below
    ``floor`` may be reported as lower than they are (the costly measure is skipped when it
    cannot exceed it)."""
    if not a.fingerprint.words or not b.words:
        return 0.0
    cheap = max(_jaccard(a.bigrams, b.bigrams), _jaccard(a.meaningful, b.meaningful))
    return max(cheap, _sequence_ratio(a, b, max(floor, cheap)))


def similarity(first: str, second: str) -> float:
    return fingerprint_similarity(Probe.of(Fingerprint.of(first)), Fingerprint.of(second))


# Texts, not shares: 32 contents' worth of colleagues (COLLEAGUES_COMPARED each), or a
# campaign of 100 items with 100 sharers each, fit, at 2-3 KB a fingerprint (~50 MB at most).
# A working set larger than an LRU cache is its worst case: visited in turn, every lookup
# misses and the churn grows the heap (8,192 entries: 150-170 posts/s and a poster growing
# ~13 MB per 1,000 posts; 16,384: ~200/s and flat, docs/performance.md).
_fingerprint_cached = lru_cache(maxsize=16_384)(_fingerprint)
