"""The rules user accounts follow, enforced by cme/accounts/services.py."""

from __future__ import annotations

from typing import Any

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.core import mail
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from cme.accounts import services
from cme.accounts.models import User
from cme.accounts.roles import Role
from cme.areas.models import Area
from cme.audit.models import AuditEvent
from cme.core.exceptions import ApplicationError
from cme.organisations.models import Organisation
from cme.organisations.tests.factories import OrganisationFactory, PartnerAgencyFactory, SchoolOrganisationFactory


@pytest.fixture
def council_team(db):
    return OrganisationFactory(name="Children Missing Education team", kind=Organisation.Kind.COUNCIL_TEAM)


@pytest.fixture
def west(db):
    return Area.objects.get(code="west")


def _create(actor, **overrides):
    values: dict[str, Any] = {
        "email": "new.officer@council.example",
        "full_name": "New Officer",
        "role": Role.CME_OFFICER,
        "area": Area.objects.get(code="west"),
        "organisation": None,
        "job_title": "CME officer",
    }
    values.update(overrides)
    return services.user_create(actor=actor, **values)


def _audit(action: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=action).order_by("id"))


def test_user_create_makes_an_account_without_a_usable_password_and_emails_a_set_password_link(
    system_admin, council_team, west
):
    user = _create(system_admin, organisation=council_team, email="  New.Officer@Council.Example ")

    user.refresh_from_db()
    assert user.email == "new.officer@council.example"
    assert user.has_usable_password() is False
    assert user.is_active is True
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["new.officer@council.example"]
    assert mail.outbox[0].subject == "Set your password for Children missing education"
    assert f"{settings.CME_SITE_URL}/set-password/" in mail.outbox[0].body
    [event] = _audit("user_created")
    assert (event.actor, event.object_id, event.data) == (system_admin, str(user.pk), {"role": "cme_officer"})


def test_user_create_refuses_an_email_already_used_whatever_its_case(system_admin, council_team, cme_officer):
    with pytest.raises(ApplicationError) as error:
        _create(system_admin, organisation=council_team, email=cme_officer.email.upper())

    assert (error.value.field, error.value.message) == ("email", "A user with this email address already exists")
    assert User.objects.filter(email__iexact=cme_officer.email).count() == 1
    assert mail.outbox == []


@pytest.mark.parametrize("role", [Role.CME_OFFICER, Role.ATTENDANCE_OFFICER])
def test_area_roles_must_have_an_area(system_admin, council_team, role):
    with pytest.raises(ApplicationError) as error:
        _create(system_admin, organisation=council_team, role=role, area=None)

    assert error.value.field == "area"
    assert (
        error.value.message
        == {
            Role.CME_OFFICER: "Select the area this CME officer works in",
            Role.ATTENDANCE_OFFICER: "Select the area this attendance duty officer works in",
        }[role]
    )
    assert not User.objects.filter(email="new.officer@council.example").exists()


@pytest.mark.parametrize(
    "role", [Role.CME_MANAGER, Role.ADMISSIONS_OFFICER, Role.EHE_OFFICER, Role.AUDITOR, Role.SYSTEM_ADMIN]
)
def test_other_council_roles_must_not_have_an_area(system_admin, council_team, west, role):
    with pytest.raises(ApplicationError) as error:
        _create(system_admin, organisation=council_team, role=role, area=west)

    assert error.value.field == "area"
    assert not User.objects.filter(email="new.officer@council.example").exists()


@pytest.mark.parametrize(
    ("role", "wrong_kind_factory", "message"),
    [
        (Role.SCHOOL_USER, OrganisationFactory, "Select a school: a school user must belong to a school"),
        (
            Role.PARTNER_USER,
            SchoolOrganisationFactory,
            "Select a partner agency: a partner agency user must belong to one",
        ),
        (Role.CME_MANAGER, PartnerAgencyFactory, "Select a council team: this role belongs to a team of the council"),
        (Role.AUDITOR, SchoolOrganisationFactory, "Select a council team: this role belongs to a team of the council"),
    ],
)
def test_the_organisation_must_be_of_the_kind_the_role_needs(system_admin, role, wrong_kind_factory, message):
    with pytest.raises(ApplicationError) as error:
        _create(system_admin, organisation=wrong_kind_factory(), role=role, area=None)

    assert (error.value.field, error.value.message) == ("organisation", message)


