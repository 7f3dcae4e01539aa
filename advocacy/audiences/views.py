"""Audiences, the role x audience map and reserved relationships."""

from typing import Any

from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from advocacy.audiences import selectors, services
from advocacy.audiences.models import Audience, ReservedRelationship, RoleAudience
from advocacy.audiences.serializers import (
    ArchivedFilterSerializer,
    AudienceInputSerializer,
    AudienceOutputSerializer,
    MatrixOutputSerializer,
    ReservedCheckInputSerializer,
    ReservedRelationshipInputSerializer,
    ReservedRelationshipOutputSerializer,
    RoleAudienceFilterSerializer,
    RoleAudienceInputSerializer,
    RoleAudienceOutputSerializer,
    RoleAudienceUpdateSerializer,
)
from advocacy.core.api import ArchivableMixin, ObjectGrantsMixin, TenantViewSet
from advocacy.core.permissions import ADMINS, ALL_MEMBERS, COMMS

READ_ALL_WRITE_COMMS = {"list": ALL_MEMBERS, "retrieve": ALL_MEMBERS, "*": COMMS}
AUDIENCE_WRITE_GRANT = "audiences.change_audience"


class AudienceViewSet(ArchivableMixin, ObjectGrantsMixin, TenantViewSet):
    """Target audiences. Comms leads and admins write, members read; an admin may grant one
    member control of one audience."""

    model = Audience
    serializer_class = AudienceOutputSerializer
    permission_roles = {**READ_ALL_WRITE_COMMS, "grants": ADMINS, "grant_remove": ADMINS}
    object_grants = {"partial_update": AUDIENCE_WRITE_GRANT, "destroy": AUDIENCE_WRITE_GRANT}

    def base_queryset(self) -> Any:
        return selectors.audience_list(include_archived=True)

    @extend_schema(parameters=[ArchivedFilterSerializer])
    def list(self, request: Request, org_slug: str) -> Response:
        filters = ArchivedFilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        page = self.paginate_queryset(selectors.audience_list(**filters.validated_data))
        return self.get_paginated_response(self.output(many=page))

    def retrieve(self, request: Request, org_slug: str, pk: str) -> Response:
        return Response(self.output(self.get_object()))

    @extend_schema(request=AudienceInputSerializer, responses={201: AudienceOutputSerializer})
    def create(self, request: Request, org_slug: str) -> Response:
        data = AudienceInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        audience = services.audience_create(organization=self.organization, actor=request.user, **data.validated_data)  # type: ignore[arg-type]
        return Response(self.output(audience), status=status.HTTP_201_CREATED)

    @extend_schema(request=AudienceInputSerializer(partial=True), responses=AudienceOutputSerializer)
    def partial_update(self, request: Request, org_slug: str, pk: str) -> Response:
        audience = self.get_object()
        data = AudienceInputSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        audience = services.audience_update(audience=audience, actor=request.user, **data.validated_data)  # type: ignore[arg-type]
        return Response(self.output(audience))


class RoleAudienceViewSet(TenantViewSet):
    """Which role engages which audience, and how: lead, support or avoid."""

    model = RoleAudience
    serializer_class = RoleAudienceOutputSerializer
    permission_roles = {**READ_ALL_WRITE_COMMS, "matrix": ALL_MEMBERS}

    def base_queryset(self) -> Any:
        return selectors.role_audience_list()

    @extend_schema(parameters=[RoleAudienceFilterSerializer])
    def list(self, request: Request, org_slug: str) -> Response:
        filters = RoleAudienceFilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        page = self.paginate_queryset(selectors.role_audience_list(filters=filters.validated_data))
        return self.get_paginated_response(RoleAudienceOutputSerializer(page, many=True).data)

    def retrieve(self, request: Request, org_slug: str, pk: str) -> Response:
        return Response(RoleAudienceOutputSerializer(self.get_object()).data)

    @extend_schema(request=RoleAudienceInputSerializer, responses={201: RoleAudienceOutputSerializer})
    def create(self, request: Request, org_slug: str) -> Response:
        data = RoleAudienceInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        link = services.role_audience_create(organization=self.organization, actor=request.user, **data.validated_data)  # type: ignore[arg-type]
        return Response(RoleAudienceOutputSerializer(link).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=RoleAudienceUpdateSerializer, responses=RoleAudienceOutputSerializer)
    def partial_update(self, request: Request, org_slug: str, pk: str) -> Response:
        link = self.get_object()
        data = RoleAudienceUpdateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        link = services.role_audience_update(link=link, actor=request.user, **data.validated_data)  # type: ignore[arg-type]
        return Response(RoleAudienceOutputSerializer(link).data)

    @extend_schema(responses={204: None})
    def destroy(self, request: Request, org_slug: str, pk: str) -> Response:
        services.role_audience_delete(link=self.get_object(), actor=request.user)  # type: ignore[arg-type]
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(responses=MatrixOutputSerializer)
    @action(detail=False, methods=["get"], url_path="matrix")
    def matrix(self, request: Request, org_slug: str) -> Response:
        # Built by the selector as plain data: serializing thousands of cells field by
        # field costs more than the queries (see bench/bench_strategy.py).
        return Response(selectors.role_audience_matrix())


