"""Readiness, rollout cohorts, coaching and insights: parse, call a selector or service,
serialize."""

from typing import Any

from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from advocacy.analytics.periods import date_range
from advocacy.coaching import selectors, services
from advocacy.coaching.insights import insights_report
from advocacy.coaching.library import STARTER_TASKS
from advocacy.coaching.models import CoachingTask, Cohort
from advocacy.coaching.periods import today
from advocacy.coaching.results import cohort_results
from advocacy.coaching.serializers.coaching import (
    CoachingTaskFilterSerializer,
    CoachingTaskInputSerializer,
    CoachingTaskOutputSerializer,
    DoneOutputSerializer,
    MyCoachingOutputSerializer,
    StarterLibrarySerializer,
)
from advocacy.coaching.serializers.cohorts import (
    CohortInputSerializer,
    CohortInviteOutputSerializer,
    CohortOutputSerializer,
)
from advocacy.coaching.serializers.common import PeriodQuerySerializer
from advocacy.coaching.serializers.insights import InsightsOutputSerializer, InsightsQuerySerializer
from advocacy.coaching.serializers.readiness import (
    MyReadinessOutputSerializer,
    ReadinessFilterSerializer,
    ReadinessInputSerializer,
    ReadinessRowSerializer,
)
from advocacy.core.api import TenantAPIView, TenantViewSet
from advocacy.core.errors import NotFoundError
from advocacy.core.pagination import PageNumberPagination
from advocacy.core.permissions import ALL_MEMBERS, COMMS

# --- Readiness ---------------------------------------------------------------------------


class MyReadinessView(TenantAPIView):
    """The caller's own social presence per network, beside their live connections."""

    permission_roles = {"get": ALL_MEMBERS, "put": ALL_MEMBERS}

    def _output(self) -> dict[str, Any]:
        member = selectors.readiness_member(membership=self.membership)
        return MyReadinessOutputSerializer(
            {
                "networks": selectors.network_readiness(member),
                "reachable_audiences": selectors.reachable_audiences(membership=self.membership),
            }
        ).data

    @extend_schema(responses=MyReadinessOutputSerializer)
    def get(self, request: Request, org_slug: str) -> Response:
        return Response(self._output())

    @extend_schema(
        request=ReadinessInputSerializer,
        responses=MyReadinessOutputSerializer,
        description="Replaces the description: networks left out are forgotten. `audiences` must be "
        "audiences your roles lead or support (422 `audience_not_in_roles` otherwise).",
    )
    def put(self, request: Request, org_slug: str) -> Response:
        data = ReadinessInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.readiness_save(membership=self.membership, networks=data.validated_data["networks"])
        return Response(self._output())


class ReadinessListView(TenantAPIView):
    """Readiness of every active member, for the comms lead planning the rollout."""

    permission_roles = {"get": COMMS}
    pagination_class = PageNumberPagination

    @extend_schema(
        parameters=[ReadinessFilterSerializer],
        responses=ReadinessRowSerializer(many=True),
    )
    def get(self, request: Request, org_slug: str) -> Response:
        filters = ReadinessFilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(
            selectors.readiness_members(filters=filters.validated_data), request, view=self
        )
        return paginator.get_paginated_response(ReadinessRowSerializer(page, many=True).data)


# --- Cohorts -----------------------------------------------------------------------------


