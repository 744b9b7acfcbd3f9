from __future__ import annotations

import uuid

import pytest

from cme.organisations.selectors import (
    MailboxEntry,
    mailbox_address,
    mailbox_list,
    organisation_get,
    organisation_list,
    organisation_list_active,
)
from cme.organisations.tests.factories import MailboxFactory, OrganisationFactory, PartnerAgencyFactory

pytestmark = pytest.mark.django_db


def test_mailbox_address_is_the_address_set_for_that_team():
    MailboxFactory.create(key="attendance_east", email="attendance-east@council.example")

    assert mailbox_address("attendance_east") == "attendance-east@council.example"


def test_mailbox_address_is_none_until_someone_sets_it():
    MailboxFactory.create(key="cme", email="cme@council.example")

    assert mailbox_address("attendance_west") is None


def test_mailbox_list_has_every_team_in_order_set_or_not():
    MailboxFactory.create(key="attendance_west", email="attendance-west@council.example")

    assert mailbox_list() == [
        MailboxEntry("cme", "Children missing education team", None),
        MailboxEntry("attendance_west", "Attendance duty team, West", "attendance-west@council.example"),
        MailboxEntry("attendance_east", "Attendance duty team, East", None),
        MailboxEntry("admissions", "School admissions", None),
        MailboxEntry("ehe", "Elective home education team", None),
    ]


def test_organisation_list_has_active_and_inactive_organisations_by_name():
    zebra = OrganisationFactory.create(name="Zebra team")
    alpha = OrganisationFactory.create(name="Alpha team", is_active=False)
    police = PartnerAgencyFactory.create(name="Synthetic Police", agency_type="police")

    assert list(organisation_list()) == [alpha, police, zebra]
    assert list(organisation_list(kind="partner_agency")) == [police]


def test_organisation_list_active_leaves_out_inactive_ones_unless_asked_to_keep_one():
    active = OrganisationFactory.create(name="Active team")
    inactive = OrganisationFactory.create(name="Inactive team", is_active=False)

    assert list(organisation_list_active()) == [active]
    assert list(organisation_list_active(include_id=inactive.pk)) == [active, inactive]


def test_organisation_get_is_none_for_an_unknown_id():
    organisation = OrganisationFactory.create()

    assert organisation_get(organisation_id=organisation.pk) == organisation
    assert organisation_get(organisation_id=uuid.UUID(int=0)) is None
