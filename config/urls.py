from django.contrib import admin
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView

from advocacy.accounts import views as accounts
from advocacy.analytics import export_views as exports
from advocacy.analytics import views as analytics
from advocacy.audiences import views as audiences
from advocacy.coaching import views as coaching
from advocacy.content import views as content
from advocacy.core import security
from advocacy.core import views as core
from advocacy.core.api import ORG_PREFIX, ApiRouter
from advocacy.networks import views as networks
from advocacy.roles import views as roles
from advocacy.shares import views as shares

# Every tenant collection lives under /api/v1/orgs/{org_slug}/...; tests walk this router.
router = ApiRouter()
router.register(rf"{ORG_PREFIX}/members", roles.MembershipViewSet, basename="members")
router.register(rf"{ORG_PREFIX}/invitations", accounts.InvitationViewSet, basename="invitations")
router.register(rf"{ORG_PREFIX}/sso", accounts.SsoProviderViewSet, basename="sso")
router.register(rf"{ORG_PREFIX}/policies", accounts.PolicyViewSet, basename="policies")
router.register(rf"{ORG_PREFIX}/roles", roles.RoleViewSet, basename="roles")
router.register(rf"{ORG_PREFIX}/audiences", audiences.AudienceViewSet, basename="audiences")
router.register(rf"{ORG_PREFIX}/role-audiences", audiences.RoleAudienceViewSet, basename="role-audiences")
router.register(
    rf"{ORG_PREFIX}/reserved-relationships", audiences.ReservedRelationshipViewSet, basename="reserved-relationships"
)
router.register(rf"{ORG_PREFIX}/content", content.ContentViewSet, basename="content")
router.register(rf"{ORG_PREFIX}/grid", content.GridCellViewSet, basename="grid")
router.register(rf"{ORG_PREFIX}/templates", content.TemplateViewSet, basename="templates")
router.register(rf"{ORG_PREFIX}/suggestions", content.SuggestionViewSet, basename="suggestions")
router.register(rf"{ORG_PREFIX}/connections", networks.ConnectionViewSet, basename="connections")
router.register(rf"{ORG_PREFIX}/shares", shares.ShareViewSet, basename="shares")
router.register(rf"{ORG_PREFIX}/audit", core.AuditEventViewSet, basename="audit")
router.register(rf"{ORG_PREFIX}/cohorts", coaching.CohortViewSet, basename="cohorts")
router.register(rf"{ORG_PREFIX}/coaching/tasks", coaching.CoachingTaskViewSet, basename="coaching-tasks")

api_v1 = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", security.api_docs_view, name="docs"),
    path("csrf", core.csrf, name="csrf"),
    path("me", roles.MeView.as_view(), name="me"),
    path("orgs/", accounts.OrganizationListView.as_view(), name="orgs"),
    path("orgs/<slug:org_slug>/", accounts.OrganizationDetailView.as_view(), name="org-detail"),
    path("orgs/<slug:org_slug>/feed/", content.FeedView.as_view(), name="feed"),
    path("orgs/<slug:org_slug>/me/voice", accounts.VoiceProfileView.as_view(), name="voice-profile"),
    path("orgs/<slug:org_slug>/me/notifications", accounts.MemberNotificationsView.as_view(), name="notifications"),
    path("orgs/<slug:org_slug>/me/data-export", accounts.MyDataExportView.as_view(), name="my-data-export"),
    path(
        "orgs/<slug:org_slug>/exports/analytics.csv", exports.AnalyticsCsvExportView.as_view(), name="export-analytics"
    ),
    path("orgs/<slug:org_slug>/exports/archive.jsonl", exports.ArchiveJsonlExportView.as_view(), name="export-jsonl"),
    path("orgs/<slug:org_slug>/exports/archive.csv", exports.ArchiveCsvExportView.as_view(), name="export-csv"),
    path("digest/unsubscribe", accounts.DigestUnsubscribeView.as_view(), name="digest-unsubscribe"),
    path("orgs/<slug:org_slug>/sandbox/posts", networks.SandboxPostsView.as_view(), name="sandbox-posts"),
    path("orgs/<slug:org_slug>/analytics/summary", analytics.AnalyticsSummaryView.as_view(), name="analytics-summary"),
    path(
        "orgs/<slug:org_slug>/analytics/objectives",
        analytics.AnalyticsObjectivesView.as_view(),
        name="analytics-objectives",
    ),
    path("orgs/<slug:org_slug>/me/progress", analytics.MyProgressView.as_view(), name="my-progress"),
    path("orgs/<slug:org_slug>/me/readiness", coaching.MyReadinessView.as_view(), name="my-readiness"),
    path("orgs/<slug:org_slug>/readiness/", coaching.ReadinessListView.as_view(), name="readiness"),
    path("orgs/<slug:org_slug>/coaching/library", coaching.CoachingLibraryView.as_view(), name="coaching-library"),
    path("orgs/<slug:org_slug>/me/coaching", coaching.MyCoachingView.as_view(), name="my-coaching"),
    path(
        "orgs/<slug:org_slug>/me/coaching/<uuid:task_id>/done",
        coaching.MyCoachingDoneView.as_view(),
        name="my-coaching-done",
    ),
    path("orgs/<slug:org_slug>/insights/", coaching.InsightsView.as_view(), name="insights"),
    path("connections/<slug:network>/callback", networks.ConnectionCallbackView.as_view(), name="connection-callback"),
    path("invitations/<str:token>", accounts.InvitationPreviewView.as_view(), name="invitation-preview"),
    path("invitations/<str:token>/accept", accounts.InvitationAcceptView.as_view(), name="invitation-accept"),
    path("sso/discover", accounts.SsoDiscoverView.as_view(), name="sso-discover"),
    *router.urls,
]

urlpatterns = [
    path("healthz", core.healthz, name="healthz"),
    path("readyz", core.readyz, name="readyz"),
    # Tracked links. Any path under l/ reaches the view, which answers 404 for anything that
    # is not a known code (path tricks included).
    re_path(r"^l/(?P<code>.*)$", analytics.tracked_link_redirect, name="tracked-link"),
    path("api/v1/", include(api_v1)),
    path("_allauth/", include("allauth.headless.urls")),
    path("accounts/", include("allauth.urls")),
    path("django-admin/", admin.site.urls),
    re_path(r"^(?!api/|_allauth/|static/|assets/|l/)(?P<path>.*)$", core.spa_index, name="spa"),
]

handler404 = "advocacy.core.views.api_not_found"
handler500 = "advocacy.core.views.api_server_error"
