"""The content library, its workflow actions, the grid, templates, suggestions and the feed."""

from typing import Any

from django.conf import settings
from django.utils.module_loading import import_string
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from advocacy.content import selectors, services
from advocacy.content.models import ContentItem, GridCell, MessageTemplate
from advocacy.content.serializers import (
    ContentFilterSerializer,
    ContentInputSerializer,
    ContentOutputSerializer,
    FeedFilterSerializer,
    FeedPageSerializer,
    GridCellInputSerializer,
    GridCellOutputSerializer,
    GridCellUpdateSerializer,
    GridFilterSerializer,
    GridReorderInputSerializer,
    HistoryOutputSerializer,
    RejectInputSerializer,
    SuggestionInputSerializer,
    SuggestionOutputSerializer,
    TemplateFilterSerializer,
    TemplateInputSerializer,
    TemplateOutputSerializer,
)
from advocacy.core.api import TenantAPIView, TenantViewSet
from advocacy.core.pagination import page_params, paginated_response
from advocacy.core.permissions import ALL_MEMBERS, COMMS, REVIEWERS, role_allows

LIBRARY_READERS = COMMS | REVIEWERS


class ContentViewSet(TenantViewSet):
    """The content library. Comms leads write and submit; reviewers (and admins) approve or
    reject; both can retire live content."""

    model = ContentItem
    serializer_class = ContentOutputSerializer
    permission_roles = {
        "list": LIBRARY_READERS,
        "retrieve": LIBRARY_READERS,
        "history": LIBRARY_READERS,
        "approve": REVIEWERS,
        "reject": REVIEWERS,
        "retire": LIBRARY_READERS,
        "*": COMMS,
    }

    def base_queryset(self) -> Any:
        return selectors.content_list()

    def _output(self, content: ContentItem) -> dict[str, Any]:
        return ContentOutputSerializer(self.get_queryset().get(pk=content.pk)).data

    @extend_schema(parameters=[ContentFilterSerializer])
    def list(self, request: Request, org_slug: str) -> Response:
        filters = ContentFilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        page = self.paginate_queryset(selectors.content_list(filters=filters.validated_data))
        return self.get_paginated_response(ContentOutputSerializer(page, many=True).data)

    def retrieve(self, request: Request, org_slug: str, pk: str) -> Response:
        return Response(ContentOutputSerializer(self.get_object()).data)

    @extend_schema(request=ContentInputSerializer, responses={201: ContentOutputSerializer})
    def create(self, request: Request, org_slug: str) -> Response:
        data = ContentInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        content = services.content_create(organization=self.organization, actor=self.membership, **data.validated_data)
        return Response(self._output(content), status=status.HTTP_201_CREATED)

    @extend_schema(request=ContentInputSerializer(partial=True), responses=ContentOutputSerializer)
    def partial_update(self, request: Request, org_slug: str, pk: str) -> Response:
        content = self.get_object()
        data = ContentInputSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        content = services.content_update(content=content, actor=self.membership, **data.validated_data)
        return Response(self._output(content))

    @extend_schema(
        responses={204: None},
        description="Deletes a draft that was never approved; live content is retired instead.",
    )
    def destroy(self, request: Request, org_slug: str, pk: str) -> Response:
        services.content_delete(content=self.get_object(), actor=self.membership)
        return Response(status=status.HTTP_204_NO_CONTENT)

    def _transition(self, service: Any, **kwargs: Any) -> Response:
        content = service(content=self.get_object(), actor=self.membership, **kwargs)
        return Response(self._output(content))

    @extend_schema(request=None, responses=ContentOutputSerializer)
    @action(detail=True, methods=["post"], url_path="submit")
    def submit(self, request: Request, org_slug: str, pk: str) -> Response:
        return self._transition(services.content_submit)

    @extend_schema(request=None, responses=ContentOutputSerializer)
    @action(detail=True, methods=["post"], url_path="approve")
    def approve(self, request: Request, org_slug: str, pk: str) -> Response:
        return self._transition(services.content_approve)

    @extend_schema(request=RejectInputSerializer, responses=ContentOutputSerializer)
    @action(detail=True, methods=["post"], url_path="reject")
    def reject(self, request: Request, org_slug: str, pk: str) -> Response:
        self.get_object()  # 404 before validation details
        data = RejectInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return self._transition(services.content_reject, reason=data.validated_data["reason"])

    @extend_schema(request=None, responses=ContentOutputSerializer)
    @action(detail=True, methods=["post"], url_path="retire")
    def retire(self, request: Request, org_slug: str, pk: str) -> Response:
        return self._transition(services.content_retire)

    @extend_schema(request=None, responses=ContentOutputSerializer, description="Fetch the link preview again.")
    @action(detail=True, methods=["post"], url_path="refresh-preview")
    def refresh_preview(self, request: Request, org_slug: str, pk: str) -> Response:
        return self._transition(services.content_preview_schedule)

    @extend_schema(responses=HistoryOutputSerializer)
    @action(detail=True, methods=["get"], url_path="history")
    def history(self, request: Request, org_slug: str, pk: str) -> Response:
        versions, approvals = selectors.content_history(content=self.get_object())
        return Response(HistoryOutputSerializer({"versions": versions, "approvals": approvals}).data)


