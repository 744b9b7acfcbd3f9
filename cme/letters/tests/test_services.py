"""Issuing letters: the PDF says what it must, is kept as issued, and only the right people act."""

from __future__ import annotations

import hashlib
import io
from datetime import date

import pytest
import time_machine
from django.db import DatabaseError, transaction
from pypdf import PdfReader

from cme.audit.models import AuditEvent
from cme.core.exceptions import ApplicationError, PermissionDeniedError
from cme.letters.models import IssuedDocument, LetterTemplate
from cme.letters.rendering import compile_body
from cme.letters.services import (
    issued_document_pdf,
    letter_issue,
    letter_preview,
    letter_template_current,
    letter_template_save,
    letter_templates_ensure_defaults,
)
from cme.letters.templates_registry import LETTER_KINDS
from cme.letters.tests.letter_data import a_case, notice_values

pytestmark = pytest.mark.django_db

SERVED = date(2026, 12, 1)


def pdf_text(pdf: bytes) -> str:
    """The text of every page, with line breaks turned into spaces."""
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


@time_machine.travel("2026-12-01 10:00 +00:00", tick=False)
def test_an_issued_notice_to_satisfy_says_who_what_and_by_when(persona):
    case = a_case()
    manager = persona("cme_manager")

    document = letter_issue(
        kind="sao_notice_to_satisfy",
        context=notice_values(),
        case=case,
        issued_by=manager,
        method_of_service=IssuedDocument.MethodOfService.FIRST_CLASS_POST,
        served_on=SERVED,
    )

    text = pdf_text(bytes(document.pdf))
    assert "Hertfordshire County Council" in text
    assert "Children Missing Education Team" in text
    assert "01632 960000" in text
    assert "Ms Robin Lettertest 7 Imaginary Close Hertford SG13 0ZZ" in text
    assert "Date: 1 December 2026" in text
    assert f"Our reference: {case.reference}" in text
    assert "Notice under section 437(1) of the Education Act 1996" in text
    assert "Child: Sample Lettertest, born 14 March 2015" in text
    assert "we require you to satisfy us, by 18 December 2026, that Sample Lettertest is receiving suitable" in text
    assert manager.full_name in text
    assert "Page 1 of 1" in text


@time_machine.travel("2026-12-01 10:00 +00:00", tick=False)
def test_the_order_names_the_school_and_the_offence(persona):
    document = letter_issue(
        kind="sao_order",
        context={
            "parent_name": "Ms Robin Lettertest",
            "parent_address": ["7 Imaginary Close", "Hertford"],
            "child_name": "Sample Lettertest",
            "school_name": "Imaginary Primary School",
            "notice_to_satisfy_date": "2026-11-02",
        },
        case=a_case(),
        issued_by=persona("cme_manager"),
    )

    text = pdf_text(bytes(document.pdf))
    assert "School attendance order (section 437(3) of the Education Act 1996)" in text
    assert "On 2 November 2026 Hertfordshire County Council served on you a notice under section 437(1)" in text
    assert "to become a registered pupil at: Imaginary Primary School" in text
    assert "guilty of an offence under section 443(1)" in text
    assert "level 3 on the standard scale" in text


@time_machine.travel("2026-12-01 10:00 +00:00", tick=False)
def test_the_intention_to_serve_lists_every_school_named(persona):
    document = letter_issue(
        kind="sao_intention_to_serve",
        context={
            **{k: v for k, v in notice_values().items() if k != "respond_by"},
            "schools": ["Imaginary Primary School", "Pretend Academy"],
            "select_by": date(2026, 12, 15),
        },
        case=a_case(),
        issued_by=persona("cme_manager"),
        served_on=SERVED,
    )

    text = pdf_text(bytes(document.pdf))
    assert "Imaginary Primary School (the school we intend to name)" in text
    assert "Pretend Academy" in text
    assert "By 15 December 2026 (15 days beginning with the day this notice is served)" in text


