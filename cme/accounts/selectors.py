"""Reading user accounts and their security status."""

from __future__ import annotations

from dataclasses import dataclass

from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from cme.accounts.models import User
from cme.areas.models import Area


def user_list(*, role: str = "", active: bool | None = None, search: str = "") -> QuerySet[User]:
    """Accounts for the administration list, by name. ``search`` matches part of the name or email."""
    users = User.objects.select_related("area", "organisation")
    if role:
        users = users.filter(role=role)
    if active is not None:
        users = users.filter(is_active=active)
    search = search.strip()
    if search:
        users = users.filter(Q(full_name__icontains=search) | Q(email__icontains=search))
    return users.order_by("full_name", "email")


def area_list() -> QuerySet[Area]:
    """The areas a CME officer or attendance duty officer can work for."""
    return Area.objects.order_by("name")


@dataclass(frozen=True)
class SecurityStatus:
    two_factor_set_up: bool
    backup_codes_left: int
    locked_out: bool


def user_is_locked_out(*, user: User) -> bool:
    """Whether sign-in is refused for this email address from at least one client address (the
    lockout counts failures per email address and client address, for AXES_COOLOFF_TIME)."""
    attempts = AccessAttempt.objects.filter(username=user.email, failures_since_start__gte=settings.AXES_FAILURE_LIMIT)
    if settings.AXES_COOLOFF_TIME:
        attempts = attempts.filter(attempt_time__gte=timezone.now() - settings.AXES_COOLOFF_TIME)
    return attempts.exists()


def user_security_status(*, user: User) -> SecurityStatus:
    return SecurityStatus(
        two_factor_set_up=TOTPDevice.objects.filter(user=user, confirmed=True).exists(),
        backup_codes_left=StaticToken.objects.filter(device__user=user, device__confirmed=True).count(),
        locked_out=user_is_locked_out(user=user),
    )
