import io
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from cme.audit.events import AuditAction
from cme.audit.models import AuditEvent
from cme.schools.models import School
from cme.schools.services import school_import
from cme.schools.tests.factories import SchoolFactory

pytestmark = pytest.mark.django_db


def _import(path: Path, *args: str) -> str:
    out = io.StringIO()
    call_command("import_schools", str(path), *args, stdout=out)
    return out.getvalue()


def _register() -> dict[int, tuple[str, str, str, str | None]]:
    return {s.urn: (s.name, s.status, s.phase, s.district_id) for s in School.objects.all()}


def _snapshot() -> list[dict[str, Any]]:
    return [dict(row) for row in School.objects.order_by("urn").values()]


# DfE school information layout


def test_dfe_file_adds_every_school_with_status_phase_and_district(fixture_postcodes, dfe_file):
    output = _import(dfe_file)

    assert _register() == {
        800001: ("Oakfield Primary School", "open", "primary", "E07000243"),
        800002: ("Riverside Academy", "open", "secondary", "E07000103"),
        800003: ("Hilltop Hall School", "open", "all_through", "E07000240"),
        800004: ("Brookside School", "open", "special", "E07000095"),
        800005: ("Valley College", "open", "post16", None),
        800006: ("Elm Tree Infant School", "closed", "primary", "E07000243"),
    }
    assert re.sub(r"in [0-9.]+ s", "in N s", output).splitlines() == [
        "Schools from dfe-school-information.csv (DfE school information), LA 919: 6 rows read, "
        "6 added, 0 updated, 0 unchanged, in N s.",
        "1 school with no district: the postcode is not in the lookup.",
    ]


def test_dfe_row_details_are_read_including_rows_that_leave_out_trailing_fields(fixture_postcodes, dfe_file):
    _import(dfe_file)

    riverside = School.objects.get(urn=800002)
    assert (riverside.la_code, riverside.establishment_number, riverside.laestab) == ("919", "5901", "9195901")
    assert riverside.address_lines == ["High Street", "Watford", "WD17 1AA"]
    assert (riverside.open_date, riverside.close_date) == (date(2024, 9, 1), None)
    assert (riverside.age_low, riverside.age_high) == (11, 18)
    assert (riverside.establishment_type, riverside.establishment_group) == ("Academy converter", "Academy")
    assert riverside.admissions_policy == "Non-selective"
    hilltop = School.objects.get(urn=800003)
    assert (hilltop.gender, hilltop.religious_character, hilltop.admissions_policy) == (
        "Girls",
        "Church of England",
        "",
    )
    college = School.objects.get(urn=800005)
    assert (college.religious_character, college.admissions_policy) == ("", "")
    assert School.objects.get(urn=800006).close_date == date(2025, 3, 31)


# GIAS layout


def test_gias_extract_keeps_only_our_local_authority_and_reads_windows_1252(fixture_postcodes, gias_file):
    output = _import(gias_file)

    assert _register() == {
        810001: ("Bellevue Lodge Primary School", "open", "primary", "E07000243"),
        810002: ("Café Quarter Secondary School", "closing", "secondary", "E07000103"),
        810003: ("Willowbank School", "open", "special", "E07000095"),
        810004: ("Northfield Middle School", "open", "secondary", "E07000241"),
    }
    assert "(GIAS establishment extract), LA 919: 6 rows read, 4 added, 0 updated, 0 unchanged" in output
    assert "Skipped 1 row of other local authorities." in output
    assert "Skipped 1 establishment proposed to open." in output


def test_gias_extract_details(fixture_postcodes, gias_file):
    _import(gias_file)

    closing = School.objects.get(urn=810002)
    assert (closing.open_date, closing.close_date) == (date(2015, 9, 1), date(2026, 8, 31))
    assert (closing.establishment_type, closing.establishment_group) == ("Academy sponsor led", "Academies")
    assert School.objects.get(urn=810001).postcode == "SG1 2AB"


def test_la_option_imports_another_local_authoritys_schools(gias_file):
    output = _import(gias_file, "--la", "201")

    assert _register() == {810006: ("Guildhall Lane Primary School", "open", "primary", None)}
    assert "Skipped 5 rows of other local authorities." in output


def test_la_option_must_be_a_three_digit_number(gias_file):
    with pytest.raises(CommandError, match="--la must be a three-digit local authority number, like 919, not 'Herts'"):
        _import(gias_file, "--la", "Herts")


# Idempotence, updates, schools that leave the file


def test_importing_the_same_file_again_changes_nothing(fixture_postcodes, dfe_file):
    _import(dfe_file)
    before = _snapshot()

    output = _import(dfe_file)

    assert _snapshot() == before
    assert "6 rows read, 0 added, 0 updated, 6 unchanged" in output


