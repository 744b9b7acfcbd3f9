"""A URLconf for tests only: the service's own URLs plus views that fail on purpose, so the error
pages can be shown exactly as the error handlers in config/urls.py would show them."""

from django.core.exceptions import SuspiciousOperation
from django.http import HttpRequest, HttpResponse
from django.urls import include, path

from cme.core.access import permission_required, public
from cme.core.permissions import Perm


@public
def raises_an_error(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("A deliberate failure to show the 500 page")


@public
def raises_suspicious_operation(request: HttpRequest) -> HttpResponse:
    raise SuspiciousOperation("A deliberately malformed request to show the 400 page")


@permission_required(Perm.MANAGE_USERS)
def needs_manage_users(request: HttpRequest) -> HttpResponse:
    return HttpResponse("not reached by anyone without the permission")


urlpatterns = [
    path("test-failures/500/", raises_an_error),
    path("test-failures/400/", raises_suspicious_operation),
    path("test-failures/403/", needs_manage_users),
    path("", include("config.urls")),
]

handler400 = "cme.core.errors.bad_request"
handler403 = "cme.core.errors.permission_denied"
handler404 = "cme.core.errors.page_not_found"
handler500 = "cme.core.errors.server_error"