@pytest.mark.parametrize(
    ("role", "organisation_factory"),
    [
        (Role.SCHOOL_USER, SchoolOrganisationFactory),
        (Role.PARTNER_USER, PartnerAgencyFactory),
        (Role.EHE_OFFICER, OrganisationFactory),
    ],
)
def test_each_role_is_accepted_with_its_kind_of_organisation(system_admin, role, organisation_factory):
    user = _create(system_admin, organisation=organisation_factory(), role=role, area=None)

    assert User.objects.get(pk=user.pk).role == role


def test_every_account_needs_an_organisation(system_admin):
    with pytest.raises(ApplicationError) as error:
        _create(system_admin, organisation=None)

    assert (error.value.field, error.value.message) == ("organisation", "Select the organisation the user belongs to")


def test_a_new_account_cannot_join_an_inactive_organisation(system_admin):
    closed = OrganisationFactory(name="Disbanded team", is_active=False)

    with pytest.raises(ApplicationError) as error:
        _create(system_admin, organisation=closed)

    assert error.value.field == "organisation"


def test_user_update_audits_the_names_of_changed_fields_only(system_admin, cme_officer):
    east = Area.objects.get(code="east")

    changed = services.user_update(
        actor=system_admin,
        user=cme_officer,
        email=cme_officer.email,
        full_name="Renamed Officer",
        role=Role.CME_OFFICER,
        area=east,
        organisation=cme_officer.organisation,
        job_title="",
    )

    assert changed == ["full_name", "area"]
    cme_officer.refresh_from_db()
    assert (cme_officer.full_name, cme_officer.area_id) == ("Renamed Officer", "east")
    [event] = _audit("user_changed")
    assert event.data == {"fields": ["full_name", "area"]}
    assert "Renamed Officer" not in str(event.data)


def test_user_update_with_nothing_changed_writes_no_audit(system_admin, cme_officer):
    changed = services.user_update(
        actor=system_admin,
        user=cme_officer,
        email=cme_officer.email,
        full_name=cme_officer.full_name,
        role=Role.CME_OFFICER,
        area=cme_officer.area,
        organisation=cme_officer.organisation,
        job_title=cme_officer.job_title,
    )

    assert changed == []
    assert _audit("user_changed") == []


def test_user_update_applies_the_same_rules_as_create(system_admin, cme_officer, cme_manager):
    with pytest.raises(ApplicationError) as error:
        services.user_update(
            actor=system_admin,
            user=cme_officer,
            email=cme_manager.email,
            full_name=cme_officer.full_name,
            role=Role.CME_OFFICER,
            area=cme_officer.area,
            organisation=cme_officer.organisation,
        )

    assert error.value.field == "email"
    cme_officer.refresh_from_db()
    assert cme_officer.email == "cme.officer.west@council.example"


def test_an_administrator_cannot_change_their_own_role(system_admin):
    with pytest.raises(ApplicationError) as error:
        services.user_update(
            actor=system_admin,
            user=system_admin,
            email=system_admin.email,
            full_name=system_admin.full_name,
            role=Role.AUDITOR,
            area=None,
            organisation=system_admin.organisation,
        )

    assert error.value.field == "role"
    system_admin.refresh_from_db()
    assert system_admin.role == Role.SYSTEM_ADMIN


def test_deactivate_keeps_the_account_and_reactivate_restores_it(system_admin, cme_officer):
    services.user_deactivate(actor=system_admin, user=cme_officer)

    cme_officer.refresh_from_db()
    assert cme_officer.is_active is False
    assert cme_officer.deactivated_on is not None

    services.user_reactivate(actor=system_admin, user=cme_officer)

    cme_officer.refresh_from_db()
    assert (cme_officer.is_active, cme_officer.deactivated_on) == (True, None)
    assert [e.action for e in AuditEvent.objects.filter(object_id=str(cme_officer.pk)).order_by("id")] == [
        "user_deactivated",
        "user_reactivated",
    ]


