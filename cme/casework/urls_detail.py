"""The case page: summary, child, risk and escalation, restriction, notes and timeline."""

from django.urls import path

from cme.casework.views import detail

urlpatterns = [
    path("<uuid:case_id>/", detail.case, name="case"),
    path("<uuid:case_id>/restricted-details/", detail.case_restricted_details, name="case_restricted_details"),
    path("<uuid:case_id>/notes/new/", detail.case_note, name="case_note"),
    path("<uuid:case_id>/risk/", detail.case_risk, name="case_risk"),
    path(
        "<uuid:case_id>/safeguarding-referrals/new/",
        detail.case_safeguarding_referral,
        name="case_safeguarding_referral",
    ),
    path("<uuid:case_id>/restriction/", detail.case_restriction, name="case_restriction"),
    path("<uuid:case_id>/tasks/counterparts-abroad/", detail.case_counterparts_task, name="case_counterparts_task"),
    path("<uuid:case_id>/tasks/<uuid:task_id>/", detail.case_task, name="case_task"),
]
