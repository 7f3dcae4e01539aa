"""X: OAuth 2.0 Authorization Code with PKCE (a confidential client) and the v2 API.

Refresh tokens rotate: every refresh answers with a new refresh token and the old one is
dead from then on, so the caller must store the new one before anything else.

``weighted_length`` counts a text the way X does (twitter-text, configuration v3).
"""

import unicodedata
from typing import Any
from urllib.parse import quote

import regex  # type: ignore[import-untyped]
from django.conf import settings
from oauthlib.oauth2 import WebApplicationClient  # type: ignore[import-untyped]
from requests.auth import HTTPBasicAuth

from advocacy.networks.providers.api_client import new_session, send
from advocacy.networks.providers.base import (
    AccountIdentity,
    ConnectRequest,
    Credentials,
    Engagement,
    OutcomeUnknown,
    PostRejected,
    PostResult,
    ProviderError,
    TokenSet,
)
from advocacy.networks.providers.oauth import OAuthSession, json_object, oauth_tokens

SCOPES = ["tweet.read", "tweet.write", "users.read", "offline.access"]

# --- weighted length ---------------------------------------------------------------------
URL_WEIGHT = 23
MAX_WEIGHTED_LENGTH = 280
# Code points that weigh 1; every other one weighs 2.
_LIGHT_RANGES = ((0, 4351), (8192, 8205), (8208, 8223), (8242, 8247))

# Emoji, each counted as 2 whatever its code points: flags (regional indicator pairs),
# keycaps, and pictographs with their skin tone, presentation selector, tag sequence
# (subdivision flags) and zero-width-joiner sequences. A text-style symbol such as "©"
# without the emoji presentation selector is not an emoji here, as on X.
_SKIN_TONE = r"[\U0001F3FB-\U0001F3FF]"
_PICTOGRAPH = rf"(?:\p{{Extended_Pictographic}}\uFE0F|\p{{Emoji_Modifier_Base}}{_SKIN_TONE}|\p{{Emoji_Presentation}})"
_EMOJI_ELEMENT = rf"{_PICTOGRAPH}{_SKIN_TONE}?\uFE0F?(?:[\U000E0020-\U000E007E]+\U000E007F)?"
_EMOJI = regex.compile(
    rf"[\U0001F1E6-\U0001F1FF]{{2}}"
    rf"|[#*0-9]\uFE0F?\u20E3"
    rf"|{_EMOJI_ELEMENT}(?:\u200D(?:{_EMOJI_ELEMENT}|\p{{Extended_Pictographic}}))*"
)

# Links. X shortens every link it recognises to a t.co address of 23 characters. It
# recognises addresses with http(s)://, and bare domains under a known top-level domain.
# (The alternation is followed by a look-ahead, so its order does not matter.)
_GENERIC_TLD = (
    "academy|agency|app|art|asia|bank|bar|biz|blog|business|buzz|cafe|capital|careers|cat|center|church|city|"
    "click|cloud|club|codes|coffee|com|community|company|consulting|coop|dating|design|dev|digital|directory|"
    "domains|earth|eco|edu|education|email|energy|engineering|events|expert|finance|fit|foundation|fun|fund|"
    "games|garden|global|gmbh|gov|group|guru|health|help|host|inc|info|ink|institute|int|international|jobs|"
    "legal|life|link|live|llc|london|love|ltd|marketing|media|mil|mobi|money|museum|name|net|network|news|ngo|"
    "nyc|one|online|org|page|paris|partners|photo|photography|pizza|plus|post|pro|reviews|run|school|science|"
    "services|shop|site|social|software|solutions|space|store|studio|style|support|systems|team|tech|tel|today|"
    "tools|top|training|travel|university|vip|website|wiki|win|work|works|world|xxx|xyz|zone"
)
_LATIN_CYRILLIC = r"\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u0400-\u04ff"
_PATH_CHAR = rf"[a-z0-9!*';:=+,.$/%#\[\]\-_~@|&{_LATIN_CYRILLIC}]"
_PATH_END = rf"[a-z0-9=_#/\-+{_LATIN_CYRILLIC}]"
_PARENS = rf"\({_PATH_CHAR}+\)"
# A path ends on a letter, digit, one of = _ # / - + or a balanced parenthesis: a final
# full stop or comma is the sentence's, not the link's.
_PATH = rf"/(?:(?:{_PATH_CHAR}|{_PARENS})*(?:{_PATH_END}|{_PARENS}))?"
_QUERY = r"\?[a-z0-9!?*'();:&=+$/%#\[\]\-_.,~|@]*[a-z0-9_&=#/\-]"
_URL = regex.compile(
    rf"""
    (?<![a-z0-9@$#\uff20\uff03])https?://
        (?:[^\W_](?:[\w-]*[^\W_])?\.)+(?:xn--[a-z0-9-]+|[a-z]{{2,63}}|[\u0400-\u04ff]{{2,}})(?![a-z0-9@])
        (?::[0-9]{{1,5}})?(?:{_PATH})?(?:{_QUERY})?
    |
    (?<![a-z0-9@$#\uff20\uff03._/-])
        (?P<host>(?:[a-z0-9](?:[a-z0-9_-]*[a-z0-9])?\.)+(?P<tld>{_GENERIC_TLD}|xn--[a-z0-9]+|[a-z]{{2}}))(?![a-z0-9@])
        (?P<port>:[0-9]{{1,5}})?(?P<path>{_PATH})?(?P<query>{_QUERY})?
    """,
    regex.IGNORECASE | regex.VERBOSE,
)


