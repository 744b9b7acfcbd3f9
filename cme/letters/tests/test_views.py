"""The template pages (the CME manager only) and issued documents (whoever may read the case)."""

from __future__ import annotations

import io
from datetime import date

import pytest
import time_machine
from django.urls import reverse
from pypdf import PdfReader

from cme.audit.models import AuditEvent
from cme.letters.models import LetterTemplate
from cme.letters.services import letter_issue, letter_template_current
from cme.letters.tests.letter_data import a_case, notice_values

pytestmark = pytest.mark.django_db

NOT_THE_MANAGER = [
    "cme_officer_west",
    "attendance_officer_west",
    "admissions_officer",
    "ehe_officer",
    "school_user",
    "partner_user",
    "auditor",
    "system_admin",
]


def pdf_text(content: bytes) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(content)).pages)


def an_issued_notice(persona, **case):
    return letter_issue(
        kind="sao_notice_to_satisfy", context=notice_values(), case=a_case(**case), issued_by=persona("cme_manager")
    )


@pytest.mark.parametrize("name", NOT_THE_MANAGER)
def test_only_the_manager_opens_or_changes_templates(client, persona, name):
    client.force_login(persona(name))

    pages = [
        client.get(reverse("letters:kinds")),
        client.get(reverse("letters:template_edit", args=["sao_order"])),
        client.post(reverse("letters:template_edit", args=["sao_order"]), {"body": "Changed", "action": "save"}),
        client.post(reverse("letters:template_preview_pdf", args=["sao_order"]), {"body": "Changed"}),
        client.get(reverse("letters:template_versions", args=["sao_order"])),
        client.get(reverse("letters:template_version", args=["sao_order", 1])),
        client.get(reverse("letters:template_version_pdf", args=["sao_order", 1])),
    ]

    assert [response.status_code for response in pages] == [403] * 7
    assert LetterTemplate.objects.filter(kind="sao_order").count() == 1


def test_the_manager_sees_every_kind_with_its_version(client, persona):
    client.force_login(persona("cme_manager"))

    html = client.get(reverse("letters:kinds")).content.decode()

    assert html.count("Version 1,") == 10
    assert "Notice to satisfy the council of suitable education" in html
    assert "Education Act 1996, s.437(1)" in html


def test_the_edit_page_shows_the_current_text_and_the_placeholders(client, persona):
    client.force_login(persona("cme_manager"))

    html = client.get(reverse("letters:template_edit", args=["sao_intention_to_serve"])).content.decode()

    assert "# Notice of intention to serve a school attendance order" in html
    assert "<code>schools</code>" in html
    assert "<code>officer_name</code>" in html


