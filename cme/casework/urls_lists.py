"""Case lists and allocation: the case list, the manager's workload view, taking and allocating a case."""

from django.urls import path

from cme.casework.views import lists

urlpatterns = [
    path("", lists.case_list, name="case_list"),
    path("workload/", lists.workload, name="workload"),
    path("<uuid:case_id>/take/", lists.claim, name="claim"),
    path("<uuid:case_id>/allocate/", lists.allocate, name="allocate"),
]
