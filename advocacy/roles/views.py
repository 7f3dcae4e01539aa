"""Advocacy roles, and the people endpoints that show them (``/me``, ``/members/``): this
is the lowest app that knows both members and their roles."""

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from advocacy.accounts import data_rights
from advocacy.accounts import services as account_services
from advocacy.accounts.models import Membership
from advocacy.accounts.serializers import ConfirmInputSerializer, MemberDataExportSerializer
from advocacy.core.api import ArchivableMixin, ObjectGrantsMixin, TenantViewSet
from advocacy.core.permissions import ADMINS, ALL_MEMBERS, COMMS, role_allows
from advocacy.core.serializers import OutputSerializer
from advocacy.roles import selectors, services
from advocacy.roles.models import AdvocacyRole
from advocacy.roles.serializers import (
    MemberFilterSerializer,
    MemberNameOutputSerializer,
    MemberOutputSerializer,
    MemberUpdateInputSerializer,
    MeOutputSerializer,
    RoleFilterSerializer,
    RoleInputSerializer,
    RoleOutputSerializer,
)

ROLE_WRITE_GRANT = "roles.change_advocacyrole"


class MeView(APIView):
    @extend_schema(responses=MeOutputSerializer)
    def get(self, request: Request) -> Response:
        user: Any = request.user
        data = {
            "id": user.pk,
            "email": user.email,
            "name": user.name,
            "memberships": selectors.memberships_with_roles_for_user(user=user),
        }
        return Response(MeOutputSerializer(data).data)


class RoleViewSet(ArchivableMixin, ObjectGrantsMixin, TenantViewSet):
    """Advocacy roles. Comms leads and admins write; members read; an admin may grant one
    member control of one role (``grants``)."""

    model = AdvocacyRole
    serializer_class = RoleOutputSerializer
    permission_roles = {
        "list": ALL_MEMBERS,
        "retrieve": ALL_MEMBERS,
        "grants": ADMINS,
        "grant_remove": ADMINS,
        "*": COMMS,
    }
    object_grants = {"partial_update": ROLE_WRITE_GRANT, "destroy": ROLE_WRITE_GRANT}

    def base_queryset(self) -> Any:
        return selectors.role_list(include_archived=True)

    @extend_schema(parameters=[RoleFilterSerializer])
    def list(self, request: Request, org_slug: str) -> Response:
        filters = RoleFilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        page = self.paginate_queryset(selectors.role_list(**filters.validated_data))
        return self.get_paginated_response(self.output(many=page))

    def retrieve(self, request: Request, org_slug: str, pk: str) -> Response:
        return Response(self.output(self.get_object()))

    @extend_schema(request=RoleInputSerializer, responses={201: RoleOutputSerializer})
    def create(self, request: Request, org_slug: str) -> Response:
        data = RoleInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        role = services.role_create(organization=self.organization, actor=request.user, **data.validated_data)  # type: ignore[arg-type]
        return Response(self.output(role), status=status.HTTP_201_CREATED)

    @extend_schema(request=RoleInputSerializer(partial=True), responses=RoleOutputSerializer)
    def partial_update(self, request: Request, org_slug: str, pk: str) -> Response:
        role = self.get_object()
        data = RoleInputSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        role = services.role_update(role=role, actor=request.user, **data.validated_data)  # type: ignore[arg-type]
        return Response(self.output(role))


class MembershipViewSet(TenantViewSet):
    """Members of the organisation. Admins and comms leads see full rows; colleagues see
    names and roles only. Admins change roles, flags and deactivate."""

    model = Membership
    serializer_class = MemberOutputSerializer
    permission_roles = {"list": ALL_MEMBERS, "retrieve": ALL_MEMBERS, "*": ADMINS}

    def base_queryset(self) -> Any:
        return selectors.member_list_with_roles()

    def _output_class(self) -> type[OutputSerializer]:
        return MemberOutputSerializer if role_allows(self.membership.org_role, COMMS) else MemberNameOutputSerializer

    @extend_schema(
        parameters=[MemberFilterSerializer],
        responses=MemberOutputSerializer(many=True),
        description="Admins and comms leads get full rows; other members get `{id, name, advocacy_role_names}`.",
    )
    def list(self, request: Request, org_slug: str) -> Response:
        filters = MemberFilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        page = self.paginate_queryset(selectors.member_list_with_roles(filters=filters.validated_data))
        return self.get_paginated_response(self._output_class()(page, many=True).data)

    @extend_schema(responses=MemberOutputSerializer)
    def retrieve(self, request: Request, org_slug: str, pk: str) -> Response:
        return Response(self._output_class()(self.get_object()).data)

    @extend_schema(request=MemberUpdateInputSerializer, responses=MemberOutputSerializer)
    def partial_update(self, request: Request, org_slug: str, pk: str) -> Response:
        membership = self.get_object()  # 404 before any validation detail
        data = MemberUpdateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.member_update(membership=membership, actor=request.user, **data.validated_data)  # type: ignore[arg-type]
        return Response(MemberOutputSerializer(self.get_object()).data)

    @extend_schema(responses={204: None}, description="Deactivates the member; their history stays.")
    def destroy(self, request: Request, org_slug: str, pk: str) -> Response:
        account_services.membership_deactivate(membership=self.get_object(), actor=request.user)  # type: ignore[arg-type]
        return Response(status=status.HTTP_204_NO_CONTENT)

    # Data rights (docs/data-rights.md): the rules live in advocacy.accounts.data_rights.
    @extend_schema(responses=MemberDataExportSerializer, description="Everything held about the member here.")
    @action(detail=True, methods=["get"], url_path="data-export")
    def data_export(self, request: Request, org_slug: str, pk: str) -> Response:
        document = data_rights.member_data_export(
            membership=self.get_object(),
            actor=request.user,  # type: ignore[arg-type]
            include_other_organisations=False,
        )
        return Response(document)

    @extend_schema(
        request=ConfirmInputSerializer,
        responses=MemberOutputSerializer,
        description=(
            "Erases the member's personal data; `confirm` repeats their email address. Posted "
            "shares stay in the compliance archive under a pseudonym (docs/data-rights.md)."
        ),
    )
    @action(detail=True, methods=["post"], url_path="erase")
    def erase(self, request: Request, org_slug: str, pk: str) -> Response:
        membership = self.get_object()  # 404 before any validation detail
        data = ConfirmInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        data_rights.member_erase(
            membership=membership,
            actor=request.user,  # type: ignore[arg-type]
            confirm=data.validated_data["confirm"],
        )
        return Response(MemberOutputSerializer(self.get_object()).data)
