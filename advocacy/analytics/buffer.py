"""Where clicks wait between the redirect and the batch writer, without touching the database.

Two implementations of one protocol: a Redis list on the real stack, a spool directory on the
embedded default (no Redis). Both survive a restart of any process, and both hand items out
in *claims*: a claimed item is moved aside (never deleted) until the batch writer has
committed it (``ack``). A failed write puts the claim back (``release``); a claim whose worker
died is put back by ``recover`` once it is older than the claim timeout. Together with the
idempotent insert on the click id, no click is lost and none is counted twice.
"""

import functools
import os
import shutil
import socket
import threading
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import redis
from django.conf import settings
from redis.connection import parse_url


@dataclass(frozen=True)
class Claim:
    id: str
    items: list[bytes]


class ClickBuffer(Protocol):
    def push(self, item: bytes) -> None:
        """Append one item. Called on the request path: must be cheap."""
        ...

    def claim(self, limit: int) -> Claim | None:
        """Move up to ``limit`` of the oldest items aside for this worker; None when empty."""
        ...

    def ack(self, claim: Claim) -> None:
        """The items are committed to the database: forget them."""
        ...

    def release(self, claim: Claim) -> None:
        """The write failed: put the items back for the next run."""
        ...

    def recover(self, *, older_than: float) -> int:
        """Put back the items of claims older than ``older_than`` seconds (their worker died
        between claim and ack). Returns how many claims were recovered."""
        ...

    def pending(self) -> int:
        """Items waiting to be claimed."""
        ...

    def clear(self) -> None:
        """Drop everything, claims included (tests and benchmarks only)."""
        ...


# --- Redis ---------------------------------------------------------------------------------

# Moves up to ARGV[1] items from the pending list to this claim's list and records the claim,
# atomically: a crash leaves every item in exactly one of the two lists.
_CLAIM = """
local items = {}
for i = 1, tonumber(ARGV[1]) do
  local item = redis.call('LMOVE', KEYS[1], KEYS[2], 'RIGHT', 'LEFT')
  if not item then break end
  items[#items + 1] = item
end
if #items > 0 then redis.call('ZADD', KEYS[3], ARGV[2], ARGV[3]) end
return items
"""
# Puts a claim's items back at the old end of the pending list (they are claimed next).
_RELEASE = """
local moved = 0
while redis.call('LMOVE', KEYS[2], KEYS[1], 'RIGHT', 'RIGHT') do moved = moved + 1 end
redis.call('ZREM', KEYS[3], ARGV[1])
return moved
"""


@functools.cache
def _redis_client(url: str) -> redis.Redis:
    # A pool per process; redis-py reconnects after a fork (gunicorn, celery prefork).
    return redis.Redis.from_url(url, socket_timeout=5, socket_connect_timeout=2, health_check_interval=30)


