"""How many publishing drains each organisation has in flight (services._send_drain), kept
as a counter in the cache (Redis in production, where INCR and DECR are atomic).

The counter expires ``SLOT_TTL`` seconds after it was created, whatever happens to it: a
worker that died holding a slot, or a cache that lost a decrement, costs at most that long
with fewer drains, and the beat job still sends every due share meanwhile."""

import logging
from typing import Any

from django.conf import settings
from django.core.cache import cache

SLOT_TTL = 600

logger = logging.getLogger(__name__)


def _key(organization_id: Any) -> str:
    return f"shares:drains:{organization_id}"


def take(organization_id: Any) -> bool | None:
    """True: a slot is now held for a new drain. False: every slot is busy. None: the count
    could not be read (the cache is down, or the counter expired just now), so a drain is
    sent without a slot rather than risk leaving a share unsent."""
    key = _key(organization_id)
    try:
        cache.add(key, 0, timeout=SLOT_TTL)
        held = cache.incr(key)
    except Exception:  # any cache failure: fall back to a drain without a slot
        logger.warning("drain slots of %s: cache unavailable", organization_id, exc_info=True)
        return None
    if held <= settings.SHARES_DRAINS_PER_ORGANIZATION:
        return True
    give_back(organization_id)
    return False


def give_back(organization_id: Any) -> None:
    try:
        cache.decr(_key(organization_id))
    except ValueError:
        pass  # the counter expired meanwhile and starts afresh
    except Exception:  # the counter expires on its own
        logger.warning("drain slots of %s: cache unavailable", organization_id, exc_info=True)


def clear(organization_id: Any) -> None:
    """Forget the organisation's count (a benchmark or a test starting afresh)."""
    cache.delete(_key(organization_id))


def held(organization_id: Any) -> int:
    """Slots held now."""
    return int(cache.get(_key(organization_id), 0))
