"""Organisation and mailbox services: the rules for each kind of organisation, and the audit rows."""

from __future__ import annotations

import pytest

from cme.audit.models import AuditEvent
from cme.core.exceptions import ApplicationError
from cme.organisations.models import Mailbox, Organisation
from cme.organisations.services import mailbox_update, organisation_create, organisation_update
from cme.organisations.tests.factories import MailboxFactory, OrganisationFactory, SchoolOrganisationFactory
from cme.schools.tests.factories import SchoolFactory

pytestmark = pytest.mark.django_db


def _audit_rows(action: str) -> list[tuple[str, str, dict]]:
    return list(AuditEvent.objects.filter(action=action).values_list("object_type", "object_id", "data"))


# Creating organisations


def test_creating_a_council_team_records_who_added_it(system_admin):
    organisation = organisation_create(actor=system_admin, name="  Attendance   duty team ", kind="council_team")

    assert (organisation.name, organisation.kind, organisation.is_active) == (
        "Attendance duty team",
        "council_team",
        True,
    )
    assert (organisation.created_by, organisation.modified_by) == (system_admin, system_admin)
    assert _audit_rows("organisation_created") == [
        ("organisations.organisation", str(organisation.pk), {"kind": "council_team"})
    ]


def test_a_school_organisation_is_linked_to_its_school(system_admin):
    school = SchoolFactory.create(urn=117512, name="Synthetic Park School")

    organisation = organisation_create(actor=system_admin, name="Synthetic Park School", kind="school", school=school)

    assert organisation.school == school


def test_a_school_organisation_needs_a_school(system_admin):
    with pytest.raises(ApplicationError) as error:
        organisation_create(actor=system_admin, name="Synthetic Park School", kind="school")

    assert (error.value.field, error.value.message) == ("school", "Enter the URN of the school")
    assert Organisation.objects.filter(kind="school").count() == 0
    assert _audit_rows("organisation_created") == []


def test_a_school_can_have_only_one_organisation(system_admin):
    existing = SchoolOrganisationFactory.create(school=SchoolFactory.create(name="Synthetic Park School"))

    with pytest.raises(ApplicationError) as error:
        organisation_create(actor=system_admin, name="Park School (again)", kind="school", school=existing.school)

    assert (error.value.field, error.value.message) == ("school", "Synthetic Park School already has an organisation")


def test_a_partner_agency_needs_an_agency_type(system_admin):
    with pytest.raises(ApplicationError) as error:
        organisation_create(actor=system_admin, name="Synthetic Police", kind="partner_agency")

    assert (error.value.field, error.value.message) == ("agency_type", "Select the type of agency")


def test_a_partner_agency_keeps_its_agency_type(system_admin):
    organisation = organisation_create(
        actor=system_admin, name="Synthetic Police", kind="partner_agency", agency_type="police"
    )

    assert organisation.get_agency_type_display() == "Police"


@pytest.mark.parametrize("la_code", ["", "91", "9190", "ab1"])
def test_another_council_needs_a_three_digit_la_code(system_admin, la_code):
    with pytest.raises(ApplicationError) as error:
        organisation_create(actor=system_admin, name="Synthetic Shire Council", kind="other_council", la_code=la_code)

    assert (error.value.field, error.value.message) == ("la_code", "Enter the council's LA code as 3 digits, like 919")


def test_another_council_keeps_its_la_code(system_admin):
    organisation = organisation_create(
        actor=system_admin, name="Synthetic Shire Council", kind="other_council", la_code=" 825 "
    )

    assert organisation.la_code == "825"


def test_details_that_do_not_belong_to_the_kind_are_dropped(system_admin):
    school = SchoolFactory.create()

    organisation = organisation_create(
        actor=system_admin,
        name="Synthetic Police",
        kind="partner_agency",
        agency_type="police",
        school=school,
        la_code="825",
    )

    assert (organisation.school, organisation.la_code) == (None, "")


def test_names_are_unique_within_a_kind_whatever_the_case(system_admin):
    OrganisationFactory.create(name="Attendance duty team", kind="council_team")

    with pytest.raises(ApplicationError) as error:
        organisation_create(actor=system_admin, name="ATTENDANCE DUTY TEAM", kind="council_team")

    assert (error.value.field, error.value.message) == (
        "name",
        "There is already a council team called ATTENDANCE DUTY TEAM",
    )


def test_the_same_name_may_be_used_by_a_different_kind(system_admin):
    OrganisationFactory.create(name="Synthetic Services", kind="council_team")

    organisation = organisation_create(
        actor=system_admin, name="Synthetic Services", kind="partner_agency", agency_type="other"
    )

    assert organisation.kind == "partner_agency"


