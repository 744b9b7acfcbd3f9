"""Changing user accounts, passwords and two-factor authentication. Every function records what
it did in the audit trail, in the same transaction.

Users are never deleted: audit rows and case records point at them for good. An account that is
no longer needed is deactivated, which stops its holder signing in.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from axes.utils import reset as axes_reset
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_otp import devices_for_user, user_has_device
from django_otp.models import Device
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from cme.accounts.models import User
from cme.accounts.roles import AREA_ROLES, ORGANISATION_KIND_FOR_ROLE, Role
from cme.accounts.tasks import PasswordEmail, new_message_key, send_password_email
from cme.areas.models import Area
from cme.audit.events import AuditAction
from cme.audit.selectors import events_since
from cme.audit.services import audit_record
from cme.core.exceptions import ApplicationError
from cme.organisations.models import Organisation

# The fields an administrator may change, in the order the audit lists them.
EDITABLE_FIELDS = ("full_name", "email", "job_title", "role", "area", "organisation")

BACKUP_CODE_COUNT = 10
TOTP_DIGITS = 6  # django-otp's default, what authenticator apps show
TOTP_DEVICE_NAME = "Authenticator app"
BACKUP_DEVICE_NAME = "Backup codes"

_ORGANISATION_KIND_ERRORS = {
    Organisation.Kind.SCHOOL: "Select a school: a school user must belong to a school",
    Organisation.Kind.PARTNER_AGENCY: "Select a partner agency: a partner agency user must belong to one",
    Organisation.Kind.COUNCIL_TEAM: "Select a council team: this role belongs to a team of the council",
}


def normalise_email(email: str) -> str:
    return email.strip().lower()


def _in_sentence(label: str) -> str:
    """ "Attendance duty officer" → "attendance duty officer"; "CME officer" keeps its capitals."""
    first_word = label.split(" ", 1)[0]
    return label if first_word.isupper() else label[0].lower() + label[1:]


def _validate_account(
    *, email: str, full_name: str, role: Role, area: Area | None, organisation: Organisation | None, user_id: int | None
) -> None:
    if not full_name.strip():
        raise ApplicationError("Enter the user's full name", field="full_name")
    if not email:
        raise ApplicationError("Enter the user's email address", field="email")
    others = User.objects.filter(email__iexact=email)
    if user_id is not None:
        others = others.exclude(pk=user_id)
    if others.exists():
        raise ApplicationError("A user with this email address already exists", field="email")
    if role in AREA_ROLES and area is None:
        raise ApplicationError(f"Select the area this {_in_sentence(role.label)} works in", field="area")
    if role not in AREA_ROLES and area is not None:
        raise ApplicationError(
            "Select 'Not applicable' for the area: only CME officers and attendance duty officers work for one area",
            field="area",
        )
    if organisation is None:
        raise ApplicationError("Select the organisation the user belongs to", field="organisation")
    expected_kind = Organisation.Kind(ORGANISATION_KIND_FOR_ROLE[role])
    if organisation.kind != expected_kind:
        raise ApplicationError(_ORGANISATION_KIND_ERRORS[expected_kind], field="organisation")


@transaction.atomic
def user_create(
    *,
    actor: User,
    email: str,
    full_name: str,
    role: Role,
    area: Area | None,
    organisation: Organisation | None,
    job_title: str = "",
) -> User:
    """Create an account with no usable password and email its holder a link to set one."""
    email = normalise_email(email)
    role = Role(role)
    _validate_account(email=email, full_name=full_name, role=role, area=area, organisation=organisation, user_id=None)
    if not organisation.is_active:  # type: ignore[union-attr]  # _validate_account refuses None
        raise ApplicationError("Select an organisation that is still active", field="organisation")
    user = User(
        email=email,
        full_name=full_name.strip(),
        role=role,
        area=area,
        organisation=organisation,
        job_title=job_title.strip(),
    )
    user.set_unusable_password()
    user.save()
    audit_record(actor=actor, action=AuditAction.USER_CREATED, target=user, data={"role": str(role)})
    # The email is sent by the job worker once this transaction commits (the queue row is part of it).
    send_password_email.enqueue(user_id=user.pk, purpose=PasswordEmail.NEW_ACCOUNT, message_key=new_message_key())
    return user


@transaction.atomic
def user_update(
    *,
    actor: User,
    user: User,
    email: str,
    full_name: str,
    role: Role,
    area: Area | None,
    organisation: Organisation | None,
    job_title: str = "",
) -> list[str]:
    """Change an account's details. Returns the names of the fields that changed (and audits only
    those names, not the values)."""
    email = normalise_email(email)
    role = Role(role)
    _validate_account(
        email=email, full_name=full_name, role=role, area=area, organisation=organisation, user_id=user.pk
    )
    if user.pk == actor.pk and role != user.role:
        raise ApplicationError(
            "You cannot change your own role. Ask another system administrator to do it", field="role"
        )
    new_values: dict[str, Any] = {
        "full_name": full_name.strip(),
        "email": email,
        "job_title": job_title.strip(),
        "role": str(role),
        "area": area,
        "organisation": organisation,
    }
    changed = [name for name in EDITABLE_FIELDS if getattr(user, name) != new_values[name]]
    if not changed:
        return []
    for name in changed:
        setattr(user, name, new_values[name])
    user.save(update_fields=changed)
    audit_record(actor=actor, action=AuditAction.USER_CHANGED, target=user, data={"fields": changed})
    return changed


@transaction.atomic
def user_deactivate(*, actor: User, user: User) -> User:
    """Stop the account signing in. Its sessions end on their next request (Django refuses an
    inactive user)."""
    if user.pk == actor.pk:
        raise ApplicationError("You cannot deactivate your own account")
    if not user.is_active:
        raise ApplicationError("This account is already deactivated")
    user.is_active = False
    user.deactivated_on = timezone.now()
    user.save(update_fields=["is_active", "deactivated_on"])
    audit_record(actor=actor, action=AuditAction.USER_DEACTIVATED, target=user)
    return user


@transaction.atomic
def user_reactivate(*, actor: User, user: User) -> User:
    if user.is_active:
        raise ApplicationError("This account is already active")
    user.is_active = True
    user.deactivated_on = None
    user.save(update_fields=["is_active", "deactivated_on"])
    audit_record(actor=actor, action=AuditAction.USER_REACTIVATED, target=user)
    return user


@transaction.atomic
def user_reset_two_factor(*, actor: User, user: User) -> int:
    """Remove the user's authenticator app and backup codes, for a lost or replaced phone. They set
    up two-factor authentication again at their next sign-in. Returns how many devices went."""
    devices = list(devices_for_user(user, confirmed=None))
    for device in devices:
        device.delete()
    audit_record(actor=actor, action=AuditAction.TWO_FACTOR_RESET, target=user, data={"devices_removed": len(devices)})
    return len(devices)


@transaction.atomic
def user_clear_lockout(*, actor: User, user: User) -> int:
    """Forget the failed sign-ins recorded for this email address (from every address), so a
    locked-out user can try again at once. Returns how many lockout records were removed."""
    removed = axes_reset(username=user.email)
    audit_record(actor=actor, action=AuditAction.USER_LOCKOUT_CLEARED, target=user, data={"records_removed": removed})
    return removed


# Passwords ---------------------------------------------------------------------------------------


@transaction.atomic
def password_reset_request(*, email: str) -> None:
    """Email a set-password link to the active account with this address, if there is one.

    Says nothing about whether there is: the page that calls this shows the same message either
    way, so it cannot be used to find out who has an account. Accounts that never set a password
    are included, so someone whose first link expired can get another.
    """
    user = User.objects.filter(email__iexact=normalise_email(email), is_active=True).first()
    if user is None:
        return
    # At most CME_PASSWORD_RESETS_PER_HOUR links an hour for one account, so the form cannot be used
    # to flood someone's inbox. The page still says the same thing.
    sent_in_the_last_hour = events_since(
        action=AuditAction.PASSWORD_RESET_REQUESTED,
        object_type=user._meta.label_lower,
        object_id=str(user.pk),
        since=timezone.now() - timedelta(hours=1),
    )
    if sent_in_the_last_hour >= settings.CME_PASSWORD_RESETS_PER_HOUR:
        audit_record(actor=None, action=AuditAction.PASSWORD_RESET_LIMITED, target=user)
        return
    audit_record(actor=None, action=AuditAction.PASSWORD_RESET_REQUESTED, target=user)
    send_password_email.enqueue(user_id=user.pk, purpose=PasswordEmail.RESET, message_key=new_message_key())


@transaction.atomic
def user_set_password(*, user: User, password: str) -> None:
    """Set a password from a set-password link (the link's token has been checked). The password
    has been validated by the form against AUTH_PASSWORD_VALIDATORS."""
    first_time = not user.has_usable_password()
    user.set_password(password)
    user.save(update_fields=["password"])
    audit_record(actor=user, action=AuditAction.PASSWORD_SET, target=user, data={"first_password": first_time})


@transaction.atomic
def user_change_password(*, user: User, password: str) -> None:
    """Change a signed-in user's password (they have entered their current one)."""
    user.set_password(password)
    user.save(update_fields=["password"])
    audit_record(actor=user, action=AuditAction.PASSWORD_CHANGED, target=user)


# Two-factor authentication -----------------------------------------------------------------------


@dataclass(frozen=True)
class TwoFactorEnrolment:
    device: TOTPDevice
    backup_codes: list[str]


@dataclass(frozen=True)
class TwoFactorCheck:
    """The result of checking a code: the device that accepted it, or why none did."""

    device: Device | None
    used_backup_code: bool = False
    backup_codes_left: int = 0
    # Set when too many wrong codes mean no code is checked until this time.
    try_again_at: datetime | None = None


def _create_backup_codes(*, user: User) -> list[str]:
    device, _ = StaticDevice.objects.get_or_create(user=user, defaults={"name": BACKUP_DEVICE_NAME, "confirmed": True})
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


@transaction.atomic
def two_factor_enrol(*, user: User, key: str, code: str) -> TwoFactorEnrolment | None:
    """Confirm an authenticator app: ``key`` is the secret shown to the user (hex), ``code`` what
    their app now shows. On success the app is saved with 10 new backup codes (returned, to be
    shown once); on a wrong code nothing is saved except the audit of the failure."""
    if user_has_device(user):
        raise ApplicationError("You have already set up two-factor authentication")
    device = TOTPDevice(user=user, name=TOTP_DEVICE_NAME, key=key, confirmed=True)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    normalised = "".join(code.split())
    if not (normalised.isdigit() and totp.verify(int(normalised), tolerance=device.tolerance)):
        audit_record(actor=user, action=AuditAction.TWO_FACTOR_FAILED, target=user, data={"stage": "setup"})
        return None
    # The code just used may not be used again to sign in (django-otp accepts only later steps).
    device.last_t = totp.t()
    device.drift = totp.drift
    device.save()
    codes = _create_backup_codes(user=user)
    audit_record(actor=user, action=AuditAction.TWO_FACTOR_ENROLLED, target=user)
    return TwoFactorEnrolment(device=device, backup_codes=codes)


@transaction.atomic
def two_factor_verify(*, user: User, code: str) -> TwoFactorCheck:
    """Check a code from the user's authenticator app (6 digits) or one of their backup codes
    (used up once accepted). Both the success and the failure are audited."""
    normalised = "".join(code.split()).lower()
    is_app_code = normalised.isdigit() and len(normalised) == TOTP_DIGITS
    device_model: type[Device] = TOTPDevice if is_app_code else StaticDevice
    devices = list(device_model.objects.devices_for_user(user, confirmed=True).select_for_update())
    method = "authenticator_app" if is_app_code else "backup_code"
    try_again_at: datetime | None = None
    for device in devices:
        # After wrong codes django-otp refuses to check any code for a while (1, 2, 4, 8… seconds).
        allowed, details = device.verify_is_allowed()
        if not allowed:
            try_again_at = (details or {}).get("locked_until")
            continue
        if device.verify_token(normalised):
            left = device.token_set.count() if isinstance(device, StaticDevice) else 0
            audit_record(actor=user, action=AuditAction.TWO_FACTOR_VERIFIED, target=user, data={"method": method})
            return TwoFactorCheck(device=device, used_backup_code=not is_app_code, backup_codes_left=left)
    audit_record(
        actor=user,
        action=AuditAction.TWO_FACTOR_FAILED,
        target=user,
        data={"stage": "sign_in", "method": method, "throttled": try_again_at is not None},
    )
    return TwoFactorCheck(device=None, try_again_at=try_again_at)


@transaction.atomic
def two_factor_backup_codes_replace(*, user: User) -> list[str]:
    """Replace the user's backup codes with 10 new ones (the old ones stop working)."""
    if not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        raise ApplicationError("Set up two-factor authentication before getting backup codes")
    codes = _create_backup_codes(user=user)
    audit_record(actor=user, action=AuditAction.TWO_FACTOR_BACKUP_CODES_CREATED, target=user)
    return codes
