"""URLs for the triage pages (included by cme/referrals/urls.py)."""

from django.urls import path

from cme.referrals.views import triage

urlpatterns = [
    path("referrals/", triage.referral_queue, name="queue"),
    path("referrals/<uuid:referral_id>/", triage.referral_detail, name="detail"),
    path("referrals/<uuid:referral_id>/decide/", triage.referral_decide_view, name="decide"),
    path("referrals/<uuid:referral_id>/dealt-with/", triage.referral_dealt_with, name="dealt_with"),
]
