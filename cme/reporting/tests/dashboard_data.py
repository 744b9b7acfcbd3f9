"""A seeded scenario for the dashboard's known-answer tests, on 20 March 2026 (the default period is
1 April 2025 to 20 March 2026). Every child is synthetic. The expected figures are worked out by hand
in the tests from the comments here."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from cme.accounts.models import User
from cme.cases.codes import CaseOutcome, RiskLevel
from cme.cases.models import Case, CaseTask
from cme.cases.states import CaseStatus
from cme.casework.tests.case_data import a_case, an_officer, overdue_enquiry
from cme.people.models import Child
from cme.referrals.models import Referral

TODAY = date(2026, 3, 20)
WATFORD, ST_ALBANS, STEVENAGE = "E07000103", "E07000240", "E07000243"

_references = iter(range(1, 1000))


def at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 10, tzinfo=UTC)


def referral(*, channel: str, on: date, area: str | None, case: Case | None = None) -> Referral:
    made = Referral.objects.create(
        reference=f"R-TEST-{next(_references):04d}", channel=channel, forenames="Sample", area_id=area, case=case
    )
    Referral.objects.filter(pk=made.pk).update(created_on=at(on))
    return made


def case(
    *, area: str | None, district: str | None, status: str = CaseStatus.ENQUIRIES, born: date | None, **fields: Any
) -> Case:
    made = a_case(area=area, status=status, date_of_birth=born, **fields)
    Child.objects.filter(pk=made.child_id).update(district_id=district)
    return made


def seed() -> dict[str, Any]:
    officer: User = an_officer("Dana Officer")
    made: dict[str, Any] = {"officer": officer}
    # Open cases. Year groups in 2025/26: born 17 May 2014 → Year 7; 1 Sep 2019 → Year 1; 31 Aug 2019
    # → Year 2; 1 Jan 2021 → Reception.
    made["w1"] = w1 = case(
        area="west",
        district=WATFORD,
        born=date(2014, 5, 17),
        risk_level=RiskLevel.HIGH,
        cme_from=date(2026, 3, 10),  # 10 days: under 4 weeks
        allocated_to=officer,
    )
    overdue_enquiry(w1)
    overdue_enquiry(w1, check="health")
    made["w2"] = w2 = case(
        area="west", district=WATFORD, born=date(2019, 9, 1), status=CaseStatus.OPEN, cme_from=date(2026, 1, 5)
    )  # 74 days: 4 weeks to 3 months
    CaseTask.objects.create(
        case=w2, kind=CaseTask.Kind.CONTACT_COUNTERPARTS_ABROAD, assigned_to="SW", due_on=date(2026, 3, 1)
    )
    CaseTask.objects.create(
        case=w2,
        kind=CaseTask.Kind.CONTACT_COUNTERPARTS_ABROAD,
        assigned_to="SW",
        due_on=date(2026, 3, 1),
        status=CaseTask.Status.DONE,
    )
    made["w3"] = case(
        area="west",
        district=ST_ALBANS,
        born=date(2019, 8, 31),
        status=CaseStatus.MANAGER_REVIEW,
        cme_from=date(2025, 8, 1),  # 231 days: 6 to 12 months
    )
    made["e1"] = case(
        area="east",
        district=STEVENAGE,
        born=None,
        status=CaseStatus.NOT_LOCATED,
        risk_level=RiskLevel.HIGH,
        immediate_referral_due=True,
        cme_from=date(2025, 1, 1),  # 443 days: a year or more
    )
    made["n1"] = case(
        area=None, district=None, born=date(2021, 1, 1), status=CaseStatus.OPEN, cme_from=date(2025, 12, 1)
    )  # 109 days: 3 to 6 months
    # Located, waiting for the school: open, and its confirmation is overdue (start date 1 March).
    made["l1"] = l1 = case(
        area="west",
        district=WATFORD,
        born=date(2014, 5, 17),
        status=CaseStatus.LOCATED,
        cme_from=date(2026, 2, 1),  # 47 days: 4 weeks to 3 months
        located_on=date(2026, 2, 20),
        expected_start_date=date(2026, 3, 1),
    )
    referral(channel=Referral.Channel.PARTNER, on=date(2026, 2, 10), area="west", case=l1)  # 10 days to located

    # Closed cases.
    made["c1"] = c1 = case(
        area="west",
        district=WATFORD,
        born=date(2014, 5, 17),
        status=CaseStatus.CLOSED,
        located_on=date(2026, 2, 3),
        outcome=CaseOutcome.ON_ROLL_IN_LA,
        outcome_recorded_on=at(date(2026, 2, 10)),
    )
    referral(channel=Referral.Channel.SCHOOL_DELETION, on=date(2026, 1, 4), area="west", case=c1)  # 30 days
    referral(channel=Referral.Channel.PUBLIC, on=date(2026, 1, 20), area="west", case=c1)  # not the first
    made["c2"] = c2 = case(
        area="west",
        district=WATFORD,
        born=date(2014, 5, 17),
        status=CaseStatus.CLOSED,
        outcome=CaseOutcome.EHE_SUITABLE,
        outcome_recorded_on=at(date(2026, 3, 1)),
    )
    overdue_enquiry(c2)  # on a closed case: not overdue work
    made["c3"] = case(
        area="east",
        district=STEVENAGE,
        born=date(2014, 5, 17),
        status=CaseStatus.CLOSED,
        outcome=CaseOutcome.LEFT_UK,
        outcome_recorded_on=at(date(2024, 12, 1)),  # before the period
    )
    made["l2"] = l2 = case(
        area="west",
        district=WATFORD,
        born=date(2014, 5, 17),
        status=CaseStatus.CLOSED,
        located_on=date(2026, 2, 25),
        outcome=CaseOutcome.ON_ROLL_OTHER_LA,
        outcome_recorded_on=at(date(2026, 3, 5)),
    )
    referral(channel=Referral.Channel.ADMISSIONS_WHEREABOUTS, on=date(2026, 2, 5), area="west", case=l2)  # 20 days
    made["l3"] = l3 = case(
        area="east",
        district=STEVENAGE,
        born=date(2014, 5, 17),
        status=CaseStatus.CLOSED,
        located_on=date(2026, 2, 15),
        outcome=CaseOutcome.ON_ROLL_IN_LA,
        outcome_recorded_on=at(date(2026, 3, 2)),
    )
    Case.objects.filter(pk=l3.pk).update(created_on=at(date(2026, 2, 1)))  # no referral: 14 days from opening
    made["l4"] = l4 = case(
        area="east",
        district=STEVENAGE,
        born=date(2014, 5, 17),
        status=CaseStatus.CLOSED,
        located_on=date(2025, 12, 10),
        outcome=CaseOutcome.PLACED_VIA_ADMISSIONS,
        outcome_recorded_on=at(date(2025, 12, 20)),
    )
    referral(channel=Referral.Channel.STAFF, on=date(2025, 12, 1), area="east", case=l4)  # 9 days

    # Referrals with no case: one before the period, one this month with no area.
    referral(channel=Referral.Channel.PUBLIC, on=date(2025, 3, 15), area="west")
    referral(channel=Referral.Channel.PUBLIC, on=date(2026, 3, 19), area=None)
    return made
