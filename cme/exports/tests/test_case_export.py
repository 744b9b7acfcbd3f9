"""Exporting the case list: who may, the same cases as the list with the same filters, the file's
contents (CSV and XLSX), formula neutralisation, the audit row with the filters, and large exports
made as a background job with a progress page and an owner-only download."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from cme.audit.models import AuditEvent
from cme.cases.codes import RiskLevel
from cme.cases.states import CaseStatus
from cme.casework.tests.case_data import a_case, overdue_enquiry
from cme.jobs.models import Job

URL = reverse("exports:case_export")
HEADER = [
    "Case reference",
    "Forenames",
    "Surname",
    "Date of birth",
    "Year group (by age)",
    "Sex",
    "Postcode",
    "District",
    "Area",
    "Status",
    "Risk level",
    "Urgent",
    "Allocated to",
    "Missing education since",
    "Days missing education",
    "Overdue enquiries",
    "Located on",
    "Outcome",
    "Outcome recorded on",
]


@pytest.fixture(autouse=True)
def on_the_20th_of_march(settings, tmp_path):
    settings.CME_JOB_STORAGE_DIR = str(tmp_path / "job-files")
    with time_machine.travel(datetime(2026, 3, 20, 12, tzinfo=UTC), tick=False):
        yield


def cases() -> None:
    high = a_case(
        forenames='=HYPERLINK("http://x")',
        surname="Testchild",
        risk_level=RiskLevel.HIGH,
        cme_from=date(2026, 3, 10),
        reference="C-AAAA-0001",
    )
    overdue_enquiry(high)
    a_case(forenames="Robin", surname="+Sample", reference="C-AAAA-0002", cme_from=date(2026, 2, 1))
    a_case(forenames="Kit", surname="@Example", reference="C-AAAA-0003", area="east", restricted=True)
    a_case(forenames="Closed", surname="Case", reference="C-AAAA-0004", status=CaseStatus.CLOSED)


def csv_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


@pytest.mark.parametrize(
    ("name", "status"),
    [("cme_manager", 200), ("cme_officer_west", 403), ("auditor", 403), ("school_user", 403)],
)
def test_only_the_manager_may_export(client, persona, name, status):
    client.force_login(persona(name))

    assert client.get(URL).status_code == status
    assert client.post(URL, {"file_format": "csv"}).status_code == status
    if status == 403:
        assert not AuditEvent.objects.filter(action="cases_exported").exists()


def test_the_export_page_says_how_many_cases_and_which_filters(client, persona):
    cases()
    client.force_login(persona("cme_manager"))

    response = client.get(URL, {"risk_level": "high", "page": "3"})

    html = response.content.decode()
    assert '<p class="govuk-body govuk-!-font-weight-bold" id="export-count">1 case</p>' in html
    assert "<li>Risk level: High</li>" in html
    assert "<li>Status: Any status except closed</li>" in html
    assert '<input type="hidden" name="risk_level" value="high">' in html
    assert 'name="page"' not in html


def test_a_csv_export_holds_the_lists_cases_with_formulas_neutralised_and_is_audited(client, persona):
    cases()
    manager = persona("cme_manager")
    client.force_login(manager)

    response = client.post(URL, {"file_format": "csv", "status": "not_closed"})

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="cme-cases-2026-03-20.csv"'
    rows = csv_rows(response)
    assert rows[0] == HEADER
    assert [row[0] for row in rows[1:]] == ["C-AAAA-0003", "C-AAAA-0002", "C-AAAA-0001"]
    by_reference = {row[0]: row for row in rows[1:]}
    assert by_reference["C-AAAA-0001"][1] == '\'=HYPERLINK("http://x")'
    assert by_reference["C-AAAA-0001"][10] == "High"
    assert by_reference["C-AAAA-0001"][14] == "10"
    assert by_reference["C-AAAA-0001"][15] == "1"
    assert by_reference["C-AAAA-0002"][2] == "'+Sample"
    assert by_reference["C-AAAA-0003"][2] == "'@Example"
    assert by_reference["C-AAAA-0003"][6] == "Restricted"
    assert by_reference["C-AAAA-0002"][3] == "2014-05-17"
    assert by_reference["C-AAAA-0002"][4] == "Year 7"
    event = AuditEvent.objects.get(action="cases_exported")
    assert event.actor == manager
    assert event.data == {
        "searched_by_text": False,
        "searched_by_date_of_birth": False,
        "area": "",
        "officer": "",
        "status": "not_closed",
        "risk_level": "",
        "overdue_only": False,
        "urgent_only": False,
        "format": "csv",
        "rows": 3,
        "background": False,
    }


def test_the_search_text_is_used_but_never_audited(client, persona):
    cases()
    client.force_login(persona("cme_manager"))

    response = client.post(URL, {"file_format": "csv", "text": "Robin"})

    assert [row[0] for row in csv_rows(response)[1:]] == ["C-AAAA-0002"]
    event = AuditEvent.objects.get(action="cases_exported")
    assert event.data["searched_by_text"] is True
    assert "Robin" not in str(event.data)


def test_an_xlsx_export_opens_with_real_dates_and_neutralised_text(client, persona):
    cases()
    client.force_login(persona("cme_manager"))

    response = client.post(URL, {"file_format": "xlsx", "overdue": "on"})

    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0] == HEADER
    assert len(rows) == 2
    assert rows[1][0] == "C-AAAA-0001"
    assert rows[1][1] == '\'=HYPERLINK("http://x")'
    assert rows[1][3] == datetime(2014, 5, 17)  # noqa: DTZ001 - spreadsheets have no time zones
    assert rows[1][13] == datetime(2026, 3, 10)  # noqa: DTZ001


def test_no_format_chosen_is_an_error(client, persona):
    client.force_login(persona("cme_manager"))

    response = client.post(URL, {})

    assert response.status_code == 200
    assert "Select a format" in response.content.decode()
    assert not AuditEvent.objects.filter(action="cases_exported").exists()


def test_a_large_export_runs_as_a_job_with_progress_and_only_its_owner_may_download_it(
    client, persona, settings, django_capture_on_commit_callbacks
):
    settings.CME_EXPORT_INLINE_ROWS = 2
    cases()
    manager = persona("cme_manager")
    client.force_login(manager)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, {"file_format": "csv"})

    job = Job.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("jobs:detail", args=[job.pk])
    assert (job.owner, job.status, job.done, job.total, job.parameters) == (manager, "done", 3, 3, {})
    event = AuditEvent.objects.get(action="cases_exported")
    assert (event.object_type, event.object_id, event.data["background"], event.data["rows"]) == (
        "jobs.job",
        str(job.pk),
        True,
        3,
    )

    finished = client.get(reverse("jobs:detail", args=[job.pk]))
    assert "Your file is ready" in finished.content.decode()
    assert "Refresh" not in finished
    download = client.get(reverse("jobs:download", args=[job.pk]))
    assert download.status_code == 200
    assert download["Content-Disposition"] == 'attachment; filename="cme-cases-2026-03-20.csv"'
    rows = list(csv.reader(io.StringIO(b"".join(download.streaming_content).decode("utf-8-sig"))))
    assert [row[0] for row in rows[1:]] == ["C-AAAA-0003", "C-AAAA-0002", "C-AAAA-0001"]
    assert AuditEvent.objects.filter(action="job_file_downloaded", object_id=str(job.pk)).count() == 1

    client.force_login(persona("cme_officer_west"))
    assert client.get(reverse("jobs:detail", args=[job.pk])).status_code == 404
    assert client.get(reverse("jobs:download", args=[job.pk])).status_code == 404


def test_a_large_xlsx_export_is_written_by_the_job(client, persona, settings, django_capture_on_commit_callbacks):
    settings.CME_EXPORT_INLINE_ROWS = 1
    cases()
    client.force_login(persona("cme_manager"))

    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, {"file_format": "xlsx", "area": "west"})

    job = Job.objects.get()
    download = client.get(reverse("jobs:download", args=[job.pk]))
    sheet = load_workbook(io.BytesIO(b"".join(download.streaming_content))).active
    assert (job.status, job.done, job.title) == ("done", 2, "Case list export (XLSX)")
    assert [row[0] for row in sheet.iter_rows(values_only=True)] == ["Case reference", "C-AAAA-0002", "C-AAAA-0001"]
