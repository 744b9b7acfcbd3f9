"""URLs for the intake pages (included by cme/referrals/urls.py): the public referral (no sign-in), a
partner agency's referral and a referral the CME team keys in."""

from django.urls import URLPattern, path

from cme.referrals.views import intake

urlpatterns: list[URLPattern] = [
    path("report-a-child/", intake.public_start, name="public_start"),
    path("report-a-child/form/", intake.public_form, name="public_form"),
    path("report-a-child/sent/", intake.public_sent, name="public_sent"),
    path("refer/", intake.partner_new, name="partner_new"),
    path("refer/sent/", intake.partner_sent, name="partner_sent"),
    path("referrals/new/", intake.staff_new, name="staff_new"),
]
