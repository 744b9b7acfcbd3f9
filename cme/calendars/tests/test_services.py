from datetime import date

import pytest
import time_machine

from cme.audit.models import AuditEvent
from cme.calendars.defaults import DEFAULT_TERM_DATES
from cme.calendars.models import ClockPause, TermDates
from cme.calendars.services import clock_pause, clock_resume, term_dates_save, term_dates_seed_defaults
from cme.core.exceptions import ApplicationError, PermissionDeniedError
from cme.enquiries.tests.factories import CaseFactory

pytestmark = pytest.mark.django_db


def test_the_manager_records_and_replaces_a_years_term_dates(persona):
    manager = persona("cme_manager")
    half_terms = list(DEFAULT_TERM_DATES[2026])
    saved = term_dates_save(actor=manager, academic_year=2026, half_terms=half_terms)
    assert saved.autumn_1_first == date(2026, 9, 3)
    half_terms[0] = (date(2026, 9, 2), date(2026, 10, 23))
    term_dates_save(actor=manager, academic_year=2026, half_terms=half_terms)
    assert TermDates.objects.get().autumn_1_first == date(2026, 9, 2)
    events = list(AuditEvent.objects.filter(action="term_dates_saved").order_by("pk"))
    assert [e.data["before"] is None for e in events] == [True, False]
    assert events[1].data["before"][0] == ["2026-09-03", "2026-10-23"]


@pytest.mark.parametrize(
    ("index", "dates", "message"),
    [
        (
            0,
            (date(2026, 10, 23), date(2026, 9, 3)),
            "Autumn term, first half: the last day must be on or after the first day",
        ),
        (
            1,
            (date(2026, 10, 20), date(2026, 12, 18)),
            "Autumn term, second half: the first day must be after the end of the half-term before",
        ),
        (
            0,
            (date(2025, 9, 3), date(2026, 10, 23)),
            "Autumn term, first half: the first day must be in the 2026 to 2027 school year",
        ),
    ],
)
def test_bad_term_dates_are_refused(persona, index, dates, message):
    half_terms = list(DEFAULT_TERM_DATES[2026])
    half_terms[index] = dates
    with pytest.raises(ApplicationError) as error:
        term_dates_save(actor=persona("cme_manager"), academic_year=2026, half_terms=half_terms)
    assert error.value.message == message
    assert TermDates.objects.count() == 0


def test_only_the_manager_changes_term_dates(persona):
    with pytest.raises(PermissionDeniedError):
        term_dates_save(actor=persona("cme_officer_west"), academic_year=2026, half_terms=DEFAULT_TERM_DATES[2026])


def test_seeding_the_defaults_is_idempotent():
    assert term_dates_seed_defaults() == len(DEFAULT_TERM_DATES)
    assert term_dates_seed_defaults() == 0


@time_machine.travel("2026-11-27 10:00", tick=False)
def test_pause_and_resume_a_case_clock_with_reasons(persona):
    officer = persona("cme_officer_west")
    case = CaseFactory.create()
    pause = clock_pause(
        case=case, clock="enquiries", actor=officer, paused_on=date(2026, 11, 20), reason="Waiting for Home Office"
    )
    with pytest.raises(ApplicationError) as error:
        clock_pause(case=case, clock="enquiries", actor=officer, paused_on=date(2026, 11, 27), reason="Again")
    assert error.value.message == "This clock is already paused"
    with pytest.raises(ApplicationError) as error:
        clock_resume(pause=pause, actor=officer, resumed_on=date(2026, 11, 19), reason="Answered")
    assert error.value.message == "The date it restarted must be on or after the date it was paused"
    resumed = clock_resume(pause=pause, actor=officer, resumed_on=date(2026, 11, 26), reason="Home Office answered")
    assert resumed.span == (date(2026, 11, 20), date(2026, 11, 26))
    with pytest.raises(ApplicationError) as error:
        clock_pause(case=case, clock="enquiries", actor=officer, paused_on=date(2026, 11, 25), reason="Overlap")
    assert error.value.message == "The date it was paused must be on or after the day it last restarted"
    assert [e.action for e in AuditEvent.objects.filter(case_id=str(case.pk)).order_by("pk")] == [
        "case_clock_paused",
        "case_clock_resumed",
    ]


@time_machine.travel("2026-11-27 10:00", tick=False)
def test_pausing_needs_a_reason_and_permission(persona):
    case = CaseFactory.create()
    with pytest.raises(ApplicationError) as error:
        clock_pause(
            case=case, clock="review", actor=persona("cme_officer_west"), paused_on=date(2026, 11, 27), reason=" "
        )
    assert error.value.message == "Enter who or what the case is waiting for"
    with pytest.raises(ApplicationError) as error:
        clock_pause(
            case=case, clock="review", actor=persona("cme_officer_west"), paused_on=date(2026, 11, 28), reason="x"
        )
    assert error.value.message == "The date it was paused must be today or in the past"
    with pytest.raises(PermissionDeniedError):
        clock_pause(case=case, clock="review", actor=persona("auditor"), paused_on=date(2026, 11, 27), reason="x")
    assert ClockPause.objects.count() == 0
