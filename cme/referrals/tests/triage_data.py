"""Data for the triage tests, made through the referral services as the intake pages would."""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta
from typing import Any

from django.utils import timezone

from cme.accounts.models import User
from cme.accounts.roles import Role
from cme.accounts.tests.factories import UserFactory
from cme.areas.models import District, Postcode
from cme.referrals.models import Referral
from cme.referrals.services import ReferralDetails, TriageDecision, referral_decide, referral_submit

# One postcode in a district of each area (cme/areas/migrations/0002), and one outside the county.
WEST_POSTCODE = "WD17 1AA"  # Watford
EAST_POSTCODE = "SG1 1AA"  # Stevenage
OUTSIDE_POSTCODE = "N1 9GU"
_DISTRICT_OF = {WEST_POSTCODE: "E07000103", EAST_POSTCODE: "E07000243"}
POSTCODE_OF_AREA = {"west": WEST_POSTCODE, "east": EAST_POSTCODE, None: ""}


def years_ago(years: int, *, days: int = 0) -> date:
    today = timezone.localdate()
    return date(today.year - years, today.month, min(today.day, 28)) - timedelta(days=days)


def of_school_age() -> date:
    """A date of birth of a child of compulsory school age today (aged about 10)."""
    return years_ago(10)


def below_school_age() -> date:
    """A date of birth of a child below compulsory school age today (aged about 3)."""
    return years_ago(3)


def staff_recorder() -> User:
    return UserFactory.create(
        email="referral.recorder@council.example", full_name="Referral Recorder", role=Role.CME_MANAGER
    )


def load_postcodes() -> None:
    for postcode, district in _DISTRICT_OF.items():
        Postcode.objects.get_or_create(postcode=postcode, defaults={"district": District.objects.get(pk=district)})


def a_referral(
    *,
    area: str | None = "west",
    postcode: str | None = None,
    forenames: str = "Ada",
    surname: str = "Example",
    date_of_birth: date | None = None,
    channel: str = Referral.Channel.STAFF,
    received: datetime | None = None,
    submitted_by: User | None = None,
    **details: Any,
) -> Referral:
    """A CME referral recorded by the CME team (area from the postcode: West, East or none)."""
    load_postcodes()
    if channel == Referral.Channel.PUBLIC:
        details.setdefault("referrer_anonymous", True)
        details.setdefault("concern", "Not seen at school since the spring.")
    result = referral_submit(
        channel=channel,
        details=ReferralDetails(
            forenames=forenames,
            surname=surname,
            date_of_birth=date_of_birth if date_of_birth is not None else of_school_age(),
            postcode=POSTCODE_OF_AREA[area] if postcode is None else postcode,
            **details,
        ),
        submission_key=uuid.uuid4(),
        submitted_by=None if channel == Referral.Channel.PUBLIC else (submitted_by or staff_recorder()),
        source=Referral.Source.PHONE,
        source_detail="Call from a neighbour",
        client_address=f"192.0.2.{uuid.uuid4().int % 250}",
    )
    referral = result.referral
    if received is not None:
        Referral.objects.filter(pk=referral.pk).update(created_on=received)
        referral.refresh_from_db()
    return referral


def decided(referral: Referral, decision: str, *, by: User | None = None, **kwargs: Any) -> Referral:
    """``referral`` after the CME team decided ``decision`` on it."""
    return referral_decide(
        referral=referral,
        actor=by or staff_recorder(),
        decision=TriageDecision(decision=decision, reason=kwargs.pop("reason", "Checked the school census."), **kwargs),
    )


def days_ago(days: int) -> datetime:
    return timezone.now() - timedelta(days=days)
