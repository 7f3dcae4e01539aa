"""Query-count helpers: list endpoints must cost the same for 1 row and for 50."""

from collections.abc import Callable
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext


def count_queries(client: Any, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, response.content
    return len(captured)


def assert_constant_queries(client: Any, path: str, add_rows: Callable[[int], None], *, budget: int) -> None:
    """Same number of queries with 1 and 50 rows, and no more than ``budget``."""
    client.get(path)  # warm the session and caches
    add_rows(1)
    one = count_queries(client, path)
    add_rows(49)
    fifty = count_queries(client, path)
    assert fifty == one, f"{path}: {one} queries for 1 row, {fifty} for 50"
    assert fifty <= budget, f"{path}: {fifty} queries, budget {budget}"