def test_an_administrator_cannot_deactivate_their_own_account(system_admin):
    with pytest.raises(ApplicationError) as error:
        services.user_deactivate(actor=system_admin, user=system_admin)

    assert error.value.message == "You cannot deactivate your own account"
    system_admin.refresh_from_db()
    assert system_admin.is_active is True


def test_deactivating_twice_is_refused(system_admin, cme_officer):
    services.user_deactivate(actor=system_admin, user=cme_officer)

    with pytest.raises(ApplicationError):
        services.user_deactivate(actor=system_admin, user=cme_officer)
    assert len(_audit("user_deactivated")) == 1


def test_reset_two_factor_removes_the_app_and_backup_codes(system_admin, cme_officer):
    TOTPDevice.objects.create(user=cme_officer, name="Authenticator app", confirmed=True)
    StaticDevice.objects.create(user=cme_officer, name="Backup codes", confirmed=True)

    removed = services.user_reset_two_factor(actor=system_admin, user=cme_officer)

    assert removed == 2
    assert not TOTPDevice.objects.filter(user=cme_officer).exists()
    assert not StaticDevice.objects.filter(user=cme_officer).exists()
    [event] = _audit("two_factor_reset")
    assert (event.actor, event.object_id) == (system_admin, str(cme_officer.pk))


def test_clear_lockout_forgets_failures_for_that_email_from_every_address(system_admin, cme_officer, cme_manager):
    for ip in ("192.0.2.1", "192.0.2.2"):
        AccessAttempt.objects.create(
            username=cme_officer.email, ip_address=ip, user_agent="test", failures_since_start=5
        )
    AccessAttempt.objects.create(
        username=cme_manager.email, ip_address="192.0.2.1", user_agent="t", failures_since_start=5
    )

    removed = services.user_clear_lockout(actor=system_admin, user=cme_officer)

    assert removed == 2
    assert list(AccessAttempt.objects.values_list("username", flat=True)) == [cme_manager.email]
    [event] = _audit("user_lockout_cleared")
    assert event.data == {"records_removed": 2}


def test_password_reset_request_emails_an_active_account_even_one_that_never_set_a_password(system_admin, council_team):
    user = _create(system_admin, organisation=council_team)
    mail.outbox.clear()

    services.password_reset_request(email="NEW.OFFICER@council.example")

    assert [m.to for m in mail.outbox] == [[user.email]]
    assert mail.outbox[0].subject == "Reset your password for Children missing education"


def test_password_reset_request_sends_nothing_for_an_unknown_or_deactivated_address(system_admin, cme_officer):
    services.user_deactivate(actor=system_admin, user=cme_officer)

    services.password_reset_request(email="nobody@council.example")
    services.password_reset_request(email=cme_officer.email)

    assert mail.outbox == []
    assert _audit("password_reset_requested") == []


def test_an_account_is_sent_at_most_three_reset_links_an_hour(cme_officer, time_machine):
    time_machine.move_to("2026-03-02 08:00:00+00:00", tick=False)
    for _ in range(4):
        services.password_reset_request(email=cme_officer.email)

    assert [m.to for m in mail.outbox] == [[cme_officer.email]] * 3
    assert len(_audit("password_reset_requested")) == 3
    [limited] = _audit("password_reset_limited")
    assert (limited.actor, limited.object_id) == (None, str(cme_officer.pk))

    time_machine.move_to("2026-03-02 09:00:01+00:00", tick=False)
    services.password_reset_request(email=cme_officer.email)

    assert len(mail.outbox) == 4


def test_the_reset_limit_counts_each_account_on_its_own(cme_officer, cme_manager):
    for _ in range(3):
        services.password_reset_request(email=cme_officer.email)

    services.password_reset_request(email=cme_manager.email)

    assert [m.to for m in mail.outbox][-1] == [cme_manager.email]
    assert _audit("password_reset_limited") == []