@time_machine.travel("2026-12-01 10:00 +00:00", tick=False)
def test_issuing_keeps_the_bytes_their_fingerprint_the_version_and_the_values_and_audits_it(persona):
    case, manager = a_case(), persona("cme_manager")

    document = letter_issue(
        kind="sao_notice_to_satisfy", context=notice_values(), case=case, issued_by=manager, served_on=SERVED
    )

    stored = IssuedDocument.objects.get(pk=document.pk)
    pdf = bytes(stored.pdf)
    assert pdf.startswith(b"%PDF-")
    assert (stored.sha256, stored.size) == (hashlib.sha256(pdf).hexdigest(), len(pdf))
    assert (stored.template_version, stored.template) == (1, letter_template_current(kind="sao_notice_to_satisfy"))
    assert stored.context["parent_address"] == ["7 Imaginary Close", "Hertford", "SG13 0ZZ"]
    assert stored.context["respond_by"] == "2026-12-18"
    assert stored.context["case_reference"] == case.reference
    assert stored.filename == f"{case.reference}-sao-notice-to-satisfy-20261201-100000.pdf"
    event = AuditEvent.objects.get(action="letter_issued")
    assert (event.actor, event.case_id, event.object_id) == (manager, str(case.pk), str(stored.pk))
    assert event.data == {
        "kind": "sao_notice_to_satisfy",
        "template_version": 1,
        "sha256": stored.sha256,
        "method_of_service": "",
        "served_on": "2026-12-01",
    }
    assert "Lettertest" not in str(event.data)


@time_machine.travel("2026-12-01 10:00 +00:00", tick=False)
def test_a_later_template_change_leaves_an_issued_document_as_it_was(persona):
    case, manager = a_case(), persona("cme_manager")
    document = letter_issue(kind="sao_notice_to_satisfy", context=notice_values(), case=case, issued_by=manager)
    issued_bytes = bytes(document.pdf)

    letter_template_save(
        kind="sao_notice_to_satisfy",
        body="Dear {{ parent_name }}\n\nA completely different wording.",
        change_note="Shorter",
        actor=manager,
    )

    again = IssuedDocument.objects.get(pk=document.pk)
    assert (bytes(again.pdf), again.template_version) == (issued_bytes, 1)
    assert issued_document_pdf(document=again, user=manager) == issued_bytes
    assert AuditEvent.objects.filter(action="letter_downloaded", object_id=str(document.pk)).count() == 1
    newer = letter_issue(kind="sao_notice_to_satisfy", context=notice_values(), case=case, issued_by=manager)
    assert newer.template_version == 2
    assert "A completely different wording." in pdf_text(bytes(newer.pdf))


@time_machine.travel("2026-12-01 10:00 +00:00", tick=False)
def test_the_database_refuses_to_change_an_issued_document_but_service_details_can_be_added(persona):
    manager = persona("cme_manager")
    document = letter_issue(kind="sao_notice_to_satisfy", context=notice_values(), case=a_case(), issued_by=manager)

    for change in ({"pdf": b"%PDF-1.7 something else"}, {"sha256": "0" * 64}, {"template_version": 2}):
        with pytest.raises(DatabaseError, match="kept as issued"), transaction.atomic():
            IssuedDocument.objects.filter(pk=document.pk).update(**change)
    IssuedDocument.objects.filter(pk=document.pk).update(method_of_service="by_hand", served_on=SERVED)

    again = IssuedDocument.objects.get(pk=document.pk)
    assert (bytes(again.pdf), again.served_on) == (bytes(document.pdf), SERVED)


@time_machine.travel("2026-12-01 10:00 +00:00", tick=False)
def test_a_document_whose_bytes_do_not_match_the_fingerprint_is_refused(persona):
    manager = persona("cme_manager")
    document = letter_issue(kind="sao_notice_to_satisfy", context=notice_values(), case=a_case(), issued_by=manager)
    document.pdf = b"%PDF-1.7 something else"  # as if the stored bytes had been damaged

    with pytest.raises(ApplicationError, match="does not match the fingerprint"):
        issued_document_pdf(document=document, user=manager)


def test_only_holders_of_the_issue_permission_issue(persona):
    case = a_case()

    with pytest.raises(PermissionDeniedError):
        letter_issue(
            kind="sao_notice_to_satisfy", context=notice_values(), case=case, issued_by=persona("cme_officer_west")
        )

    assert IssuedDocument.objects.count() == 0
    assert not AuditEvent.objects.filter(action="letter_issued").exists()


def test_only_the_manager_saves_a_template(persona):
    with pytest.raises(PermissionDeniedError):
        letter_template_save(kind="sao_order", body="Changed", change_note="", actor=persona("cme_officer_west"))

    assert list(LetterTemplate.objects.filter(kind="sao_order").values_list("version", flat=True)) == [1]


def test_saving_a_template_adds_a_version_and_audits_it(persona):
    manager = persona("cme_manager")

    template = letter_template_save(
        kind="sao_order", body="To {{ parent_name }}\r\n\r\nNew text.", change_note=" Plainer ", actor=manager
    )

    assert (template.version, template.body, template.change_note) == (
        2,
        "To {{ parent_name }}\n\nNew text.",
        "Plainer",
    )
    assert letter_template_current(kind="sao_order") == template
    event = AuditEvent.objects.get(action="letter_template_saved")
    assert (event.actor, event.data) == (manager, {"kind": "sao_order", "version": 2})


