"""The shares app's fixtures (a Sales member sharing approved content), for the stale-claim tests."""

from tests.shares.conftest import content, sales, sharer  # noqa: F401 - fixtures
