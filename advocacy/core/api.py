"""API building blocks: the tenant-scoped views, pagination, routing and the one exception handler."""

import logging
import uuid
from contextvars import Token
from typing import Any, ClassVar

from django.apps import apps
from django.core.exceptions import ObjectDoesNotExist
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.db import models
from django.http import Http404
from drf_spectacular.utils import extend_schema
from guardian.shortcuts import get_objects_for_user
from rest_framework import exceptions, routers, serializers, status, views, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from advocacy.core.archiving import archivable_archive, archivable_restore
from advocacy.core.errors import (
    ConflictError,
    DomainError,
    GoneError,
    NotFoundError,
    PermissionDeniedError,
    RuleViolationError,
)
from advocacy.core.grants import object_grant_assign, object_grant_remove, object_grant_user_ids
from advocacy.core.models import TenantModel
from advocacy.core.pagination import PageNumberPagination
from advocacy.core.permissions import ALL_MEMBERS, role_allows
from advocacy.core.serializers import InputSerializer, OutputSerializer
from advocacy.core.tenancy import activate_tenant, deactivate_tenant

logger = logging.getLogger(__name__)

__all__ = ["PageNumberPagination", "TenantAPIView", "TenantViewSet", "exception_handler"]

UUID_PATTERN = r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
ORG_PREFIX = r"orgs/(?P<org_slug>[-a-zA-Z0-9_]+)"


class ApiRouter(routers.SimpleRouter):
    """Collections end in a slash (``/members/``), actions do not (``/audit/verify``),
    as the public contract names them."""

    routes = [
        routers.Route(
            url=r"^{prefix}{trailing_slash}$",
            mapping={"get": "list", "post": "create"},
            name="{basename}-list",
            detail=False,
            initkwargs={"suffix": "List"},
        ),
        routers.DynamicRoute(url=r"^{prefix}/{url_path}$", name="{basename}-{url_name}", detail=False, initkwargs={}),
        routers.Route(
            url=r"^{prefix}/{lookup}{trailing_slash}$",
            mapping={"get": "retrieve", "put": "update", "patch": "partial_update", "delete": "destroy"},
            name="{basename}-detail",
            detail=True,
            initkwargs={"suffix": "Instance"},
        ),
        routers.DynamicRoute(
            url=r"^{prefix}/{lookup}/{url_path}$", name="{basename}-{url_name}", detail=True, initkwargs={}
        ),
    ]


# --- Errors ------------------------------------------------------------------------------

_DOMAIN_STATUS: dict[type[DomainError], int] = {
    NotFoundError: status.HTTP_404_NOT_FOUND,
    PermissionDeniedError: status.HTTP_403_FORBIDDEN,
    ConflictError: status.HTTP_409_CONFLICT,
    GoneError: status.HTTP_410_GONE,
    RuleViolationError: status.HTTP_422_UNPROCESSABLE_ENTITY,
}


def _first_message(detail: Any, path: str = "") -> str:
    """The first error message in a (possibly nested) DRF error, prefixed with where it is:
    ``objectives.1.target: Ensure this value is greater than or equal to 1.``"""
    if isinstance(detail, dict):
        for key, value in detail.items():
            message = _first_message(value, path if key == "non_field_errors" else _join(path, key))
            if message:
                return message
        return ""
    if isinstance(detail, list):
        for index, value in enumerate(detail):
            # Lists of objects (many=True) are indexed; lists of messages are not.
            message = _first_message(value, _join(path, str(index)) if isinstance(value, dict) else path)
            if message:
                return message
        return ""
    return f"{path}: {detail}" if path else str(detail)


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def error_body(code: str, detail: str, **extra: Any) -> dict[str, Any]:
    return {"code": code, "detail": detail, **extra}


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response:
    """Every API error becomes ``{"code", "detail", ...}``; nothing escapes as HTML or a 500 page."""
    headers: dict[str, str] = {}
    if isinstance(exc, DomainError):
        http_status = next((s for cls, s in _DOMAIN_STATUS.items() if isinstance(exc, cls)), 400)
        body = error_body(exc.code, exc.detail, **exc.extra)
    elif isinstance(exc, Http404 | ObjectDoesNotExist):
        http_status, body = 404, error_body("not_found", "Not found.")
    elif isinstance(exc, DjangoPermissionDenied):
        http_status, body = 403, error_body("permission_denied", "You do not have permission to do this.")
    elif isinstance(exc, exceptions.ValidationError):
        fields = exc.detail if isinstance(exc.detail, dict) else {"non_field_errors": exc.detail}
        http_status = 400
        body = error_body("validation_error", _first_message(exc.detail) or "Invalid input.", fields=fields)
    elif isinstance(exc, exceptions.APIException):
        http_status = exc.status_code
        codes = exc.get_codes()
        code = codes if isinstance(codes, str) else exc.default_code
        body = error_body(str(code), _first_message(exc.detail) or str(exc.default_detail))
        wait = getattr(exc, "wait", None)
        if wait is not None:
            headers["Retry-After"] = str(int(wait))
            body["retry_after"] = int(wait)
        auth_header = getattr(exc, "auth_header", None)
        if auth_header:
            headers["WWW-Authenticate"] = auth_header
    else:
        logger.exception("Unhandled error in %s", context.get("view"))
        http_status = 500
        body = error_body("server_error", "Something went wrong on our side. It has been logged.")
    if isinstance(exc, exceptions.NotAuthenticated | exceptions.AuthenticationFailed):
        request = context.get("request")
        view = context.get("view")
        if request is not None and view is not None:
            auth_header = view.get_authenticate_header(request)
            if auth_header:
                headers["WWW-Authenticate"] = auth_header
            else:
                http_status = 403
    views.set_rollback()
    return Response(body, status=http_status, headers=headers)