def _link_spans(text: str) -> dict[int, int]:
    """Where each link X would shorten starts, and where it ends."""
    spans = {}
    for match in _URL.finditer(text):
        tld = (match.group("tld") or "").lower()
        bare_short_domain = (
            match.group("host") is not None
            and len(tld) == 2
            and match.group("host").count(".") == 1
            and not (match.group("port") or match.group("path") or match.group("query"))
        )
        # "name.io" alone is not a link on X (it is with a path, or as "name.co"/"name.tv").
        if bare_short_domain and tld not in ("co", "tv"):
            continue
        spans[match.start()] = match.end()
    return spans


def weighted_length(text: str) -> int:
    """X's length of ``text``: NFC-normalised code points weigh 1 or 2, each emoji 2, each
    link 23 whatever its length."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n")
    links = _link_spans(text)
    total = 0
    position = 0
    while position < len(text):
        link_end = links.get(position)
        if link_end is not None:
            total += URL_WEIGHT
            position = link_end
            continue
        emoji = _EMOJI.match(text, position)
        if emoji is not None:
            total += 2
            position = emoji.end()
            continue
        code_point = ord(text[position])
        total += 1 if any(low <= code_point <= high for low, high in _LIGHT_RANGES) else 2
        position += 1
    return total


# --- provider ----------------------------------------------------------------------------
class XProvider:
    name = "x"
    max_length = MAX_WEIGHTED_LENGTH
    idempotent = False

    def text_length(self, text: str) -> int:
        return weighted_length(text)

    def authorization_url(
        self, *, state: str, redirect_uri: str, code_verifier: str, request: ConnectRequest
    ) -> tuple[str, dict[str, Any]]:
        session = OAuthSession("X", client_id=settings.X_CLIENT_ID, redirect_uri=redirect_uri, scope=SCOPES)
        challenge = WebApplicationClient(settings.X_CLIENT_ID).create_code_challenge(code_verifier, "S256")
        url, _state = session.authorization_url(
            settings.X_AUTH_URL, state=state, code_challenge=challenge, code_challenge_method="S256"
        )
        return str(url), {}

    def exchange_code(
        self, *, code: str, redirect_uri: str, code_verifier: str, remembered: dict[str, Any]
    ) -> TokenSet:
        session = OAuthSession("X", client_id=settings.X_CLIENT_ID, redirect_uri=redirect_uri)
        return oauth_tokens(
            "X",
            lambda: session.fetch_token(
                settings.X_TOKEN_URL, code=code, code_verifier=code_verifier, auth=self._client_auth()
            ),
            requested_scopes=" ".join(SCOPES),
        )

    def refresh(self, *, refresh_token: str, instance: str) -> TokenSet:
        session = OAuthSession("X", client_id=settings.X_CLIENT_ID)
        return oauth_tokens(
            "X",
            lambda: session.refresh_token(settings.X_TOKEN_URL, refresh_token=refresh_token, auth=self._client_auth()),
            requested_scopes=" ".join(SCOPES),
            # X answers invalid_request ("Value passed for the token was invalid") to a
            # refresh token that was already used or revoked; our own request never varies.
            dead_grant_errors=("invalid_grant", "invalid_request"),
        )

    def fetch_identity(self, *, tokens: TokenSet, instance: str) -> AccountIdentity:
        response = send(
            new_session(),
            "GET",
            f"{settings.X_API_BASE}/2/users/me",
            writes=False,
            network="X",
            headers={"Authorization": f"Bearer {tokens.access_token}"},
        )
        data = json_object(response, "X").get("data")
        if not isinstance(data, dict) or not data.get("id"):
            raise ProviderError("X did not say which account this is.")
        username = str(data.get("username") or "")
        return AccountIdentity(
            account_id=str(data["id"]),
            account_name=str(data.get("name") or username),
            account_url=f"https://x.com/{username}" if username else "",
        )

    def post(self, *, credentials: Credentials, text: str, idempotency_key: str) -> PostResult:
        response = send(
            new_session(),
            "POST",
            f"{settings.X_API_BASE}/2/tweets",
            writes=True,
            network="X",
            headers=self._headers(credentials),
            json={"text": text},
        )
        try:
            data = json_object(response, "X").get("data")
        except ProviderError as exc:
            raise OutcomeUnknown("X accepted the post but its answer could not be read.") from exc
        if not isinstance(data, dict) or not data.get("id"):
            raise OutcomeUnknown("X accepted the post without saying which post it is.")
        post_id = str(data["id"])
        return PostResult(external_id=post_id, external_url=f"https://x.com/i/web/status/{post_id}")

    def delete(self, *, credentials: Credentials, external_id: str) -> None:
        response = send(
            new_session(),
            "DELETE",
            f"{settings.X_API_BASE}/2/tweets/{quote(external_id, safe='')}",
            writes=False,  # deleting twice is harmless: a lost answer may be retried
            network="X",
            headers=self._headers(credentials),
        )
        data = json_object(response, "X").get("data")
        if not isinstance(data, dict) or data.get("deleted") is not True:
            raise PostRejected("X did not delete the post.")

    def revoke(self, *, access_token: str, refresh_token: str, instance: str) -> bool:
        """``POST /2/oauth2/revoke`` (RFC 7009) for the refresh token, then the access token."""
        for token, hint in ((refresh_token, "refresh_token"), (access_token, "access_token")):
            if not token:
                continue
            send(
                new_session(),
                "POST",
                f"{settings.X_API_BASE}/2/oauth2/revoke",
                writes=False,  # revoking twice is harmless
                network="X",
                rate_limit_scope="app",
                auth=self._client_auth(),
                data={"token": token, "token_type_hint": hint, "client_id": settings.X_CLIENT_ID},
            )
        return True

    def engagement(self, *, credentials: Credentials, external_id: str) -> Engagement:
        response = send(
            new_session(),
            "GET",
            f"{settings.X_API_BASE}/2/tweets/{quote(external_id, safe='')}",
            writes=False,
            network="X",
            headers=self._headers(credentials),
            params={"tweet.fields": "public_metrics"},
        )
        body = json_object(response, "X")
        data = body.get("data")
        if not isinstance(data, dict):
            # X answers 200 with only "errors" for a post that does not exist (any more).
            errors = body.get("errors") or [{}]
            raise PostRejected(f"X could not read the post: {errors[0].get('detail') or 'not found'}")
        metrics = data.get("public_metrics") or {}
        impressions = metrics.get("impression_count")
        return Engagement(
            reactions=int(metrics.get("like_count") or 0),
            comments=int(metrics.get("reply_count") or 0),
            reposts=int(metrics.get("retweet_count") or 0) + int(metrics.get("quote_count") or 0),
            impressions=int(impressions) if impressions is not None else None,
        )

    @staticmethod
    def _client_auth() -> HTTPBasicAuth:
        return HTTPBasicAuth(settings.X_CLIENT_ID, settings.X_CLIENT_SECRET)

    @staticmethod
    def _headers(credentials: Credentials) -> dict[str, str]:
        return {"Authorization": f"Bearer {credentials.access_token}"}
