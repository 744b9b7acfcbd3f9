"""URL wiring. Each app owns its URLs under one prefix; every view needs a signed-in user unless
it is marked ``login_not_required`` (LoginRequiredMiddleware)."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("cme.worklist.urls")),
    path("", include("cme.core.urls")),
    path("", include("cme.accounts.urls")),
    path("schools/", include("cme.schools.urls")),
    path("", include("cme.organisations.urls")),
    path("audit/", include("cme.audit.urls")),
    path("", include("cme.referrals.urls")),
    path("cases/", include("cme.casework.urls")),
    path("cases/", include("cme.cases.urls")),
    path("", include("cme.enquiries.urls")),
    path("", include("cme.calendars.urls")),
    path("", include("cme.policy.urls")),
    path("", include("cme.notifications.urls")),
    path("", include("cme.jobs.urls")),
    path("", include("cme.matching.urls")),
    path("", include("cme.letters.urls")),
    path("", include("cme.legal.urls")),
    path("", include("cme.reporting.urls")),
    path("", include("cme.exports.urls")),
    path("", include("cme.returns.urls")),
    path("django-admin/", admin.site.urls),
]

handler400 = "cme.core.errors.bad_request"
handler403 = "cme.core.errors.permission_denied"
handler404 = "cme.core.errors.page_not_found"
handler500 = "cme.core.errors.server_error"
