"""The deletion return (policy 5.4; regulation 9(1) grounds A-O and the regulation 13 return): it goes to
the attendance duty team of the school's area; an unknown destination also refers the child to the CME
team; grounds H and I without evidence of joint enquiries with the council are refused (the
Hertfordshire rule) and nothing is saved."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from cme.audit.models import AuditEvent
from cme.conftest import PERSONA_ROLES
from cme.organisations.tests.factories import MailboxFactory
from cme.referrals.codes import DeletionGround
from cme.referrals.models import DeletionReturn, Referral, ReferralPerson
from cme.referrals.tests.school_data import (
    STEVENAGE,
    a_school,
    child_answers,
    date_answer,
    days_ago,
    error_summary,
    rows,
    school_of,
    submission_key,
)

pytestmark = pytest.mark.django_db

URL = reverse("referrals:school_deletion")
MAY_SUBMIT = {"school_user"}
HERTFORDSHIRE_RULE = (
    "Ground {ground} needs reasonable enquiries made jointly with the council. Without evidence of them the "
    "council does not accept the removal as lawful and the child must stay on the register"
)
PARENT = {"name": "Parent Example", "relationship": "Father", "phone": "07700 900 982", "lives_with_child": "yes"}


def _answers(
    *,
    ground: str = "A",
    known: bool = True,
    school: str = "",
    school_name: str = "Synthetic Academy, Luton",
    joint: tuple[date | None, str, str] = (None, "", ""),
    parent: dict[str, str] | None = None,
    extra: dict[str, str] | None = None,
) -> dict[str, str]:
    on, with_whom, done = joint
    return {
        **child_answers(),
        "child-upn": "",
        **rows("carers", 2, parent or PARENT),
        "deletion-ground": ground,
        **date_answer("deletion-date_ground_met", days_ago(3)),
        **date_answer("deletion-date_deleted", days_ago(1)),
        "deletion-destination_known": "yes" if known else "no",
        "deletion-destination_school": school,
        "deletion-destination_school_name": school_name if known and not school else "",
        **date_answer("deletion-destination_start_date", days_ago(-7) if known else None),
        **date_answer("deletion-joint_enquiries_on", on),
        "deletion-joint_enquiries_with": with_whom,
        "deletion-joint_enquiries_done": done,
        **(extra or {}),
    }


@pytest.fixture
def school_user(persona):
    user = persona("school_user")
    school = school_of(user)
    school.district_id = STEVENAGE
    school.save()
    return user


def _nothing_saved() -> None:
    assert Referral.objects.count() == 0
    assert DeletionReturn.objects.count() == 0
    assert ReferralPerson.objects.count() == 0


def test_the_page_offers_every_ground_with_its_hint(client, school_user):
    client.force_login(school_user)

    html = client.get(URL).content.decode()

    for ground in DeletionGround:
        assert f'value="{ground.value}"' in html
        assert ground.label in html
    assert "Needs evidence of reasonable enquiries made jointly with the council." in html
    assert ">Joint enquiries with the council (grounds H and I)</h2>" in html


def test_a_return_with_a_known_destination_goes_to_attendance_duty_for_the_area(client, school_user):
    new_school = a_school(name="Synthetic High School", district=STEVENAGE)
    client.force_login(school_user)

    response = client.post(
        URL,
        _answers(
            school=str(new_school.urn),
            extra={
                "deletion-future_address": "2 Synthetic Road, Luton LU1 1AA",
                "deletion-future_address_parent_name": "Parent Example",
                **date_answer("deletion-future_address_from", days_ago(-3)),
                "deletion-unable_to_obtain_information": "The new phone number",
                "deletion-safeguarding_context": "None known",
            },
        ),
        follow=True,
    )

    referral = Referral.objects.get()
    deletion = referral.deletion_return
    assert response.redirect_chain == [(reverse("referrals:school_sent"), 302)]
    assert (referral.channel, referral.team, referral.area_id) == (
        Referral.Channel.SCHOOL_DELETION,
        Referral.Team.ATTENDANCE,
        "east",
    )
    assert referral.last_school == school_of(school_user)
    assert (deletion.ground, deletion.date_ground_met, deletion.date_deleted) == ("A", days_ago(3), days_ago(1))
    assert (deletion.destination_known, deletion.destination_school, deletion.destination_start_date) == (
        True,
        new_school,
        days_ago(-7),
    )
    assert (deletion.future_address, deletion.future_address_parent_name, deletion.future_address_from) == (
        "2 Synthetic Road, Luton LU1 1AA",
        "Parent Example",
        days_ago(-3),
    )
    assert (deletion.unable_to_obtain_information, deletion.safeguarding_context) == (
        "The new phone number",
        "None known",
    )
    assert list(referral.people.values_list("name", "phone", "lives_with_child")) == [
        ("Parent Example", "07700 900 982", True)
    ]
    assert not Referral.objects.filter(related_referral=referral).exists()
    html = response.content.decode()
    assert "Deletion return sent" in html
    assert "It has gone to the attendance duty team for the East area." in html
    assert "the CME team has been sent a referral too" not in html


def test_an_unknown_destination_also_refers_the_child_to_the_cme_team(client, school_user):
    client.force_login(school_user)

    response = client.post(URL, _answers(known=False), follow=True)

    deletion = Referral.objects.get(channel=Referral.Channel.SCHOOL_DELETION, related_referral=None)
    follow_on = Referral.objects.get(related_referral=deletion)
    assert (deletion.team, follow_on.team, follow_on.area_id) == (Referral.Team.ATTENDANCE, Referral.Team.CME, "east")
    assert (follow_on.forenames, follow_on.surname) == ("Ada", "Example")
    html = response.content.decode()
    assert "It has gone to the attendance duty team for the East area." in html
    assert "As the pupil&#x27;s destination is unknown, the CME team has been sent a referral too." in html


@pytest.mark.parametrize("ground", ["H", "I"])
def test_grounds_h_and_i_without_joint_enquiries_are_refused_and_nothing_is_saved(client, school_user, ground):
    client.force_login(school_user)

    response = client.post(URL, _answers(ground=ground, known=False))

    assert response.status_code == 200
    assert error_summary(response.content.decode()) == [HERTFORDSHIRE_RULE.format(ground=ground)]
    assert response.context["form"]["deletion"].errors == {
        "joint_enquiries_done": [HERTFORDSHIRE_RULE.format(ground=ground)]
    }
    _nothing_saved()


@pytest.mark.parametrize("ground", ["H", "I"])
def test_grounds_h_and_i_with_joint_enquiries_are_accepted_with_the_evidence(client, school_user, ground):
    client.force_login(school_user)
    joint = (days_ago(20), "Attendance duty officer, East", "Two home visits and calls to all contacts")

    response = client.post(URL, _answers(ground=ground, known=False, joint=joint))

    assert response.status_code == 302
    deletion = DeletionReturn.objects.get()
    on = days_ago(20)
    assert deletion.ground == ground
    assert deletion.joint_enquiries_evidence == (
        f"Joint enquiries on {on.day} {on:%B %Y} with Attendance duty officer, East: "
        "Two home visits and calls to all contacts"
    )


def test_joint_enquiries_described_in_part_ask_for_the_rest(client, school_user):
    client.force_login(school_user)

    response = client.post(URL, _answers(ground="I", joint=(None, "Attendance duty", "")))

    assert error_summary(response.content.decode()) == [
        "Enter the date of the joint enquiries",
        "Enter what was done in the joint enquiries",
    ]
    _nothing_saved()


def test_other_grounds_need_no_joint_enquiries(client, school_user):
    client.force_login(school_user)

    response = client.post(URL, _answers(ground="G"))

    assert response.status_code == 302
    assert DeletionReturn.objects.get().joint_enquiries_evidence == ""


def test_a_known_destination_needs_the_new_school(client, school_user):
    client.force_login(school_user)

    response = client.post(URL, _answers(school_name=""))

    assert error_summary(response.content.decode()) == [
        "Select the new school, or type its name and town if it is not in the list"
    ]
    _nothing_saved()


def test_a_school_that_is_not_in_the_register_is_refused(client, school_user):
    client.force_login(school_user)

    response = client.post(URL, _answers(school="999999999"))

    assert error_summary(response.content.decode()) == ["Select a school from the list"]
    _nothing_saved()


def test_the_pupil_cannot_be_deleted_before_the_ground_was_met(client, school_user):
    client.force_login(school_user)
    answers = _answers() | date_answer("deletion-date_deleted", days_ago(10))

    response = client.post(URL, answers)

    assert error_summary(response.content.decode()) == [
        "The date of deletion must be on or after the date the ground was met"
    ]
    _nothing_saved()


def test_a_parent_the_pupil_lives_with_needs_an_emergency_phone_number(client, school_user):
    client.force_login(school_user)

    response = client.post(URL, _answers(parent={**PARENT, "phone": ""}))

    assert error_summary(response.content.decode()) == [
        "Parent or carer 1: Enter an emergency phone number for this parent"
    ]
    _nothing_saved()


def test_a_new_address_needs_the_parent_the_pupil_will_live_with(client, school_user):
    client.force_login(school_user)

    response = client.post(URL, _answers(extra={"deletion-future_address": "2 Synthetic Road"}))

    assert error_summary(response.content.decode()) == ["Enter the full name of the parent the pupil will live with"]


def test_an_empty_return_lists_every_missing_answer(client, school_user):
    client.force_login(school_user)

    response = client.post(URL, rows("carers", 2))

    assert error_summary(response.content.decode()) == [
        "Enter the child's first name",
        "Enter the child's last name",
        "Enter the date of birth",
        "Enter the child's address, town or postcode, or what you know of it",
        "Select the ground for deleting the pupil's name",
        "Enter the date the ground was met",
        "Enter the date the pupil's name was deleted",
        "Select yes if you know which school the pupil is going to",
    ]


def test_a_double_submit_makes_one_return(client, school_user):
    client.force_login(school_user)
    answers = _answers(known=False) | submission_key(client, URL)

    client.post(URL, answers)
    client.post(URL, answers)

    assert DeletionReturn.objects.count() == 1
    assert Referral.objects.count() == 2  # the return and its one follow-on CME referral


@pytest.mark.parametrize("name", PERSONA_ROLES)
def test_only_school_users_can_send_a_deletion_return(client, persona, name):
    user = persona(name)
    if name == "school_user":
        school = school_of(user)
        school.district_id = STEVENAGE
        school.save()
    audit_before = AuditEvent.objects.count()
    client.force_login(user)

    get = client.get(URL)
    post = client.post(URL, _answers())

    if name in MAY_SUBMIT:
        assert (get.status_code, post.status_code) == (200, 302)
        assert DeletionReturn.objects.count() == 1
    else:
        assert (get.status_code, post.status_code) == (403, 403)
        _nothing_saved()
        assert AuditEvent.objects.count() == audit_before


def test_the_attendance_team_of_the_area_and_the_cme_team_are_emailed_after_commit(
    client, school_user, django_capture_on_commit_callbacks, mailoutbox
):
    for key in ("attendance_west", "attendance_east", "cme"):
        MailboxFactory.create(key=key, email=f"{key.replace('_', '-')}@council.example")
    client.force_login(school_user)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, _answers(known=False))

    deletion = Referral.objects.get(related_referral=None)
    follow_on = Referral.objects.get(related_referral=deletion)
    assert sorted((message.to[0], message.subject) for message in mailoutbox) == [
        ("attendance-east@council.example", f"New referral {deletion.reference} for the attendance duty team"),
        ("cme@council.example", f"New referral {follow_on.reference} for the children missing education team"),
    ]
    assert all("Ada" not in message.body and "Example" not in message.body for message in mailoutbox)
