"""Team mailbox and organisation pages: who may use them, and what they do."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cme.audit.models import AuditEvent
from cme.audit.tests.html import table_rows
from cme.conftest import PERSONA_ROLES
from cme.organisations.models import Mailbox, Organisation
from cme.organisations.tests.factories import MailboxFactory, OrganisationFactory, SchoolOrganisationFactory
from cme.schools.tests.factories import SchoolFactory

pytestmark = pytest.mark.django_db

# Written out rather than read from roles.py, so a change to who may do this shows here too.
MAY_MANAGE_MAILBOXES = {"cme_manager", "system_admin"}
MAY_MANAGE_ORGANISATIONS = {"system_admin"}


def _state() -> tuple[list, list, int]:
    """Everything these pages could change."""
    return (
        sorted(Mailbox.objects.values_list("key", "email")),
        sorted(Organisation.objects.values_list("name", "kind", "is_active", "la_code")),
        AuditEvent.objects.count(),
    )


# Who may use the pages


@pytest.mark.parametrize("name", PERSONA_ROLES)
def test_mailbox_list_is_for_managers_and_system_administrators(client, persona, name):
    client.force_login(persona(name))

    response = client.get(reverse("organisations:mailbox_list"))

    assert response.status_code == (200 if name in MAY_MANAGE_MAILBOXES else 403)


@pytest.mark.parametrize("name", PERSONA_ROLES)
def test_only_managers_and_system_administrators_can_change_a_mailbox(client, persona, name):
    user = persona(name)
    MailboxFactory.create(key="cme", email="cme@council.example")
    before = _state()
    client.force_login(user)

    get = client.get(reverse("organisations:mailbox_edit", args=["cme"]))
    post = client.post(reverse("organisations:mailbox_edit", args=["cme"]), {"email": "changed@council.example"})

    if name in MAY_MANAGE_MAILBOXES:
        assert (get.status_code, post.status_code) == (200, 302)
        assert Mailbox.objects.get(key="cme").email == "changed@council.example"
    else:
        assert (get.status_code, post.status_code) == (403, 403)
        assert _state() == before


@pytest.mark.parametrize("name", PERSONA_ROLES)
def test_organisation_list_is_for_system_administrators(client, persona, name):
    client.force_login(persona(name))

    response = client.get(reverse("organisations:organisation_list"))

    assert response.status_code == (200 if name in MAY_MANAGE_ORGANISATIONS else 403)


@pytest.mark.parametrize("name", PERSONA_ROLES)
def test_only_system_administrators_can_add_an_organisation(client, persona, name):
    user = persona(name)
    before = _state()
    client.force_login(user)

    get = client.get(reverse("organisations:organisation_create"))
    post = client.post(reverse("organisations:organisation_create"), {"name": "New team", "kind": "council_team"})

    if name in MAY_MANAGE_ORGANISATIONS:
        assert (get.status_code, post.status_code) == (200, 302)
        assert Organisation.objects.filter(name="New team").count() == 1
    else:
        assert (get.status_code, post.status_code) == (403, 403)
        assert _state() == before


@pytest.mark.parametrize("name", PERSONA_ROLES)
def test_only_system_administrators_can_change_an_organisation(client, persona, name):
    user = persona(name)
    organisation = OrganisationFactory.create(name="Attendance duty team")
    before = _state()
    client.force_login(user)
    url = reverse("organisations:organisation_edit", args=[organisation.pk])

    get = client.get(url)
    post = client.post(url, {"name": "Renamed team", "is_active": "no"})

    if name in MAY_MANAGE_ORGANISATIONS:
        assert (get.status_code, post.status_code) == (200, 302)
        organisation.refresh_from_db()
        assert (organisation.name, organisation.is_active) == ("Renamed team", False)
    else:
        assert (get.status_code, post.status_code) == (403, 403)
        assert _state() == before


# Team mailboxes


def test_mailbox_list_shows_each_team_with_its_address_or_not_set(client, cme_manager):
    MailboxFactory.create(key="attendance_west", email="attendance-west@council.example")
    client.force_login(cme_manager)

    response = client.get(reverse("organisations:mailbox_list"))

    assert table_rows(response.content.decode()) == [
        ["Children missing education team", "Not set", "Change the Children missing education team mailbox"],
        [
            "Attendance duty team, West",
            "attendance-west@council.example",
            "Change the Attendance duty team, West mailbox",
        ],
        ["Attendance duty team, East", "Not set", "Change the Attendance duty team, East mailbox"],
        ["School admissions", "Not set", "Change the School admissions mailbox"],
        ["Elective home education team", "Not set", "Change the Elective home education team mailbox"],
    ]


def test_changing_a_mailbox_shows_the_new_address_in_a_success_banner(client, cme_manager):
    MailboxFactory.create(key="attendance_east", email="old@council.example")
    client.force_login(cme_manager)

    response = client.post(
        reverse("organisations:mailbox_edit", args=["attendance_east"]),
        {"email": "attendance-east@council.example"},
        follow=True,
    )

    page = response.content.decode()
    assert response.redirect_chain == [(reverse("organisations:mailbox_list"), 302)]
    assert "govuk-notification-banner--success" in page
    assert "The Attendance duty team, East mailbox is now attendance-east@council.example" in page
    assert AuditEvent.objects.get(action="mailbox_changed").data == {
        "key": "attendance_east",
        "old_email": "old@council.example",
        "new_email": "attendance-east@council.example",
    }


def test_the_mailbox_form_shows_the_current_address(client, cme_manager):
    MailboxFactory.create(key="cme", email="cme@council.example")
    client.force_login(cme_manager)

    response = client.get(reverse("organisations:mailbox_edit", args=["cme"]))

    assert 'value="cme@council.example"' in response.content.decode()


@pytest.mark.parametrize(
    ("email", "message"),
    [
        ("", "Enter the team mailbox&#x27;s email address"),
        ("not-an-address", "Enter an email address in the correct format, like name@example.com"),
    ],
)
def test_a_wrong_mailbox_address_is_explained_and_nothing_changes(client, cme_manager, email, message):
    MailboxFactory.create(key="cme", email="cme@council.example")
    client.force_login(cme_manager)

    response = client.post(reverse("organisations:mailbox_edit", args=["cme"]), {"email": email})

    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert message in page
    assert Mailbox.objects.get(key="cme").email == "cme@council.example"


def test_an_unknown_mailbox_is_not_found(client, cme_manager):
    client.force_login(cme_manager)

    assert client.get(reverse("organisations:mailbox_edit", args=["head_teacher"])).status_code == 404


# Organisations


def test_organisation_list_shows_kind_details_and_status(client, system_admin):
    OrganisationFactory.create(name="Synthetic Shire Council", kind="other_council", la_code="825", is_active=False)
    SchoolOrganisationFactory.create(school=SchoolFactory.create(urn=117512, name="Synthetic Park School"))
    client.force_login(system_admin)

    response = client.get(reverse("organisations:organisation_list"), {"kind": "other_council"})

    assert table_rows(response.content.decode()) == [
        ["Synthetic Shire Council", "Other council", "LA code 825", "Inactive", "Change Synthetic Shire Council"]
    ]


def test_adding_a_school_organisation_by_urn(client, system_admin):
    school = SchoolFactory.create(urn=117512, name="Synthetic Park School")
    client.force_login(system_admin)

    response = client.post(
        reverse("organisations:organisation_create"),
        {"name": "Synthetic Park School", "kind": "school", "school": "117512"},
        follow=True,
    )

    assert "Synthetic Park School added" in response.content.decode()
    assert Organisation.objects.get(kind="school").school == school


def test_adding_a_school_organisation_with_an_unknown_urn_is_explained(client, system_admin):
    client.force_login(system_admin)

    response = client.post(
        reverse("organisations:organisation_create"),
        {"name": "Synthetic Park School", "kind": "school", "school": "999"},
    )

    assert "Enter the URN of a school in the schools register" in response.content.decode()
    assert Organisation.objects.filter(kind="school").count() == 0


def test_a_rule_broken_in_the_service_is_shown_on_its_field(client, system_admin):
    client.force_login(system_admin)

    response = client.post(
        reverse("organisations:organisation_create"), {"name": "Synthetic Police", "kind": "partner_agency"}
    )

    page = response.content.decode()
    assert "There is a problem" in page
    assert '<a href="#id_agency_type">Select the type of agency</a>' in page
    assert Organisation.objects.filter(name="Synthetic Police").count() == 0


def test_the_add_form_asks_for_name_and_kind(client, system_admin):
    client.force_login(system_admin)

    response = client.post(reverse("organisations:organisation_create"), {})

    page = response.content.decode()
    assert "Enter the name of the organisation" in page
    assert "Select the kind of organisation" in page


def test_the_change_form_shows_only_the_detail_the_kind_needs(client, system_admin):
    organisation = OrganisationFactory.create(name="Synthetic Shire Council", kind="other_council", la_code="825")
    client.force_login(system_admin)

    response = client.get(reverse("organisations:organisation_edit", args=[organisation.pk]))

    form = response.context["form"]
    assert list(form.fields) == ["name", "la_code", "is_active"]
    assert 'value="825"' in response.content.decode()


def test_an_unknown_organisation_is_not_found(client, system_admin):
    client.force_login(system_admin)

    response = client.get(reverse("organisations:organisation_edit", args=["00000000-0000-0000-0000-000000000000"]))

    assert response.status_code == 404