@time_machine.travel("2026-12-01 10:00 +00:00", tick=False)
def test_preview_on_the_page_fills_in_example_values_and_saves_nothing(client, persona):
    client.force_login(persona("cme_manager"))

    response = client.post(
        reverse("letters:template_edit", args=["sao_order"]),
        {
            "body": "To {{ parent_name }}\n\n# Heading\n\nRegister {{ child_name }} at <{{ school_name }}>.",
            "action": "preview",
        },
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert '<h2 class="govuk-heading-m">Heading</h2>' in html
    assert "Register Sam Sample at &lt;Example Primary School&gt;." in html
    assert "Ms Alex Sample<br>1 Example Street<br>Hertford<br>SG13 0ZZ" in html
    assert "1 December 2026" in html
    assert LetterTemplate.objects.filter(kind="sao_order").count() == 1


def test_preview_as_pdf_gives_the_letter_the_unsaved_text_makes(client, persona):
    client.force_login(persona("cme_manager"))

    response = client.post(
        reverse("letters:template_preview_pdf", args=["sao_order"]),
        {"body": "To {{ parent_name }}\n\nA new sentence for {{ child_name }}."},
    )

    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="sao-order-preview.pdf"'
    assert "A new sentence for Sam Sample." in pdf_text(response.content)
    assert LetterTemplate.objects.filter(kind="sao_order").count() == 1


def test_a_template_outside_the_sandbox_shows_an_error_and_saves_nothing(client, persona):
    client.force_login(persona("cme_manager"))

    response = client.post(
        reverse("letters:template_edit", args=["sao_order"]), {"body": "{{ secret_key }}", "action": "save"}
    )

    html = response.content.decode()
    assert "govuk-error-summary" in html
    assert "The template uses {{ secret_key }}, which is not a placeholder of this letter." in html
    assert LetterTemplate.objects.filter(kind="sao_order").count() == 1


def test_saving_adds_a_version_listed_in_the_history(client, persona):
    manager = persona("cme_manager")
    client.force_login(manager)

    response = client.post(
        reverse("letters:template_edit", args=["sao_order"]),
        {"body": "To {{ parent_name }}\n\nShorter.", "change_note": "Plainer English", "action": "save"},
    )

    assert response.status_code == 302
    assert letter_template_current(kind="sao_order").version == 2  # type: ignore[union-attr]
    history = client.get(reverse("letters:template_versions", args=["sao_order"])).content.decode()
    assert "Plainer English" in history
    assert manager.full_name in history
    old = client.get(reverse("letters:template_version", args=["sao_order", 1])).content.decode()
    assert "Start a new version from this one" in old
    start = client.get(reverse("letters:template_edit", args=["sao_order"]) + "?from=1").content.decode()
    assert "# School attendance order (section 437(3) of the Education Act 1996)" in start
    pdf = client.get(reverse("letters:template_version_pdf", args=["sao_order", 1]))
    assert "School attendance order (section 437(3)" in pdf_text(pdf.content)


def test_a_document_downloads_as_stored_and_the_read_is_audited(client, persona):
    document = an_issued_notice(persona)
    officer = persona("cme_officer_west")
    client.force_login(officer)

    response = client.get(reverse("letters:document_download", args=[document.pk]))

    assert response.status_code == 200
    assert response.content == bytes(document.pdf)
    assert response["Content-Disposition"] == f'inline; filename="{document.filename}"'
    assert {"no-store", "private"} <= {part.strip() for part in response["Cache-Control"].split(",")}
    event = AuditEvent.objects.get(action="letter_downloaded")
    assert (event.actor, event.object_id, event.case_id) == (officer, str(document.pk), str(document.case_id))


@pytest.mark.parametrize("name", ["cme_officer_east", "auditor", "school_user", "attendance_officer_west"])
def test_a_document_is_not_served_to_those_who_may_not_read_the_case(client, persona, name):
    document = an_issued_notice(persona)
    client.force_login(persona(name))

    response = client.get(reverse("letters:document_download", args=[document.pk]))

    assert response.status_code in (403, 404)
    assert not AuditEvent.objects.filter(action="letter_downloaded").exists()


def test_a_restricted_cases_document_opens_only_with_a_reason(client, persona):
    document = an_issued_notice(persona, restricted=True, restriction_reason="Fleeing violence")
    client.force_login(persona("cme_manager"))
    url = reverse("letters:document_download", args=[document.pk])

    asked = client.get(url)
    empty = client.post(url, {"reason": ""})
    opened = client.post(url, {"reason": "Preparing the prosecution file"})

    assert "Why do you need to open this document?" in asked.content.decode()
    assert "Enter why you need to open this document" in empty.content.decode()
    assert opened.content == bytes(document.pdf)
    event = AuditEvent.objects.get(action="letter_downloaded")
    assert event.data["reason"] == "Preparing the prosecution file"


def test_the_case_page_and_the_documents_page_list_issued_documents(client, persona):
    document = an_issued_notice(persona)
    client.force_login(persona("cme_officer_west"))

    for url in (
        reverse("casework:case", args=[document.case_id]),
        reverse("letters:case_documents", args=[document.case_id]),
    ):
        html = client.get(url).content.decode()
        assert "Notice to satisfy the council of suitable education" in html
        assert reverse("letters:document_download", args=[document.pk]) in html


def test_a_case_without_documents_says_so(client, persona):
    case = a_case()
    client.force_login(persona("cme_manager"))

    html = client.get(reverse("letters:case_documents", args=[case.pk])).content.decode()

    assert "No letters or notices have been issued on this case." in html


def test_an_issued_notice_served_on_is_shown(client, persona):
    document = letter_issue(
        kind="sao_notice_to_satisfy",
        context=notice_values(respond_by=date(2030, 1, 31)),
        case=a_case(),
        issued_by=persona("cme_manager"),
        method_of_service="first_class_post",
        served_on=date(2030, 1, 2),
    )
    client.force_login(persona("cme_manager"))

    html = client.get(reverse("letters:case_documents", args=[document.case_id])).content.decode()

    assert "2 January 2030, first class post" in html
