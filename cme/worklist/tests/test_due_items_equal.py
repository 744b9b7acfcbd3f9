"""``due_items`` reads cases and enquiries as plain rows, shares one policy history and calendar, and
fills link templates; this checks it gives exactly the items of the plain way (a ``Case`` with its
area and officer per case, ``reverse`` per link, the policy values looked up per date), over varied
cases, pauses, reviews, referrals and a policy change, for both areas, one area and one officer."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from cme.calendars.due import DueItem, due_state, is_escalated
from cme.calendars.models import CaseReview, ClockPause
from cme.calendars.services import term_dates_seed_defaults
from cme.cases.clocks import ClockData, case_clocks
from cme.cases.models import Case, CaseTask
from cme.cases.states import CaseStatus
from cme.enquiries.models import Check, Enquiry, Method
from cme.legal.selectors import legal_due_items
from cme.organisations.models import Organisation
from cme.organisations.tests.factories import OrganisationFactory
from cme.people.models import Child
from cme.policy.models import PolicyVersion
from cme.policy.selectors import policy_values
from cme.referrals.clocks import triage_due_on
from cme.referrals.models import Referral
from cme.worklist.selectors import due_items

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
STATUSES = [
    CaseStatus.OPEN,
    CaseStatus.ENQUIRIES,
    CaseStatus.LOCATED,
    CaseStatus.NOT_LOCATED,
    CaseStatus.MANAGER_REVIEW,
    CaseStatus.CLOSED,
]


class _Plain:
    """The plain way: each row loaded as a model, each link reversed, the policy looked up per date."""

    def __init__(self, *, on: date, area: str | None, officer) -> None:
        self.on, self.area, self.officer = on, area, officer
        self.values = policy_values(on=on)

    def item(self, due: date | None, **fields) -> DueItem:
        assert due is not None
        return DueItem(
            due=due,
            state=due_state(due, on=self.on, at_risk_working_days=self.values["at_risk_working_days"]),
            escalated=is_escalated(
                due, on=self.on, escalation_margin_working_days=self.values["escalation_margin_working_days"]
            ),
            **fields,
        )

    def in_scope(self, case: Case) -> bool:
        if case.status == CaseStatus.CLOSED:
            return False
        area_ok = self.area is None or case.area_id in (self.area, None)
        return area_ok and (self.officer is None or case.allocated_to_id == self.officer.pk)

    @staticmethod
    def case_fields(case: Case) -> dict:
        return {
            "case_reference": case.reference,
            "area_name": case.area.name if case.area else "",
            "area_id": case.area_id,
            "officer_id": case.allocated_to_id,
            "officer_name": case.allocated_to.get_full_name() if case.allocated_to else "",
        }

    def triage(self) -> list[DueItem]:
        if self.officer is not None:
            return []
        return [
            self.item(
                triage_due_on(referral),
                what=f"Triage {'urgent ' if referral.urgent else ''}referral {referral.reference}",
                url=reverse("referrals:detail", args=[referral.pk]),
                case_reference=None,
                area_name=referral.area.name if referral.area else "",
                area_id=referral.area_id,
                officer_id=None,
                officer_name="",
                kind="triage",
            )
            for referral in Referral.objects.filter(team=Referral.Team.CME, status=Referral.Status.OPEN)
            if self.area is None or referral.area_id in (self.area, None)
        ]

    def clocks(self) -> list[DueItem]:
        return [
            self.item(
                clock.due,
                what=clock.label,
                url=reverse("casework:case", args=[case.pk]),
                kind=clock.key,
                **self.case_fields(case),
            )
            for case in Case.objects.all()
            if self.in_scope(case)
            for clock in case_clocks(case, ClockData([case]))
            if clock.due is not None
        ]

    def enquiries(self) -> list[DueItem]:
        items = []
        for enquiry in Enquiry.objects.filter(asked_on__isnull=False, due_on__isnull=False, outcome=""):
            if enquiry.not_applicable or not self.in_scope(enquiry.case):
                continue
            if enquiry.other_council_id:
                url = reverse("enquiries:council_enquiry", args=[enquiry.case_id, enquiry.pk])
                what = f"Answer due: cross-border enquiry to {enquiry.other_council}"
            else:
                url = reverse("enquiries:enquiry", args=[enquiry.case_id, enquiry.check_type])
                what = f"Answer due: {enquiry.get_check_type_display()}"
            items.append(
                self.item(enquiry.due_on, what=what, url=url, kind="enquiry", **self.case_fields(enquiry.case))
            )
        return items

    def tasks(self) -> list[DueItem]:
        return [
            self.item(
                task.due_on,
                what=f"Task: {task.get_kind_display()}",
                url=reverse("casework:case_task", args=[task.case_id, task.pk]),
                kind="task",
                **self.case_fields(task.case),
            )
            for task in CaseTask.objects.filter(status=CaseTask.Status.OPEN, due_on__isnull=False)
            if task.kind != CaseTask.Kind.SCHOOL_CONFIRMATION and self.in_scope(task.case)
        ]


def _plain_items(*, on: date, area: str | None = None, officer=None) -> list[DueItem]:
    plain = _Plain(on=on, area=area, officer=officer)
    items = plain.triage() + plain.clocks() + plain.enquiries() + plain.tasks()
    items.extend(legal_due_items(on=on, area=area, officer=officer))
    return sorted(items, key=lambda it: (it.due, it.case_reference or "", it.what))


@pytest.fixture
def varied_cases(persona):
    term_dates_seed_defaults()
    officers = [persona("cme_officer_west"), persona("cme_officer_east")]
    manager = persona("cme_manager")
    PolicyVersion.objects.create(
        number=2,
        effective_from=date(2026, 11, 16),
        values={"case_review_school_days": 15, "triage_working_days": 2, "enquiries_complete_school_days": 8},
        reason="Shorter timescales",
        recorded_by=manager,
        recorded_on=timezone.now(),
    )
    council = OrganisationFactory.create(kind=Organisation.Kind.OTHER_COUNCIL, name="Another Council")
    first = date(2026, 10, 12)
    for n in range(60):
        opened = first + timedelta(days=(n * 7) % 58)
        child = Child.objects.create(forenames=f"Eq{n}", surname="Synthetic", date_of_birth=date(2015, 1, 1))
        case = Case.objects.create(
            reference=f"C-EQ-{n:03d}",
            child=child,
            status=STATUSES[n % len(STATUSES)],
            area_id=("west", "east", None)[n % 3],
            allocated_to=officers[n % 2] if n % 4 else None,
            cme_from=opened - timedelta(days=7),
            immediate_referral_due=n % 9 == 0,
            located_on=opened + timedelta(days=10) if n % 6 == 2 else None,
            expected_start_date=opened + timedelta(days=14) if n % 12 == 2 else None,
        )
        Case.objects.filter(pk=case.pk).update(
            created_on=datetime(opened.year, opened.month, opened.day, 9, tzinfo=LONDON)
        )
        if n % 5 == 1:
            ClockPause.objects.create(
                case=case,
                clock=ClockPause.Clock.ENQUIRIES if n % 2 else ClockPause.Clock.REVIEW,
                paused_on=opened + timedelta(days=3),
                resumed_on=opened + timedelta(days=12) if n % 3 else None,
                reason="Waiting for another council",
                paused_by=manager,
            )
        if n % 7 == 3:
            for days in (20, 6):  # the latest review restarts the clock, whatever order they were recorded in
                CaseReview.objects.create(
                    case=case, reviewed_on=opened + timedelta(days=days), reviewed_by=manager, summary="Reviewed"
                )
        if n % 6 == 2:
            CaseTask.objects.create(case=case, kind=CaseTask.Kind.SCHOOL_CONFIRMATION, assigned_to="School")
        Enquiry.objects.create(
            case=case,
            check_type=(Check.POLICE, Check.HEALTH)[n % 2],
            asked_whom="Synthetic team",
            asked_on=opened + timedelta(days=1),
            method=Method.EMAIL,
            due_on=opened + timedelta(days=15),
        )
        if n % 8 == 0:
            Enquiry.objects.create(
                case=case,
                check_type=Check.CROSS_BORDER,
                other_council=council,
                asked_whom="Another Council",
                asked_on=opened + timedelta(days=2),
                method=Method.EMAIL,
                due_on=opened + timedelta(days=12),
            )
    for n in range(20):
        referral = Referral.objects.create(
            reference=f"R-EQ-{n:03d}",
            channel=Referral.Channel.STAFF,
            forenames=f"Eq{n}",
            area_id=("west", "east", None)[n % 3],
            urgent=n % 5 == 0,
        )
        received = first + timedelta(days=n * 3)
        Referral.objects.filter(pk=referral.pk).update(
            created_on=datetime(received.year, received.month, received.day, 15, tzinfo=LONDON)
        )
    return officers


def test_due_items_match_the_plain_way_for_every_scope(varied_cases, time_machine):
    time_machine.move_to(datetime(2026, 12, 1, 10, tzinfo=LONDON), tick=False)
    for on in (date(2026, 11, 20), date(2026, 12, 1), date(2026, 12, 21), date(2027, 1, 6)):
        plain = _plain_items(on=on)
        assert len(plain) > 100
        assert due_items(on=on) == plain
        assert due_items(on=on, area="west") == _plain_items(on=on, area="west")
        assert due_items(on=on, officer=varied_cases[1]) == _plain_items(on=on, officer=varied_cases[1])
    assert timezone.localdate() == date(2026, 12, 1)
