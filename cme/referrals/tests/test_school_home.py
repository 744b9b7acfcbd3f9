"""The school's home page: the three forms, the council's tasks and the school's recent referrals with their
status; and the confirmation shown after sending."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cme.conftest import PERSONA_ROLES
from cme.referrals.tests.school_data import a_non_arrival, a_task, school_of

pytestmark = pytest.mark.django_db

MAY_SUBMIT = {"school_user"}


def test_the_home_page_links_to_the_three_forms(client, persona):
    school_user = persona("school_user")
    client.force_login(school_user)

    html = client.get(reverse("referrals:school_home")).content.decode()

    assert school_of(school_user).name in html
    for name in ("school_non_arrival", "school_not_taking_place", "school_deletion"):
        assert f'href="{reverse(f"referrals:{name}")}"' in html


def test_the_home_page_shows_tasks_and_recent_referrals_with_status_only(client, persona):
    school_user = persona("school_user")
    task = a_task(school_of(school_user), admissions=persona("admissions_officer"), forenames="Gus")
    referral = a_non_arrival(school_user, forenames="Hana", concern="Private note from the school")
    client.force_login(school_user)

    html = client.get(reverse("referrals:school_home")).content.decode()

    assert reverse("referrals:school_task", args=[task.pk]) in html
    assert "Gus Sample" in html
    assert referral.reference in html
    assert "Hana Example" in html
    assert '<strong class="govuk-tag govuk-tag--blue">Received</strong>' in html
    assert f'href="{reverse("referrals:sent")}"' in html


def test_an_empty_home_page_says_there_is_nothing_yet(client, persona):
    client.force_login(persona("school_user"))

    html = client.get(reverse("referrals:school_home")).content.decode()

    assert "You have no tasks from the council." in html
    assert "Your school has not sent any referrals yet." in html


def test_the_confirmation_is_shown_once_something_was_sent(client, persona):
    client.force_login(persona("school_user"))

    response = client.get(reverse("referrals:school_sent"))

    assert response.status_code == 302
    assert response["Location"] == reverse("referrals:school_home")


@pytest.mark.parametrize("name", PERSONA_ROLES)
@pytest.mark.parametrize(("url_name", "allowed"), [("school_home", 200), ("school_sent", 302)])
def test_only_school_users_can_open_the_school_pages(client, persona, name, url_name, allowed):
    client.force_login(persona(name))

    response = client.get(reverse(f"referrals:{url_name}"))

    assert response.status_code == (allowed if name in MAY_SUBMIT else 403)
