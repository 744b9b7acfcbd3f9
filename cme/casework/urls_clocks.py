"""A case's clocks: pause, restart, periodic review (cme/casework/views/clocks.py)."""

from django.urls import path

from cme.casework.views import clocks

urlpatterns = [
    path("<uuid:case_id>/clocks/pause/", clocks.case_clock_pause, name="case_clock_pause"),
    path("<uuid:case_id>/clocks/<uuid:pause_id>/restart/", clocks.case_clock_resume, name="case_clock_resume"),
    path("<uuid:case_id>/reviews/new/", clocks.case_periodic_review, name="case_periodic_review"),
]
