"""School tasks (policy 4.7): admissions says a child will not be coming; the school records the leaver's
destination, and an unknown destination refers the child to the CME team."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cme.audit.models import AuditEvent
from cme.conftest import PERSONA_ROLES
from cme.referrals.models import Referral, SchoolTask
from cme.referrals.tests.school_data import a_school, a_school_user, a_task, days_ago, school_of

pytestmark = pytest.mark.django_db

MAY_COMPLETE_TASKS = {"school_user"}


def _date(prefix: str, value) -> dict[str, str]:
    return {f"{prefix}_0": str(value.day), f"{prefix}_1": str(value.month), f"{prefix}_2": str(value.year)}


def _answers(*, known: bool, destination: str = "", removed=None) -> dict[str, str]:
    return {
        **_date("date_removed", removed or days_ago(1)),
        "destination_known": "yes" if known else "no",
        "destination": destination,
    }


def test_the_task_shows_the_childs_name_as_admissions_gave_it(client, persona):
    school_user = persona("school_user")
    task = a_task(school_of(school_user), admissions=persona("admissions_officer"), forenames="Cleo", surname="Demo")
    client.force_login(school_user)

    response = client.get(reverse("referrals:school_task", args=[task.pk]))

    assert response.status_code == 200
    html = response.content.decode()
    assert '<h1 class="govuk-heading-l">Record a leaver\'s destination</h1>' in html
    assert "Cleo Demo" in html
    assert task.referral.reference in html


def test_opening_the_task_is_recorded_as_a_read_of_the_referral(client, persona):
    school_user = persona("school_user")
    task = a_task(school_of(school_user), admissions=persona("admissions_officer"))
    client.force_login(school_user)

    client.get(reverse("referrals:school_task", args=[task.pk]))

    reads = AuditEvent.objects.filter(action="referral_viewed", object_id=str(task.referral.pk))
    assert [(event.actor, event.object_type) for event in reads] == [(school_user, "referrals.referral")]


def test_known_destination_closes_the_task_and_refers_nobody(client, persona):
    school_user = persona("school_user")
    task = a_task(school_of(school_user), admissions=persona("admissions_officer"))
    client.force_login(school_user)

    response = client.post(
        reverse("referrals:school_task", args=[task.pk]),
        _answers(known=True, destination="Synthetic Academy, Luton", removed=days_ago(2)),
        follow=True,
    )

    task.refresh_from_db()
    assert response.redirect_chain == [(reverse("referrals:school_home"), 302)]
    assert (task.status, task.date_removed, task.destination_known, task.destination) == (
        SchoolTask.Status.DONE,
        days_ago(2),
        True,
        "Synthetic Academy, Luton",
    )
    assert task.completed_by == school_user
    assert not Referral.objects.filter(related_referral=task.referral).exists()
    html = response.content.decode()
    assert "You recorded that Ben Sample has left your school." in html
    assert "children missing education team has been sent a referral" not in html


def test_unknown_destination_refers_the_child_to_the_cme_team_and_says_so(client, persona):
    school_user = persona("school_user")
    task = a_task(school_of(school_user), admissions=persona("admissions_officer"))
    client.force_login(school_user)

    response = client.post(reverse("referrals:school_task", args=[task.pk]), _answers(known=False), follow=True)

    follow_on = Referral.objects.get(related_referral=task.referral)
    assert (follow_on.team, follow_on.forenames, follow_on.surname) == (Referral.Team.CME, "Ben", "Sample")
    assert (
        "As you do not know where the pupil has gone, the children missing education team has been sent a referral."
        in response.content.decode()
    )


def test_a_known_destination_must_say_where(client, persona):
    school_user = persona("school_user")
    task = a_task(school_of(school_user), admissions=persona("admissions_officer"))
    client.force_login(school_user)

    response = client.post(reverse("referrals:school_task", args=[task.pk]), _answers(known=True, destination=" "))

    assert response.status_code == 200
    assert response.context["form"].errors == {"destination": ["Enter where the pupil has gone"]}
    task.refresh_from_db()
    assert task.status == SchoolTask.Status.OPEN


def test_an_empty_answer_gets_an_error_for_each_question_and_keeps_the_task_open(client, persona):
    school_user = persona("school_user")
    task = a_task(school_of(school_user), admissions=persona("admissions_officer"))
    client.force_login(school_user)

    response = client.post(reverse("referrals:school_task", args=[task.pk]), {})

    assert response.context["form"].errors == {
        "date_removed": ["Enter the date the pupil was removed from the register"],
        "destination_known": ["Select yes if you know where the pupil has gone"],
    }
    assert '<div class="govuk-error-summary"' in response.content.decode()
    task.refresh_from_db()
    assert task.status == SchoolTask.Status.OPEN


def test_a_removal_date_in_the_future_is_refused(client, persona):
    school_user = persona("school_user")
    task = a_task(school_of(school_user), admissions=persona("admissions_officer"))
    client.force_login(school_user)

    response = client.post(
        reverse("referrals:school_task", args=[task.pk]), _answers(known=False, removed=days_ago(-1))
    )

    assert response.context["form"].errors == {
        "date_removed": ["The date the pupil was removed from the register must be today or in the past"]
    }
    assert not Referral.objects.filter(related_referral=task.referral).exists()


def test_another_schools_user_gets_not_found_and_changes_nothing(client, persona):
    task = a_task(a_school(name="Synthetic First School"), admissions=persona("admissions_officer"))
    other_school_user = persona("school_user")
    client.force_login(other_school_user)

    get = client.get(reverse("referrals:school_task", args=[task.pk]))
    post = client.post(reverse("referrals:school_task", args=[task.pk]), _answers(known=False))

    assert (get.status_code, post.status_code) == (404, 404)
    task.refresh_from_db()
    assert task.status == SchoolTask.Status.OPEN
    assert Referral.objects.count() == 1


def test_a_task_already_done_sends_the_user_back_to_their_school_page(client, persona):
    school_user = persona("school_user")
    task = a_task(school_of(school_user), admissions=persona("admissions_officer"))
    client.force_login(school_user)
    client.post(reverse("referrals:school_task", args=[task.pk]), _answers(known=False))

    again = client.post(reverse("referrals:school_task", args=[task.pk]), _answers(known=False), follow=True)

    assert again.redirect_chain == [(reverse("referrals:school_home"), 302)]
    assert "That task has already been done." in again.content.decode()
    assert Referral.objects.filter(related_referral=task.referral).count() == 1


def test_the_school_home_lists_only_its_own_open_tasks(client, persona):
    admissions = persona("admissions_officer")
    school_user = persona("school_user")
    mine = a_task(school_of(school_user), admissions=admissions, forenames="Dora", surname="Mine")
    a_task(a_school(name="Synthetic Other School"), admissions=admissions, forenames="Eli", surname="Theirs")
    client.force_login(school_user)

    html = client.get(reverse("referrals:school_home")).content.decode()

    assert "Dora Mine" in html
    assert reverse("referrals:school_task", args=[mine.pk]) in html
    assert "Eli Theirs" not in html


@pytest.mark.parametrize("name", PERSONA_ROLES)
def test_only_school_users_can_open_or_complete_a_task(client, persona, name):
    user = persona(name)
    school = school_of(user) if name == "school_user" else a_school()
    task = a_task(school, admissions=persona("admissions_officer") if name != "admissions_officer" else user)
    audit_before = AuditEvent.objects.count()
    client.force_login(user)

    get = client.get(reverse("referrals:school_task", args=[task.pk]))
    post = client.post(reverse("referrals:school_task", args=[task.pk]), _answers(known=False))

    task.refresh_from_db()
    if name in MAY_COMPLETE_TASKS:
        assert (get.status_code, post.status_code, task.status) == (200, 302, SchoolTask.Status.DONE)
    else:
        assert (get.status_code, post.status_code, task.status) == (403, 403, SchoolTask.Status.OPEN)
        assert Referral.objects.count() == 1
        assert AuditEvent.objects.count() == audit_before


def test_a_school_user_of_another_school_in_the_same_area_sees_nothing_of_the_task(client, persona):
    school = a_school(name="Synthetic Junior School")
    task = a_task(school, admissions=persona("admissions_officer"))
    neighbour = a_school_user(a_school(name="Synthetic Infant School"))
    client.force_login(neighbour)

    home = client.get(reverse("referrals:school_home")).content.decode()
    page = client.get(reverse("referrals:school_task", args=[task.pk]))

    assert "Ben Sample" not in home
    assert page.status_code == 404


def test_the_school_is_emailed_a_link_to_its_task_without_the_childs_name(
    client, persona, django_capture_on_commit_callbacks, mailoutbox, settings
):
    settings.CME_SITE_URL = "https://cme.council.example"
    school_user = persona("school_user")
    school = school_of(school_user)
    client.force_login(persona("admissions_officer"))

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("referrals:admissions_not_coming"),
            {
                "child-forenames": "Ben",
                "child-surname": "Sample",
                "place-school": str(school.urn),
            },
        )

    task = SchoolTask.objects.get()
    assert [(message.to, message.subject) for message in mailoutbox] == [
        (
            [school_user.email],
            f"A task for your school: record the leaver's destination ({task.referral.reference})",
        )
    ]
    body = mailoutbox[0].body
    assert f"https://cme.council.example{reverse('referrals:school_task', args=[task.pk])}\n" in body
    assert "Ben" not in body
    assert "Sample" not in body
