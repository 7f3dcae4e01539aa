"""Shares: draft, edit, confirm, cancel, review."""

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from advocacy.core.api import TenantViewSet
from advocacy.core.authentication import BrowserSessionAuthentication, SessionTokenAuthentication
from advocacy.core.errors import PermissionDeniedError
from advocacy.core.permissions import ALL_MEMBERS, REVIEWERS, role_allows
from advocacy.shares import selectors, services
from advocacy.shares.checks import share_checks, share_length
from advocacy.shares.models import Share
from advocacy.shares.serializers import (
    ShareConfirmInputSerializer,
    ShareCreateInputSerializer,
    ShareFilterSerializer,
    ShareOutputSerializer,
    SharePreviewOutputSerializer,
    ShareReviewInputSerializer,
    ShareUpdateInputSerializer,
)


class ShareViewSet(TenantViewSet):
    """Members see and act on their own shares; reviewers and admins see everyone's and
    review the ones whose role requires it."""

    model = Share
    serializer_class = ShareOutputSerializer
    permission_roles = {"review": REVIEWERS, "*": ALL_MEMBERS}
    # Stricter per-member limits than the API default (core/throttling.py).
    throttle_scopes = {"create": "share_create", "confirm": "share_confirm"}

    def _sees_all(self) -> bool:
        return role_allows(self.membership.org_role, REVIEWERS)

    def base_queryset(self) -> Any:
        return selectors.share_list(member=None if self._sees_all() else self.membership)

    def _output(self, share: Share, *, with_checks: bool = True) -> dict[str, Any]:
        checks = {share.pk: share_checks(share)} if with_checks else {}
        return ShareOutputSerializer(share, context={"checks": checks}).data

    @extend_schema(parameters=[ShareFilterSerializer])
    def list(self, request: Request, org_slug: str) -> Response:
        filters = ShareFilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        member = None if self._sees_all() else self.membership
        page = self.paginate_queryset(selectors.share_list(member=member, filters=filters.validated_data))
        return self.get_paginated_response(ShareOutputSerializer(page, many=True).data)

    def retrieve(self, request: Request, org_slug: str, pk: str) -> Response:
        return Response(self._output(self.get_object()))

    @extend_schema(request=ShareCreateInputSerializer, responses={201: ShareOutputSerializer})
    def create(self, request: Request, org_slug: str) -> Response:
        data = ShareCreateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        share, checks = services.share_create(membership=self.membership, **data.validated_data)
        return Response(
            ShareOutputSerializer(share, context={"checks": {share.pk: checks}}).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(
        request=ShareCreateInputSerializer,
        responses=SharePreviewOutputSerializer,
        description="Check a text as the composer types, without saving anything. The link in "
        "final_text is a placeholder until the draft exists.",
    )
    @action(detail=False, methods=["post"], url_path="preview")
    def preview(self, request: Request, org_slug: str) -> Response:
        data = ShareCreateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        share, checks = services.share_preview(membership=self.membership, **data.validated_data)
        provider_length = share_length(share)
        return Response(
            {
                "final_text": share.final_text,
                "length": provider_length[0],
                "max_length": provider_length[1],
                "checks": [check.as_dict() for check in checks],
            }
        )

    @extend_schema(request=ShareUpdateInputSerializer, responses=ShareOutputSerializer)
    def partial_update(self, request: Request, org_slug: str, pk: str) -> Response:
        share = self.get_object()
        data = ShareUpdateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        share, checks = services.share_update(share=share, membership=self.membership, **data.validated_data)
        return Response(ShareOutputSerializer(share, context={"checks": {share.pk: checks}}).data)

    @extend_schema(request=ShareConfirmInputSerializer, responses=ShareOutputSerializer)
    @action(detail=True, methods=["post"], url_path="confirm")
    def confirm(self, request: Request, org_slug: str, pk: str) -> Response:
        share = self.get_object()
        # Only a person's own interactive session confirms: a browser session or an allauth
        # session token, never an integration key (none exist) or a job.
        if not isinstance(request.successful_authenticator, BrowserSessionAuthentication | SessionTokenAuthentication):
            raise PermissionDeniedError("Confirm from your own session.", code="not_interactive")
        data = ShareConfirmInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        session = type(request.successful_authenticator).__name__
        share = services.share_confirm(share=share, membership=self.membership, session=session, **data.validated_data)
        return Response(self._output(share, with_checks=False))

    @extend_schema(request=None, responses=ShareOutputSerializer)
    @action(detail=True, methods=["post"], url_path="cancel")
    def cancel(self, request: Request, org_slug: str, pk: str) -> Response:
        share = services.share_cancel(share=self.get_object(), actor=self.membership)
        return Response(self._output(share, with_checks=False))

    @extend_schema(request=ShareReviewInputSerializer, responses=ShareOutputSerializer)
    @action(detail=True, methods=["post"], url_path="review")
    def review(self, request: Request, org_slug: str, pk: str) -> Response:
        share = self.get_object()
        data = ShareReviewInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        share = services.share_review(share=share, reviewer=self.membership, **data.validated_data)
        return Response(self._output(share, with_checks=False))
