"""The DfE return and the Lost Pupils Database file in Chromium, with axe-core on every page:

- the manager adds a census date, prepares the return, reads its checks and downloads the CSV;
- an officer records a case's primary reason, and makes the Lost Pupils Database file of a closed case.
"""

from __future__ import annotations

import csv
import io
from datetime import date

from django.urls import reverse
from playwright.sync_api import Page, expect

from cme.audit.models import AuditEvent
from cme.ctf import parse_ctf
from cme.returns.tests.factories import a_closed_case, a_cme_case
from tests.e2e.axe import assert_accessible
from tests.e2e.browser import ConsoleErrors, sign_in
from tests.e2e.test_case_outcomes import fill_date


def test_the_manager_prepares_and_downloads_the_return(page: Page, persona):
    a_cme_case(periods=[(date(2026, 9, 14), None)], reason_code="NEVER_STARTED")
    a_cme_case(periods=[(date(2026, 5, 4), None)], sex="M", reason_code="OTHER")
    sign_in(page, persona("cme_manager"))
    console = ConsoleErrors(page)

    page.get_by_role("link", name="DfE return", exact=True).click()
    page.get_by_role("link", name="Add a census date").click()
    fill_date(page, "Census date", date(2026, 10, 1))
    page.get_by_label("Autumn").check()
    page.get_by_role("button", name="Save the census date").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("Autumn census, 1 October 2026")
    assert_accessible(page)

    page.get_by_role("link", name="Back to the DfE return").click()
    page.get_by_label("Census date").select_option(label="Autumn census, 1 October 2026")
    page.get_by_role("button", name="Show the return").click()
    expect(page.locator("#total")).to_have_text("2")
    expect(page.get_by_text("Every check passed.")).to_be_visible()
    assert_accessible(page)

    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download the return (CSV)").click()
    download = download_info.value
    assert download.suggested_filename == "cme-dfe-return-919-2026-10-01.csv"
    with open(download.path(), encoding="utf-8") as handle:
        rows = list(csv.reader(io.StringIO(handle.read())))
    assert rows[1][-1] == "2"
    assert AuditEvent.objects.filter(action="dfe_return_downloaded").count() == 1
    assert console.messages == []


def test_an_officer_records_the_reason_and_makes_the_lost_pupils_database_file(page: Page, persona):
    open_case = a_cme_case(periods=[(date(2026, 9, 1), None)])
    closed = a_closed_case()
    sign_in(page, persona("cme_officer_west"))
    console = ConsoleErrors(page)

    page.goto(reverse("casework:case", args=[open_case.pk]))
    page.get_by_role("link", name="Change the primary reason for missing education").click()
    page.get_by_label("Offered a school place but not yet started").check()
    page.get_by_role("button", name="Save the reason").click()
    expect(page.locator("#summary + .govuk-summary-list")).to_contain_text("Offered a school place but not yet started")

    page.goto(reverse("casework:case", args=[closed.pk]))
    page.get_by_role("link", name="Make the Lost Pupils Database file").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Lost Pupils Database file")
    assert_accessible(page)
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Make and download the file").click()
    download = download_info.value
    assert download.suggested_filename == "9190000_CTF_XXXXXXX_001.XML"
    with open(download.path(), "rb") as handle:
        ctf = parse_ctf(handle.read())
    assert (ctf.header.destination.laestab, ctf.pupils[0].upn) == ("XXXXXXX", "B801200005001")

    page.reload()
    expect(page.get_by_role("table")).to_contain_text("9190000_CTF_XXXXXXX_001.XML")
    assert console.messages == []
