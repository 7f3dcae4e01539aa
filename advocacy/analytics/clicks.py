"""A click as it travels from the redirect, through the buffer, to the batch writer.

Privacy: the visitor is a SHA-256 of (daily salt, IP address, user agent). The salt is derived
from SECRET_KEY and the UTC date and is never stored, so a hash cannot be reversed to an
address, nor linked to the same visitor on another day. Only the referrer's host is kept.
"""

import functools
import hashlib
import hmac
import json
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest

from advocacy.analytics.bots import looks_like_bot
from advocacy.analytics.links import TrackedLink

MAX_USER_AGENT = 512
MAX_HOST = 255


@dataclass(frozen=True)
class BufferedClick:
    id: uuid.UUID
    clicked_at: datetime
    share_id: uuid.UUID
    organization_id: uuid.UUID
    visitor_hash: str
    referrer_host: str
    is_bot: bool

    def encode(self) -> bytes:
        return json.dumps(
            {
                "id": self.id.hex,
                "at": self.clicked_at.timestamp(),
                "share": self.share_id.hex,
                "org": self.organization_id.hex,
                "visitor": self.visitor_hash,
                "referrer": self.referrer_host,
                "bot": self.is_bot,
            },
            separators=(",", ":"),
        ).encode()

    @classmethod
    def decode(cls, raw: bytes) -> "BufferedClick":
        """Raises ValueError (or KeyError / TypeError) for anything that is not a click."""
        data: dict[str, Any] = json.loads(raw)
        return cls(
            id=uuid.UUID(data["id"]),
            clicked_at=datetime.fromtimestamp(float(data["at"]), tz=UTC),
            share_id=uuid.UUID(data["share"]),
            organization_id=uuid.UUID(data["org"]),
            visitor_hash=str(data["visitor"])[:64],
            referrer_host=str(data["referrer"])[:MAX_HOST],
            is_bot=bool(data["bot"]),
        )


@functools.lru_cache(maxsize=4)
def _daily_salt(day: date, secret_key: str) -> bytes:
    return hmac.new(secret_key.encode(), f"advocacy.analytics.visitor:{day.isoformat()}".encode(), "sha256").digest()


def visitor_hash(*, ip: str, user_agent: str, day: date) -> str:
    salt = _daily_salt(day, settings.SECRET_KEY)
    return hashlib.sha256(salt + b"\0" + ip.encode() + b"\0" + user_agent.encode(errors="replace")).hexdigest()


def referrer_host(referrer: str) -> str:
    try:
        return (urlsplit(referrer).hostname or "")[:MAX_HOST]
    except ValueError:  # e.g. an invalid IPv6 literal
        return ""


def client_ip(request: HttpRequest) -> str:
    """REMOTE_ADDR, or the header a trusted proxy sets (CLICK_CLIENT_IP_HEADER, e.g.
    HTTP_X_REAL_IP). Only used to tell visitors apart, never stored."""
    header = settings.CLICK_CLIENT_IP_HEADER
    if header:
        forwarded = request.META.get(header, "")
        if forwarded:
            return str(forwarded).split(",")[0].strip()
    return str(request.META.get("REMOTE_ADDR", ""))


def click_from_request(request: HttpRequest, link: TrackedLink) -> BufferedClick:
    clicked_at = datetime.fromtimestamp(time.time(), tz=UTC)
    user_agent = str(request.META.get("HTTP_USER_AGENT", ""))[:MAX_USER_AGENT]
    return BufferedClick(
        id=uuid.uuid4(),
        clicked_at=clicked_at,
        share_id=uuid.UUID(link.share_id),
        organization_id=uuid.UUID(link.organization_id),
        visitor_hash=visitor_hash(ip=client_ip(request), user_agent=user_agent, day=clicked_at.date()),
        referrer_host=referrer_host(str(request.META.get("HTTP_REFERER", ""))),
        is_bot=looks_like_bot(user_agent=user_agent, method=request.method or "GET"),
    )
