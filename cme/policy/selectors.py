"""Which policy values apply on a date.

``policy_value("triage_working_days")`` is what code calls; ``policy_values(on=...)`` gives every value
at once (one query) for code that needs several.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from cme.policy.definitions import POLICY_KEYS, PolicyKey, parse_value, policy_key
from cme.policy.models import PolicyVersion

__all__ = [
    "PolicyHistory",
    "PolicyRow",
    "current_policy_version",
    "policy_rows",
    "policy_value",
    "policy_values",
    "policy_version_on",
    "policy_versions",
]


def policy_version_on(on: date) -> PolicyVersion | None:
    """The version in effect on ``on``: the latest effective date on or before it (the higher number
    when two share a date). None before the first version, when the documented defaults apply."""
    return PolicyVersion.objects.filter(effective_from__lte=on).order_by("-effective_from", "-number").first()


def current_policy_version() -> PolicyVersion | None:
    return policy_version_on(timezone.localdate())


def _value_in(version: PolicyVersion | None, key: PolicyKey) -> Any:
    if version is None or key.name not in version.values:
        return key.default
    return parse_value(key, version.values[key.name])


def policy_value(key: str, *, on: date | None = None) -> Any:
    """The value of ``key`` in effect on ``on`` (default today), typed as its definition says."""
    definition = policy_key(key)
    return _value_in(policy_version_on(on or timezone.localdate()), definition)


def policy_values(*, on: date | None = None, version: PolicyVersion | None = None) -> dict[str, Any]:
    """Every policy value in effect on ``on`` (default today), or in ``version``."""
    if version is None:
        version = policy_version_on(on or timezone.localdate())
    return {name: _value_in(version, key) for name, key in POLICY_KEYS.items()}


class PolicyHistory:
    """Every version loaded once, for code that needs the values on many dates (the work queues)."""

    def __init__(self) -> None:
        self._versions = list(PolicyVersion.objects.order_by("effective_from", "number"))
        self._values: dict[date, dict[str, Any]] = {}

    def values_on(self, day: date) -> dict[str, Any]:
        if day not in self._values:
            version = None
            for candidate in self._versions:
                if candidate.effective_from > day:
                    break
                version = candidate
            self._values[day] = policy_values(version=version) if version else _defaults()
        return self._values[day]


def _defaults() -> dict[str, Any]:
    return {name: key.default for name, key in POLICY_KEYS.items()}


def policy_versions() -> QuerySet[PolicyVersion]:
    """Every version, newest effective date first, with who recorded it."""
    return PolicyVersion.objects.select_related("recorded_by").order_by("-effective_from", "-number")


def upcoming_policy_versions(*, today: date) -> QuerySet[PolicyVersion]:
    return policy_versions().filter(effective_from__gt=today)


@dataclass(frozen=True)
class PolicyRow:
    key: PolicyKey
    value: Any
    shown: str
    is_default: bool
    items: tuple[str, ...] = ()  # a set of choices as its labels, shown as a list


def policy_rows(*, version: PolicyVersion | None) -> dict[str, list[PolicyRow]]:
    """The policy page's rows, grouped as the definitions group them."""
    groups: dict[str, list[PolicyRow]] = {}
    for key in POLICY_KEYS.values():
        value = _value_in(version, key)
        items = tuple(key.labels(value)) if key.is_set_of_choices else ()
        groups.setdefault(key.group, []).append(PolicyRow(key, value, key.format(value), value == key.default, items))
    return groups
