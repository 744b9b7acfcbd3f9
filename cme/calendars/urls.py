from django.urls import path

from cme.calendars import views

app_name = "calendars"

urlpatterns = [
    path("policy/term-dates/", views.term_dates, name="term_dates"),
    path("policy/term-dates/<int:year>/", views.term_dates_edit, name="term_dates_edit"),
]
