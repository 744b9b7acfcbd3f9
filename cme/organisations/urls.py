"""Team mailboxes under /mailboxes/ and organisations under /organisations/: one app, one namespace."""

from django.urls import path

from cme.organisations import views

app_name = "organisations"

urlpatterns = [
    path("mailboxes/", views.mailbox_list, name="mailbox_list"),
    path("mailboxes/<str:key>/edit/", views.mailbox_edit, name="mailbox_edit"),
    path("organisations/", views.organisation_list, name="organisation_list"),
    path("organisations/add/", views.organisation_create, name="organisation_create"),
    path("organisations/<uuid:organisation_id>/edit/", views.organisation_edit, name="organisation_edit"),
]
