"""Admissions: a family whose whereabouts cannot be established is referred to the CME team (policy 4.8);
a child who will not be coming to a school becomes a task for that school (policy 4.7)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cme.audit.models import AuditEvent
from cme.conftest import PERSONA_ROLES
from cme.referrals.models import Referral, SchoolTask
from cme.referrals.tests.school_data import (
    WATFORD,
    a_school,
    a_school_user,
    child_answers,
    date_answer,
    days_ago,
    error_summary,
    rows,
    submission_key,
)

pytestmark = pytest.mark.django_db

WHEREABOUTS = reverse("referrals:admissions_whereabouts")
NOT_COMING = reverse("referrals:admissions_not_coming")
MAY_SUBMIT = {"admissions_officer"}


def _whereabouts(*, school: str = "", school_name: str = "", tried: str = "Two letters and three calls") -> dict:
    return {
        **child_answers(),
        "school-last_school": school,
        "school-last_school_name": school_name,
        **rows("carers", 2, {"name": "Parent Example", "email": "parent@example.com"}),
        **rows("siblings", 3),
        "concern-concern": tried,
        **date_answer("concern-date_last_seen", days_ago(40)),
    }


def _not_coming(*, school: str) -> dict:
    return {**child_answers(forenames="Finn", surname="Sample"), "place-school": school, "concern-concern": ""}


# Whereabouts unknown (policy 4.8)


def test_whereabouts_unknown_goes_to_the_cme_team_with_the_school_allocated(client, persona):
    school = a_school(name="Synthetic Junior School", district=WATFORD)
    admissions = persona("admissions_officer")
    client.force_login(admissions)

    response = client.post(WHEREABOUTS, _whereabouts(school=str(school.urn)), follow=True)

    referral = Referral.objects.get()
    assert response.redirect_chain == [(reverse("referrals:admissions_sent"), 302)]
    assert (referral.channel, referral.team, referral.area_id) == (
        Referral.Channel.ADMISSIONS_WHEREABOUTS,
        Referral.Team.CME,
        "west",
    )
    assert (referral.last_school, referral.concern, referral.date_last_seen) == (
        school,
        "Two letters and three calls",
        days_ago(40),
    )
    assert (referral.address_line_1, referral.town) == ("1 Synthetic Street", "Watford")
    assert (referral.referrer, referral.referrer_organisation) == (admissions, admissions.organisation)
    html = response.content.decode()
    assert referral.reference in html
    assert "It has gone to the children missing education team for the West area." in html


def test_a_school_outside_the_register_may_be_typed(client, persona):
    client.force_login(persona("admissions_officer"))

    client.post(WHEREABOUTS, _whereabouts(school_name="Synthetic School, Luton"))

    referral = Referral.objects.get()
    assert (referral.last_school, referral.last_school_name) == (None, "Synthetic School, Luton")


def test_whereabouts_needs_what_admissions_tried_and_a_last_known_address(client, persona):
    client.force_login(persona("admissions_officer"))
    answers = _whereabouts(tried="") | {"child-address_line_1": "", "child-town": "", "child-postcode": ""}

    response = client.post(WHEREABOUTS, answers)

    assert error_summary(response.content.decode()) == [
        "Enter the child's address, town or postcode, or what you know of it",
        "Enter what you have done to find the family",
    ]
    assert Referral.objects.count() == 0


def test_whereabouts_double_submit_makes_one_referral(client, persona):
    client.force_login(persona("admissions_officer"))
    answers = _whereabouts() | submission_key(client, WHEREABOUTS)

    client.post(WHEREABOUTS, answers)
    client.post(WHEREABOUTS, answers)

    assert Referral.objects.count() == 1


# Not coming (policy 4.7)


def test_not_coming_sets_a_task_for_the_school_that_must_remove_the_pupil(client, persona):
    school = a_school(name="Synthetic Primary School", district=WATFORD)
    client.force_login(persona("admissions_officer"))

    response = client.post(NOT_COMING, _not_coming(school=str(school.urn)), follow=True)

    referral = Referral.objects.get()
    task = SchoolTask.objects.get()
    assert (referral.channel, referral.team, referral.last_school) == (
        Referral.Channel.ADMISSIONS_NOT_COMING,
        Referral.Team.SCHOOL,
        school,
    )
    assert (task.referral, task.school, task.status, task.kind) == (
        referral,
        school,
        SchoolTask.Status.OPEN,
        SchoolTask.Kind.RECORD_LEAVER_DESTINATION,
    )
    html = response.content.decode()
    assert "We have asked Synthetic Primary School to remove the pupil from its register" in html


def test_the_task_appears_for_that_school_only(client, persona):
    school = a_school(name="Synthetic Primary School")
    other = a_school(name="Synthetic Secondary School")
    client.force_login(persona("admissions_officer"))
    client.post(NOT_COMING, _not_coming(school=str(school.urn)))

    client.force_login(a_school_user(school))
    theirs = client.get(reverse("referrals:school_home")).content.decode()
    client.force_login(a_school_user(other))
    not_theirs = client.get(reverse("referrals:school_home")).content.decode()

    assert "Finn Sample" in theirs
    assert "Finn Sample" not in not_theirs


def test_not_coming_needs_a_school_from_the_register(client, persona):
    client.force_login(persona("admissions_officer"))

    missing = client.post(NOT_COMING, _not_coming(school=""))
    unknown = client.post(NOT_COMING, _not_coming(school="999999"))

    assert error_summary(missing.content.decode()) == ["Select the school the child will not be coming to"]
    assert error_summary(unknown.content.decode()) == ["Select a school from the list"]
    assert (Referral.objects.count(), SchoolTask.objects.count()) == (0, 0)


def test_the_admissions_home_links_to_both_forms(client, persona):
    client.force_login(persona("admissions_officer"))

    html = client.get(reverse("referrals:admissions_home")).content.decode()

    assert f'href="{WHEREABOUTS}"' in html
    assert f'href="{NOT_COMING}"' in html


def test_the_confirmation_page_without_a_referral_goes_back_home(client, persona):
    client.force_login(persona("admissions_officer"))

    response = client.get(reverse("referrals:admissions_sent"))

    assert response.status_code == 302
    assert response["Location"] == reverse("referrals:admissions_home")


# Who may use the admissions pages


@pytest.mark.parametrize("name", PERSONA_ROLES)
@pytest.mark.parametrize("url_name", ["admissions_home", "admissions_sent"])
def test_only_admissions_officers_can_open_the_admissions_pages(client, persona, name, url_name):
    client.force_login(persona(name))

    response = client.get(reverse(f"referrals:{url_name}"))

    allowed = 200 if url_name == "admissions_home" else 302
    assert response.status_code == (allowed if name in MAY_SUBMIT else 403)


@pytest.mark.parametrize("name", PERSONA_ROLES)
def test_only_admissions_officers_can_refer_a_family_whose_whereabouts_are_unknown(client, persona, name):
    user = persona(name)
    audit_before = AuditEvent.objects.count()
    client.force_login(user)

    get = client.get(WHEREABOUTS)
    post = client.post(WHEREABOUTS, _whereabouts())

    if name in MAY_SUBMIT:
        assert (get.status_code, post.status_code, Referral.objects.count()) == (200, 302, 1)
    else:
        assert (get.status_code, post.status_code, Referral.objects.count()) == (403, 403, 0)
        assert AuditEvent.objects.count() == audit_before


@pytest.mark.parametrize("name", PERSONA_ROLES)
def test_only_admissions_officers_can_say_a_child_will_not_be_coming(client, persona, name):
    user = persona(name)
    school = a_school()
    audit_before = AuditEvent.objects.count()
    client.force_login(user)

    get = client.get(NOT_COMING)
    post = client.post(NOT_COMING, _not_coming(school=str(school.urn)))

    if name in MAY_SUBMIT:
        assert (get.status_code, post.status_code, SchoolTask.objects.count()) == (200, 302, 1)
    else:
        assert (get.status_code, post.status_code, SchoolTask.objects.count()) == (403, 403, 0)
        assert Referral.objects.count() == 0
        assert AuditEvent.objects.count() == audit_before