@pytest.mark.parametrize(
    ("kind", "message"), [("", "Select the kind of organisation"), ("club", "Select the kind of organisation")]
)
def test_an_unknown_kind_is_refused(system_admin, kind, message):
    with pytest.raises(ApplicationError) as error:
        organisation_create(actor=system_admin, name="Synthetic Services", kind=kind)

    assert (error.value.field, error.value.message) == ("kind", message)


def test_a_blank_name_is_refused(system_admin):
    with pytest.raises(ApplicationError) as error:
        organisation_create(actor=system_admin, name="   ", kind="council_team")

    assert (error.value.field, error.value.message) == ("name", "Enter the name of the organisation")


# Changing organisations


def test_changing_an_organisation_audits_the_fields_changed(system_admin):
    organisation = OrganisationFactory.create(name="Attendance duty team", kind="council_team")

    changed = organisation_update(
        actor=system_admin, organisation=organisation, name="Attendance team", is_active=False
    )

    assert (changed.name, changed.is_active, changed.modified_by) == ("Attendance team", False, system_admin)
    assert _audit_rows("organisation_changed") == [
        ("organisations.organisation", str(organisation.pk), {"kind": "council_team", "fields": ["is_active", "name"]})
    ]


def test_saving_an_organisation_unchanged_records_nothing(system_admin):
    organisation = OrganisationFactory.create(name="Attendance duty team", kind="council_team")

    organisation_update(actor=system_admin, organisation=organisation, name="Attendance duty team", is_active=True)

    assert _audit_rows("organisation_changed") == []


def test_changing_an_organisation_keeps_the_rules_of_its_kind(system_admin):
    organisation = OrganisationFactory.create(name="Synthetic Shire Council", kind="other_council", la_code="825")

    with pytest.raises(ApplicationError) as error:
        organisation_update(actor=system_admin, organisation=organisation, name="Synthetic Shire Council", la_code="8")

    assert error.value.field == "la_code"
    organisation.refresh_from_db()
    assert organisation.la_code == "825"


def test_a_school_organisation_may_keep_its_own_school(system_admin):
    organisation = SchoolOrganisationFactory.create()

    changed = organisation_update(
        actor=system_admin, organisation=organisation, name="Renamed School", school=organisation.school
    )

    assert (changed.name, changed.school) == ("Renamed School", organisation.school)


# Team mailboxes


def test_setting_a_mailbox_for_the_first_time_audits_the_new_address(cme_manager):
    mailbox = mailbox_update(actor=cme_manager, key="attendance_west", email=" attendance-west@council.example ")

    assert (mailbox.key, mailbox.email, mailbox.created_by) == (
        "attendance_west",
        "attendance-west@council.example",
        cme_manager,
    )
    assert _audit_rows("mailbox_changed") == [
        (
            "organisations.mailbox",
            str(mailbox.pk),
            {"key": "attendance_west", "old_email": "", "new_email": "attendance-west@council.example"},
        )
    ]


def test_changing_a_mailbox_audits_the_old_and_new_address(cme_manager):
    existing = MailboxFactory.create(key="cme", email="cme@council.example")

    mailbox = mailbox_update(actor=cme_manager, key="cme", email="cme-team@council.example")

    assert (mailbox.pk, mailbox.email, mailbox.modified_by) == (existing.pk, "cme-team@council.example", cme_manager)
    assert _audit_rows("mailbox_changed") == [
        (
            "organisations.mailbox",
            str(existing.pk),
            {"key": "cme", "old_email": "cme@council.example", "new_email": "cme-team@council.example"},
        )
    ]


def test_saving_the_same_mailbox_address_records_nothing(cme_manager):
    MailboxFactory.create(key="cme", email="cme@council.example")

    mailbox_update(actor=cme_manager, key="cme", email="cme@council.example")

    assert _audit_rows("mailbox_changed") == []


@pytest.mark.parametrize("email", ["", "not an email", "cme@", "@council.example"])
def test_a_mailbox_address_must_be_an_email_address(cme_manager, email):
    with pytest.raises(ApplicationError) as error:
        mailbox_update(actor=cme_manager, key="cme", email=email)

    assert (error.value.field, error.value.message) == (
        "email",
        "Enter an email address in the correct format, like name@example.com",
    )
    assert Mailbox.objects.count() == 0


def test_an_unknown_mailbox_is_refused(cme_manager):
    with pytest.raises(ApplicationError) as error:
        mailbox_update(actor=cme_manager, key="head_teacher", email="someone@council.example")

    assert error.value.field == "key"
    assert Mailbox.objects.count() == 0
