"""Tracked links skip the rest of the middleware stack."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from advocacy.analytics.views import tracked_link_redirect

TRACKED_LINK_PREFIX = "/l/"


class TrackedLinkMiddleware:
    """Answers ``/l/{code}`` before sessions, CSRF, authentication, messages and allauth run:
    a redirect for anonymous visitors needs none of them, and it is the hottest path of the
    product (half of a request's cost went to those middleware). Placed right after
    SecurityMiddleware, so HTTPS redirection and security headers still apply."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path_info.startswith(TRACKED_LINK_PREFIX):
            return tracked_link_redirect(request, request.path_info[len(TRACKED_LINK_PREFIX) :])
        return self.get_response(request)
