"""Pagination of every list: ``?page=`` / ``?page_size=`` -> ``{count, next, previous, results}``.

Its own module because DRF imports it while ``rest_framework.views`` is still loading."""

from rest_framework import pagination


class PageNumberPagination(pagination.PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = 100
