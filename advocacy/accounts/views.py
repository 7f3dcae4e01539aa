"""HTTP endpoints of the accounts app: parse, call a selector or service, serialize."""

from typing import Any

from django.conf import settings
from django.http import HttpResponse
from django.utils.html import format_html
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle
from rest_framework.views import APIView

from advocacy.accounts import data_rights, selectors, services
from advocacy.accounts.models import Invitation, Policy, SsoProvider
from advocacy.accounts.serializers import (
    ConfirmInputSerializer,
    InvitationAcceptOutputSerializer,
    InvitationCreateInputSerializer,
    InvitationOutputSerializer,
    InvitationPreviewOutputSerializer,
    MemberDataExportSerializer,
    MemberNotificationsSerializer,
    OrganizationCreateInputSerializer,
    OrganizationDeleteOutputSerializer,
    OrganizationOutputSerializer,
    OrganizationUpdateInputSerializer,
    PolicyInputSerializer,
    PolicyOutputSerializer,
    SsoDiscoverQuerySerializer,
    SsoProviderInputSerializer,
    SsoProviderOutputSerializer,
    VoiceProfileSerializer,
)
from advocacy.core.api import PageNumberPagination, TenantAPIView, TenantViewSet
from advocacy.core.errors import DomainError, NotFoundError
from advocacy.core.permissions import ADMINS, ALL_MEMBERS, COMMS


class PublicRateThrottle(AnonRateThrottle):
    rate = "60/min"


class OrganizationListView(APIView):
    pagination_class = PageNumberPagination

    @extend_schema(responses=OrganizationOutputSerializer(many=True))
    def get(self, request: Request) -> Response:
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(selectors.organization_list_for_user(user=request.user), request, view=self)  # type: ignore[arg-type]
        return paginator.get_paginated_response(OrganizationOutputSerializer(page, many=True).data)

    @extend_schema(request=OrganizationCreateInputSerializer, responses={201: OrganizationOutputSerializer})
    def post(self, request: Request) -> Response:
        data = OrganizationCreateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        organization = services.organization_create(user=request.user, **data.validated_data)  # type: ignore[arg-type]
        return Response(OrganizationOutputSerializer(organization).data, status=status.HTTP_201_CREATED)


class OrganizationDetailView(TenantAPIView):
    permission_roles = {"get": ALL_MEMBERS, "patch": COMMS, "delete": ADMINS}

    @extend_schema(responses=OrganizationOutputSerializer)
    def get(self, request: Request, org_slug: str) -> Response:
        return Response(OrganizationOutputSerializer(self.organization).data)

    @extend_schema(
        request=OrganizationUpdateInputSerializer,
        responses=OrganizationOutputSerializer,
        description="Admins change everything; comms leads only `settings.rollout_stage` (403 otherwise).",
    )
    def patch(self, request: Request, org_slug: str) -> Response:
        data = OrganizationUpdateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        organization = services.organization_update(
            organization=self.organization,
            actor=request.user,  # type: ignore[arg-type]
            actor_role=self.membership.org_role,
            name=data.validated_data.get("name"),
            settings_changes=data.validated_data.get("settings", {}),
        )
        return Response(OrganizationOutputSerializer(organization).data)

    @extend_schema(
        request=ConfirmInputSerializer,
        responses={202: OrganizationDeleteOutputSerializer},
        description=(
            "Deletes the organisation and every row it owns, revoking its network tokens. "
            "`confirm` must repeat the organisation's short name. Nobody can enter it from the "
            "answer on; the deletion itself runs in the background (docs/data-rights.md)."
        ),
    )
    def delete(self, request: Request, org_slug: str) -> Response:
        data = ConfirmInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        data_rights.organization_delete_request(
            organization=self.organization,
            actor=request.user,  # type: ignore[arg-type]
            confirm=data.validated_data["confirm"],
        )
        return Response(
            {"detail": f"The organisation “{self.organization.slug}” is being deleted."},
            status=status.HTTP_202_ACCEPTED,
        )


class InvitationViewSet(TenantViewSet):
    model = Invitation
    permission_roles = {"*": ADMINS}
    serializer_class = InvitationOutputSerializer

    def base_queryset(self) -> Any:
        return selectors.invitation_list()

    def list(self, request: Request, org_slug: str) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(InvitationOutputSerializer(page, many=True).data)

    def retrieve(self, request: Request, org_slug: str, pk: str) -> Response:
        return Response(InvitationOutputSerializer(self.get_object()).data)

    @extend_schema(request=InvitationCreateInputSerializer, responses={201: InvitationOutputSerializer})
    def create(self, request: Request, org_slug: str) -> Response:
        data = InvitationCreateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        invitation, _token = services.invitation_create(
            organization=self.organization,
            actor=request.user,  # type: ignore[arg-type]
            **data.validated_data,
        )
        return Response(InvitationOutputSerializer(invitation).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses={204: None}, description="Revokes a pending invitation.")
    def destroy(self, request: Request, org_slug: str, pk: str) -> Response:
        services.invitation_revoke(invitation=self.get_object(), actor=request.user)  # type: ignore[arg-type]
        return Response(status=status.HTTP_204_NO_CONTENT)


