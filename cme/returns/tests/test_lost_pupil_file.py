"""The Lost Pupils Database file (policy 6.5) made from a closed case: its content, refusals, audit,
sequence numbers and who may make it. Children are synthetic."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from cme.audit.models import AuditEvent
from cme.cases.codes import CaseOutcome
from cme.cases.states import CaseStatus
from cme.ctf import CtfAddress, parse_ctf
from cme.returns.models import LostPupilFile
from cme.returns.services import lost_pupil_file_make
from cme.returns.tests.factories import a_closed_case

pytestmark = pytest.mark.django_db


def make(client, case):
    return client.post(reverse("returns:lost_pupil_file", args=[case.pk]))


@time_machine.travel("2026-11-27 10:15:00+00:00", tick=False)
def test_a_case_closed_as_not_located_gives_a_lost_file_for_xxx(client, persona):
    case = a_closed_case()
    officer = persona("cme_officer_west")
    client.force_login(officer)

    response = make(client, case)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    assert response["Content-Disposition"] == 'attachment; filename="9190000_CTF_XXXXXXX_001.XML"'
    ctf = parse_ctf(response.content)
    assert (ctf.header.source.laestab, ctf.header.destination.laestab) == ("9190000", "XXXXXXX")
    assert ctf.header.source.name == "Hertfordshire County Council"
    assert ctf.header.source.academic_year == "2026"
    assert ctf.header.created_at is not None
    assert ctf.header.created_at.isoformat() == "2026-11-27T10:15:00"
    (pupil,) = ctf.pupils
    assert (pupil.upn, pupil.forename, pupil.middle_names, pupil.surname) == (
        "B801200005001",
        "Sample",
        "Middle",
        "Testchild",
    )
    assert (pupil.dob, pupil.sex) == (date(2014, 5, 17), "F")
    assert pupil.address == CtfAddress(lines=("1 Synthetic Road", "Watford"), postcode="WD17 1AA")
    record = LostPupilFile.objects.get()
    assert (record.case, record.made_by, record.sequence, record.destination) == (case, officer, 1, "XXXXXXX")
    event = AuditEvent.objects.get(action="lost_pupil_file_made")
    assert (event.case_id, event.data) == (
        str(case.pk),
        {"file_name": "9190000_CTF_XXXXXXX_001.XML", "destination": "XXXXXXX"},
    )


def test_a_child_confirmed_to_have_moved_abroad_goes_to_mmm(client, persona):
    case = a_closed_case(outcome=CaseOutcome.LEFT_UK)
    client.force_login(persona("cme_manager"))

    response = make(client, case)

    assert response["Content-Disposition"] == 'attachment; filename="9190000_CTF_MMMMMMM_001.XML"'
    assert parse_ctf(response.content).header.destination.laestab == "MMMMMMM"


def test_a_restricted_case_leaves_the_address_out(client, persona):
    case = a_closed_case(restricted=True)
    client.force_login(persona("cme_manager"))

    response = make(client, case)

    assert parse_ctf(response.content).pupils[0].address == CtfAddress()
    assert b"Synthetic Road" not in response.content


def test_files_are_numbered_in_turn_and_wrap_after_999(persona):
    officer = persona("cme_officer_west")
    first = lost_pupil_file_make(case=a_closed_case(), actor=officer)
    second = lost_pupil_file_make(case=a_closed_case(upn="P207000016049"), actor=officer)
    LostPupilFile.objects.filter(pk=second.record.pk).update(sequence=999)
    third = lost_pupil_file_make(case=a_closed_case(upn="R674123101121"), actor=officer)

    assert [first.record.sequence, second.record.sequence, third.record.sequence] == [1, 2, 1]
    assert third.record.file_name == "9190000_CTF_XXXXXXX_001.XML"


@pytest.mark.parametrize(
    ("case_fields", "message"),
    [
        (
            {"upn": ""},
            "The child has no UPN. Record the UPN on the child&#x27;s record first: the Lost Pupils Database needs it",
        ),
        ({"upn": "A801200005001"}, "The child&#x27;s UPN A801200005001 has the wrong check letter."),
        ({"date_of_birth": None}, "The child has no date of birth."),
        (
            {"outcome": CaseOutcome.NOT_LOCATED_SOCIAL_CARE, "lost_pupils_database": False},
            "A Lost Pupils Database file can only be made for a case closed as not located",
        ),
        (
            {"outcome": CaseOutcome.DECEASED, "lost_pupils_database": False},
            "A Lost Pupils Database file can only be made for a case closed as not located",
        ),
    ],
)
def test_the_file_is_refused_with_a_reason(client, persona, case_fields, message):
    case = a_closed_case(**case_fields)
    client.force_login(persona("cme_officer_west"))

    shown = client.get(reverse("returns:lost_pupil_file", args=[case.pk]))
    refused = make(client, case)

    assert message in shown.content.decode()
    assert refused.status_code == 200
    assert refused["Content-Type"].startswith("text/html")
    assert message in refused.content.decode()
    assert not LostPupilFile.objects.exists()
    assert not AuditEvent.objects.filter(action="lost_pupil_file_made").exists()


def test_an_open_case_is_not_eligible(client, persona):
    case = a_closed_case()
    case.status = CaseStatus.ENQUIRIES
    case.save()
    client.force_login(persona("cme_officer_west"))

    refused = make(client, case)

    assert "A Lost Pupils Database file can only be made" in refused.content.decode()
    assert not LostPupilFile.objects.exists()


def test_the_case_page_links_to_the_file_and_the_page_lists_files_made(client, persona):
    case = a_closed_case()
    officer = persona("cme_officer_west")
    client.force_login(officer)

    case_page = client.get(reverse("casework:case", args=[case.pk])).content.decode()
    make(client, case)
    file_page = client.get(reverse("returns:lost_pupil_file", args=[case.pk])).content.decode()

    assert reverse("returns:lost_pupil_file", args=[case.pk]) in case_page
    assert "9190000_CTF_XXXXXXX_001.XML" in file_page
    assert AuditEvent.objects.filter(action="case_viewed", case_id=str(case.pk)).count() == 2


@pytest.mark.parametrize(
    ("persona_name", "status"),
    [
        ("cme_officer_west", 200),
        ("cme_manager", 200),
        ("attendance_officer_west", 403),
        ("ehe_officer", 403),
        ("school_user", 403),
        ("auditor", 403),
    ],
)
def test_cme_officers_and_the_manager_make_the_file(client, persona, persona_name, status):
    case = a_closed_case()
    client.force_login(persona(persona_name))

    response = make(client, case)

    assert response.status_code == status
    assert LostPupilFile.objects.count() == (1 if status == 200 else 0)