class _ListPusher:
    """LPUSH over a plain socket per thread, for the request path.

    redis-py spends ~70-200 µs of CPU per command (pool checkout, packing, parsing); this
    writes one pre-encoded RESP command and reads one integer reply, a fraction of that, so
    the redirect stays close to the cost of an empty request. Everything else (claims, Lua,
    TLS or socket-path URLs) uses redis-py. A push retried after a broken connection may land
    twice: the batch writer drops the duplicate by click id."""

    def __init__(self, url: str) -> None:
        options = parse_url(url)
        self.usable = url.startswith("redis://") and "path" not in options
        self.address = (options.get("host", "127.0.0.1"), int(options.get("port", 6379)))
        handshake: list[bytes] = []
        if options.get("password"):
            credentials = [options.get("username") or "", options["password"]]
            handshake.append(_command(b"AUTH", *(part.encode() for part in credentials if part)))
        if int(options.get("db", 0)):
            handshake.append(_command(b"SELECT", str(options["db"]).encode()))
        self.handshake = b"".join(handshake)
        # Counted, not found in the bytes: a password may contain "*".
        self.handshake_replies = len(handshake)
        self.local = threading.local()

    def _socket(self) -> socket.socket:
        connected: tuple[int, socket.socket] | None = getattr(self.local, "connected", None)
        if connected is not None and connected[0] == os.getpid():  # a forked child reconnects
            return connected[1]
        sock = socket.create_connection(self.address, timeout=2)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        sock.settimeout(5)
        if self.handshake:
            sock.sendall(self.handshake)
            for reply in _replies(sock, self.handshake_replies):
                if not reply.startswith(b"+"):
                    sock.close()
                    raise redis.ConnectionError("Redis refused AUTH or SELECT")
        self.local.connected = (os.getpid(), sock)
        return sock

    def _drop(self) -> None:
        connected = getattr(self.local, "connected", None)
        self.local.connected = None
        if connected is not None:
            connected[1].close()

    def lpush(self, key: bytes, item: bytes) -> None:
        command = _command(b"LPUSH", key, item)
        for attempt in (1, 2):
            try:
                sock = self._socket()
                sock.sendall(command)
                reply = _reply(sock)
            except OSError:
                self._drop()
                if attempt == 2:
                    raise
                continue
            if not reply.startswith(b":"):
                self._drop()
                raise redis.ResponseError(reply.decode(errors="replace").strip())
            return


def _command(*parts: bytes) -> bytes:
    return b"*%d\r\n" % len(parts) + b"".join(b"$%d\r\n%s\r\n" % (len(part), part) for part in parts)


def _replies(sock: socket.socket, count: int) -> list[bytes]:
    """``count`` simple replies (+OK, :123 or -ERR ...), each one line; pipelined replies may
    arrive in one read, so lines are split from a buffer."""
    buffer = b""
    while buffer.count(b"\r\n") < count:
        chunk = sock.recv(256)
        if not chunk:
            raise ConnectionResetError("Redis closed the connection")
        buffer += chunk
    return [line + b"\r\n" for line in buffer.split(b"\r\n")[:count]]


def _reply(sock: socket.socket) -> bytes:
    return _replies(sock, 1)[0]


def _text(value: object) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)


class RedisClickBuffer:
    """Pending items in one list (LPUSH on the request path, claimed from the other end);
    each claim in a list of its own, listed in a sorted set scored by claim time."""

    def __init__(self, url: str, *, prefix: str) -> None:
        self.client = _redis_client(url)
        self.pending_key = f"{prefix}:pending"
        self.claims_key = f"{prefix}:claims"
        self.prefix = prefix
        self._claim = self.client.register_script(_CLAIM)
        self._release = self.client.register_script(_RELEASE)
        self._pusher = _ListPusher(url)
        self._pending_key_bytes = self.pending_key.encode()

    def _claim_key(self, claim_id: str) -> str:
        return f"{self.prefix}:claim:{claim_id}"

    def push(self, item: bytes) -> None:
        if self._pusher.usable:
            self._pusher.lpush(self._pending_key_bytes, item)
        else:
            self.client.lpush(self.pending_key, item)

    def claim(self, limit: int) -> Claim | None:
        claim_id = uuid.uuid4().hex
        items = self._claim(
            keys=[self.pending_key, self._claim_key(claim_id), self.claims_key], args=[limit, time.time(), claim_id]
        )
        return Claim(id=claim_id, items=list(items)) if items else None

    def ack(self, claim: Claim) -> None:
        with self.client.pipeline(transaction=True) as pipe:
            pipe.delete(self._claim_key(claim.id))
            pipe.zrem(self.claims_key, claim.id)
            pipe.execute()

    def release(self, claim: Claim) -> None:
        self._release_id(claim.id)

    def _release_id(self, claim_id: str) -> None:
        self._release(keys=[self.pending_key, self._claim_key(claim_id), self.claims_key], args=[claim_id])

    def recover(self, *, older_than: float) -> int:
        stale = self.client.zrangebyscore(self.claims_key, "-inf", time.time() - older_than)
        for claim_id in stale:
            self._release_id(_text(claim_id))
        return len(stale)

    def pending(self) -> int:
        return int(self.client.llen(self.pending_key))

    def clear(self) -> None:
        claim_keys = [self._claim_key(_text(c)) for c in self.client.zrange(self.claims_key, 0, -1)]
        self.client.delete(self.pending_key, self.claims_key, *claim_keys)