class ReservedRelationshipViewSet(TenantViewSet):
    """Relationships only certain people may engage. Members read them (so they know whom
    to leave alone and whom to ask); comms leads and admins write."""

    model = ReservedRelationship
    serializer_class = ReservedRelationshipOutputSerializer
    permission_roles = {**READ_ALL_WRITE_COMMS, "check": ALL_MEMBERS}

    def base_queryset(self) -> Any:
        return selectors.reserved_relationship_list()

    def list(self, request: Request, org_slug: str) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(ReservedRelationshipOutputSerializer(page, many=True).data)

    def retrieve(self, request: Request, org_slug: str, pk: str) -> Response:
        return Response(ReservedRelationshipOutputSerializer(self.get_object()).data)

    def _output(self, relationship: ReservedRelationship) -> dict[str, Any]:
        return ReservedRelationshipOutputSerializer(self.get_queryset().get(pk=relationship.pk)).data

    @extend_schema(request=ReservedRelationshipInputSerializer, responses={201: ReservedRelationshipOutputSerializer})
    def create(self, request: Request, org_slug: str) -> Response:
        data = ReservedRelationshipInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        relationship = services.reserved_relationship_create(
            organization=self.organization,
            actor=request.user,  # type: ignore[arg-type]
            **data.validated_data,
        )
        return Response(self._output(relationship), status=status.HTTP_201_CREATED)

    @extend_schema(
        request=ReservedRelationshipInputSerializer(partial=True), responses=ReservedRelationshipOutputSerializer
    )
    def partial_update(self, request: Request, org_slug: str, pk: str) -> Response:
        relationship = self.get_object()
        data = ReservedRelationshipInputSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        relationship = services.reserved_relationship_update(
            relationship=relationship,
            actor=request.user,  # type: ignore[arg-type]
            **data.validated_data,
        )
        return Response(self._output(relationship))

    @extend_schema(responses={204: None})
    def destroy(self, request: Request, org_slug: str, pk: str) -> Response:
        services.reserved_relationship_delete(relationship=self.get_object(), actor=request.user)  # type: ignore[arg-type]
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        request=ReservedCheckInputSerializer,
        responses=inline_serializer(
            "ReservedCheckOutput",
            {
                "ok": serializers.BooleanField(),
                "blocking": inline_serializer(
                    "ReservedBlocking",
                    {
                        "relationship": serializers.UUIDField(),
                        "name": serializers.CharField(),
                        "detail": serializers.CharField(),
                        "matched": serializers.ListField(child=serializers.CharField()),
                    },
                    many=True,
                ),
            },
        ),
        description="Would this text, posted by me on this network, touch a reserved relationship "
        "I may not engage? The composer calls it as the employee types.",
    )
    @action(detail=False, methods=["post"], url_path="check")
    def check(self, request: Request, org_slug: str) -> Response:
        data = ReservedCheckInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        blocking = selectors.reserved_relationships_blocking(member=self.membership, **data.validated_data)
        return Response(
            {
                "ok": not blocking,
                "blocking": [
                    {
                        "relationship": b.relationship_id,
                        "name": b.name,
                        "detail": b.detail,
                        "matched": [m.matched for m in b.mentions],
                    }
                    for b in blocking
                ],
            }
        )
