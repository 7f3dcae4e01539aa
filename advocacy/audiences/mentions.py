"""Finding mentions of a reserved relationship in a post's text.

A relationship is mentioned when the text contains one of its handles as ``@handle``, one of
its profile URLs (with or without scheme or ``www.``), or its name as whole words. Matching
is case-insensitive, Unicode-normalised (NFKC) and blind to zero-width characters, so
"@Globex", "Globex Bank" in full-width letters and "Glo<zero-width space>bex Bank" are all
found.
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

# Invisible characters that could split a name or handle to slip past the check.
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))


def normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", text).translate(_INVISIBLE)


def _handle_key(handle: str) -> str:
    return normalise(handle).strip().lstrip("@").lower()


def _url_key(url: str) -> str:
    key = normalise(url).strip().lower()
    key = re.sub(r"^[a-z][a-z0-9+.-]*://", "", key)
    key = re.sub(r"^www\.", "", key)
    return key.rstrip("/")


@lru_cache(maxsize=4096)
def handle_pattern(handle: str) -> re.Pattern[str] | None:
    key = _handle_key(handle)
    if not key:
        return None
    # Not preceded by a word char, "@" or "." (that would be part of an email or another
    # handle); not followed by a word char, "-" or a "." that continues a domain.
    return re.compile(rf"(?<![\w@.])@{re.escape(key)}(?![\w-]|\.\w)", re.IGNORECASE)


@lru_cache(maxsize=4096)
def url_pattern(url: str) -> re.Pattern[str] | None:
    key = _url_key(url)
    if not key:
        return None
    return re.compile(rf"(?<![\w.-])(?:[a-z][a-z0-9+.-]*://)?(?:www\.)?{re.escape(key)}/?(?![\w-])", re.IGNORECASE)


@lru_cache(maxsize=4096)
def name_pattern(name: str) -> re.Pattern[str] | None:
    words = normalise(name).split()
    if not words:
        return None
    body = r"\s+".join(re.escape(word) for word in words)
    return re.compile(rf"(?<!\w){body}(?!\w)", re.IGNORECASE)


@dataclass(frozen=True)
class Mention:
    kind: str  # "handle", "profile_url" or "name"
    matched: str


def find_mentions(*, text: str, name: str, handles: list[dict[str, Any]], network: str) -> list[Mention]:
    """Every way ``text`` mentions the relationship. Handles count on the network they
    belong to (or "any"); profile URLs and the name count everywhere."""
    text = normalise(text)
    found: list[Mention] = []
    candidates: list[tuple[str, re.Pattern[str] | None]] = [("name", name_pattern(name))]
    for entry in handles:
        if entry.get("handle") and entry.get("network") in (network, "any"):
            candidates.append(("handle", handle_pattern(entry["handle"])))
        if entry.get("profile_url"):
            candidates.append(("profile_url", url_pattern(entry["profile_url"])))
    for kind, pattern in candidates:
        if pattern is None:
            continue
        match = pattern.search(text)
        if match:
            found.append(Mention(kind=kind, matched=match.group(0)))
    return found