# --- Tenancy -----------------------------------------------------------------------------


def _active_membership(user: Any, org_slug: str) -> Any:
    # Looked up by model name: core sits below accounts in the import layers.
    membership_model = apps.get_model("accounts", "Membership")
    membership = (
        membership_model.objects.unscoped()
        .select_related("organization")
        .filter(organization__slug=org_slug, user=user, is_active=True)
        .first()
    )
    if membership is None:
        # Strangers and non-members learn nothing, not even that the organisation exists.
        raise exceptions.NotFound()
    return membership


class TenantScopedMixin:
    """Resolves ``{org_slug}`` to the caller's active membership and enters that tenant.

    ``permission_roles`` maps an action (or ``"*"``) to the organisation roles allowed to
    run it; admins are always allowed. The tenant context is reset in ``dispatch``'s finally.
    """

    permission_roles: ClassVar[dict[str, frozenset[str]]] = {"*": ALL_MEMBERS}
    # action -> django-guardian permission that, granted on the object, allows the action
    # to a member whose organisation role does not.
    object_grants: ClassVar[dict[str, str]] = {}

    organization: Any
    membership: Any
    role_granted: bool
    _tenant_token: Token[uuid.UUID | None] | None

    def dispatch(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        self._tenant_token = None
        try:
            return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]
        finally:
            if self._tenant_token is not None:
                deactivate_tenant(self._tenant_token)

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)  # type: ignore[misc]
        self.membership = _active_membership(request.user, kwargs["org_slug"])
        self.organization = self.membership.organization
        self._tenant_token = activate_tenant(self.organization.pk)
        self.check_role(request)

    def allowed_roles(self) -> frozenset[str]:
        action = getattr(self, "action", None) or (self.request.method or "get").lower()  # type: ignore[attr-defined]
        return self.permission_roles.get(action, self.permission_roles.get("*", frozenset()))

    def check_role(self, request: Request) -> None:
        self.role_granted = role_allows(self.membership.org_role, self.allowed_roles())
        if self.role_granted:
            return
        # Without the role, an object action may still be allowed by a per-object grant;
        # check_object_permissions decides once the object is loaded.
        if getattr(self, "action", None) in self.object_grants:
            return
        raise exceptions.PermissionDenied("Your role in this organisation does not allow this.")

    def check_object_permissions(self, request: Request, obj: Any) -> None:
        super().check_object_permissions(request, obj)  # type: ignore[misc]
        permission = self.object_grants.get(getattr(self, "action", None) or "")
        granted = self.role_granted or (permission is not None and request.user.has_perm(permission, obj))
        if not granted:
            raise exceptions.PermissionDenied("Your role in this organisation does not allow this.")


class TenantAPIView(TenantScopedMixin, views.APIView):
    """An endpoint under ``/orgs/{org_slug}/`` that is not a collection of tenant rows."""


class TenantViewSet(TenantScopedMixin, viewsets.GenericViewSet):  # type: ignore[type-arg]
    """Base of every viewset over tenant rows.

    Subclasses set ``model`` and implement ``base_queryset()``; ``get_queryset`` adds the
    organisation filter on top of the manager's own (two locks) and may not be overridden.
    Every subclass registered on the router is walked by tests/test_tenant_isolation.py.
    """

    model: ClassVar[type[TenantModel]]
    lookup_value_regex = UUID_PATTERN

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "get_queryset" in cls.__dict__:
            raise TypeError(f"{cls.__name__}: implement base_queryset(), not get_queryset().")

    def base_queryset(self) -> models.QuerySet[Any]:
        return self.model.objects.all()

    def get_queryset(self) -> models.QuerySet[Any]:
        if getattr(self, "swagger_fake_view", False):
            return self.model._base_manager.none()
        return self.base_queryset().filter(organization_id=self.organization.pk)

    def output_context(self, objects: list[Any]) -> dict[str, Any]:
        return {}

    def output(self, obj: Any = None, *, many: list[Any] | None = None) -> Any:
        """Serialize one object, or ``many`` objects, with ``serializer_class``."""
        objects = many if many is not None else [obj]
        serializer_class: Any = self.serializer_class
        return serializer_class(
            many if many is not None else obj, many=many is not None, context=self.output_context(objects)
        ).data


