"""School roll returns: read from CSV or a common transfer file, stored with their pupils, and matched
against the children on open cases in a background job that leaves "possibly located" suggestions."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

import pytest

from cme.audit.models import AuditEvent
from cme.core.exceptions import ApplicationError
from cme.ctf import CtfAddress, CtfFile, CtfHeader, CtfPupil, Establishment, build_ctf
from cme.matching.models import MatchableRecord, MatchRun, MatchSuggestion, RollReturn
from cme.matching.roll_files import read_roll_csv
from cme.matching.services import roll_return_upload
from cme.matching.tests.data import a_case, a_school, csv_of, pupil_row, suggestions_for, uploaded

pytestmark = pytest.mark.django_db


def test_a_csv_return_is_read_with_every_column():
    rows = read_roll_csv(
        csv_of("17,Ada Mae,Example,2015-03-07,F,WD17 1AA,12 Synthetic Row,P207000016049"), school_urn=117512
    )

    [row] = rows
    assert (row.row_number, row.pupil_reference, row.forenames, row.surname) == (2, "17", "Ada Mae", "Example")
    assert (row.date_of_birth, row.sex, row.postcode, row.address, row.upn) == (
        date(2015, 3, 7),
        "F",
        "WD17 1AA",
        "12 Synthetic Row",
        "P207000016049",
    )


def test_a_csv_without_the_needed_columns_is_refused():
    with pytest.raises(ApplicationError) as error:
        read_roll_csv(b"name,born\nAda,2015-03-07\n", school_urn=117512)

    assert error.value.message == "The file must have a header row with the columns forename, surname, dob"


def test_each_bad_row_is_named_so_the_school_can_correct_it():
    content = (
        b"forename,surname,dob,urn\nAda,Example,2015-02-30,117512\n,Example,2015-03-07,117512\nBo,Sample,,999999\n"
    )

    with pytest.raises(ApplicationError) as error:
        read_roll_csv(content, school_urn=117512)

    assert error.value.message == (
        "Correct the file and upload it again: row 2: the date of birth is not a date; "
        "row 3: the forename and surname are needed; row 4: the URN 999999 is not the selected school's"
    )
    assert error.value.field == "file"


def test_a_return_is_matched_against_open_cases_and_suggests_the_case(persona):
    officer = persona("cme_officer_west")
    case = a_case(forenames="Ada", surname="Example", date_of_birth=date(2015, 3, 7))
    a_case(forenames="Someone", surname="Else", date_of_birth=date(2013, 9, 1), postcode="SG1 1AA")

    roll_return = uploaded(officer, pupil_row(case, forename="Ada"), "2,Cal,Unrelated,2012-12-12,M,SG1 1AA,1 Far Lane,")

    roll_return.refresh_from_db()
    run = roll_return.match_run
    assert (roll_return.status, roll_return.pupil_count, roll_return.file_format) == ("matched", 2, "csv")
    assert (run.status, run.kind, run.match_threshold, run.possible_threshold) == ("done", "roll_return", 0.99, 0.8)
    [suggestion] = suggestions_for(case)
    assert (suggestion.run, suggestion.band, suggestion.status) == (run, "match", "pending")
    assert suggestion.subject.forenames == "Ada"
    assert suggestion.subject.source == "roll_pupil"
    assert suggestion.candidate.child == case.child
    assert [c["field"] for c in suggestion.contributions] == [
        "forename",
        "surname",
        "dob",
        "sex",
        "postcode",
        "address",
        "upn",
        "nhs_number",
    ]
    assert MatchableRecord.objects.filter(source="roll_pupil").count() == 2


def test_uploading_is_audited_with_identifiers_only(persona):
    officer = persona("cme_officer_west")
    school = a_school(urn=117512)

    roll_return = uploaded(officer, "1,Ada,Example,2015-03-07,F,WD17 1AA,12 Synthetic Row,", school=school)

    event = AuditEvent.objects.get(action="roll_return_uploaded")
    assert (event.object_type, event.object_id, event.actor) == ("matching.rollreturn", str(roll_return.pk), officer)
    assert event.data == {"school_urn": 117512, "pupils": 1, "format": "csv", "run": str(roll_return.match_run.pk)}
    assert "Ada" not in str(event.data)


def test_a_common_transfer_file_is_read_too(persona, django_capture_on_commit_callbacks):
    officer = persona("cme_officer_west")
    case = a_case(forenames="Ada", surname="Example", date_of_birth=date(2015, 3, 7))
    school = a_school(urn=117512)
    ctf = CtfFile(
        header=CtfHeader(
            source=Establishment(la="919", estab="2001", urn="117512", name=school.name),
            destination=Establishment(la="919", estab="0000"),
            created_at=datetime(2026, 11, 27, 9, 30, tzinfo=UTC),
        ),
        pupils=(
            CtfPupil(
                upn="P207000016049",
                surname="Example",
                forename="Ada",
                dob=date(2015, 3, 7),
                sex="F",
                address=CtfAddress(lines=("12 Synthetic Row",), postcode="WD17 1AA"),
            ),
        ),
    )

    with django_capture_on_commit_callbacks(execute=True):
        roll_return = roll_return_upload(
            actor=officer,
            school=school,
            kind=RollReturn.Kind.ROLL,
            file_name="9192001_CTF_9190000_001.XML",
            content=build_ctf(ctf),
        )

    assert (roll_return.file_format, roll_return.pupil_count) == ("ctf", 1)
    pupil = roll_return.pupils.get()
    assert (pupil.forenames, pupil.upn, pupil.postcode, pupil.address) == (
        "Ada",
        "P207000016049",
        "WD17 1AA",
        "12 Synthetic Row",
    )
    assert [s.band for s in suggestions_for(case)] == ["match"]


def test_a_file_from_another_school_is_refused(persona):
    with pytest.raises(ApplicationError) as error:
        uploaded(
            persona("cme_officer_west"), "1,Ada,Example,2015-03-07,F,,,", school=a_school(urn=117512), name="return.txt"
        )

    assert error.value.message == "The selected file must be a CSV or a common transfer file (XML)"
    assert RollReturn.objects.count() == 0


def test_running_the_job_twice_suggests_nothing_twice(persona):
    officer = persona("cme_officer_west")
    case = a_case(forenames="Ada", surname="Example", date_of_birth=date(2015, 3, 7))
    roll_return = uploaded(officer, pupil_row(case))

    from cme.matching.tasks import match_roll_return

    match_roll_return.call(run_id=str(roll_return.match_run.pk))

    assert MatchSuggestion.objects.count() == 1
    assert MatchRun.objects.get().suggestions_made == 1


def test_a_failed_job_marks_the_return_failed_rather_than_waiting(persona, monkeypatch):
    officer = persona("cme_officer_west")

    def broken(**kwargs):
        raise RuntimeError("scorer unavailable")

    monkeypatch.setattr("cme.matching.tasks.match_run_roll_return", broken)
    roll_return = uploaded(officer, "1,Ada,Example,2015-03-07,F,WD17 1AA,12 Synthetic Row,")

    assert roll_return.status == "failed"
    assert (roll_return.match_run.status, roll_return.match_run.error) == (
        "failed",
        "The matching job failed; upload the file again",
    )


def test_the_demo_data_makes_a_possibly_located_case_once(persona):
    from cme.areas.models import District
    from cme.demo.matching import seed_matching_demo

    officer = persona("cme_officer_west")
    a_school(urn=117001, name="Synthetic Watford Primary", district=District.objects.get(name="Watford"))

    seed_matching_demo(officer=officer, submission_key=uuid.UUID(int=1))
    seed_matching_demo(officer=officer, submission_key=uuid.UUID(int=1))

    [suggestion] = MatchSuggestion.objects.all()
    assert (suggestion.band, suggestion.case.child.forenames, suggestion.subject.forenames) == (
        "possible",
        "Jordan",
        "Jordon",
    )
    assert RollReturn.objects.get().file_name == "demo-new-pupils.csv"