class InvitationPreviewView(APIView):
    """What an invitation link offers, readable before logging in (the token is the secret)."""

    permission_classes = [AllowAny]
    # Anonymous callers by address; signed-in ones keep the per-user default.
    throttle_classes = [PublicRateThrottle, UserRateThrottle]

    @extend_schema(responses=InvitationPreviewOutputSerializer)
    def get(self, request: Request, token: str) -> Response:
        invitation = selectors.invitation_get_by_token(token=token)
        if invitation is None:
            raise NotFoundError("This invitation link is not valid.")
        return Response(InvitationPreviewOutputSerializer(invitation).data)


class InvitationAcceptView(APIView):
    # Only signed-in people accept, so the anonymous throttle never applied: a per-user scope.
    throttle_scopes = {"post": "invitation_accept"}

    @extend_schema(request=None, responses=InvitationAcceptOutputSerializer)
    def post(self, request: Request, token: str) -> Response:
        membership = services.invitation_accept(token=token, user=request.user)  # type: ignore[arg-type]
        return Response(InvitationAcceptOutputSerializer(membership).data)


class SsoProviderViewSet(TenantViewSet):
    model = SsoProvider
    permission_roles = {"*": ADMINS}
    serializer_class = SsoProviderOutputSerializer

    def base_queryset(self) -> Any:
        return SsoProvider.objects.order_by("name")

    def list(self, request: Request, org_slug: str) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(SsoProviderOutputSerializer(page, many=True).data)

    def retrieve(self, request: Request, org_slug: str, pk: str) -> Response:
        return Response(SsoProviderOutputSerializer(self.get_object()).data)

    @extend_schema(request=SsoProviderInputSerializer, responses={201: SsoProviderOutputSerializer})
    def create(self, request: Request, org_slug: str) -> Response:
        data = SsoProviderInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        provider = services.sso_provider_save(
            organization=self.organization,
            actor=request.user,  # type: ignore[arg-type]
            **data.validated_data,
        )
        return Response(SsoProviderOutputSerializer(provider).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=SsoProviderInputSerializer(partial=True), responses=SsoProviderOutputSerializer)
    def partial_update(self, request: Request, org_slug: str, pk: str) -> Response:
        provider = self.get_object()  # 404 before any validation detail
        data = SsoProviderInputSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        changes = {k: v for k, v in data.validated_data.items() if k != "kind"}
        provider = services.sso_provider_save(
            organization=self.organization,
            actor=request.user,  # type: ignore[arg-type]
            provider=provider,
            **changes,
        )
        return Response(SsoProviderOutputSerializer(provider).data)

    @extend_schema(responses={204: None})
    def destroy(self, request: Request, org_slug: str, pk: str) -> Response:
        services.sso_provider_delete(provider=self.get_object(), actor=request.user)  # type: ignore[arg-type]
        return Response(status=status.HTTP_204_NO_CONTENT)


class SsoDiscoverView(APIView):
    """Which SSO login buttons to offer someone who typed this email address."""

    permission_classes = [AllowAny]
    throttle_classes = [PublicRateThrottle]

    @extend_schema(
        parameters=[OpenApiParameter("email", str, required=True)],
        responses=inline_serializer(
            "SsoDiscoverOutput",
            {
                "providers": inline_serializer(
                    "SsoDiscoveredProvider",
                    {"id": serializers.CharField(), "name": serializers.CharField(), "kind": serializers.CharField()},
                    many=True,
                )
            },
        ),
    )
    def get(self, request: Request) -> Response:
        query = SsoDiscoverQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        providers = selectors.sso_provider_list_for_email(email=query.validated_data["email"])
        return Response({"providers": [{"id": p.provider_id, "name": p.name, "kind": p.kind} for p in providers]})


