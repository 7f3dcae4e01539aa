"""One provider per network, behind one interface (``NetworkProvider``)."""

from functools import cache

from django.conf import settings
from django.utils.module_loading import import_string

from advocacy.networks.providers.base import NetworkProvider, ProviderUnavailable

_PROVIDER_CLASSES = {
    "sandbox": "advocacy.networks.providers.sandbox.SandboxProvider",
    "linkedin": "advocacy.networks.providers.linkedin.LinkedInProvider",
    "x": "advocacy.networks.providers.x.XProvider",
    "mastodon": "advocacy.networks.providers.mastodon.MastodonProvider",
    "bluesky": "advocacy.networks.providers.bluesky.BlueskyProvider",
}
# OAuth networks with one app of ours: without its client id they cannot be connected.
_REQUIRED_SETTING = {"linkedin": "LINKEDIN_CLIENT_ID", "x": "X_CLIENT_ID"}


@cache
def _provider(network: str) -> NetworkProvider:
    provider: NetworkProvider = import_string(_PROVIDER_CLASSES[network])()
    return provider


def get_provider(network: str) -> NetworkProvider:
    """The provider for ``network``; ``ProviderUnavailable`` when it is unknown or this
    server has no app credentials for it."""
    if network not in _PROVIDER_CLASSES:
        raise ProviderUnavailable(network)
    required = _REQUIRED_SETTING.get(network)
    if required and not getattr(settings, required, ""):
        raise ProviderUnavailable(network)
    return _provider(network)


def text_length_provider(network: str) -> NetworkProvider:
    """The provider whose length rules apply, configured or not (drafts are checked the same
    on every server)."""
    if network not in _PROVIDER_CLASSES:
        raise ProviderUnavailable(network)
    return _provider(network)


__all__ = ["NetworkProvider", "ProviderUnavailable", "get_provider", "text_length_provider"]
