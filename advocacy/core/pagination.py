"""Pagination of every list: ``?page=`` / ``?page_size=`` -> ``{count, next, previous, results}``.

Its own module because DRF imports it while ``rest_framework.views`` is still loading."""

from typing import Any

from rest_framework import pagination
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param


class PageNumberPagination(pagination.PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = 100


def page_params(request: Any, *, default_size: int = 20, max_size: int = 100) -> tuple[int, int]:
    """(page, page_size) from the query string; invalid values raise NotFound like DRF's
    own pagination does for a page out of range."""
    try:
        page = int(request.query_params.get("page", 1))
        size = int(request.query_params.get("page_size", default_size))
    except ValueError as exc:
        raise NotFound("Invalid page.") from exc
    if page < 1 or size < 1:
        raise NotFound("Invalid page.")
    return page, min(size, max_size)


def paginated_response(request: Any, *, results: list[Any], total: int, page: int, page_size: int) -> Response:
    """The standard ``{count, next, previous, results}`` page for a list whose total is
    already known (for queries that count in the same round trip)."""
    if page > 1 and (page - 1) * page_size >= total:
        raise NotFound("Invalid page.")
    url = request.build_absolute_uri()
    next_url = replace_query_param(url, "page", page + 1) if page * page_size < total else None
    previous_url = None
    if page > 1:
        previous_url = remove_query_param(url, "page") if page == 2 else replace_query_param(url, "page", page - 1)
    return Response({"count": total, "next": next_url, "previous": previous_url, "results": results})
