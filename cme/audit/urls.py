from django.urls import path

from cme.audit import views

app_name = "audit"

urlpatterns = [
    path("", views.trail, name="trail"),
    path("records/<str:object_type>/<str:object_id>/", views.access_log, name="access_log"),
]
