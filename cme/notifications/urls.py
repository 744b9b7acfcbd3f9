from django.urls import URLPattern, URLResolver, path

from cme.notifications import views

app_name = "notifications"

urlpatterns: list[URLPattern | URLResolver] = [
    path("email-preferences/", views.preferences, name="preferences"),
    path("messages/", views.message_log, name="message_log"),
]