class GridCellViewSet(TenantViewSet):
    """The grid: content placed per role and audience (null audience: every audience of the
    role). Members read it; comms leads arrange it."""

    model = GridCell
    serializer_class = GridCellOutputSerializer
    permission_roles = {"list": ALL_MEMBERS, "retrieve": ALL_MEMBERS, "*": COMMS}

    def base_queryset(self) -> Any:
        return selectors.grid_cell_list()

    @extend_schema(parameters=[GridFilterSerializer])
    def list(self, request: Request, org_slug: str) -> Response:
        filters = GridFilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        page = self.paginate_queryset(selectors.grid_cell_list(filters=filters.validated_data))
        return self.get_paginated_response(GridCellOutputSerializer(page, many=True).data)

    def retrieve(self, request: Request, org_slug: str, pk: str) -> Response:
        return Response(GridCellOutputSerializer(self.get_object()).data)

    @extend_schema(request=GridCellInputSerializer, responses={201: GridCellOutputSerializer})
    def create(self, request: Request, org_slug: str) -> Response:
        data = GridCellInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        fields = {"audience": None, **data.validated_data}
        cell = services.grid_cell_create(organization=self.organization, actor=self.membership, **fields)
        return Response(GridCellOutputSerializer(cell).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=GridCellUpdateSerializer, responses=GridCellOutputSerializer)
    def partial_update(self, request: Request, org_slug: str, pk: str) -> Response:
        cell = self.get_object()
        data = GridCellUpdateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        cell = services.grid_cell_update(cell=cell, actor=self.membership, **data.validated_data)
        return Response(GridCellOutputSerializer(cell).data)

    @extend_schema(responses={204: None})
    def destroy(self, request: Request, org_slug: str, pk: str) -> Response:
        services.grid_cell_delete(cell=self.get_object(), actor=self.membership)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        request=GridReorderInputSerializer,
        responses=GridCellOutputSerializer(many=True),
        description="Set the order of every cell of one role and audience in one call.",
    )
    @action(detail=False, methods=["post"], url_path="reorder")
    def reorder(self, request: Request, org_slug: str) -> Response:
        data = GridReorderInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        cells = services.grid_reorder(
            organization=self.organization,
            actor=self.membership,
            role=data.validated_data["role"],
            audience=data.validated_data.get("audience"),
            cell_ids=data.validated_data["cells"],
        )
        return Response(GridCellOutputSerializer(cells, many=True).data)


class TemplateViewSet(TenantViewSet):
    """Message templates: starting points per role or audience, never postable as-is."""

    model = MessageTemplate
    serializer_class = TemplateOutputSerializer
    permission_roles = {"list": ALL_MEMBERS, "retrieve": ALL_MEMBERS, "*": COMMS}

    def base_queryset(self) -> Any:
        return selectors.template_list()

    @extend_schema(parameters=[TemplateFilterSerializer])
    def list(self, request: Request, org_slug: str) -> Response:
        filters = TemplateFilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        page = self.paginate_queryset(selectors.template_list(filters=filters.validated_data))
        return self.get_paginated_response(TemplateOutputSerializer(page, many=True).data)

    def retrieve(self, request: Request, org_slug: str, pk: str) -> Response:
        return Response(TemplateOutputSerializer(self.get_object()).data)

    @extend_schema(request=TemplateInputSerializer, responses={201: TemplateOutputSerializer})
    def create(self, request: Request, org_slug: str) -> Response:
        data = TemplateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        template = services.template_create(
            organization=self.organization, actor=self.membership, **data.validated_data
        )
        return Response(TemplateOutputSerializer(template).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=TemplateInputSerializer(partial=True), responses=TemplateOutputSerializer)
    def partial_update(self, request: Request, org_slug: str, pk: str) -> Response:
        template = self.get_object()
        data = TemplateInputSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        template = services.template_update(template=template, actor=self.membership, **data.validated_data)
        return Response(TemplateOutputSerializer(template).data)

    @extend_schema(responses={204: None})
    def destroy(self, request: Request, org_slug: str, pk: str) -> Response:
        services.template_delete(template=self.get_object(), actor=self.membership)
        return Response(status=status.HTTP_204_NO_CONTENT)


