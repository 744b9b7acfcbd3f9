"""The CME dashboard and the downloads of its tables."""

from django.urls import path

from cme.reporting import views

app_name = "reporting"

urlpatterns = [
    path("dashboard/", views.dashboard, name="dashboard"),
    path("dashboard/<slug:table>/<slug:file_format>/", views.dashboard_table_export, name="table_export"),
]
