"""The tracked-link redirect and the dashboards."""

from django.http import HttpRequest, HttpResponse, HttpResponseNotFound, HttpResponseRedirect
from django.utils import timezone
from django.views.decorators.http import require_safe
from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from advocacy.analytics.clicks import click_from_request
from advocacy.analytics.links import tracked_link_resolve
from advocacy.analytics.periods import date_range
from advocacy.analytics.selectors import analytics_summary, objectives_progress, objectives_progress_for_member
from advocacy.analytics.serializers import (
    MyProgressOutputSerializer,
    ObjectivesOutputSerializer,
    SummaryOutputSerializer,
    SummaryQuerySerializer,
)
from advocacy.analytics.services import click_buffer_push
from advocacy.core.api import TenantAPIView
from advocacy.core.permissions import ALL_MEMBERS, COMMS, role_allows

NOT_FOUND_PAGE = (
    '<!doctype html><html lang="en"><meta charset="utf-8"><title>Link not found</title>'
    "<p>This link does not exist or is no longer available.</p></html>"
)


@require_safe
def tracked_link_redirect(request: HttpRequest, code: str) -> HttpResponse:
    """``/l/{code}``: 302 to the share's stored content URL with UTM parameters, or 404.

    The hottest path of the product: the target comes from the cache (no database read once
    warm), the click goes to the buffer (no database write), and nothing in the request can
    change where the visitor is sent (the query string is ignored: no open redirect)."""
    link = tracked_link_resolve(code)
    if link is None:
        # The code is never echoed back into the page.
        return HttpResponseNotFound(NOT_FOUND_PAGE, content_type="text/html; charset=utf-8")
    click_buffer_push(click_from_request(request, link))
    response = HttpResponseRedirect(link.target)
    # Every click must reach us: no browser or proxy may answer it from a cache.
    response["Cache-Control"] = "no-store"
    return response


class AnalyticsSummaryView(TenantAPIView):
    """Shares, clicks, visitors, bot hits and engagement per content, role, audience, member,
    network or day, over `from`..`to` (inclusive ISO dates; the last 30 days by default;
    at most two years).

    Who sees what: admins and comms leads see the whole organisation; everyone else sees
    only the numbers of their own shares (same endpoint, same shape). There is no
    leaderboard.

    Rules: `clicks` counts people only (crawlers, link previews and HEAD requests are
    `bot_hits`); `unique_visitors` are distinct per share and day (the visitor hash
    rotates daily), added up; `shares` counts shares posted in the range; engagement is
    the growth read back from the networks in the range (`conversations` = comments).

    A share counts for the roles and audiences it was made for, frozen when it was posted:
    the roles its author held whose grid contained the content (all their roles if none
    did), and the audiences of those grid cells (a cell for every audience of a role stands
    for the audiences that role leads or supports). A share may therefore count for several
    roles or audiences; those rows can add up to more than the organisation's total.
    """

    permission_roles = {"get": ALL_MEMBERS}

    @extend_schema(parameters=[SummaryQuerySerializer], responses=SummaryOutputSerializer)
    def get(self, request: Request, org_slug: str) -> Response:
        query = SummaryQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        today = timezone.now().date()
        start, end = date_range(start=query.validated_data.get("from"), end=query.validated_data.get("to"), today=today)
        sees_everyone = role_allows(self.membership.org_role, COMMS)
        group_by = query.validated_data["group_by"]
        rows = analytics_summary(
            organization_id=self.organization.pk,
            group_by=group_by,
            start=start,
            end=end,
            today=today,
            membership_id=None if sees_everyone else self.membership.pk,
        )
        # Built by hand rather than through SummaryOutputSerializer (which documents it): a
        # serializer (or dataclasses.asdict) costs tens of µs per row, and an organisation has thousands of members.
        return Response(
            {
                "group_by": group_by,
                "from": start.isoformat(),
                "to": end.isoformat(),
                "results": [dict(vars(row)) for row in rows],
            }
        )


class AnalyticsObjectivesView(TenantAPIView):
    """Progress of each active role's objectives: the actual of the current period so far
    (weeks start on Monday; UTC) against the target, and the previous periods as a trend,
    computed from the rollups of the shares attributed to the role (see the summary)."""

    permission_roles = {"get": COMMS}

    @extend_schema(responses=ObjectivesOutputSerializer)
    def get(self, request: Request, org_slug: str) -> Response:
        today = timezone.now().date()
        results = objectives_progress(organization_id=self.organization.pk, today=today)
        return Response(ObjectivesOutputSerializer({"as_of": today, "results": results}).data)


class MyProgressView(TenantAPIView):
    """The caller's private "my progress" view: for each active role they hold that has
    objectives, the role's actual this period (`team_actual`, as in the objectives), the
    caller's own part of it (`my_actual`, from their shares attributed to the role), that
    part as a fraction (`my_share`) and the caller's own previous periods (`my_trend`).

    Never a leaderboard: nothing about any other member, no names, no ranks. Off by
    default: while the organisation setting `my_progress_enabled` is off, every caller gets
    403 with code `my_progress_disabled`."""

    permission_roles = {"get": ALL_MEMBERS}

    @extend_schema(responses=MyProgressOutputSerializer)
    def get(self, request: Request, org_slug: str) -> Response:
        today = timezone.now().date()
        results = objectives_progress_for_member(
            organization=self.organization, membership_id=self.membership.pk, today=today
        )
        return Response(MyProgressOutputSerializer({"as_of": today, "results": results}).data)
