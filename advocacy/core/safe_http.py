"""Fetching URLs that users gave us, without letting them reach our own network (SSRF).

Every hop is resolved once, every resolved address must be public (unless
``ALLOW_PRIVATE_NETWORK_HOSTS``), and the connection goes to that very address (no second
DNS lookup that could answer differently). Redirects are followed by hand, each hop checked
again. Time, size and content type are capped.
"""

import ipaddress
import json
import socket
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

import urllib3
from django.conf import settings
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import ConnectTimeoutError, NameResolutionError, NewConnectionError

Resolver = Callable[[str, int], list[str]]

# Cloud metadata services answer on these even where they are not link-local.
_METADATA_ADDRESSES = {ipaddress.ip_address("169.254.169.254"), ipaddress.ip_address("fd00:ec2::254")}


class UnsafeUrlError(Exception):
    """The URL may not be fetched (scheme, credentials, or a non-public address)."""


class FetchError(Exception):
    """The fetch failed (network, status, type, size, time)."""


def resolve(host: str, port: int) -> list[str]:
    infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


# IPv6 prefixes that carry an IPv4 address in their last 32 bits (NAT64, deprecated
# IPv4-compatible); a gateway or tunnel may deliver them to that IPv4 address.
_EMBEDDING_IPV4 = (ipaddress.ip_network("64:ff9b::/96"), ipaddress.ip_network("::/96"))
# Local-use NAT64 (RFC 8215): translated inside our own network.
_LOCAL_NAT64 = ipaddress.ip_network("64:ff9b:1::/48")
# IETF protocol assignments, not global (192.0.0.8 and others) though Python before 3.12.4
# counts some of them as global.
_IETF_PROTOCOL_ASSIGNMENTS = ipaddress.ip_network("192.0.0.0/24")


def is_public_address(address: str) -> bool:
    ip: ipaddress.IPv4Address | ipaddress.IPv6Address = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.is_site_local or ip in _LOCAL_NAT64:
            return False
        if ip.ipv4_mapped or ip.sixtofour:
            ip = ip.ipv4_mapped or ip.sixtofour  # type: ignore[assignment]
        elif any(ip in network for network in _EMBEDDING_IPV4):
            ip = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return (
        ip.is_global and not ip.is_multicast and ip not in _METADATA_ADDRESSES and ip not in _IETF_PROTOCOL_ASSIGNMENTS
    )


