from django.urls import URLPattern, URLResolver, path

from cme.matching import views

app_name = "matching"

urlpatterns: list[URLPattern | URLResolver] = [
    path("matching/", views.queue, name="queue"),
    path("matching/suggestions/<uuid:suggestion_id>/", views.suggestion, name="suggestion"),
    path("matching/roll-returns/new/", views.roll_return_new, name="roll_return_new"),
    path("matching/roll-returns/<uuid:roll_return_id>/", views.roll_return, name="roll_return"),
    path("matching/duplicate-check/", views.duplicate_check, name="duplicate_check"),
    path("matching/merges/<uuid:merge_id>/", views.merge, name="merge"),
]
