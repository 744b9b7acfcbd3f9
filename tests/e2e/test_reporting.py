"""Browser journeys: the CME manager reads the dashboard, narrows it to one area and downloads a
table; then exports the case list with its filters. Every page is checked with axe."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from playwright.sync_api import Page, expect

from cme.audit.models import AuditEvent
from cme.reporting.tests.dashboard_data import seed
from tests.e2e.axe import assert_accessible
from tests.e2e.browser import ConsoleErrors, sign_in
from tests.e2e.test_case_list import cases_for_the_list


def _csv(path: str | None) -> list[list[str]]:
    assert path is not None
    return list(csv.reader(io.StringIO(Path(path).read_text(encoding="utf-8-sig"))))


def test_the_manager_reads_the_dashboard_for_one_area_and_downloads_a_table(page: Page, persona):
    seed()
    sign_in(page, persona("cme_manager"))
    console = ConsoleErrors(page)

    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Dashboard").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dashboard")
    expect(page.locator("main")).to_contain_text("Every area: 6 open cases today.")
    expect(page.get_by_role("img", name="Open cases by risk level")).to_be_visible()
    assert_accessible(page)

    page.get_by_text("Change the period or area").click()
    page.get_by_label("Area", exact=True).select_option("West")
    page.get_by_role("button", name="Show").click()
    expect(page.locator("main")).to_contain_text("West: 4 open cases today.")
    risk = page.locator("section", has=page.get_by_role("heading", name="Open cases by risk level"))
    expect(risk.locator("tbody tr")).to_have_text([re.compile(r"Standard\s*3"), re.compile(r"High\s*1")])
    assert_accessible(page)

    with page.expect_download() as download:
        risk.get_by_role("link", name="CSV file of open cases by risk level").click()
    assert _csv(download.value.path()) == [["Risk level", "Open cases"], ["Standard", "3"], ["High", "1"]]
    assert AuditEvent.objects.filter(action="dashboard_table_exported").count() == 1
    assert console.messages == []


def test_the_manager_exports_the_filtered_case_list(page: Page, persona):
    cases_for_the_list()
    sign_in(page, persona("cme_manager"))
    console = ConsoleErrors(page)

    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Cases").click()
    page.get_by_label("Area", exact=True).select_option("West")
    page.get_by_role("button", name="Apply filters").click()
    page.get_by_role("link", name="Export these cases").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Export cases")
    expect(page.locator("main")).to_contain_text("Area: West")
    assert_accessible(page)

    page.get_by_label("Comma-separated values (CSV)").check()
    with page.expect_download() as download:
        page.get_by_role("button", name="Export cases").click()
    rows = _csv(download.value.path())
    assert rows[0][:3] == ["Case reference", "Forenames", "Surname"]
    assert {row[8] for row in rows[1:]} == {"West"}
    assert AuditEvent.objects.get(action="cases_exported").data["area"] == "west"
    assert console.messages == []
