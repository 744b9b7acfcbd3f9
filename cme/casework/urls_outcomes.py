"""Outcomes, lifecycle actions and review of a case."""

from django.urls import path

from cme.casework.views import outcomes

urlpatterns = [
    path("review/", outcomes.review_queue, name="review_queue"),
    path("<uuid:case_id>/start-enquiries/", outcomes.start_enquiries, name="start_enquiries"),
    path("<uuid:case_id>/located/", outcomes.record_located, name="record_located"),
    path("<uuid:case_id>/school-confirmation/", outcomes.confirm_placement, name="confirm_placement"),
    path("<uuid:case_id>/close/", outcomes.close, name="close"),
    path("<uuid:case_id>/not-located/", outcomes.not_located, name="not_located"),
    path("<uuid:case_id>/return-to-enquiries/", outcomes.return_to_enquiries, name="return_to_enquiries"),
    path("<uuid:case_id>/send-for-review/", outcomes.submit_for_review, name="submit_for_review"),
    path("<uuid:case_id>/review/", outcomes.review, name="review"),
    path("<uuid:case_id>/reopen/", outcomes.reopen, name="reopen"),
]
