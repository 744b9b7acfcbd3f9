"""The legal pages: who may open them (denied roles get 403 and nothing changes), the step form, the
check page with the preview, issuing, and the case page's panel."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from cme.audit.models import AuditEvent
from cme.legal.models import LegalAuthorisation, SchoolAttendanceOrder
from cme.legal.stages import SaoStatus
from cme.legal.tests.helpers import START, a_case, open_sao
from cme.letters.models import IssuedDocument

pytestmark = pytest.mark.django_db

NO_LEGAL = [
    "attendance_officer_west",
    "admissions_officer",
    "ehe_officer",
    "school_user",
    "partner_user",
    "auditor",
    "system_admin",
]


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(date(2026, 3, 2), tick=False):
        yield


def _date(prefix: str, day: date) -> dict[str, str]:
    return {f"{prefix}_0": str(day.day), f"{prefix}_1": str(day.month), f"{prefix}_2": str(day.year)}


@pytest.mark.parametrize("name", NO_LEGAL)
def test_roles_without_legal_permissions_are_refused(client, persona, name):
    order = open_sao(persona("cme_manager"))
    client.force_login(persona(name))
    urls = [
        reverse("legal:case_legal", args=[order.case_id]),
        reverse("legal:sao", args=[order.case_id, order.pk]),
        reverse("legal:sao_new", args=[order.case_id]),
        reverse("legal:sao_step", args=[order.case_id, order.pk, "serve-notice-to-satisfy"]),
    ]
    for url in urls:
        assert client.get(url).status_code == 403
    response = client.post(
        reverse("legal:sao_step", args=[order.case_id, order.pk, "serve-notice-to-satisfy"]),
        {**_date("happened_on", START), "method_of_service": "by_hand", "confirm": "issue", "version": order.version},
    )
    assert response.status_code == 403
    assert client.get(reverse("legal:authorisations")).status_code == 403
    order.refresh_from_db()
    assert order.status == SaoStatus.OPENED


def test_an_officer_may_read_and_prepare_but_not_open_an_issuing_step_or_authorise(client, persona):
    order = open_sao(persona("cme_manager"))
    client.force_login(persona("cme_officer_west"))
    page = client.get(reverse("legal:sao", args=[order.case_id, order.pk]))
    assert page.status_code == 200
    assert "the CME manager or an authorised officer issues this" in page.content.decode()
    assert (
        client.get(reverse("legal:sao_step", args=[order.case_id, order.pk, "serve-notice-to-satisfy"])).status_code
        == 403
    )
    assert client.get(reverse("legal:sao_step", args=[order.case_id, order.pk, "withdraw"])).status_code == 200
    assert client.get(reverse("legal:authorisations")).status_code == 403


def test_an_officer_of_another_area_cannot_see_the_case(client, persona):
    order = open_sao(persona("cme_manager"))  # a west case
    client.force_login(persona("cme_officer_east"))
    assert client.get(reverse("legal:sao", args=[order.case_id, order.pk])).status_code == 404


def test_starting_an_sao_from_the_page(client, persona):
    case = a_case()
    client.force_login(persona("cme_officer_west"))
    url = reverse("legal:sao_new", args=[case.pk])
    response = client.post(url, {"grounds": "", "parent_name": "", "parent_address": ""})
    assert "Enter why it appears the child is not receiving suitable education" in response.content.decode()
    response = client.post(
        url,
        {
            "grounds": "No school and no education",
            "parent_name": "Ms Alex Sample",
            "parent_address": "1 Example Street",
        },
    )
    order = SchoolAttendanceOrder.objects.get(case=case)
    assert response.url == reverse("legal:sao", args=[case.pk, order.pk])


def test_a_notice_is_checked_previewed_then_issued(client, persona):
    manager = persona("cme_manager")
    order = open_sao(manager)
    client.force_login(manager)
    url = reverse("legal:sao_step", args=[order.case_id, order.pk, "serve-notice-to-satisfy"])
    form = {**_date("happened_on", START), "method_of_service": "by_hand", "version": str(order.version)}

    check = client.post(url, form)
    assert check.status_code == 200
    text = check.content.decode()
    assert "Check before issuing" in text
    assert "Issue and record service" in text
    assert SchoolAttendanceOrder.objects.get(pk=order.pk).status == SaoStatus.OPENED

    preview = client.post(reverse("legal:sao_preview", args=[order.case_id, order.pk, "serve-notice-to-satisfy"]), form)
    assert preview["Content-Type"] == "application/pdf"
    assert preview.content.startswith(b"%PDF")
    assert IssuedDocument.objects.count() == 0
    assert AuditEvent.objects.filter(action="legal_notice_previewed").count() == 1

    change = client.post(url, {**form, "change": "yes"}).content.decode()
    assert 'value="2"' in change  # the day typed comes back to the form, nothing issued
    assert "govuk-error-summary" not in change
    assert IssuedDocument.objects.count() == 0

    issued = client.post(url, {**form, "confirm": "issue"})
    assert issued.url == reverse("legal:sao", args=[order.case_id, order.pk])
    order.refresh_from_db()
    assert (order.status, order.notice_period_ends) == (SaoStatus.NOTICE_SERVED, date(2026, 3, 16))
    document = IssuedDocument.objects.get()
    assert (document.kind, document.method_of_service, document.served_on) == (
        "sao_notice_to_satisfy",
        "by_hand",
        START,
    )

    page = client.get(reverse("legal:sao", args=[order.case_id, order.pk])).content.decode()
    assert "Decide whether an order is needed: the notice to satisfy has run" in page
    assert "17 March 2026" in page


def test_a_guard_shows_in_the_error_summary(client, persona):
    manager = persona("cme_manager")
    order = open_sao(manager)
    client.force_login(manager)
    url = reverse("legal:sao_step", args=[order.case_id, order.pk, "serve-notice-to-satisfy"])
    response = client.post(
        url,
        {**_date("happened_on", START), "method_of_service": "by_hand", "period_days": "10", "version": order.version},
    )
    text = response.content.decode()
    assert "govuk-error-summary" in text
    assert "The notice must give the parent at least 15 days, beginning with the day of service (s.437(2))" in text


def test_a_step_out_of_order_is_refused_with_its_reason(client, persona):
    manager = persona("cme_manager")
    order = open_sao(manager)
    client.force_login(manager)
    url = reverse("legal:sao_step", args=[order.case_id, order.pk, "decide"])
    response = client.post(url, {**_date("happened_on", START), "details": "x", "version": order.version})
    assert "Stages cannot be skipped or taken out of order." in response.content.decode()


def test_the_manager_authorises_and_revokes_an_officer(client, persona):
    manager, officer = persona("cme_manager"), persona("cme_officer_west")
    client.force_login(manager)
    response = client.post(reverse("legal:authorisations"), {"officer": officer.pk, "reason": "Trained"})
    assert response.status_code == 302
    authorisation = LegalAuthorisation.objects.get(officer=officer, revoked_at__isnull=True)
    client.post(reverse("legal:authorisation_revoke", args=[authorisation.pk]))
    authorisation.refresh_from_db()
    assert authorisation.revoked_by == manager


def test_the_case_page_shows_the_legal_panel(client, persona):
    manager = persona("cme_manager")
    order = open_sao(manager)
    client.force_login(manager)
    text = client.get(reverse("casework:case", args=[order.case_id])).content.decode()
    assert "Legal interventions" in text
    assert "School Attendance Order started 2 March 2026" in text
    assert reverse("legal:case_legal", args=[order.case_id]) in text


def test_a_restricted_case_keeps_the_address_off_the_legal_pages(client, persona):
    manager = persona("cme_manager")
    case = a_case(address_line_1="99 Hidden Road", postcode="WD17 9ZZ")
    case.restricted = True
    case.restriction_reason = "Family fleeing domestic violence"
    case.save()
    client.force_login(manager)
    form = client.get(reverse("legal:sao_new", args=[case.pk])).content.decode()
    assert "99 Hidden Road" not in form
    order = open_sao(manager, case)
    page = client.get(reverse("legal:sao", args=[case.pk, order.pk])).content.decode()
    assert "1 Example Street" not in page
    assert "Address restricted: it shows on the notices issued" in page
