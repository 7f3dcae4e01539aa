"""A strict local stand-in for a network's API, served over real HTTP from a thread.

Each network's server (one module per network here) registers routes; every request is
recorded; faults can be queued to make the next matching request answer 429 with
Retry-After, fail with a 5xx, hang after accepting the post (a timeout after the network
did the work), or drop the connection before reading it.
"""

import contextlib
import json
import re
import socket
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit


@dataclass
class Request:
    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]  # lower-case names
    body: bytes
    match: dict[str, str] = field(default_factory=dict)

    def json(self) -> Any:
        return json.loads(self.body or b"null")

    def form(self) -> dict[str, str]:
        return {key: values[0] for key, values in parse_qs(self.body.decode()).items()}

    def bearer(self) -> str:
        value = self.headers.get("authorization", "")
        return value[7:] if value.lower().startswith("bearer ") else ""


@dataclass
class Response:
    status: int = 200
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)

    def encoded(self) -> bytes:
        if self.body is None:
            return b""
        if isinstance(self.body, bytes):
            return self.body
        return json.dumps(self.body).encode()


@dataclass
class Fault:
    """What the next request matching ``method`` and ``path`` (a regex) suffers.

    kind: ``status`` (answer ``status`` with ``headers`` without doing anything),
    ``hang_after`` (do the work, then never answer in time), ``drop`` (close the
    connection before doing anything)."""

    kind: str
    method: str = "POST"
    path: str = ".*"
    status: int = 500
    headers: dict[str, str] = field(default_factory=dict)
    body: Any = None
    hang_seconds: float = 3.0


Handler = Callable[[Request], Response]


class FakeNetworkServer:
    def __init__(self) -> None:
        self._routes: list[tuple[str, re.Pattern[str], Handler]] = []
        self.requests: list[Request] = []
        self.faults: deque[Fault] = deque()
        self.lock = threading.RLock()
        self._server: ThreadingHTTPServer | None = None

    # --- set-up --------------------------------------------------------------------------
    def route(self, method: str, pattern: str) -> Callable[[Handler], Handler]:
        def register(handler: Handler) -> Handler:
            self._routes.append((method, re.compile(pattern + "$"), handler))
            return handler

        return register

    def inject(self, fault: Fault, times: int = 1) -> None:
        with self.lock:
            self.faults.extend([fault] * times)

    def calls(self, method: str, path: str) -> int:
        """How many requests reached ``method path`` (faults included)."""
        with self.lock:
            return sum(1 for request in self.requests if request.method == method and request.path == path)

    @property
    def url(self) -> str:
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    @contextmanager
    def running(self) -> Iterator["FakeNetworkServer"]:
        server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_class(self))
        server.daemon_threads = True
        self._server = server
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield self
        finally:
            server.shutdown()
            server.server_close()

    # --- serving -------------------------------------------------------------------------
    def _take_fault(self, method: str, path: str) -> Fault | None:
        with self.lock:
            for fault in list(self.faults):
                if fault.method == method and re.fullmatch(fault.path, path):
                    self.faults.remove(fault)
                    return fault
        return None

    def handle(self, request: Request) -> Response | None:
        """None means: drop the connection without answering."""
        with self.lock:
            self.requests.append(request)
        fault = self._take_fault(request.method, request.path)
        if fault is not None and fault.kind == "drop":
            return None
        if fault is not None and fault.kind == "status":
            return Response(fault.status, fault.body, fault.headers)
        for method, pattern, handler in self._routes:
            match = pattern.match(request.path)
            if method == request.method and match:
                request.match = match.groupdict()
                response = handler(request)
                if fault is not None and fault.kind == "hang_after":
                    time.sleep(fault.hang_seconds)
                return response
        return Response(404, {"error": "not_found", "message": f"No route {request.method} {request.path}"})


def _handler_class(server: FakeNetworkServer) -> type[BaseHTTPRequestHandler]:
    class _Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        # Headers and body go out in separate writes: without this, Nagle's algorithm and
        # the client's delayed ACK add ~40 ms to every answer.
        disable_nagle_algorithm = True

        def log_message(self, format: str, *args: Any) -> None:  # quiet
            pass

        def _serve(self) -> None:
            parts = urlsplit(self.path)
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            request = Request(
                method=self.command,
                path=parts.path,
                query={key: values[0] for key, values in parse_qs(parts.query).items()},
                headers={key.lower(): value for key, value in self.headers.items()},
                body=body,
            )
            response = server.handle(request)
            if response is None:
                self.connection.shutdown(socket.SHUT_RDWR)
                self.close_connection = True
                return
            payload = response.encoded()
            self.send_response(response.status)
            headers = {"Content-Type": "application/json", **response.headers}
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            # The client may have given up waiting (a hang_after fault).
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(payload)

        do_GET = do_POST = do_PUT = do_DELETE = _serve

    return _Handler