def test_a_changed_school_is_updated_and_the_rest_left_alone(fixture_postcodes, dfe_file, tmp_path):
    _import(dfe_file)
    untouched = School.objects.get(urn=800001).imported_on
    changed = tmp_path / "changed.csv"
    changed.write_text(
        dfe_file.read_text().replace("Riverside Academy,High Street", "Riverside Academy Trust School,High Street")
    )

    output = _import(changed)

    assert School.objects.get(urn=800002).name == "Riverside Academy Trust School"
    assert School.objects.get(urn=800001).imported_on == untouched
    assert "6 rows read, 0 added, 1 updated, 5 unchanged" in output


def test_a_school_missing_from_the_file_is_reported_and_kept(fixture_postcodes, dfe_file):
    SchoolFactory(urn=799999, name="Former Synthetic School", la_code="919")
    SchoolFactory(urn=799998, name="Elsewhere Synthetic School", la_code="201")

    output = _import(dfe_file)

    assert School.objects.filter(urn__in=[799999, 799998]).count() == 2
    assert "1 school in the register but not in this file, kept: URN 799999." in output


def test_import_is_audited_with_counts_only(fixture_postcodes, dfe_file):
    _import(dfe_file)

    event = AuditEvent.objects.get(action=AuditAction.SCHOOLS_IMPORTED)
    assert event.actor is None
    assert event.data == {
        "file_rows": 6,
        "other_la": 0,
        "not_yet_open": 0,
        "created": 6,
        "updated": 0,
        "unchanged": 0,
        "without_district": 1,
        "missing": 0,
        "file": "dfe-school-information.csv",
        "layout": "dfe_school_information",
        "la_code": "919",
    }


def test_the_service_records_who_imported(fixture_postcodes, dfe_file, system_admin):
    result = school_import(path=dfe_file, la_code="919", actor=system_admin)

    assert (result.created, result.layout_name) == (6, "DfE school information")
    assert AuditEvent.objects.get(action=AuditAction.SCHOOLS_IMPORTED).actor == system_admin


# Files that cannot be imported: a clear message and nothing written


def _assert_refused(path: Path, message: str) -> None:
    before, events = _snapshot(), AuditEvent.objects.count()
    with pytest.raises(CommandError) as refused:
        _import(path)
    assert str(refused.value) == message
    assert _snapshot() == before
    assert AuditEvent.objects.count() == events


def test_an_unknown_header_is_refused(tmp_path):
    unknown = tmp_path / "unknown.csv"
    unknown.write_text("School,Town\nOakfield Primary School,Stevenage\n")

    _assert_refused(
        unknown,
        "unknown.csv: the first line is not a header this import knows. Use the DfE school information file "
        "(URN, LA, ESTAB, SCHNAME, ...) or a GIAS establishment extract (URN, LA (code), EstablishmentName, ...). "
        "Nothing was imported.",
    )


def test_a_known_layout_missing_a_column_is_refused(dfe_file, tmp_path):
    short = tmp_path / "short.csv"
    short.write_text(dfe_file.read_text().replace(",AGEHIGH,", ",AGETOP,"))

    _assert_refused(
        short,
        "short.csv: this looks like a DfE school information file but it has no AGEHIGH column. Nothing was imported.",
    )


@pytest.mark.parametrize(
    ("replace", "by", "message"),
    [
        ("31-03-2025", "31-02-2025", "line 7: CLOSEDATE '31-02-2025' is not a date like 31-08-2025."),
        ("800004,", "80000X,", "line 5: URN '80000X' is not a number."),
        (",Closed,", ",Shut,", "line 7: SCHSTATUS 'Shut' is not a status this import knows."),
        ("EN8 9XH", "EN8 9X", "line 5: POSTCODE 'EN8 9X' is not a postcode."),
        (",16,99,", ",16,old,", "line 6: AGEHIGH 'old' is not an age in years."),
        ("Brookside School", "", "line 5: SCHNAME is empty."),
        ("800006,", "800001,", "line 7: URN 800001 is already on line 2."),
        (
            "Oakfield Primary School,",
            "Oakfield Primary School,Extra,",
            "line 2: it has 25 fields but the header has 24.",
        ),
    ],
)
def test_a_bad_row_is_refused_with_its_line_and_nothing_is_written(dfe_file, tmp_path, replace, by, message):
    SchoolFactory(urn=799999, name="Existing Synthetic School")
    bad = tmp_path / "bad.csv"
    text = dfe_file.read_text()
    assert replace in text
    bad.write_text(text.replace(replace, by, 1))

    _assert_refused(bad, f"bad.csv, {message} Nothing was imported.")
    assert School.objects.count() == 1
