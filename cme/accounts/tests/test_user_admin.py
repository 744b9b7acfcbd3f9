"""The user administration pages, as a system administrator uses them."""

from __future__ import annotations

import re

import pytest
from axes.models import AccessAttempt
from django.core import mail
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from cme.accounts.models import User
from cme.accounts.roles import Role
from cme.audit.models import AuditEvent
from cme.organisations.models import Organisation
from cme.organisations.tests.factories import OrganisationFactory, SchoolOrganisationFactory


@pytest.fixture
def admin_client(client, system_admin):
    client.force_login(system_admin)
    return client


@pytest.fixture
def council_team(db):
    return OrganisationFactory(name="Children Missing Education team", kind=Organisation.Kind.COUNCIL_TEAM)


def test_the_list_shows_active_users_with_their_role_area_and_organisation(admin_client, cme_officer, school_user):
    page = admin_client.get(reverse("accounts:user_list")).content.decode()

    assert "Cme Officer West" in page
    assert "cme.officer.west@council.example" in page
    assert "CME officer" in page
    assert "School user" in page
    assert school_user.organisation.name in page
    assert "3 users" in page  # the administrator, the officer and the school user


def test_the_list_filters_by_role_and_status_and_searches_name_or_email(admin_client, persona, system_admin):
    officer = persona("cme_officer_west")
    persona("cme_officer_east")
    persona("auditor")
    officer.is_active = False
    officer.save()

    by_role = admin_client.get(reverse("accounts:user_list"), {"role": "cme_officer", "status": "all"})
    deactivated = admin_client.get(reverse("accounts:user_list"), {"status": "deactivated"})
    searched = admin_client.get(reverse("accounts:user_list"), {"q": "EAST", "status": "all"})

    assert [u.email for u in by_role.context["page"]] == ["cme.officer.east@council.example", officer.email]
    assert [u.email for u in deactivated.context["page"]] == [officer.email]
    assert [u.email for u in searched.context["page"]] == ["cme.officer.east@council.example"]


def test_creating_a_user_sends_the_set_password_email_and_shows_the_account(admin_client, council_team):
    response = admin_client.post(
        reverse("accounts:user_create"),
        {
            "full_name": "Newly Added",
            "email": "newly.added@council.example",
            "job_title": "Attendance duty officer",
            "role": "attendance_officer",
            "area": "east",
            "organisation": str(council_team.pk),
        },
    )

    user = User.objects.get(email="newly.added@council.example")
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:user_detail", kwargs={"pk": user.pk})
    assert (user.role, user.area_id, user.organisation) == (Role.ATTENDANCE_OFFICER, "east", council_team)
    assert [m.to for m in mail.outbox] == [["newly.added@council.example"]]


