"""Legal interventions, under the case they belong to (/cases/<case id>/legal/...), and the manager's
authorisations of officers to issue notices."""

from django.urls import path

from cme.legal import views

app_name = "legal"

urlpatterns = [
    path("cases/<uuid:case_id>/legal/", views.case_legal, name="case_legal"),
    path("cases/<uuid:case_id>/legal/school-attendance-orders/new/", views.sao_new, name="sao_new"),
    path("cases/<uuid:case_id>/legal/school-attendance-orders/<uuid:order_id>/", views.sao, name="sao"),
    path(
        "cases/<uuid:case_id>/legal/school-attendance-orders/<uuid:order_id>/<slug:step>/",
        views.sao_step_view,
        name="sao_step",
    ),
    path(
        "cases/<uuid:case_id>/legal/school-attendance-orders/<uuid:order_id>/<slug:step>/preview/",
        views.sao_preview,
        name="sao_preview",
    ),
    path("cases/<uuid:case_id>/legal/education-supervision-orders/new/", views.eso_new, name="eso_new"),
    path("cases/<uuid:case_id>/legal/education-supervision-orders/<uuid:order_id>/", views.eso, name="eso"),
    path(
        "cases/<uuid:case_id>/legal/education-supervision-orders/<uuid:order_id>/<slug:step>/",
        views.eso_step_view,
        name="eso_step",
    ),
    path(
        "cases/<uuid:case_id>/legal/education-supervision-orders/<uuid:order_id>/<slug:step>/preview/",
        views.eso_preview,
        name="eso_preview",
    ),
    path("legal/authorisations/", views.authorisations, name="authorisations"),
    path(
        "legal/authorisations/<uuid:authorisation_id>/revoke/",
        views.authorisation_revoke,
        name="authorisation_revoke",
    ),
]
