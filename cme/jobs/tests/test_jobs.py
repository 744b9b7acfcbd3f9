"""Jobs: the progress page refreshes itself until the work ends, failures say so without details,
files are kept for a while then deleted, and the tables writer neutralises formulas."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from cme.jobs.files import job_file_location
from cme.jobs.models import Job
from cme.jobs.services import FAILED_MESSAGE, JobFile, job_create, job_files_purge, job_run
from cme.jobs.tables import FileFormat, neutralise, table_bytes


@pytest.fixture(autouse=True)
def job_files(settings, tmp_path):
    settings.CME_JOB_STORAGE_DIR = str(tmp_path / "job-files")


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("=1+1", "'=1+1"),
        ("+44 1234", "'+44 1234"),
        ("-5", "'-5"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=cmd", "'\t=cmd"),
        ("\r=cmd", "'\r=cmd"),
        ("Robin", "Robin"),
        ("a=b", "a=b"),
        ("", ""),
        (-5, -5),
        (3.5, 3.5),
        (None, None),
        (True, True),
        (date(2026, 1, 2), date(2026, 1, 2)),
    ],
)
def test_neutralise(value, written):
    assert neutralise(value) == written


def test_csv_and_xlsx_of_a_table():
    rows: list[list[Any]] = [["=bad", 1, date(2026, 1, 2)], ["fine", None, None]]

    text = table_bytes(FileFormat.CSV, ["Name", "Count", "On"], rows, sheet="T").decode("utf-8")
    sheet = load_workbook(io.BytesIO(table_bytes(FileFormat.XLSX, ["Name", "Count", "On"], rows, sheet="T"))).active

    assert text == "\ufeffName,Count,On\r\n'=bad,1,2026-01-02\r\nfine,,\r\n"
    assert [list(r) for r in sheet.iter_rows(values_only=True)] == [
        ["Name", "Count", "On"],
        ["'=bad", 1, datetime(2026, 1, 2)],  # noqa: DTZ001 - spreadsheets have no time zones
        ["fine", None, None],
    ]


def a_job(owner, **fields) -> Job:
    fields.setdefault("title", "Test export")
    fields.setdefault("total", 10)
    return job_create(owner=owner, kind="test", **fields)


def test_the_progress_page_refreshes_itself_while_the_job_runs(client, persona):
    manager = persona("cme_manager")
    job = a_job(manager)
    Job.objects.filter(pk=job.pk).update(status=Job.Status.RUNNING, done=4)
    client.force_login(manager)

    response = client.get(reverse("jobs:detail", args=[job.pk]))
    stopped = client.get(reverse("jobs:detail", args=[job.pk]), {"refresh": "off"})

    html = response.content.decode()
    assert response["Refresh"] == "3"
    assert "Stop refreshing this page" in html
    assert "Refresh" not in stopped
    assert "This page does not refresh itself." in stopped.content.decode()
    assert "In progress: 4 of 10 rows (40%)." in html
    assert '<progress id="job-progress" max="10" value="4">40%</progress>' in html


def test_a_failed_job_says_so_without_details(client, persona):
    manager = persona("cme_manager")
    job = a_job(manager, parameters={"filters": {"text": "A name"}})

    def broken(job: Job, progress) -> JobFile:
        raise ValueError("details that must not reach the page")

    finished = job_run(job_id=job.pk, work=broken)
    client.force_login(manager)
    response = client.get(reverse("jobs:detail", args=[job.pk]))
    html = response.content.decode()

    assert (finished.status, finished.error, finished.parameters) == (Job.Status.FAILED, FAILED_MESSAGE, {})
    assert "The file could not be made" in html
    assert "details that must not" not in html
    assert "Refresh" not in response


def test_a_job_runs_once(persona):
    job = a_job(persona("cme_manager"))
    calls = []

    def work(job: Job, progress) -> JobFile:
        calls.append(job.pk)
        name, path = job_file_location(job_id=str(job.pk), extension="csv")
        path.write_text("x\r\n")
        progress.advance(10)
        return JobFile(storage_name=name, file_name="x.csv", content_type="text/csv")

    first = job_run(job_id=job.pk, work=work)
    second = job_run(job_id=job.pk, work=work)

    assert calls == [job.pk]
    assert (first.status, first.done, first.file_size, second.status) == ("done", 10, 3, "done")


def test_old_files_are_deleted_and_the_page_says_so(client, persona):
    manager = persona("cme_manager")
    job = a_job(manager)

    def work(job: Job, progress) -> JobFile:
        name, path = job_file_location(job_id=str(job.pk), extension="csv")
        path.write_text("x")
        return JobFile(storage_name=name, file_name="x.csv", content_type="text/csv")

    job_run(job_id=job.pk, work=work)
    Job.objects.filter(pk=job.pk).update(finished_on=timezone.now() - timedelta(days=8))

    deleted = job_files_purge(finished_before=timezone.now() - timedelta(days=7))
    client.force_login(manager)
    html = client.get(reverse("jobs:detail", args=[job.pk])).content.decode()

    assert deleted == 1
    assert "has since been deleted" in html
    assert client.get(reverse("jobs:download", args=[job.pk])).status_code == 404


def test_the_list_shows_only_your_own_jobs(client, persona):
    a_job(persona("cme_manager"), title="Manager's export")
    a_job(persona("cme_officer_west"), title="Officer's export")
    client.force_login(persona("cme_officer_west"))

    html = client.get(reverse("jobs:list")).content.decode()

    assert "Officer&#x27;s export" in html
    assert "Manager&#x27;s export" not in html


def test_someone_else_is_told_the_job_does_not_exist(client, persona):
    job = a_job(persona("cme_manager"))
    client.force_login(persona("auditor"))

    assert client.get(reverse("jobs:detail", args=[job.pk])).status_code == 404
    assert datetime.now(UTC)  # the clock is not frozen here
