"""Case pages, mounted at /cases/ before cme.cases.urls. Each slice owns one module of routes:
urls_detail (the case page, risk, restriction, notes), urls_outcomes (outcomes, lifecycle actions,
review) and urls_lists (case lists and allocation)."""

from django.urls import include, path

app_name = "casework"

urlpatterns = [
    path("", include("cme.casework.urls_detail")),
    path("", include("cme.casework.urls_outcomes")),
    path("", include("cme.casework.urls_lists")),
    path("", include("cme.casework.urls_clocks")),
]