def check_url_shape(url: str) -> tuple[str, str, int]:
    """Scheme, host and port of an http(s) URL without credentials; raises otherwise."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise UnsafeUrlError("Only http and https addresses can be fetched.")
    if parts.username or parts.password:
        raise UnsafeUrlError("Addresses with a user name or password are not accepted.")
    if not parts.hostname:
        raise UnsafeUrlError("The address has no host.")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as exc:
        raise UnsafeUrlError("The address has an invalid port.") from exc
    return parts.scheme, parts.hostname, port


@dataclass(frozen=True)
class FetchedPage:
    url: str  # the final URL after redirects
    content_type: str
    body: bytes


def fetch_public_url(
    url: str,
    *,
    accept: tuple[str, ...] = ("text/html", "application/xhtml+xml"),
    max_bytes: int = 2 * 1024 * 1024,
    timeout: float = 5.0,
    max_redirects: int = 3,
    resolver: Resolver = resolve,
    address_allowed: Callable[[str], bool] | None = None,
) -> FetchedPage:
    allowed = address_allowed or _default_address_check()
    for _hop in range(max_redirects + 1):
        scheme, host, port = check_url_shape(url)
        address = _checked_address(host, port, resolver=resolver, allowed=allowed)
        status, headers, body = _get(scheme, host, port, address, url, timeout=timeout, max_bytes=max_bytes)
        if status in (301, 302, 303, 307, 308):
            location = headers.get("Location")
            if not location:
                raise FetchError("A redirect without a Location header.")
            url = urljoin(url, location)
            continue
        if status >= 400:
            raise FetchError(f"The page answered HTTP {status}.")
        content_type = headers.get("Content-Type", "").split(";")[0].strip().lower()
        if content_type not in accept:
            raise FetchError(f"Not a web page ({content_type or 'no content type'}).")
        return FetchedPage(url=url, content_type=content_type, body=body)
    raise FetchError("Too many redirects.")


def _default_address_check() -> Callable[[str], bool]:
    return (lambda _address: True) if settings.ALLOW_PRIVATE_NETWORK_HOSTS else is_public_address


def _checked_address(host: str, port: int, *, resolver: Resolver, allowed: Callable[[str], bool]) -> str:
    """The one address to connect to, after every address the host resolves to passed."""
    try:
        addresses = resolver(host, port)
    except OSError as exc:
        raise FetchError(f"Could not resolve {host}.") from exc
    if not addresses:
        raise FetchError(f"Could not resolve {host}.")
    if any(not allowed(address) for address in addresses):
        raise UnsafeUrlError(f"{host} points to a private or reserved address; it will not be fetched.")
    return addresses[0]


def _pool(scheme: str, host: str, port: int, address: str, timeout: float) -> urllib3.HTTPConnectionPool:
    limit = urllib3.Timeout(connect=timeout, read=timeout, total=timeout)
    if scheme == "https":
        # Connect to the checked address; verify the certificate for the host name.
        return urllib3.HTTPSConnectionPool(
            address, port, server_hostname=host, assert_hostname=host, timeout=limit, retries=False
        )
    return urllib3.HTTPConnectionPool(address, port, timeout=limit, retries=False)


def post_json_to_public_url(
    url: str,
    payload: Mapping[str, object],
    *,
    timeout: float = 5.0,
    max_response_bytes: int = 64 * 1024,
    resolver: Resolver = resolve,
    address_allowed: Callable[[str], bool] | None = None,
) -> int:
    """POST JSON to a URL someone gave us (a chat webhook), under the same guard as
    ``fetch_public_url``. Redirects are not followed: a webhook has no reason to move, and
    following one would re-send the body somewhere we never checked. Returns the status;
    raises FetchError on a network error or an HTTP error status."""
    scheme, host, port = check_url_shape(url)
    address = _checked_address(host, port, resolver=resolver, allowed=address_allowed or _default_address_check())
    parts = urlsplit(url)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    host_header = host if port in (80, 443) else f"{host}:{port}"
    pool = _pool(scheme, host, port, address, timeout)
    try:
        response = pool.urlopen(
            "POST",
            path,
            body=json.dumps(payload).encode(),
            headers={"Host": host_header, "User-Agent": "Advocacy/1.0", "Content-Type": "application/json"},
            redirect=False,
            preload_content=False,
        )
        # Read (a capped amount of) the answer so the connection ends cleanly; it is not used.
        received = 0
        for chunk in response.stream(16 * 1024):
            received += len(chunk)
            if received > max_response_bytes:
                break
        status = int(response.status)
    except urllib3.exceptions.HTTPError as exc:
        raise FetchError(f"Could not reach the webhook ({type(exc).__name__}).") from exc
    finally:
        pool.close()
    if status >= 300:
        raise FetchError(f"The webhook answered HTTP {status}.")
    return status


def _get(
    scheme: str, host: str, port: int, address: str, url: str, *, timeout: float, max_bytes: int
) -> tuple[int, Mapping[str, str], bytes]:
    parts = urlsplit(url)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    pool = _pool(scheme, host, port, address, timeout)
    host_header = host if port in (80, 443) else f"{host}:{port}"
    try:
        response = pool.urlopen(
            "GET",
            path,
            headers={"Host": host_header, "User-Agent": "AdvocacyPreview/1.0", "Accept": "text/html"},
            redirect=False,
            preload_content=False,
        )
        body = bytearray()
        for chunk in response.stream(64 * 1024):
            body += chunk
            if len(body) > max_bytes:
                raise FetchError("The page is too large.")
        return response.status, response.headers, bytes(body)
    except urllib3.exceptions.HTTPError as exc:
        raise FetchError(f"Could not fetch the page ({type(exc).__name__}).") from exc
    finally:
        pool.close()


# --- A requests adapter for API hosts users name (Mastodon instances, SSO identity providers)


class AddressRefusedError(OSError):
    """The host resolves to a private or reserved address."""


def _checked_connection(host: str, port: int, timeout: Any) -> socket.socket:
    try:
        addresses = resolve(host, port)
    except OSError as exc:
        raise NameResolutionError(host, None, exc) from exc  # type: ignore[arg-type]
    allowed = settings.ALLOW_PRIVATE_NETWORK_HOSTS
    if not addresses or not all(allowed or is_public_address(address) for address in addresses):
        raise AddressRefusedError(f"{host} points to a private or reserved address.")
    return socket.create_connection((addresses[0], port), timeout=timeout)


class _GuardedHTTPConnection(HTTPConnection):
    def _new_conn(self) -> socket.socket:
        try:
            return _checked_connection(self._dns_host, self.port, self.timeout)
        except TimeoutError as exc:
            raise ConnectTimeoutError(self, f"Connection to {self.host} timed out.") from exc
        except AddressRefusedError:
            raise
        except OSError as exc:
            raise NewConnectionError(self, f"Failed to connect: {exc}") from exc


class _GuardedHTTPSConnection(HTTPSConnection, _GuardedHTTPConnection):
    pass


class _GuardedHTTPPool(HTTPConnectionPool):
    ConnectionCls = _GuardedHTTPConnection


class _GuardedHTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _GuardedHTTPSConnection


class GuardedAdapter(HTTPAdapter):
    """Every connection goes to an address that was resolved and checked once (no second
    DNS lookup that could answer differently); private or reserved addresses are refused
    unless ``ALLOW_PRIVATE_NETWORK_HOSTS``. Certificates are still checked by host name.
    Mount it on a session with ``trust_env = False``: a proxy would bypass it."""

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {"http": _GuardedHTTPPool, "https": _GuardedHTTPSPool}
