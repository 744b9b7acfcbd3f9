"""Deadline arithmetic: "beginning with the day of service" makes the service day day 1, and the
periods come from the policy values in force."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine

from cme.legal import periods
from cme.legal.tests.helpers import open_sao, step


@pytest.mark.parametrize(
    ("served_on", "days", "last_day", "next_day"),
    [
        (date(2026, 3, 2), 15, date(2026, 3, 16), date(2026, 3, 17)),
        (date(2026, 2, 20), 15, date(2026, 3, 6), date(2026, 3, 7)),  # across the end of February
        (date(2028, 2, 20), 15, date(2028, 3, 5), date(2028, 3, 6)),  # a leap year
        (date(2026, 12, 24), 15, date(2027, 1, 7), date(2027, 1, 8)),  # calendar days: bank holidays count
        (date(2026, 3, 2), 1, date(2026, 3, 2), date(2026, 3, 3)),
        (date(2026, 3, 2), 21, date(2026, 3, 22), date(2026, 3, 23)),
    ],
)
def test_a_period_beginning_with_the_day_of_service_counts_that_day_as_day_one(served_on, days, last_day, next_day):
    assert periods.period_end(served_on, days) == last_day
    assert periods.first_day_after(served_on, days) == next_day


def test_a_period_has_at_least_one_day():
    with pytest.raises(ValueError, match="at least one day"):
        periods.period_end(date(2026, 3, 2), 0)


@pytest.mark.django_db
def test_the_default_policy_gives_15_days_for_both_notices_under_the_education_act_1996():
    assert periods.current_regime(on=date(2026, 3, 2)) == "ea1996"
    assert periods.notice_days(period="notice_to_satisfy", regime="ea1996", on=date(2026, 3, 2)) == 15
    assert periods.notice_days(period="intention", regime="ea1996", on=date(2026, 3, 2)) == 15


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (date(2026, 5, 1), date(2027, 4, 30)),
        (date(2026, 3, 2), date(2027, 3, 1)),
        (date(2028, 2, 29), date(2029, 2, 27)),
    ],
)
@pytest.mark.django_db
def test_an_education_supervision_order_normally_lasts_one_year(start, end):
    assert periods.eso_end(start=start, on=start) == end


@pytest.mark.django_db
def test_an_extension_may_be_applied_for_in_the_last_three_months_and_the_order_lasts_three_years_at_most():
    assert periods.eso_extension_window_opens(end=date(2027, 4, 30), on=date(2027, 1, 1)) == date(2027, 1, 31)
    assert periods.eso_latest_end(start=date(2026, 5, 1), on=date(2027, 1, 1)) == date(2029, 4, 30)


@pytest.mark.django_db
def test_serving_the_notice_to_satisfy_records_the_last_day_of_its_period(persona):
    manager = persona("cme_manager")
    with time_machine.travel(date(2026, 3, 2), tick=False):
        order = open_sao(manager, on=date(2026, 3, 2))
        event = step(
            order,
            "serve-notice-to-satisfy",
            manager,
            today=date(2026, 3, 4),
            happened_on=date(2026, 3, 4),
            method_of_service="first_class_post",
        )
    assert (order.notice_served_on, order.notice_period_ends) == (date(2026, 3, 4), date(2026, 3, 18))
    assert (event.served_on, event.deadline, event.method_of_service) == (
        date(2026, 3, 4),
        date(2026, 3, 18),
        "first_class_post",
    )


@pytest.mark.django_db
def test_a_longer_notice_period_than_the_least_may_be_given(persona):
    manager = persona("cme_manager")
    order = open_sao(manager)
    step(
        order,
        "serve-notice-to-satisfy",
        manager,
        today=date(2026, 3, 2),
        happened_on=date(2026, 3, 2),
        method_of_service="by_hand",
        period_days=21,
    )
    assert order.notice_period_ends == date(2026, 3, 22)


@pytest.mark.django_db
def test_periods_and_the_regime_come_from_the_policy_version_in_force_on_the_day(persona):
    from cme.legal.stages import LegalRegime, sao_step
    from cme.policy.services import policy_version_create

    manager = persona("cme_manager")
    policy_version_create(
        actor=manager,
        effective_from=date(2026, 9, 1),
        values={"legal_regime": "cwsa2026", "sao_notice_to_satisfy_days": 20},
        reason="The CWSA 2026 school attendance order provisions are commenced (synthetic).",
        today=date(2026, 3, 2),
    )
    before = open_sao(manager, on=date(2026, 8, 31))
    step(
        before,
        "serve-notice-to-satisfy",
        manager,
        today=date(2026, 8, 31),
        happened_on=date(2026, 8, 31),
        method_of_service="by_hand",
    )
    after = open_sao(manager, on=date(2026, 9, 1))
    step(
        after,
        "serve-notice-to-satisfy",
        manager,
        today=date(2026, 9, 1),
        happened_on=date(2026, 9, 1),
        method_of_service="by_hand",
    )
    assert (before.legal_regime, before.notice_period_ends) == ("ea1996", date(2026, 9, 14))
    assert (after.legal_regime, after.notice_period_ends) == ("cwsa2026", date(2026, 9, 20))
    basis = sao_step("serve-notice-to-satisfy")
    assert basis is not None
    assert basis.basis_for(LegalRegime.CWSA2026) == "EA 1996 s.437 as amended by CWSA 2026 s.39: preliminary notice"
