"""Data for the school and admissions tests, made through the referral services as the pages would."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from cme.accounts.models import User
from cme.accounts.roles import Role
from cme.accounts.tests.factories import UserFactory
from cme.areas.models import District
from cme.organisations.tests.factories import SchoolOrganisationFactory
from cme.referrals.models import Referral, SchoolTask
from cme.referrals.services import AttemptDetails, ReferralDetails, SubmitResult, referral_submit
from cme.schools.models import School
from cme.schools.tests.factories import SchoolFactory

# One district in each area (cme/areas/migrations/0002).
WATFORD = "E07000103"  # West
STEVENAGE = "E07000243"  # East


def a_school(*, district: str = WATFORD, **kwargs: Any) -> School:
    return SchoolFactory.create(district=District.objects.get(pk=district), **kwargs)


def a_school_user(school: School, *, email: str | None = None) -> User:
    return UserFactory.create(
        email=email or f"office.{school.urn}@school.example",
        full_name=f"School Office {school.urn}",
        role=Role.SCHOOL_USER,
        organisation=SchoolOrganisationFactory.create(school=school),
    )


def school_of(user: User) -> School:
    assert user.organisation is not None
    assert user.organisation.school is not None
    return user.organisation.school


def days_ago(days: int) -> date:
    return timezone.localdate() - timedelta(days=days)


def all_attempts() -> list[AttemptDetails]:
    return [
        AttemptDetails(method="phone", attempted_on=days_ago(5), outcome="No answer"),
        AttemptDetails(method="email", attempted_on=days_ago(4), outcome="No reply"),
        AttemptDetails(method="letter", attempted_on=days_ago(3), outcome="No reply"),
    ]


def a_non_arrival(user: User, *, forenames: str = "Ada", surname: str = "Example", **details: Any) -> Referral:
    """A school's referral of a child who did not arrive, with the attempts the policy asks for."""
    result = referral_submit(
        channel=Referral.Channel.SCHOOL_NON_ARRIVAL,
        details=ReferralDetails(
            forenames=forenames,
            surname=surname,
            last_school=school_of(user),
            agreed_start_date=days_ago(10),
            **details,
        ),
        submission_key=uuid.uuid4(),
        submitted_by=user,
        attempts=all_attempts(),
    )
    return result.referral


def a_task(school: School, *, admissions: User, forenames: str = "Ben", surname: str = "Sample") -> SchoolTask:
    """Admissions tells ``school`` that a child will not be coming (policy 4.7): a task for the school."""
    result: SubmitResult = referral_submit(
        channel=Referral.Channel.ADMISSIONS_NOT_COMING,
        details=ReferralDetails(
            forenames=forenames, surname=surname, last_school=school, date_of_birth=date(2015, 4, 1)
        ),
        submission_key=uuid.uuid4(),
        submitted_by=admissions,
    )
    assert result.task is not None
    return result.task


# Answers as the pages post them


def date_answer(name: str, value: date | None) -> dict[str, str]:
    """A GOV.UK day/month/year date as posted (blank if ``value`` is None)."""
    if value is None:
        return {f"{name}_0": "", f"{name}_1": "", f"{name}_2": ""}
    return {f"{name}_0": str(value.day), f"{name}_1": str(value.month), f"{name}_2": str(value.year)}


def rows(prefix: str, total: int, *filled: dict[str, str]) -> dict[str, str]:
    """A formset's management form and its filled rows (the rest left blank)."""
    answers = {f"{prefix}-TOTAL_FORMS": str(total), f"{prefix}-INITIAL_FORMS": "0"}
    for index, row in enumerate(filled):
        answers.update({f"{prefix}-{index}-{name}": value for name, value in row.items()})
    return answers


def attempt_row(method: str, on: date, outcome: str = "No reply") -> dict[str, str]:
    return {"method": method, "outcome": outcome, **date_answer("attempted_on", on)}


def child_answers(*, forenames: str = "Ada", surname: str = "Example", postcode: str = "") -> dict[str, str]:
    return {
        "child-forenames": forenames,
        "child-surname": surname,
        "child-sex": "F",
        "child-address_line_1": "1 Synthetic Street",
        "child-town": "Watford",
        "child-postcode": postcode,
        **date_answer("child-date_of_birth", date(2016, 5, 4)),
    }


def submission_key(client: Any, url: str) -> dict[str, str]:
    """The one-time submission key the page hands out, as the form posts it back."""
    field = client.get(url).context["form"]["key"]["submission_key"]
    return {field.html_name: str(field.value())}


def error_summary(html: str) -> list[str]:
    """The messages in the page's GOV.UK error summary, in order."""
    if "govuk-error-summary__list" not in html:
        return []
    start = html.index("govuk-error-summary__list")
    block = html[start : html.index("</ul>", start)]
    items = block.split("<li>")[1:]
    return [" ".join(_text_of(item).split()) for item in items]


def _text_of(fragment: str) -> str:
    out, inside = [], False
    for char in fragment:
        if char == "<":
            inside = True
        elif char == ">":
            inside = False
        elif not inside:
            out.append(char)
    return "".join(out).replace("&#x27;", "'").replace("&quot;", '"').replace("&amp;", "&")
