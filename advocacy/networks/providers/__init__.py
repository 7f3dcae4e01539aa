"""One provider per network, behind one interface (``NetworkProvider``)."""

from advocacy.networks.providers.base import NetworkProvider, ProviderUnavailable
from advocacy.networks.providers.sandbox import SandboxProvider

_PROVIDERS: dict[str, NetworkProvider] = {"sandbox": SandboxProvider()}


def get_provider(network: str) -> NetworkProvider:
    """The provider for ``network``. LinkedIn, X, Mastodon and Bluesky register here as
    their providers land (the shares issue); until then they are refused clearly."""
    provider = _PROVIDERS.get(network)
    if provider is None:
        raise ProviderUnavailable(network)
    return provider


__all__ = ["NetworkProvider", "ProviderUnavailable", "get_provider"]
