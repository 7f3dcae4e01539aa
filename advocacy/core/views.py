"""Platform endpoints: health, CSRF cookie, the audit log, and the SPA's index page."""

from typing import Any

import django_filters
from django.conf import settings
from django.db import connection
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.views.decorators.csrf import ensure_csrf_cookie
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from advocacy.core.api import TenantViewSet
from advocacy.core.audit import audit_verify
from advocacy.core.models import AuditEvent
from advocacy.core.permissions import ADMINS
from advocacy.core.serializers import OutputSerializer


def healthz(request: HttpRequest) -> HttpResponse:
    """Liveness: the process answers. Touches no database on purpose."""
    return JsonResponse({"status": "ok"})


def readyz(request: HttpRequest) -> HttpResponse:
    """Readiness: the database (and Redis, when configured) answer."""
    checks: dict[str, str] = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
    except Exception as exc:  # any failure means "not ready", with the reason
        checks["database"] = f"error: {type(exc).__name__}"
    if settings.REDIS_URL:
        import redis

        try:
            redis.Redis.from_url(settings.REDIS_URL, socket_timeout=2).ping()
            checks["redis"] = "ok"
        except Exception as exc:
            checks["redis"] = f"error: {type(exc).__name__}"
    ready = all(value == "ok" for value in checks.values())
    return JsonResponse({"status": "ok" if ready else "unavailable", "checks": checks}, status=200 if ready else 503)


@ensure_csrf_cookie
def csrf(request: HttpRequest) -> HttpResponse:
    """Sets the ``csrftoken`` cookie for the SPA before its first unsafe request."""
    return HttpResponse(status=204)


def spa_index(request: HttpRequest, path: str = "") -> HttpResponseBase:
    """Every non-API path renders the SPA, which routes on the client."""
    index = settings.SPA_DIST_DIR / "index.html"
    if not index.exists():
        return HttpResponse(
            "The web app is not built yet. Run `make run` (it builds it), or `npm run build` in frontend/.",
            status=503,
            content_type="text/plain",
        )
    response = FileResponse(index.open("rb"), content_type="text/html")
    response["Cache-Control"] = "no-cache"
    return response


def api_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if request.path.startswith("/api/"):
        return JsonResponse({"code": "not_found", "detail": "Not found."}, status=404)
    from django.views.defaults import page_not_found

    return page_not_found(request, exception or Exception("Not found"))


def api_server_error(request: HttpRequest) -> HttpResponse:
    if request.path.startswith("/api/"):
        return JsonResponse(
            {"code": "server_error", "detail": "Something went wrong on our side. It has been logged."}, status=500
        )
    from django.views.defaults import server_error

    return server_error(request)


class AuditEventOutputSerializer(OutputSerializer):
    id = serializers.UUIDField()
    seq = serializers.IntegerField()
    created_at = serializers.DateTimeField()
    actor_email = serializers.CharField()
    verb = serializers.CharField()
    object_type = serializers.CharField()
    object_id = serializers.CharField()
    before = serializers.JSONField()
    after = serializers.JSONField()
    hash = serializers.CharField()


class AuditEventFilter(django_filters.FilterSet):
    # Declared rather than generated from Meta.fields: generation queries the default
    # manager at import time, outside any tenant.
    verb = django_filters.CharFilter()
    actor_email = django_filters.CharFilter(lookup_expr="iexact")
    object_type = django_filters.CharFilter()
    object_id = django_filters.CharFilter()


class AuditEventViewSet(TenantViewSet):
    """The organisation's audit log, newest first; ``verify`` recomputes the hash chain."""

    model = AuditEvent
    permission_roles = {"*": ADMINS}
    serializer_class = AuditEventOutputSerializer
    filterset_class = AuditEventFilter

    def base_queryset(self) -> Any:
        return AuditEvent.objects.order_by("-seq")

    def list(self, request: Request, org_slug: str) -> Response:
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        return self.get_paginated_response(AuditEventOutputSerializer(page, many=True).data)

    def retrieve(self, request: Request, org_slug: str, pk: str) -> Response:
        return Response(AuditEventOutputSerializer(self.get_object()).data)

    @extend_schema(
        responses=inline_serializer(
            "AuditVerifyOutput",
            {
                "ok": serializers.BooleanField(),
                "events_checked": serializers.IntegerField(),
                "first_broken_seq": serializers.IntegerField(allow_null=True),
            },
        )
    )
    @action(detail=False, methods=["get"], url_path="verify")
    def verify(self, request: Request, org_slug: str) -> Response:
        result = audit_verify(organization_id=self.organization.pk)
        return Response(
            {"ok": result.ok, "events_checked": result.events_checked, "first_broken_seq": result.first_broken_seq}
        )