class SuggestionViewSet(TenantViewSet):
    """Content employees found: each sees their own suggestions and what became of them;
    the comms team and reviewers see everyone's."""

    model = ContentItem
    serializer_class = SuggestionOutputSerializer
    permission_roles = {"*": ALL_MEMBERS}

    def _sees_all(self) -> bool:
        return role_allows(self.membership.org_role, LIBRARY_READERS)

    def base_queryset(self) -> Any:
        return selectors.suggestion_list(member=None if self._sees_all() else self.membership)

    def list(self, request: Request, org_slug: str) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(SuggestionOutputSerializer(page, many=True).data)

    def retrieve(self, request: Request, org_slug: str, pk: str) -> Response:
        return Response(SuggestionOutputSerializer(self.get_object()).data)

    @extend_schema(request=SuggestionInputSerializer, responses={201: SuggestionOutputSerializer})
    def create(self, request: Request, org_slug: str) -> Response:
        data = SuggestionInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        content = services.suggestion_create(
            organization=self.organization,
            member=self.membership,
            url=data.validated_data["url"],
            why=data.validated_data.get("why", ""),
        )
        return Response(SuggestionOutputSerializer(content).data, status=status.HTTP_201_CREATED)


class FeedView(TenantAPIView):
    """The employee's home: live content in the grid of their roles, newest placement first
    within grid order, with the cells it sits in and their role's angle."""

    permission_roles = {"get": ALL_MEMBERS}

    @extend_schema(parameters=[FeedFilterSerializer], responses=FeedPageSerializer)
    def get(self, request: Request, org_slug: str) -> Response:
        filters = FeedFilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        page_number, page_size = page_params(request)
        context = selectors.feed_context(membership=self.membership)
        audience = filters.validated_data.get("audience")
        role = filters.validated_data.get("role")
        feed = selectors.feed_page(
            context=context,
            audience_id=audience.pk if audience else None,
            role_id=role.pk if role else None,
            page=page_number,
            page_size=page_size,
        )
        page = feed.items
        content_ids = [item.id for item in page]
        # The shares app (above content) says where each item was already shared.
        shared: dict[Any, list[str]] = (
            import_string(settings.FEED_SHARED_NETWORKS)(member=self.membership, content_ids=content_ids)
            if settings.FEED_SHARED_NETWORKS
            else {}
        )
        role_names = {str(role.pk): role.name for role in context.roles}
        results = []
        for item in page:
            results.append(
                {
                    "id": str(item.id),
                    "version": item.number,
                    "title": item.title,
                    "url": item.url,
                    "summary": item.summary,
                    "suggested_copy": item.suggested_copy,
                    "image_url": item.image_url or item.preview_image_url,
                    "preview": {
                        "title": item.preview_title,
                        "description": item.preview_description,
                        "image_url": item.preview_image_url,
                    },
                    "language": item.language,
                    "networks": selectors.feed_networks(organization=self.organization, context=context, item=item),
                    "disclaimer": item.disclaimer or self.organization.default_disclaimer,
                    "expires_at": item.expires_at.isoformat().replace("+00:00", "Z") if item.expires_at else None,
                    "approved_at": item.approved_at.isoformat().replace("+00:00", "Z") if item.approved_at else None,
                    "angles": [
                        {"role": role_id, "role_name": role_names[role_id], "text": text}
                        for role_id, text in item.angles.items()
                        if role_id in role_names
                    ],
                    "cells": feed.cells[item.id],
                    "shared_networks": shared.get(item.id, []),
                }
            )
        # Built as plain data (FeedItemSerializer documents the shape): the feed is the
        # employees' home page and serializing field by field costs more than the queries.
        return paginated_response(
            request,
            results=results,
            total=feed.total,
            page=page_number,
            page_size=page_size,
        )
