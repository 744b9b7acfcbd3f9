"""Jobs: the progress of long work done in the background, and the files it makes."""

from django.urls import path

from cme.jobs import views

app_name = "jobs"

urlpatterns = [
    path("jobs/", views.job_list, name="list"),
    path("jobs/<uuid:job_id>/", views.job_detail, name="detail"),
    path("jobs/<uuid:job_id>/download/", views.job_download, name="download"),
]
