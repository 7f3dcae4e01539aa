"""The caller's network connections, the OAuth callback, and the sandbox network's posts."""

from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpResponseRedirect
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from advocacy.core.api import TenantAPIView, TenantViewSet
from advocacy.core.errors import DomainError
from advocacy.core.pagination import PageNumberPagination
from advocacy.core.permissions import ALL_MEMBERS
from advocacy.core.schema import ApiErrorSerializer
from advocacy.core.serializers import QuerySerializer
from advocacy.networks import selectors, services
from advocacy.networks.models import NetworkConnection
from advocacy.networks.providers.base import ConnectRequest
from advocacy.networks.serializers import (
    ConnectionOutputSerializer,
    SandboxPostOutputSerializer,
    StartInputSerializer,
    StartOutputSerializer,
)


class ConnectionViewSet(TenantViewSet):
    """My own network connections: list, disconnect, and start connecting a network."""

    model = NetworkConnection
    serializer_class = ConnectionOutputSerializer
    permission_roles = {"*": ALL_MEMBERS}

    def base_queryset(self) -> Any:
        return selectors.connection_list_for_member(membership=self.membership)

    def list(self, request: Request, org_slug: str) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(self.output(many=page))

    def retrieve(self, request: Request, org_slug: str, pk: str) -> Response:
        return Response(self.output(self.get_object()))

    @extend_schema(responses={204: None}, description="Disconnects: the tokens are erased at once.")
    def destroy(self, request: Request, org_slug: str, pk: str) -> Response:
        services.connection_revoke(connection=self.get_object(), actor=request.user)  # type: ignore[arg-type]
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        request=StartInputSerializer,
        responses=StartOutputSerializer,
        description="Mastodon needs `instance`; Bluesky `handle` and `app_password` (an app password, "
        "never the account password). Other networks need no body.",
    )
    @action(detail=False, methods=["post"], url_path=r"(?P<network>[a-z]+)/start")
    def start(self, request: Request, org_slug: str, network: str) -> Response:
        data = StartInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        url = services.connection_start(
            membership=self.membership, network=network, request=ConnectRequest(**data.validated_data)
        )
        return Response({"authorization_url": url})


class CallbackQuerySerializer(QuerySerializer):
    code = serializers.CharField(max_length=2000)
    state = serializers.CharField(max_length=2000)


class ConnectionCallbackView(APIView):
    """Where the network sends the employee back. Browsers are redirected to the SPA's
    connections page (with ``?connected=`` or ``?error=``); API clients get JSON."""

    def perform_content_negotiation(self, request: Request, force: bool = False) -> Any:
        # Browsers ask for HTML: they get a redirect, never a 406.
        return super().perform_content_negotiation(request, force=True)

    @extend_schema(
        parameters=[CallbackQuerySerializer],
        responses={
            200: ConnectionOutputSerializer,
            302: OpenApiResponse(description="Browsers: back to the SPA's connections page."),
            409: ApiErrorSerializer,
            422: ApiErrorSerializer,
        },
    )
    def get(self, request: Request, network: str) -> Any:
        wants_html = "text/html" in request.headers.get("Accept", "")
        query = CallbackQuerySerializer(data=request.query_params)
        if not query.is_valid():
            if wants_html:
                return HttpResponseRedirect(
                    f"{settings.FRONTEND_URL}/?{urlencode({'connect_error': 'invalid_callback'})}"
                )
            query.is_valid(raise_exception=True)
        try:
            user: Any = request.user
            connection = services.connection_complete(network=network, user=user, **query.validated_data)
        except DomainError as exc:
            if wants_html:
                slug = services.connection_state_organization_slug(query.validated_data["state"])
                page = f"/o/{slug}/connections" if slug else "/"
                return HttpResponseRedirect(f"{settings.FRONTEND_URL}{page}?{urlencode({'connect_error': exc.code})}")
            raise
        if wants_html:
            slug = connection.organization.slug
            return HttpResponseRedirect(
                f"{settings.FRONTEND_URL}/o/{slug}/connections?{urlencode({'connected': network})}"
            )
        return Response(ConnectionOutputSerializer(connection).data)


class SandboxPostsView(TenantAPIView):
    """What the built-in sandbox network received in this organisation, newest first."""

    permission_roles = {"get": ALL_MEMBERS}
    pagination_class = PageNumberPagination

    @extend_schema(responses=SandboxPostOutputSerializer(many=True), parameters=[OpenApiParameter("page", int)])
    def get(self, request: Request, org_slug: str) -> Response:
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(selectors.sandbox_post_list(), request, view=self)
        return paginator.get_paginated_response(SandboxPostOutputSerializer(page, many=True).data)