# --- Spool directory (embedded default) ------------------------------------------------------


class SpoolClickBuffer:
    """One small file per click, maildir style: written under ``tmp/`` then renamed into
    ``pending/`` (a rename is atomic, so the writer needs no lock and a reader never sees half
    a file). A claim renames files into ``claims/<time>-<id>/``; two workers racing for the
    same file cannot both win a rename."""

    def __init__(self, directory: Path | str) -> None:
        self.root = Path(directory)
        self.tmp = self.root / "tmp"
        self.pending_dir = self.root / "pending"
        self.claims = self.root / "claims"
        for folder in (self.tmp, self.pending_dir, self.claims):
            folder.mkdir(parents=True, exist_ok=True)

    def push(self, item: bytes) -> None:
        # Names sort by time, so claims take the oldest clicks first.
        name = f"{time.time_ns():020d}-{uuid.uuid4().hex}"
        path = self.tmp / name
        path.write_bytes(item)
        os.replace(path, self.pending_dir / name)

    def claim(self, limit: int) -> Claim | None:
        names = sorted(entry.name for entry in os.scandir(self.pending_dir))[:limit]
        if not names:
            return None
        claim_id = f"{time.time_ns():020d}-{uuid.uuid4().hex}"
        folder = self.claims / claim_id
        folder.mkdir()
        items = []
        for name in names:
            try:
                os.replace(self.pending_dir / name, folder / name)
            except FileNotFoundError:
                continue  # another worker claimed it first
            items.append((folder / name).read_bytes())
        if not items:
            folder.rmdir()
            return None
        return Claim(id=claim_id, items=items)

    def ack(self, claim: Claim) -> None:
        shutil.rmtree(self.claims / claim.id, ignore_errors=True)

    def release(self, claim: Claim) -> None:
        self._release_folder(self.claims / claim.id)

    def _release_folder(self, folder: Path) -> None:
        try:
            names = [entry.name for entry in os.scandir(folder)]
        except FileNotFoundError:
            return
        for name in names:
            try:
                os.replace(folder / name, self.pending_dir / name)
            except FileNotFoundError:
                continue
        shutil.rmtree(folder, ignore_errors=True)

    def recover(self, *, older_than: float) -> int:
        cutoff_ns = (time.time() - older_than) * 1e9
        stale = [entry for entry in os.scandir(self.claims) if _claimed_ns(entry.name) <= cutoff_ns]
        for entry in stale:
            self._release_folder(Path(entry.path))
        return len(stale)

    def pending(self) -> int:
        return sum(1 for _ in os.scandir(self.pending_dir))

    def clear(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)
        for folder in (self.tmp, self.pending_dir, self.claims):
            folder.mkdir(parents=True, exist_ok=True)


def _claimed_ns(name: str) -> float:
    """When a claim folder was made, from its name; anything else counts as stale."""
    stamp = name.split("-", 1)[0]
    return int(stamp) if stamp.isdigit() else 0


@functools.cache
def _redis_buffer(url: str, prefix: str) -> RedisClickBuffer:
    return RedisClickBuffer(url, prefix=prefix)


@functools.cache
def _spool_buffer(directory: str) -> SpoolClickBuffer:
    return SpoolClickBuffer(directory)


def click_buffer() -> ClickBuffer:
    """The configured buffer: Redis when ``REDIS_URL`` is set, the spool directory otherwise."""
    if settings.REDIS_URL:
        return _redis_buffer(settings.REDIS_URL, settings.CLICK_BUFFER_PREFIX)
    return _spool_buffer(str(settings.CLICK_SPOOL_DIR))
