from datetime import date

import pytest
import time_machine

from cme.calendars.models import ClockPause, TermDates
from cme.conftest import make_persona
from cme.demo.clocks import seed_clocks_demo
from cme.enquiries.tests.factories import CaseFactory

pytestmark = pytest.mark.django_db


@time_machine.travel("2026-11-27 10:00", tick=False)
def test_the_demo_adds_term_dates_and_one_restarted_pause_once():
    officer = make_persona("cme_officer_west")
    manager = make_persona("cme_manager")
    case = CaseFactory.create()
    seed_clocks_demo(officer=officer, manager=manager)
    seed_clocks_demo(officer=officer, manager=manager)
    assert sorted(TermDates.objects.values_list("academic_year", flat=True)) == [2025, 2026, 2027]
    pause = ClockPause.objects.get()
    assert (pause.case, pause.paused_on, pause.resumed_on) == (case, date(2026, 11, 25), date(2026, 11, 27))
