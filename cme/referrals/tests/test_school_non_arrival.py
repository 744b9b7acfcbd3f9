"""A child did not arrive on the agreed start date (policy 4.1, 4.5): the school records its attempts to
contact the family, and cannot send the referral until it has tried the methods the policy asks for,
unless it marks an immediate safeguarding concern."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from cme.audit.models import AuditEvent
from cme.conftest import PERSONA_ROLES
from cme.referrals.forms.school import ATTEMPT_ROWS
from cme.referrals.models import ContactAttempt, Referral, ReferralPerson
from cme.referrals.tests.school_data import (
    STEVENAGE,
    WATFORD,
    attempt_row,
    child_answers,
    date_answer,
    days_ago,
    error_summary,
    rows,
    school_of,
    submission_key,
)

pytestmark = pytest.mark.django_db

URL = reverse("referrals:school_non_arrival")
MAY_SUBMIT = {"school_user"}
ALL_THREE = (
    attempt_row("phone", days_ago(6), "No answer, left a voicemail"),
    attempt_row("email", days_ago(5), "No reply"),
    attempt_row("letter", days_ago(4), "Sent to the address on the application"),
)


def _answers(*attempts: dict[str, str], urgent: bool = False, reason: str = "", **child: str) -> dict[str, Any]:
    answers: dict[str, Any] = {
        **child_answers(**child),
        **date_answer("start-agreed_start_date", days_ago(10)),
        **rows("carers", 2, {"name": "Parent Example", "relationship": "Mother", "phone": "01632 960 001"}),
        **rows("siblings", 3, {"name": "Sibling Example", "school_name": "Synthetic Infant School"}),
        "concern-risk_factors": ["temporary_accommodation"],
        **date_answer("concern-date_last_seen", days_ago(30)),
        **rows("attempts", ATTEMPT_ROWS, *attempts),
    }
    if urgent:
        answers["concern-urgent"] = "on"
    if reason:
        answers["concern-urgent_reason"] = reason
    return answers


@pytest.fixture
def school_user(persona):
    user = persona("school_user")
    school = school_of(user)
    school.district_id = WATFORD
    school.save()
    return user


def test_the_page_shows_every_section_and_blank_attempt_rows(client, school_user):
    client.force_login(school_user)

    response = client.get(URL)

    html = response.content.decode()
    assert response.status_code == 200
    for heading in (
        "About the child",
        "Starting at your school",
        "Parents or carers",
        "Brothers and sisters",
        "Your concern",
        "Your attempts to contact the family",
    ):
        assert f">{heading}</h2>" in html
    assert [f"Attempt {n}" in html for n in range(1, ATTEMPT_ROWS + 1)] == [True] * ATTEMPT_ROWS
    assert "You must have tried by phone call, email and letter before you send this" in html
    assert school_of(school_user).name in html


def test_a_referral_with_the_three_attempts_goes_to_the_cme_team_of_the_schools_area(client, school_user):
    client.force_login(school_user)

    response = client.post(URL, _answers(*ALL_THREE), follow=True)

    referral = Referral.objects.get()
    assert response.redirect_chain == [(reverse("referrals:school_sent"), 302)]
    assert (referral.channel, referral.team, referral.area_id, referral.urgent) == (
        Referral.Channel.SCHOOL_NON_ARRIVAL,
        Referral.Team.CME,
        "west",
        False,
    )
    assert (referral.forenames, referral.surname, referral.last_school) == ("Ada", "Example", school_of(school_user))
    assert (referral.agreed_start_date, referral.date_last_seen) == (days_ago(10), days_ago(30))
    assert referral.risk_factors == ["temporary_accommodation"]
    assert (referral.referrer, referral.referrer_organisation) == (school_user, school_user.organisation)
    assert list(referral.contact_attempts.values_list("method", "attempted_on", "outcome")) == [
        ("phone", days_ago(6), "No answer, left a voicemail"),
        ("email", days_ago(5), "No reply"),
        ("letter", days_ago(4), "Sent to the address on the application"),
    ]
    assert sorted(referral.people.values_list("kind", "name")) == [
        (ReferralPerson.Kind.CARER, "Parent Example"),
        (ReferralPerson.Kind.SIBLING, "Sibling Example"),
    ]
    html = response.content.decode()
    assert referral.reference in html
    assert "It has gone to the children missing education team for the West area." in html


def test_the_childs_postcode_decides_the_area_before_the_school(client, school_user):
    from cme.areas.models import Postcode

    Postcode.objects.create(postcode="SG1 1AA", district_id=STEVENAGE)
    client.force_login(school_user)

    client.post(URL, _answers(*ALL_THREE, postcode="sg11aa"))

    assert Referral.objects.get().area_id == "east"


@pytest.mark.parametrize(
    ("left_out", "named"),
    [("phone", "phone call"), ("email", "email"), ("letter", "letter")],
)
def test_each_missing_method_is_named_and_nothing_is_saved(client, school_user, left_out, named):
    client.force_login(school_user)
    attempts = [row for row in ALL_THREE if row["method"] != left_out]

    response = client.post(URL, _answers(*attempts))

    assert response.status_code == 200
    assert error_summary(response.content.decode()) == [
        f"Record your attempts to contact the family by {named} before referring, "
        "or mark an immediate safeguarding concern"
    ]
    assert Referral.objects.count() == 0
    assert ContactAttempt.objects.count() == 0


def test_with_no_attempts_the_error_names_all_three_and_links_to_the_attempts(client, school_user):
    client.force_login(school_user)

    response = client.post(URL, _answers())

    html = response.content.decode()
    assert error_summary(html) == [
        "Record your attempts to contact the family by phone call, email, letter before referring, "
        "or mark an immediate safeguarding concern"
    ]
    assert '<a href="#attempts-section">Record your attempts' in html
    assert 'id="attempts-section"' in html
    assert Referral.objects.count() == 0


def test_what_was_typed_is_kept_when_the_referral_is_refused(client, school_user):
    client.force_login(school_user)

    response = client.post(URL, _answers(ALL_THREE[0], forenames="Zoë", surname="Keepme"))

    html = response.content.decode()
    assert 'value="Zoë"' in html
    assert 'value="Keepme"' in html
    assert "No answer, left a voicemail</textarea>" in html
    assert 'value="Parent Example"' in html


def test_an_immediate_safeguarding_concern_goes_straight_to_the_cme_team_flagged_urgent(client, school_user):
    client.force_login(school_user)

    response = client.post(URL, _answers(urgent=True, reason="Sibling disclosed harm at home"), follow=True)

    referral = Referral.objects.get()
    assert (referral.team, referral.urgent, referral.urgent_reason) == (
        Referral.Team.CME,
        True,
        "Sibling disclosed harm at home",
    )
    assert referral.contact_attempts.count() == 0
    assert "it is marked urgent and the CME officer has been told at once" in response.content.decode()


def test_an_urgent_referral_needs_a_description_of_the_concern(client, school_user):
    client.force_login(school_user)

    response = client.post(URL, _answers(urgent=True))

    assert error_summary(response.content.decode()) == ["Describe the safeguarding concern"]
    assert Referral.objects.count() == 0


def test_the_required_methods_come_from_the_setting(client, school_user, settings):
    settings.CME_SCHOOL_REQUIRED_ATTEMPT_METHODS = ["home_visit"]
    client.force_login(school_user)

    refused = client.post(URL, _answers(*ALL_THREE))
    accepted = client.post(URL, _answers(attempt_row("home_visit", days_ago(2), "Nobody at home")))

    assert error_summary(refused.content.decode()) == [
        "Record your attempts to contact the family by home visit before referring, "
        "or mark an immediate safeguarding concern"
    ]
    assert "You must have tried by home visit before you send this" in refused.content.decode()
    assert accepted.status_code == 302
    assert list(Referral.objects.get().contact_attempts.values_list("method", flat=True)) == ["home_visit"]


def test_with_no_methods_required_a_referral_may_have_no_attempts(client, school_user, settings):
    settings.CME_SCHOOL_REQUIRED_ATTEMPT_METHODS = []
    client.force_login(school_user)

    response = client.post(URL, _answers())

    assert response.status_code == 302
    assert Referral.objects.count() == 1


def test_a_half_finished_attempt_says_which_row_and_what_is_missing(client, school_user):
    client.force_login(school_user)
    unfinished = {"method": "phone", **date_answer("attempted_on", None), "outcome": ""}

    response = client.post(URL, _answers(*ALL_THREE, unfinished))

    assert error_summary(response.content.decode()) == [
        "Attempt 4: Enter the date of the attempt",
        "Attempt 4: Enter what happened",
    ]
    assert Referral.objects.count() == 0


def test_an_attempt_in_the_future_is_refused(client, school_user):
    client.force_login(school_user)
    future = attempt_row("home_visit", days_ago(-2))

    response = client.post(URL, _answers(*ALL_THREE, future))

    assert error_summary(response.content.decode()) == [
        "Attempt 4: The date of the attempt must be today or in the past"
    ]


def test_every_missing_required_answer_is_listed_at_once(client, school_user):
    client.force_login(school_user)

    response = client.post(URL, rows("attempts", ATTEMPT_ROWS) | rows("carers", 2) | rows("siblings", 3))

    assert error_summary(response.content.decode()) == [
        "Enter the child's first name",
        "Enter the child's last name",
        "Enter the date of birth",
        "Enter the agreed start date",
    ]


def test_a_double_submit_makes_one_referral(client, school_user):
    client.force_login(school_user)
    answers = _answers(*ALL_THREE) | submission_key(client, URL)

    first = client.post(URL, answers)
    second = client.post(URL, answers)

    assert (first.status_code, second.status_code) == (302, 302)
    assert Referral.objects.count() == 1
    assert ContactAttempt.objects.count() == 3


def test_a_school_user_without_a_school_is_sent_back_with_an_explanation(client, persona):
    from cme.accounts.roles import Role
    from cme.accounts.tests.factories import UserFactory
    from cme.organisations.models import Organisation
    from cme.organisations.tests.factories import OrganisationFactory

    # A school organisation must name a school; a user misfiled under a council team has none.
    user = UserFactory(
        role=Role.SCHOOL_USER,
        organisation=OrganisationFactory(name="Misfiled", kind=Organisation.Kind.COUNCIL_TEAM),
    )
    client.force_login(user)

    response = client.post(URL, _answers(*ALL_THREE), follow=True)

    assert response.redirect_chain == [(reverse("referrals:school_home"), 302)]
    assert "Your account is not linked to a school, so you cannot send this form." in response.content.decode()
    assert Referral.objects.count() == 0


@pytest.mark.parametrize("name", PERSONA_ROLES)
def test_only_school_users_can_refer_a_child_who_did_not_arrive(client, persona, name):
    user = persona(name)
    audit_before = AuditEvent.objects.count()
    client.force_login(user)

    get = client.get(URL)
    post = client.post(URL, _answers(*ALL_THREE))

    if name in MAY_SUBMIT:
        assert (get.status_code, post.status_code) == (200, 302)
        assert Referral.objects.count() == 1
    else:
        assert (get.status_code, post.status_code) == (403, 403)
        assert Referral.objects.count() == 0
        assert AuditEvent.objects.count() == audit_before
