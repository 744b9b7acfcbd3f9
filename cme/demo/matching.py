"""Demo data for record matching: a case whose child appears on a school's new-pupil return, so the
case page shows "Possibly located" and the review queue has a suggestion. Idempotent; all synthetic."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone

from cme.accounts.models import User
from cme.matching.models import RollReturn
from cme.matching.services import match_run_roll_return, roll_return_upload
from cme.referrals.models import Referral
from cme.referrals.services import ReferralDetails, TriageDecision, referral_decide, referral_submit
from cme.schools.models import School

DEMO_RETURN_FILE = "demo-new-pupils.csv"


def _demo_roll_school() -> School | None:
    return (
        School.objects.filter(status=School.Status.OPEN, phase=School.Phase.PRIMARY, district__name="Watford")
        .order_by("urn")
        .first()
    )


@transaction.atomic
def seed_matching_demo(*, officer: User, submission_key: object) -> None:
    """A CME case for "Jordan Demowell", then a Watford primary school's new-pupil return that lists
    a "Jordon Demowell" with the same date of birth at a new address: a possible match to review."""
    school = _demo_roll_school()
    if school is None or RollReturn.objects.filter(file_name=DEMO_RETURN_FILE).exists():
        return
    today = timezone.localdate()
    born = date(today.year - 10, 4, 9)
    outcome = referral_submit(
        channel=Referral.Channel.STAFF,
        details=ReferralDetails(
            forenames="Jordan",
            surname="Demowell",
            date_of_birth=born,
            sex="M",
            address_line_1="8 Invented Avenue",
            town="Watford",
            postcode="WD17 1AA",
            concern="The family left their tenancy and Jordan's school has not heard from them.",
        ),
        submission_key=submission_key,
        submitted_by=officer,
        source=Referral.Source.PHONE,
    )
    referral = outcome.referral
    if referral.status == Referral.Status.OPEN and referral.case is None:
        referral_decide(
            referral=referral,
            actor=officer,
            decision=TriageDecision(decision=Referral.Decision.CME, reason="No school place and whereabouts unknown."),
        )
    rows = [
        "id,forename,surname,dob,sex,postcode,address,upn",
        f"101,Jordon,Demowell,{born:%Y-%m-%d},M,WD18 0AA,14 Pretend Close,",
        f"102,Casey,Exampleton,{date(today.year - 8, 1, 20):%Y-%m-%d},F,WD17 1AA,3 Sample Row,",
        f"103,Robin,Fakeley,{date(today.year - 6, 11, 2):%Y-%m-%d},M,WD19 4AA,27 Mock Street,",
    ]
    roll_return = roll_return_upload(
        actor=officer,
        school=school,
        kind=RollReturn.Kind.NEW_PUPILS,
        file_name=DEMO_RETURN_FILE,
        content=("\n".join(rows) + "\n").encode(),
    )
    match_run_roll_return(run_id=roll_return.match_run.pk)
