"""How similar two texts are, robust to case, punctuation, small edits and reordering.

Similarity is the largest of (a) the Jaccard index of word bigrams, (b) the Jaccard index of
the sets of meaningful words, which ignores reordered sentences, and (c) the share of words
in common subsequences (difflib's ratio over words), which tolerates a few words changed or
inserted anywhere. Links are left out: every share of an item carries the same one.
"""

import difflib
import itertools
import re
import unicodedata

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
    return _WORD.findall(_URL.sub(" ", text))


def _jaccard(a: set[object], b: set[object]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def similarity(first: str, second: str) -> float:
    a, b = words(first), words(second)
    if not a or not b:
        return 0.0
    bigrams = _jaccard(set(itertools.pairwise(a)), set(itertools.pairwise(b)))
    meaningful = _jaccard({w for w in a if w not in _STOPWORDS}, {w for w in b if w not in _STOPWORDS})
    # SequenceMatcher's ratio depends on argument order; take both so the score is symmetric.
    sequence = max(
        difflib.SequenceMatcher(None, a, b, autojunk=False).ratio(),
        difflib.SequenceMatcher(None, b, a, autojunk=False).ratio(),
    )
    return max(bigrams, meaningful, sequence)
