"""``GET .../exports/analytics.csv``, ``.../exports/archive.jsonl`` and ``.../exports/archive.csv``:
admins only, streamed, audited."""

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from django.http import StreamingHttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.parsers import BaseParser
from rest_framework.renderers import BaseRenderer
from rest_framework.request import Request

from advocacy.accounts.models import Organization
from advocacy.analytics import exports
from advocacy.core.api import TenantAPIView
from advocacy.core.permissions import ADMINS
from advocacy.core.serializers import QuerySerializer

ExportWriter = Callable[..., Iterator[bytes]]


class ExportRangeQuerySerializer(QuerySerializer):
    """``?from=YYYY-MM-DD&to=YYYY-MM-DD`` (``from`` is a Python keyword, hence get_fields)."""

    def get_fields(self) -> dict[str, serializers.Field[Any, Any, Any, Any]]:
        return {
            "from": serializers.DateField(
                required=False,
                help_text="First day, included (organisation's time zone). Default: 29 days before `to`.",
            ),
            "to": serializers.DateField(required=False, help_text="Last day, included. Default: today."),
        }


class AlwaysJsonNegotiation(BaseContentNegotiation):
    """A client asking for text/csv still gets its errors, as JSON like everywhere else,
    instead of a 406: the export itself is a response of its own, not rendered by DRF."""

    def select_renderer(
        self, request: Request, renderers: Iterable[BaseRenderer], format_suffix: str | None = None
    ) -> tuple[BaseRenderer, str]:
        renderer = next(iter(renderers))
        return renderer, renderer.media_type

    def select_parser(self, request: Request, parsers: Iterable[BaseParser]) -> BaseParser | None:
        return next(iter(parsers), None)


ERROR_RESPONSES = {
    400: OpenApiResponse(description="`validation_error` (a date is not YYYY-MM-DD) or `invalid_range`."),
    403: OpenApiResponse(description="Admins only."),
}


class ExportView(TenantAPIView):
    permission_roles = {"get": ADMINS}
    content_negotiation_class = AlwaysJsonNegotiation
    # Set by each export.
    kind: str
    name: str
    extension: str
    content_type: str
    writer: ExportWriter

    def get(self, request: Request, org_slug: str) -> StreamingHttpResponse:
        # ``?from=&to=`` (empty) means the default, as if absent.
        query = ExportRangeQuerySerializer(data={key: value for key, value in request.query_params.items() if value})
        query.is_valid(raise_exception=True)
        organization: Organization = self.organization
        export_range = exports.export_range_for(
            organization=organization,
            first_day=query.validated_data.get("from"),
            last_day=query.validated_data.get("to"),
        )
        exports.export_record(
            organization=organization,
            actor=request.user,  # type: ignore[arg-type]
            kind=self.kind,
            file_format=self.extension,
            export_range=export_range,
        )
        response = StreamingHttpResponse(
            self.writer(organization=organization, export_range=export_range), content_type=self.content_type
        )
        filename = exports.export_filename(
            organization=organization, name=self.name, export_range=export_range, extension=self.extension
        )
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        response["Cache-Control"] = "no-store"
        return response


class AnalyticsCsvExportView(ExportView):
    """Every share posted in the range with its figures to date (clicks count humans only)."""

    kind, name, extension = "analytics", "analytics", "csv"
    content_type = "text/csv; charset=utf-8"
    writer = staticmethod(exports.analytics_csv)

    @extend_schema(
        operation_id="exports_analytics_csv",
        parameters=[ExportRangeQuerySerializer],
        responses={(200, "text/csv"): OpenApiTypes.STR, **ERROR_RESPONSES},
    )
    def get(self, request: Request, org_slug: str) -> StreamingHttpResponse:
        return super().get(request, org_slug)


class ArchiveJsonlExportView(ExportView):
    """The compliance archive, one JSON object per posted share: exact text, network,
    account, external post, content version, approval chain, confirmation and review."""

    kind, name, extension = "archive", "archive", "jsonl"
    content_type = "application/jsonl; charset=utf-8"
    writer = staticmethod(exports.archive_jsonl)

    @extend_schema(
        operation_id="exports_archive_jsonl",
        parameters=[ExportRangeQuerySerializer],
        responses={(200, "application/jsonl"): OpenApiTypes.STR, **ERROR_RESPONSES},
    )
    def get(self, request: Request, org_slug: str) -> StreamingHttpResponse:
        return super().get(request, org_slug)


class ArchiveCsvExportView(ExportView):
    """The compliance archive as CSV; cells that look like formulas start with an apostrophe."""

    kind, name, extension = "archive", "archive", "csv"
    content_type = "text/csv; charset=utf-8"
    writer = staticmethod(exports.archive_csv)

    @extend_schema(
        operation_id="exports_archive_csv",
        parameters=[ExportRangeQuerySerializer],
        responses={(200, "text/csv"): OpenApiTypes.STR, **ERROR_RESPONSES},
    )
    def get(self, request: Request, org_slug: str) -> StreamingHttpResponse:
        return super().get(request, org_slug)
