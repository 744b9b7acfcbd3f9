from django.urls import URLPattern, URLResolver, path

from cme.returns import views

app_name = "returns"

urlpatterns: list[URLPattern | URLResolver] = [
    path("dfe-return/", views.dfe_return, name="dfe_return"),
    path("dfe-return/<uuid:census_id>/return.csv", views.dfe_return_csv, name="dfe_return_csv"),
    path("dfe-return/census-dates/", views.census_date_list, name="census_date_list"),
    path("dfe-return/census-dates/new/", views.census_date_edit, name="census_date_new"),
    path("dfe-return/census-dates/<uuid:census_id>/", views.census_date_edit, name="census_date_edit"),
    path("dfe-return/reasons/", views.cme_reason_list, name="cme_reason_list"),
    path("dfe-return/reasons/new/", views.cme_reason_edit, name="cme_reason_new"),
    path("dfe-return/reasons/<uuid:reason_id>/", views.cme_reason_edit, name="cme_reason_edit"),
    path("cases/<uuid:case_id>/cme-reason/", views.case_cme_reason, name="case_cme_reason"),
    path("cases/<uuid:case_id>/lost-pupil-file/", views.lost_pupil_file, name="lost_pupil_file"),
]