class GrantInputSerializer(InputSerializer):
    member = serializers.UUIDField()


class GrantOutputSerializer(OutputSerializer):
    member = serializers.UUIDField(source="id")
    name = serializers.CharField(source="user.name")
    email = serializers.EmailField(source="user.email")


class GrantListOutputSerializer(OutputSerializer):
    results = GrantOutputSerializer(many=True)


class ObjectGrantsMixin:
    """``GET|POST .../{id}/grants`` and ``DELETE .../{id}/grants/{member_id}``: admins let a
    specific member manage this one object (see ``TenantViewSet.object_grants``).

    Output carries ``can_edit`` per object (``EditableOutputSerializer``): true when the
    caller's organisation role may edit, or when they hold a grant on that object."""

    def output_context(self, objects: list[Any]) -> dict[str, Any]:
        viewset: Any = self
        edit_roles = viewset.permission_roles.get("partial_update", viewset.permission_roles.get("*", frozenset()))
        if role_allows(viewset.membership.org_role, edit_roles):
            return {"editable_ids": None}
        permission = viewset.object_grants.get("partial_update")
        if permission is None or not objects:
            return {"editable_ids": set()}
        granted = get_objects_for_user(
            viewset.request.user,
            permission,
            klass=viewset.model.objects.filter(pk__in=[o.pk for o in objects]),
            with_superuser=False,
            accept_global_perms=False,
        )
        return {"editable_ids": set(granted.values_list("pk", flat=True))}

    def _member(self, member_id: Any) -> Any:
        # The caller's own membership tells us the model without importing accounts.
        membership_model = type(self.membership)  # type: ignore[attr-defined]
        member = membership_model.objects.select_related("user").filter(pk=member_id, is_active=True).first()
        if member is None:
            raise exceptions.ValidationError({"member": ["No such active member in this organisation."]})
        return member

    def _grant_list(self, obj: Any) -> Response:
        membership_model = type(self.membership)  # type: ignore[attr-defined]
        members = membership_model.objects.select_related("user").filter(
            user_id__in=object_grant_user_ids(obj=obj), is_active=True
        )
        return Response({"results": GrantOutputSerializer(members, many=True).data})

    @extend_schema(request=GrantInputSerializer, responses=GrantListOutputSerializer)
    @action(detail=True, methods=["get", "post"], url_path="grants", pagination_class=None)
    def grants(self, request: Request, org_slug: str, pk: str) -> Response:
        obj = self.get_object()  # type: ignore[attr-defined]
        if request.method == "POST":
            data = GrantInputSerializer(data=request.data)
            data.is_valid(raise_exception=True)
            object_grant_assign(
                organization=self.organization,  # type: ignore[attr-defined]
                actor=request.user,
                obj=obj,
                membership=self._member(data.validated_data["member"]),
            )
        return self._grant_list(obj)

    @extend_schema(request=None, responses={204: None})
    @action(detail=True, methods=["delete"], url_path=rf"grants/(?P<member_id>{UUID_PATTERN})")
    def grant_remove(self, request: Request, org_slug: str, pk: str, member_id: str) -> Response:
        obj = self.get_object()  # type: ignore[attr-defined]
        object_grant_remove(
            organization=self.organization,  # type: ignore[attr-defined]
            actor=request.user,
            obj=obj,
            membership=self._member(member_id),
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


class ArchivableMixin:
    """``DELETE`` archives instead of deleting; ``POST .../{id}/restore`` restores.
    Rows that history points at use it (see core/archiving.py)."""

    serializer_class: Any

    @extend_schema(responses={204: None}, description="Archives (never deletes); `POST .../restore` brings it back.")
    def destroy(self, request: Request, org_slug: str, pk: str) -> Response:
        archivable_archive(obj=self.get_object(), actor=request.user)  # type: ignore[attr-defined]
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=None)
    @action(detail=True, methods=["post"], url_path="restore")
    def restore(self, request: Request, org_slug: str, pk: str) -> Response:
        obj = archivable_restore(obj=self.get_object(), actor=request.user)  # type: ignore[attr-defined]
        return Response(self.output(obj))  # type: ignore[attr-defined]