class CohortViewSet(TenantViewSet):
    """Waves of the rollout, with their results. Inviting a cohort makes its members
    ambassadors and invites the people not in the organisation yet; opening the rollout to
    everyone is the organisation setting ``rollout_stage`` (``PATCH /orgs/{org}/``)."""

    model = Cohort
    serializer_class = CohortOutputSerializer
    permission_roles = {"*": COMMS}

    def base_queryset(self) -> Any:
        return selectors.cohort_list()

    def output_context(self, objects: list[Any]) -> dict[str, Any]:
        # Reads may ask for a period; writes answer with the default one (and never fail on
        # a query string after the write is done).
        asked: dict[str, Any] = {}
        if self.action in ("list", "retrieve"):
            query = PeriodQuerySerializer(data=self.request.query_params)
            query.is_valid(raise_exception=True)
            asked = query.validated_data
        now = today()
        start, end = date_range(start=asked.get("from"), end=asked.get("to"), today=now)
        return {"results": cohort_results(cohorts=objects, start=start, end=end, today=now)}

    def _fresh(self, cohort: Cohort) -> Cohort:
        fresh: Cohort = self.get_queryset().get(pk=cohort.pk)
        return fresh

    @extend_schema(parameters=[PeriodQuerySerializer])
    def list(self, request: Request, org_slug: str) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(self.output(many=page))

    @extend_schema(parameters=[PeriodQuerySerializer])
    def retrieve(self, request: Request, org_slug: str, pk: str) -> Response:
        return Response(self.output(self.get_object()))

    @extend_schema(request=CohortInputSerializer, responses={201: CohortOutputSerializer})
    def create(self, request: Request, org_slug: str) -> Response:
        data = CohortInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        cohort = services.cohort_create(organization=self.organization, actor=request.user, **data.validated_data)  # type: ignore[arg-type]
        return Response(self.output(self._fresh(cohort)), status=status.HTTP_201_CREATED)

    @extend_schema(request=CohortInputSerializer(partial=True), responses=CohortOutputSerializer)
    def partial_update(self, request: Request, org_slug: str, pk: str) -> Response:
        cohort = self.get_object()
        data = CohortInputSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        cohort = services.cohort_update(cohort=cohort, actor=request.user, **data.validated_data)  # type: ignore[arg-type]
        return Response(self.output(self._fresh(cohort)))

    @extend_schema(responses={204: None}, description="Ambassadors it made stay ambassadors.")
    def destroy(self, request: Request, org_slug: str, pk: str) -> Response:
        services.cohort_delete(cohort=self.get_object(), actor=request.user)  # type: ignore[arg-type]
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        request=None,
        responses=CohortInviteOutputSerializer,
        description="Makes the cohort's active members ambassadors and sends organisation invitations "
        "(as employees) to its invitees; invitees who joined since become members of the cohort. "
        "Safe to repeat.",
    )
    @action(detail=True, methods=["post"], url_path="invite")
    def invite(self, request: Request, org_slug: str, pk: str) -> Response:
        result = services.cohort_invite(cohort=self.get_object(), actor=request.user)  # type: ignore[arg-type]
        cohort = self._fresh(result.cohort)
        return Response(
            CohortInviteOutputSerializer(
                {
                    "cohort": cohort,
                    "made_ambassadors": result.made_ambassadors,
                    "invitations_sent": result.invitations_sent,
                    "joined_from_invitees": result.joined_from_invitees,
                },
                context=self.output_context([cohort]),
            ).data
        )


# --- Coaching ----------------------------------------------------------------------------


class CoachingTaskViewSet(TenantViewSet):
    """Small weekly tasks per role (or for everyone). Comms leads write, members read."""

    model = CoachingTask
    serializer_class = CoachingTaskOutputSerializer
    permission_roles = {"list": ALL_MEMBERS, "retrieve": ALL_MEMBERS, "*": COMMS}

    def base_queryset(self) -> Any:
        return selectors.coaching_task_list()

    @extend_schema(parameters=[CoachingTaskFilterSerializer])
    def list(self, request: Request, org_slug: str) -> Response:
        filters = CoachingTaskFilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        page = self.paginate_queryset(selectors.coaching_task_list(filters=filters.validated_data))
        return self.get_paginated_response(self.output(many=page))

    def retrieve(self, request: Request, org_slug: str, pk: str) -> Response:
        return Response(self.output(self.get_object()))

    @extend_schema(
        request=CoachingTaskInputSerializer,
        responses={201: CoachingTaskOutputSerializer},
        description="Give `week` (any day of it) or `recurring: true`. For a `kind` from the starter "
        "library (`GET .../coaching/library`), title and description default to the library's.",
    )
    def create(self, request: Request, org_slug: str) -> Response:
        data = CoachingTaskInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        task = services.coaching_task_create(organization=self.organization, actor=request.user, **data.validated_data)  # type: ignore[arg-type]
        return Response(self.output(task), status=status.HTTP_201_CREATED)

    @extend_schema(request=CoachingTaskInputSerializer(partial=True), responses=CoachingTaskOutputSerializer)
    def partial_update(self, request: Request, org_slug: str, pk: str) -> Response:
        task = self.get_object()
        data = CoachingTaskInputSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        task = services.coaching_task_update(task=task, actor=request.user, **data.validated_data)  # type: ignore[arg-type]
        return Response(self.output(task))

    @extend_schema(
        responses={204: None},
        description="Deletes the task and members' record of doing it; set `active: false` to keep that record.",
    )
    def destroy(self, request: Request, org_slug: str, pk: str) -> Response:
        services.coaching_task_delete(task=self.get_object(), actor=request.user)  # type: ignore[arg-type]
        return Response(status=status.HTTP_204_NO_CONTENT)