class PolicyViewSet(TenantViewSet):
    """Versions of the social media policy. Admins publish; every member reads and
    acknowledges the current version (required before confirming a share)."""

    model = Policy
    serializer_class = PolicyOutputSerializer
    permission_roles = {"create": ADMINS, "*": ALL_MEMBERS}

    def base_queryset(self) -> Any:
        return selectors.policy_list()

    def _context(self) -> dict[str, Any]:
        return {
            "current": selectors.policy_current(),
            "acknowledged": selectors.policy_acknowledged_ids(membership=self.membership),
        }

    def list(self, request: Request, org_slug: str) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(PolicyOutputSerializer(page, many=True, context=self._context()).data)

    def retrieve(self, request: Request, org_slug: str, pk: str) -> Response:
        return Response(PolicyOutputSerializer(self.get_object(), context=self._context()).data)

    @extend_schema(request=PolicyInputSerializer, responses={201: PolicyOutputSerializer})
    def create(self, request: Request, org_slug: str) -> Response:
        data = PolicyInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        policy = services.policy_publish(organization=self.organization, actor=request.user, **data.validated_data)  # type: ignore[arg-type]
        return Response(
            PolicyOutputSerializer(self.get_queryset().get(pk=policy.pk), context=self._context()).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(request=None, responses=PolicyOutputSerializer)
    @action(detail=True, methods=["post"], url_path="acknowledge")
    def acknowledge(self, request: Request, org_slug: str, pk: str) -> Response:
        services.policy_acknowledge(policy=self.get_object(), membership=self.membership)
        return Response(PolicyOutputSerializer(self.get_object(), context=self._context()).data)

    @extend_schema(responses=PolicyOutputSerializer, description="The current version; 404 when none is published.")
    @action(detail=False, methods=["get"], url_path="current")
    def current(self, request: Request, org_slug: str) -> Response:
        current = selectors.policy_current()
        if current is None:
            raise NotFoundError("No policy has been published yet.", code="no_policy")
        return Response(PolicyOutputSerializer(self.get_queryset().get(pk=current.pk), context=self._context()).data)


class VoiceProfileView(TenantAPIView):
    """The caller's own voice profile in this organisation."""

    permission_roles = {"get": ALL_MEMBERS, "put": ALL_MEMBERS}

    @extend_schema(responses=VoiceProfileSerializer)
    def get(self, request: Request, org_slug: str) -> Response:
        return Response(VoiceProfileSerializer(selectors.voice_profile_for(membership=self.membership).as_dict()).data)

    @extend_schema(request=VoiceProfileSerializer, responses=VoiceProfileSerializer)
    def put(self, request: Request, org_slug: str) -> Response:
        data = VoiceProfileSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        profile = services.voice_profile_save(membership=self.membership, **data.validated_data)
        return Response(VoiceProfileSerializer(profile.as_dict()).data)


class MyDataExportView(TenantAPIView):
    """Everything this organisation holds about the caller, as one JSON document."""

    permission_roles = {"get": ALL_MEMBERS}

    @extend_schema(responses=MemberDataExportSerializer)
    def get(self, request: Request, org_slug: str) -> Response:
        document = data_rights.member_data_export(
            membership=self.membership,
            actor=request.user,  # type: ignore[arg-type]
            include_other_organisations=True,
        )
        return Response(document, headers={"Content-Disposition": _export_disposition(self.organization.slug)})


def _export_disposition(org_slug: str) -> str:
    return f'attachment; filename="{org_slug}-my-data.json"'


class MemberNotificationsView(TenantAPIView):
    """The caller's weekly digest preference and time zone in this organisation."""

    permission_roles = {"get": ALL_MEMBERS, "patch": ALL_MEMBERS}

    @extend_schema(responses=MemberNotificationsSerializer)
    def get(self, request: Request, org_slug: str) -> Response:
        return Response(MemberNotificationsSerializer(self.membership).data)

    @extend_schema(request=MemberNotificationsSerializer, responses=MemberNotificationsSerializer)
    def patch(self, request: Request, org_slug: str) -> Response:
        data = MemberNotificationsSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        membership = services.membership_notifications_update(membership=self.membership, **data.validated_data)
        return Response(MemberNotificationsSerializer(membership).data)


def _html_page(title: str, message: str, *, status_code: int = 200) -> HttpResponse:
    page = format_html(
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1"><title>{}</title></head>'
        '<body style="font-family: system-ui, sans-serif; max-width: 36rem; margin: 3rem auto; padding: 0 1rem">'
        "<h1>{}</h1><p>{}</p></body></html>",
        title,
        title,
        message,
    )
    return HttpResponse(page, status=status_code, content_type="text/html; charset=utf-8")


class DigestUnsubscribeView(APIView):
    """The link in every digest email: turns the weekly digest off without logging in (the
    signed token is the credential). POST is RFC 8058 one-click unsubscribe from mail clients."""

    authentication_classes: list[Any] = []
    permission_classes = [AllowAny]
    throttle_classes = [PublicRateThrottle]

    @extend_schema(
        parameters=[OpenApiParameter("token", str, required=True)],
        responses={(200, "text/html"): OpenApiTypes.STR, (400, "text/html"): OpenApiTypes.STR},
    )
    def get(self, request: Request) -> HttpResponse:
        return self._unsubscribe(request.query_params.get("token", ""))

    @extend_schema(
        parameters=[OpenApiParameter("token", str, required=True)],
        request=None,
        responses={(200, "text/html"): OpenApiTypes.STR, (400, "text/html"): OpenApiTypes.STR},
    )
    def post(self, request: Request) -> HttpResponse:
        return self._unsubscribe(request.query_params.get("token", ""))

    def _unsubscribe(self, token: str) -> HttpResponse:
        try:
            membership = services.digest_unsubscribe(token=token)
        except DomainError as exc:
            return _html_page("Link not valid", exc.detail, status_code=400)
        return _html_page(
            "Unsubscribed",
            format_html(
                "You will no longer receive the weekly digest from {}. "
                'You can turn it back on in your <a href="{}">notification settings</a>.',
                membership.organization.name,
                f"{settings.FRONTEND_URL}/o/{membership.organization.slug}/",
            ),
        )
