"""Referral URLs: intake journeys (public, partner, staff), school and admissions channels, triage.

Each group lives in its own module so each can grow without the others: urls_intake.py,
urls_school.py, urls_triage.py.
"""

from django.urls import include, path

from cme.referrals import urls_intake, urls_school, urls_triage

app_name = "referrals"

urlpatterns = [
    path("", include(urls_intake.urlpatterns)),
    path("", include(urls_school.urlpatterns)),
    path("", include(urls_triage.urlpatterns)),
]