def test_saving_the_same_text_again_is_refused(persona):
    current = letter_template_current(kind="sao_order")
    assert current is not None

    with pytest.raises(ApplicationError, match="same as the current version"):
        letter_template_save(kind="sao_order", body=current.body, change_note="", actor=persona("cme_manager"))


def test_every_kind_has_version_1_with_its_default_wording_and_defaults_are_not_added_twice():
    assert {t.kind: (t.version, t.body) for t in LetterTemplate.objects.all()} == {
        key: (1, kind.default_body) for key, kind in LETTER_KINDS.items()
    }
    assert letter_templates_ensure_defaults() == []


@pytest.mark.parametrize("key", sorted(LETTER_KINDS))
def test_every_default_template_renders_with_its_example_values(key):
    kind = LETTER_KINDS[key]

    text = pdf_text(letter_preview(kind=key, context=kind.sample_context(), case_reference="CME-TEST"))

    assert text.startswith("Hertfordshire County Council Children Missing Education Team")
    assert "{{" not in text
    assert "{%" not in text
    assert kind.statutory_basis.split(",")[0].removesuffix(" 1996").removesuffix(" 1989") in text


def test_a_value_with_markup_is_printed_as_typed_not_obeyed():
    values = notice_values(parent_name="<b>Ms</b> Robin & Co")

    text = pdf_text(letter_preview(kind="sao_notice_to_satisfy", context=values))

    assert "Dear <b>Ms</b> Robin & Co" in text


def test_markup_typed_into_a_template_is_printed_as_text():
    body = 'Dear {{ parent_name }}\n\n<img src="http://example.invalid/x.png"> <script>alert(1)</script>'

    text = pdf_text(letter_preview(kind="sao_notice_to_satisfy", context=notice_values(), body=body))

    assert '<img src="http://example.invalid/x.png"> <script>alert(1)</script>' in text


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("{% load static %}", "{% load %}, which letters do not allow"),
        ('{% include "base.html" %}', "{% include %}, which letters do not allow"),
        ("{% debug %}", "{% debug %}, which letters do not allow"),
        ("{{ parent_name|safe }}", "the filter “safe”, which letters do not allow"),
        ("{{ settings.SECRET_KEY }}", "{{ settings }}, which is not a placeholder of this letter"),
        ("{% if request.user %}x{% endif %}", "{{ request }}, which is not a placeholder"),
        ("{% for x in schools %}{{ x }}{% endfor %}", "{{ schools }}, which is not a placeholder"),
        ("{% if parent_name %}unclosed", "The template cannot be read"),
        ("{{ parent_name.split }}", "{{ parent_name.split }}: use each placeholder as it is, without a dot"),
        ("{{ parent_name.__class__ }}", "without a dot"),
    ],
)
def test_a_template_outside_the_sandbox_is_refused_with_the_reason(body, message):
    with pytest.raises(ApplicationError, match=message.replace("{", r"\{").replace("|", r"\|")) as raised:
        compile_body(body, kind=LETTER_KINDS["sao_notice_to_satisfy"])

    assert raised.value.field == "body"


def test_a_missing_required_value_is_named():
    with pytest.raises(
        ApplicationError, match=r"needs: Parent's address, Date the parent must satisfy the council by\."
    ):
        letter_preview(kind="sao_notice_to_satisfy", context=notice_values(parent_address="", respond_by=None))


def test_an_unknown_value_is_a_programming_error():
    with pytest.raises(ValueError, match="no placeholders"):
        letter_preview(kind="sao_notice_to_satisfy", context=notice_values(school="Imaginary Primary School"))


def test_the_response_date_must_allow_15_days_beginning_with_the_day_of_service(persona):
    case, manager = a_case(), persona("cme_manager")

    with pytest.raises(ApplicationError, match="on or after 15 December 2026: at least 15 days") as raised:
        letter_issue(
            kind="sao_notice_to_satisfy",
            context=notice_values(respond_by=date(2026, 12, 14)),
            case=case,
            issued_by=manager,
            served_on=SERVED,
        )

    assert raised.value.field == "respond_by"
    assert (
        letter_issue(
            kind="sao_notice_to_satisfy",
            context=notice_values(respond_by=date(2026, 12, 15)),
            case=case,
            issued_by=manager,
            served_on=SERVED,
        ).served_on
        == SERVED
    )