class CoachingLibraryView(TenantAPIView):
    """The starter library comms leads build weekly tasks from."""

    permission_roles = {"get": ALL_MEMBERS}

    @extend_schema(responses=StarterLibrarySerializer)
    def get(self, request: Request, org_slug: str) -> Response:
        return Response(StarterLibrarySerializer({"results": STARTER_TASKS}).data)


class MyCoachingView(TenantAPIView):
    """My tasks this week, what I did, and what worked for my own shares. Only ever the
    caller's own: there is no view of anyone else's progress, and no ranking."""

    permission_roles = {"get": ALL_MEMBERS}

    @extend_schema(responses=MyCoachingOutputSerializer)
    def get(self, request: Request, org_slug: str) -> Response:
        coaching = selectors.my_coaching(membership=self.membership, today=today())
        return Response(MyCoachingOutputSerializer(coaching).data)


class MyCoachingDoneView(TenantAPIView):
    permission_roles = {"post": ALL_MEMBERS, "delete": ALL_MEMBERS}

    @extend_schema(
        request=None,
        responses=DoneOutputSerializer,
        description="Marks one of my tasks of this week done. Doing it again changes nothing (200 both times); "
        "a task that is not mine this week is 404.",
    )
    def post(self, request: Request, org_slug: str, task_id: str) -> Response:
        week_day = today()
        task = selectors.coaching_task_for_member(membership=self.membership, week=week_day, task_id=task_id)
        if task is None:
            raise NotFoundError("You have no such task this week.")
        completion = services.coaching_task_done(task=task, membership=self.membership, week=week_day)
        return Response(DoneOutputSerializer(completion).data)

    @extend_schema(
        request=None,
        responses={204: None},
        description='Takes back my "done" on one of my tasks of this week. Undoing a task that is not done '
        "changes nothing (204 both times); a task that is not mine this week is 404.",
    )
    def delete(self, request: Request, org_slug: str, task_id: str) -> Response:
        week_day = today()
        task = selectors.coaching_task_for_member(membership=self.membership, week=week_day, task_id=task_id)
        if task is None:
            raise NotFoundError("You have no such task this week.")
        services.coaching_task_undone(task=task, membership=self.membership, week=week_day)
        return Response(status=status.HTTP_204_NO_CONTENT)


# --- Insights ----------------------------------------------------------------------------


class InsightsView(TenantAPIView):
    """What works with whom, and the gaps: for comms leads and admins."""

    permission_roles = {"get": COMMS}

    @extend_schema(parameters=[InsightsQuerySerializer], responses=InsightsOutputSerializer)
    def get(self, request: Request, org_slug: str) -> Response:
        query = InsightsQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        filters = query.validated_data
        start, end = date_range(start=filters.get("from"), end=filters.get("to"), today=today())
        report = insights_report(
            start=start,
            end=end,
            now=timezone.now(),
            role=filters.get("role"),
            audience=filters.get("audience"),
            limit=filters["limit"],
        )
        return Response(InsightsOutputSerializer(report).data)