def test_the_create_form_shows_the_services_rule_as_an_error_on_the_field(admin_client, council_team):
    response = admin_client.post(
        reverse("accounts:user_create"),
        {
            "full_name": "No Area",
            "email": "no.area@council.example",
            "role": "cme_officer",
            "area": "",
            "organisation": str(council_team.pk),
        },
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {"area": ["Select the area this CME officer works in"]}
    assert "There is a problem" in response.content.decode()
    assert not User.objects.filter(email="no.area@council.example").exists()


def test_the_create_form_asks_for_the_required_fields(admin_client):
    response = admin_client.post(reverse("accounts:user_create"), {})

    assert response.context["form"].errors == {
        "full_name": ["Enter the user's full name"],
        "email": ["Enter the user's email address"],
        "role": ["Select the user's role"],
    }


def test_the_organisation_list_offers_only_active_organisations(admin_client, council_team):
    OrganisationFactory(name="Disbanded team", is_active=False)
    school = SchoolOrganisationFactory()

    page = admin_client.get(reverse("accounts:user_create")).content.decode()

    assert f"{school.name} (School)" in page
    assert "Children Missing Education team (Council team)" in page
    assert "Disbanded team" not in page


def test_the_detail_page_shows_sign_in_status_and_audits_the_read(admin_client, system_admin, cme_officer):
    TOTPDevice.objects.create(user=cme_officer, name="Authenticator app", confirmed=True)
    AccessAttempt.objects.create(
        username=cme_officer.email, ip_address="192.0.2.9", user_agent="test", failures_since_start=5
    )

    response = admin_client.get(reverse("accounts:user_detail", kwargs={"pk": cme_officer.pk}))

    security = response.context["security"]
    assert (security.two_factor_set_up, security.locked_out) == (True, True)
    page = response.content.decode()
    assert "Last signed in" in page
    assert "Never" in page
    assert "too many wrong passwords" in page
    assert reverse("accounts:user_clear_lockout", kwargs={"pk": cme_officer.pk}) in page
    assert reverse("accounts:user_reset_two_factor", kwargs={"pk": cme_officer.pk}) in page
    [event] = AuditEvent.objects.filter(action="user_viewed")
    assert (event.actor, event.object_id) == (system_admin, str(cme_officer.pk))


def test_an_unknown_user_is_not_found(admin_client):
    assert admin_client.get(reverse("accounts:user_detail", kwargs={"pk": 999_999})).status_code == 404


def test_editing_a_user_saves_the_changes(admin_client, cme_officer):
    url = reverse("accounts:user_edit", kwargs={"pk": cme_officer.pk})
    form = admin_client.get(url).context["form"]

    response = admin_client.post(
        url,
        {
            "full_name": "Moved Officer",
            "email": cme_officer.email,
            "job_title": "",
            "role": "cme_officer",
            "area": "east",
            "organisation": str(form.initial["organisation"].pk),
        },
    )

    assert response.status_code == 302
    cme_officer.refresh_from_db()
    assert (cme_officer.full_name, cme_officer.area_id) == ("Moved Officer", "east")
    assert AuditEvent.objects.get(action="user_changed").data == {"fields": ["full_name", "area"]}


def test_deactivating_asks_for_confirmation_then_deactivates(admin_client, cme_officer):
    url = reverse("accounts:user_deactivate", kwargs={"pk": cme_officer.pk})

    confirm = admin_client.get(url)
    cme_officer.refresh_from_db()
    assert cme_officer.is_active is True
    assert "Deactivate the account of Cme Officer West?" in confirm.content.decode()

    response = admin_client.post(url, follow=True)

    cme_officer.refresh_from_db()
    assert cme_officer.is_active is False
    assert "The account of Cme Officer West has been deactivated" in response.content.decode()


def test_reactivating_a_deactivated_account(admin_client, cme_officer):
    cme_officer.is_active = False
    cme_officer.save()

    admin_client.post(reverse("accounts:user_reactivate", kwargs={"pk": cme_officer.pk}))

    cme_officer.refresh_from_db()
    assert cme_officer.is_active is True


def test_an_administrator_trying_to_deactivate_themselves_is_told_why_not(admin_client, system_admin):
    response = admin_client.post(reverse("accounts:user_deactivate", kwargs={"pk": system_admin.pk}), follow=True)

    assert "You cannot deactivate your own account" in response.content.decode()
    system_admin.refresh_from_db()
    assert system_admin.is_active is True


def test_resetting_two_factor_from_the_detail_page(admin_client, cme_officer):
    TOTPDevice.objects.create(user=cme_officer, name="Authenticator app", confirmed=True)

    admin_client.post(reverse("accounts:user_reset_two_factor", kwargs={"pk": cme_officer.pk}))

    assert not TOTPDevice.objects.filter(user=cme_officer).exists()


def test_clearing_a_lockout_from_the_detail_page(admin_client, cme_officer):
    AccessAttempt.objects.create(
        username=cme_officer.email, ip_address="192.0.2.9", user_agent="test", failures_since_start=5
    )

    admin_client.post(reverse("accounts:user_clear_lockout", kwargs={"pk": cme_officer.pk}))

    assert not AccessAttempt.objects.filter(username=cme_officer.email).exists()
    assert AuditEvent.objects.filter(action="user_lockout_cleared").count() == 1


def test_the_edit_form_shows_the_current_area_or_not_applicable(admin_client, cme_officer, cme_manager):
    officer_page = admin_client.get(reverse("accounts:user_edit", kwargs={"pk": cme_officer.pk})).content.decode()
    manager_page = admin_client.get(reverse("accounts:user_edit", kwargs={"pk": cme_manager.pk})).content.decode()

    def checked_area(page: str) -> str:
        [value] = re.findall(r'name="area"[^>]*?value="([^"]*)"\s*checked', page, flags=re.S)
        return value

    assert checked_area(officer_page) == "west"
    assert checked_area(manager_page) == ""
