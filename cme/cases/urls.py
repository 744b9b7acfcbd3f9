"""The case pages live in cme.casework (they show a case with its enquiries and referrals, which sit
above cme.cases); this app has no pages of its own."""

from django.urls import URLPattern

app_name = "cases"

urlpatterns: list[URLPattern] = []
