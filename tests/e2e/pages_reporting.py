"""Accessibility rows for the dashboard, exports and background jobs (joined by test_accessibility)."""

from __future__ import annotations

from django.utils import timezone

from cme.conftest import make_persona
from cme.jobs.models import Job
from cme.jobs.services import job_create
from cme.reporting.tests.dashboard_data import seed
from tests.e2e.page_checks import Given, PageCheck
from tests.e2e.test_case_list import cases_for_the_list

_BAD_PERIOD = "date_from_0=1&date_from_1=3&date_from_2=2026&date_to_0=1&date_to_1=2&date_to_2=2026"


def _seeded() -> Given:
    seed()
    return Given()


def _a_bad_period() -> Given:
    return Given(open_first=f"/dashboard/?{_BAD_PERIOD}")


def _cases_to_export() -> Given:
    cases_for_the_list()
    return Given(open_first="/exports/cases/?status=any")


def _a_job(status: str) -> Job:
    job = job_create(owner=make_persona("cme_manager"), kind="case_export", title="Case list export (XLSX)", total=800)
    fields: dict[str, object] = {"status": status, "done": 300}
    if status == Job.Status.FAILED:
        fields |= {"error": "Something went wrong while making the file.", "finished_on": timezone.now()}
    Job.objects.filter(pk=job.pk).update(**fields)
    return job


def _a_running_job_not_refreshing() -> Given:
    job = _a_job(Job.Status.RUNNING)
    return Given(kwargs={"job_id": job.pk}, open_first=f"/jobs/{job.pk}/?refresh=off")


def _a_failed_job() -> Given:
    return Given(kwargs={"job_id": _a_job(Job.Status.FAILED).pk})


def _some_jobs() -> Given:
    _a_job(Job.Status.RUNNING)
    _a_job(Job.Status.FAILED)
    return Given()


PAGE_CHECKS: list[PageCheck] = [
    PageCheck("reporting:dashboard", "cme_manager", given=_seeded),
    PageCheck("reporting:dashboard", "cme_officer_west", given=_seeded, state="an officer's own area"),
    PageCheck("reporting:dashboard", "cme_manager", given=_a_bad_period, state="a period that ends before it starts"),
    PageCheck("exports:case_export", "cme_manager", given=_cases_to_export),
    # The page reloads itself every few seconds while a job runs, which could interrupt axe: the row
    # checks it with reloading turned off (the same page but for one sentence).
    PageCheck("jobs:detail", "cme_manager", given=_a_running_job_not_refreshing, state="in progress"),
    PageCheck("jobs:detail", "cme_manager", given=_a_failed_job, state="failed"),
    PageCheck("jobs:list", "cme_manager", given=_some_jobs),
]

# URL names that are not pages a person reads, and why.
NOT_PAGES: dict[str, str] = {
    "reporting:table_export": "downloads a dashboard table as a CSV or XLSX file",
    "jobs:download": "downloads the file a background job made",
}
