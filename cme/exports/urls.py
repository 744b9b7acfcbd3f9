"""Exports of the case list (the dashboard's tables are exported from cme.reporting)."""

from django.urls import path

from cme.exports import views

app_name = "exports"

urlpatterns = [
    path("exports/cases/", views.case_export, name="case_export"),
]
