"""Persona fixtures: one signed-in-able user per role, shared by every app's tests."""

from __future__ import annotations

import pytest

from cme.accounts.models import User
from cme.accounts.roles import Role
from cme.accounts.tests.factories import UserFactory
from cme.organisations.models import Organisation
from cme.organisations.tests.factories import OrganisationFactory, PartnerAgencyFactory, SchoolOrganisationFactory

PERSONA_ROLES: dict[str, Role] = {
    "cme_officer_west": Role.CME_OFFICER,
    "cme_officer_east": Role.CME_OFFICER,
    "cme_manager": Role.CME_MANAGER,
    "attendance_officer_west": Role.ATTENDANCE_OFFICER,
    "attendance_officer_east": Role.ATTENDANCE_OFFICER,
    "admissions_officer": Role.ADMISSIONS_OFFICER,
    "ehe_officer": Role.EHE_OFFICER,
    "school_user": Role.SCHOOL_USER,
    "partner_user": Role.PARTNER_USER,
    "auditor": Role.AUDITOR,
    "system_admin": Role.SYSTEM_ADMIN,
}


def make_persona(name: str) -> User:
    role = PERSONA_ROLES[name]
    email = f"{name.replace('_', '.')}@council.example"
    # An existing persona is returned untouched: setting its password again would change the
    # session hash and sign out a browser that is already signed in as it.
    existing = User.objects.filter(email=email).first()
    if existing is not None:
        return existing
    area = (
        "east" if name.endswith("_east") else ("west" if role in (Role.CME_OFFICER, Role.ATTENDANCE_OFFICER) else None)
    )
    organisation: Organisation
    if role == Role.SCHOOL_USER:
        organisation = SchoolOrganisationFactory.create()
    elif role == Role.PARTNER_USER:
        organisation = PartnerAgencyFactory.create(name="Children's Services (synthetic)")
    else:
        organisation = OrganisationFactory.create(
            name="Children Missing Education team", kind=Organisation.Kind.COUNCIL_TEAM
        )
    return UserFactory.create(
        email=email,
        full_name=name.replace("_", " ").title(),
        role=role,
        area_id=area,
        organisation=organisation,
    )


@pytest.fixture
def persona(db):
    """``persona("cme_manager")`` returns that persona's user, creating it on first use."""
    return make_persona


@pytest.fixture
def cme_officer(db):
    return make_persona("cme_officer_west")


@pytest.fixture
def cme_manager(db):
    return make_persona("cme_manager")


@pytest.fixture
def auditor(db):
    return make_persona("auditor")


@pytest.fixture
def system_admin(db):
    return make_persona("system_admin")


@pytest.fixture
def school_user(db):
    return make_persona("school_user")
