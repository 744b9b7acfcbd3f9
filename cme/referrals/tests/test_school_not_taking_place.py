"""A parent says the child will not take up the place (policy 4.6): the referral goes to the attendance duty
team of the school's area, not the CME queue, and the school is told which team it went to."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cme.audit.models import AuditEvent
from cme.conftest import PERSONA_ROLES
from cme.referrals.models import Referral
from cme.referrals.selectors import referral_queue_for
from cme.referrals.tests.school_data import (
    STEVENAGE,
    WATFORD,
    child_answers,
    error_summary,
    rows,
    school_of,
    submission_key,
)

pytestmark = pytest.mark.django_db

URL = reverse("referrals:school_not_taking_place")
MAY_SUBMIT = {"school_user"}


def _answers(said: str = "They are moving to Luton and have a place there") -> dict[str, str]:
    return {
        **child_answers(),
        **rows("carers", 2, {"name": "Parent Example", "relationship": "Mother", "phone": "01632 960 001"}),
        "concern-concern": said,
    }


def _in_area(user, district: str):
    school = school_of(user)
    school.district_id = district
    school.save()
    return user


@pytest.mark.parametrize(("district", "area", "name"), [(WATFORD, "west", "West"), (STEVENAGE, "east", "East")])
def test_it_goes_to_the_attendance_duty_team_of_the_schools_area(client, persona, district, area, name):
    school_user = _in_area(persona("school_user"), district)
    client.force_login(school_user)

    response = client.post(URL, _answers(), follow=True)

    referral = Referral.objects.get()
    assert (referral.channel, referral.team, referral.area_id, referral.urgent) == (
        Referral.Channel.SCHOOL_NOT_TAKING_PLACE,
        Referral.Team.ATTENDANCE,
        area,
        False,
    )
    assert referral.concern == "They are moving to Luton and have a place there"
    assert list(referral.people.values_list("name", flat=True)) == ["Parent Example"]
    html = response.content.decode()
    assert f"It has gone to the attendance duty team for the {name} area." in html
    assert referral.reference in html


def test_it_reaches_that_areas_attendance_officers_and_not_the_cme_queue(client, persona):
    school_user = _in_area(persona("school_user"), WATFORD)
    client.force_login(school_user)

    client.post(URL, _answers())

    referral = Referral.objects.get()
    assert list(referral_queue_for(user=persona("attendance_officer_west"))) == [referral]
    assert list(referral_queue_for(user=persona("attendance_officer_east"))) == []
    assert list(referral_queue_for(user=persona("cme_manager"))) == []


def test_a_school_with_no_district_tells_the_user_both_teams_were_told(client, persona):
    client.force_login(persona("school_user"))

    response = client.post(URL, _answers(), follow=True)

    assert Referral.objects.get().area_id is None
    assert "the attendance duty teams for the West and East areas" in response.content.decode()


def test_what_the_parent_said_is_required(client, persona):
    client.force_login(_in_area(persona("school_user"), WATFORD))

    response = client.post(URL, _answers(said=""))

    assert error_summary(response.content.decode()) == ["Enter what the parent told you"]
    assert Referral.objects.count() == 0


def test_a_double_submit_makes_one_referral(client, persona):
    client.force_login(_in_area(persona("school_user"), WATFORD))
    answers = _answers() | submission_key(client, URL)

    client.post(URL, answers)
    client.post(URL, answers)

    assert Referral.objects.count() == 1


@pytest.mark.parametrize("name", PERSONA_ROLES)
def test_only_school_users_can_say_a_child_will_not_take_up_a_place(client, persona, name):
    user = persona(name)
    audit_before = AuditEvent.objects.count()
    client.force_login(user)

    get = client.get(URL)
    post = client.post(URL, _answers())

    if name in MAY_SUBMIT:
        assert (get.status_code, post.status_code) == (200, 302)
        assert Referral.objects.count() == 1
    else:
        assert (get.status_code, post.status_code) == (403, 403)
        assert Referral.objects.count() == 0
        assert AuditEvent.objects.count() == audit_before
