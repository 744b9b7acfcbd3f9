"""URLs for the school and admissions pages (included by cme/referrals/urls.py)."""

from django.urls import URLPattern, path

from cme.referrals.views import school

urlpatterns: list[URLPattern] = [
    path("school/", school.school_home, name="school_home"),
    path("school/did-not-arrive/", school.school_non_arrival, name="school_non_arrival"),
    path("school/not-taking-place/", school.school_not_taking_place, name="school_not_taking_place"),
    path("school/deletion-return/", school.school_deletion, name="school_deletion"),
    path("school/sent/", school.school_sent, name="school_sent"),
    path("school/tasks/<uuid:task_id>/", school.school_task, name="school_task"),
    path("admissions/", school.admissions_home, name="admissions_home"),
    path("admissions/whereabouts-unknown/", school.admissions_whereabouts, name="admissions_whereabouts"),
    path("admissions/not-coming/", school.admissions_not_coming, name="admissions_not_coming"),
    path("admissions/sent/", school.admissions_sent, name="admissions_sent"),
    path("referrals/sent/", school.sent, name="sent"),
]
