import pytest

from cme.schools.models import School
from cme.schools.school_files import decode, phase_from_ages, phase_from_dfe, phase_from_gias

P = School.Phase


def _dfe(minor="Maintained school", kind="Community school", primary="0", secondary="0", post16="0"):
    return {"MINORGROUP": minor, "SCHOOLTYPE": kind, "ISPRIMARY": primary, "ISSECONDARY": secondary, "ISPOST16": post16}


@pytest.mark.parametrize(
    ("row", "ages", "phase"),
    [
        (_dfe(primary="1"), (3, 11), P.PRIMARY),
        (_dfe(secondary="1", post16="1"), (11, 18), P.SECONDARY),
        (_dfe(primary="1", secondary="1"), (9, 13), P.ALL_THROUGH),
        (_dfe(minor="Special school", kind="Community special school", primary="1"), (3, 11), P.SPECIAL),
        (_dfe(minor="Independent school", kind="Other independent special school", secondary="1"), (11, 19), P.SPECIAL),
        (_dfe(minor="College", kind="Further education", post16="1"), (16, 99), P.POST_16),
        (_dfe(), (4, 11), P.PRIMARY),
        (_dfe(), (None, None), P.OTHER),
    ],
)
def test_phase_of_a_dfe_row(row, ages, phase):
    assert phase_from_dfe(row, *ages) == phase


def _gias(phase, group="Local authority maintained schools", kind="Community school"):
    return {
        "PhaseOfEducation (name)": phase,
        "EstablishmentTypeGroup (name)": group,
        "TypeOfEstablishment (name)": kind,
    }


@pytest.mark.parametrize(
    ("row", "ages", "phase"),
    [
        (_gias("Primary"), (4, 11), P.PRIMARY),
        (_gias("Middle deemed primary"), (8, 12), P.PRIMARY),
        (_gias("Secondary"), (11, 16), P.SECONDARY),
        (_gias("Middle deemed secondary"), (9, 13), P.SECONDARY),
        (_gias("16 plus"), (16, 19), P.POST_16),
        (_gias("All-through"), (4, 18), P.ALL_THROUGH),
        (_gias("Nursery"), (2, 5), P.OTHER),
        (_gias("Not applicable", group="Special schools", kind="Community special school"), (5, 19), P.SPECIAL),
        (_gias("Not applicable", group="Independent schools", kind="Other independent school"), (11, 18), P.SECONDARY),
    ],
)
def test_phase_of_a_gias_row(row, ages, phase):
    assert phase_from_gias(row, *ages) == phase


@pytest.mark.parametrize(
    ("ages", "phase"),
    [
        ((3, 11), P.PRIMARY),
        ((11, 16), P.SECONDARY),
        ((16, 19), P.POST_16),
        ((3, 18), P.ALL_THROUGH),
        ((9, 13), P.OTHER),
    ],
)
def test_phase_from_ages_alone(ages, phase):
    assert phase_from_ages(*ages) == phase


def test_files_are_read_as_utf8_or_else_windows_1252():
    assert decode("Café".encode()) == "Café"
    assert decode("\ufeffURN".encode()) == "URN"
    assert decode("Café \u2013 école".encode("cp1252")) == "Café \u2013 école"
