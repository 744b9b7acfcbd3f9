"""Every policy value cme uses: its type, unit, default and where the default comes from.

The values themselves are stored in versions (``cme.policy.models.PolicyVersion``) the CME manager
records with an effective date; code asks for one through ``cme.policy.selectors.policy_value``.
A key a version does not mention has its default here, so adding a key never needs a data change.

docs/clocks-and-policy.md lists the same table for people.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any, Final

from cme.core.exceptions import ApplicationError

__all__ = [
    "LOCAL_CHOICE",
    "POLICY_KEYS",
    "RISK_FACTOR_CHOICES",
    "PolicyKey",
    "Unit",
    "parse_value",
    "policy_key",
    "serialise_value",
]

LOCAL_CHOICE: Final = "Local choice"

# The risk factors of policy 3.4, as plain data: cme.policy sits below cme.cases in the import layers,
# so it cannot import ``cme.cases.codes.RiskFactor``. A test in cme/cases/tests keeps the two equal.
RISK_FACTOR_CHOICES: Final[tuple[tuple[str, str], ...]] = (
    ("temporary_accommodation", "Homeless, or in temporary, shared or bed and breakfast accommodation"),
    ("fleeing_domestic_violence", "Family fleeing domestic violence"),
    ("child_in_need", "On a Child in Need plan"),
    ("child_protection", "On a Child Protection plan"),
    ("early_help", "Supported by Early Help"),
    ("looked_after", "Looked after by a council"),
    ("gypsy_roma_traveller", "Gypsy, Roma or Traveller background"),
    ("highly_mobile", "Highly mobile family, for example asylum seekers or economic migrants"),
    ("criminal_justice", "In the criminal justice system"),
    ("medical", "Long-term medical or emotional health problems"),
    ("private_fostering", "In a private fostering arrangement"),
    ("school_aged_parent", "A school-aged parent"),
    ("parent_needs", "Parents with learning difficulties or a mental health diagnosis"),
    ("moved_across_borders", "Recently moved across council boundaries"),
)


class Unit(StrEnum):
    WORKING_DAYS = "working days"
    SCHOOL_DAYS = "school days"
    CALENDAR_DAYS = "calendar days"
    MONTHS = "months"
    YEARS = "years"
    NONE = ""


@dataclass(frozen=True)
class PolicyKey:
    name: str
    label: str
    type: type
    unit: Unit
    default: Any
    source: str  # a citation, or LOCAL_CHOICE
    description: str
    group: str
    choices: tuple[tuple[str, str], ...] = field(default_factory=tuple)
    minimum: int | None = None
    maximum: int | None = None

    @property
    def is_set_of_choices(self) -> bool:
        """A value that is a set of codes from ``choices`` (shown as checkboxes), not one of them."""
        return self.type is frozenset

    def labels(self, value: Any) -> list[str]:
        """A set of codes as their labels, in the order of the choices."""
        return [label for code, label in self.choices if code in value]

    def format(self, value: Any) -> str:
        """The value as the policy page shows it: "10 school days", "Same day", "1 September 2026"."""
        if self.type is date:
            return f"{value.day} {value:%B %Y}" if value else "Not set"
        if self.type is bool:
            return "Yes" if value else "No"
        if self.is_set_of_choices:
            return "; ".join(self.labels(value)) if value else "None"
        if self.choices:
            return dict(self.choices).get(value, str(value))
        if self.type is int:
            if self.name == "high_risk_escalation_working_days" and value == 0:
                return "The same working day"
            unit = str(self.unit)
            if value == 1 and unit.endswith("s"):
                unit = unit[:-1]
            return f"{value} {unit}".strip()
        return str(value)


_TIMESCALES = "Timescales"
_ESCALATION = "Escalation and reminders"
_LEGAL = "School attendance orders and education supervision orders"
_REVIEW = "Policy review"
_RISK = "Risk rules"

_KEYS: tuple[PolicyKey, ...] = (
    PolicyKey(
        name="triage_working_days",
        label="Triage a referral within",
        type=int,
        unit=Unit.WORKING_DAYS,
        default=1,
        source="Local choice (policy 5.1 and 5.3: the CME officer processes every referral; schools report "
        "'immediately')",
        description="Working days after a referral arrives by which the CME team decides what it is.",
        group=_TIMESCALES,
        minimum=0,
        maximum=20,
    ),
    PolicyKey(
        name="high_risk_escalation_working_days",
        label="Escalate a high-risk case within",
        type=int,
        unit=Unit.WORKING_DAYS,
        default=0,
        source="Policy 6.7 ('a referral must be made immediately to Social Care'); domain.md §10.1",
        description="Working days within which a case needing an immediate referral to Children's Social "
        "Care or MASH must have one. 0 means the same working day.",
        group=_TIMESCALES,
        minimum=0,
        maximum=5,
    ),
    PolicyKey(
        name="enquiries_complete_school_days",
        label="Complete the council's enquiries within",
        type=int,
        unit=Unit.SCHOOL_DAYS,
        default=10,
        source="Local choice (domain.md §9.2: no published timescale; suggested 10 school days)",
        description="School days after a case opens by which the checklist of enquiries (policy 6.3) should "
        "be complete and the case located or sent for review (policy 6.4).",
        group=_TIMESCALES,
        minimum=1,
        maximum=60,
    ),
    PolicyKey(
        name="enquiry_chase_working_days",
        label="Chase an unanswered enquiry after",
        type=int,
        unit=Unit.WORKING_DAYS,
        default=10,
        source="Local choice",
        description="Working days after an enquiry is asked when its answer is due; after that it is "
        "overdue and should be chased. The officer may give another date, and a new one when chasing.",
        group=_TIMESCALES,
        minimum=1,
        maximum=60,
    ),
    PolicyKey(
        name="case_review_school_days",
        label="Review an open case every",
        type=int,
        unit=Unit.SCHOOL_DAYS,
        default=20,
        source="Local choice (domain.md §9.2: 'review every 4 weeks', unverified)",
        description="School days between reviews of an open case: counted from when it opened, then from "
        "its last review.",
        group=_TIMESCALES,
        minimum=1,
        maximum=120,
    ),
    PolicyKey(
        name="school_confirmation_school_days",
        label="School to confirm a located child's attendance within",
        type=int,
        unit=Unit.SCHOOL_DAYS,
        default=5,
        source="Local choice (policy 4.1 and 4.5: the school reports a child who does not arrive on the start date)",
        description="School days after the expected start date (or the day the child was located, if later) "
        "by which the school should confirm the child started and attends.",
        group=_TIMESCALES,
        minimum=1,
        maximum=30,
    ),
    PolicyKey(
        name="at_risk_working_days",
        label="Show a deadline as at risk from",
        type=int,
        unit=Unit.WORKING_DAYS,
        default=2,
        source=LOCAL_CHOICE,
        description="Working days before a due date from which the work queue lists it as at risk.",
        group=_ESCALATION,
        minimum=0,
        maximum=10,
    ),
    PolicyKey(
        name="escalation_margin_working_days",
        label="Escalate to the CME manager when overdue by",
        type=int,
        unit=Unit.WORKING_DAYS,
        default=3,
        source=LOCAL_CHOICE,
        description="Working days past a due date after which the item is escalated to the CME manager.",
        group=_ESCALATION,
        minimum=0,
        maximum=20,
    ),
    PolicyKey(
        name="legal_regime",
        label="School attendance order law in force",
        type=str,
        unit=Unit.NONE,
        default="ea1996",
        source="Education Act 1996 ss.437-443; Children's Wellbeing and Schools Act 2026 s.39 on commencement "
        "(domain.md §4.1, §4.2)",
        description="Which law new school attendance order cases follow.",
        group=_LEGAL,
        choices=(
            ("ea1996", "Education Act 1996, sections 437 to 443"),
            ("cwsa2026", "Children's Wellbeing and Schools Act 2026 (once commenced)"),
        ),
    ),
    PolicyKey(
        name="sao_notice_to_satisfy_days",
        label="Notice to satisfy: period for the parent",
        type=int,
        unit=Unit.CALENDAR_DAYS,
        default=15,
        source="Education Act 1996 s.437(2): not less than 15 days, beginning with the day of service",
        description="Calendar days, counting the day of service as the first, that a notice to satisfy gives "
        "the parent.",
        group=_LEGAL,
        minimum=15,
        maximum=60,
    ),
    PolicyKey(
        name="sao_intention_notice_days",
        label="Notice of intention: period to choose a school",
        type=int,
        unit=Unit.CALENDAR_DAYS,
        default=15,
        source="Education Act 1996 s.438 (domain.md §4.1)",
        description="Calendar days the parent has, after a notice of intention to serve an order, to choose "
        "a school or apply elsewhere.",
        group=_LEGAL,
        minimum=15,
        maximum=60,
    ),
    PolicyKey(
        name="eso_duration_months",
        label="Education supervision order lasts",
        type=int,
        unit=Unit.MONTHS,
        default=12,
        source="Children Act 1989 Sch 3 para 15 (domain.md §4.3: normally 1 year)",
        description="Months an education supervision order lasts unless extended.",
        group=_LEGAL,
        minimum=1,
        maximum=36,
    ),
    PolicyKey(
        name="eso_extension_window_months",
        label="Apply to extend an education supervision order within its last",
        type=int,
        unit=Unit.MONTHS,
        default=3,
        source="Children Act 1989 Sch 3 para 15 (domain.md §4.3)",
        description="Months before an order ends during which an extension may be applied for.",
        group=_LEGAL,
        minimum=1,
        maximum=12,
    ),
    PolicyKey(
        name="eso_max_total_years",
        label="Education supervision order extensions: at most",
        type=int,
        unit=Unit.YEARS,
        default=3,
        source="Children Act 1989 Sch 3 para 15 (domain.md §4.3)",
        description="Years an extension may last.",
        group=_LEGAL,
        minimum=1,
        maximum=3,
    ),
    PolicyKey(
        name="high_risk_factors",
        label="Risk factors that make a case high risk",
        type=frozenset,
        unit=Unit.NONE,
        default=frozenset({"child_in_need", "child_protection", "looked_after", "fleeing_domestic_violence"}),
        source="Hertfordshire CME policy 3.4",
        description="A case is high risk when any of these factors applies to the child or family, or "
        "significant concerns are recorded (always, whatever is chosen here). The risk level is worked out "
        "with the factors in effect on the day the case's risk is assessed: existing cases keep their level "
        "until their risk is next changed.",
        group=_RISK,
        choices=RISK_FACTOR_CHOICES,
    ),
    PolicyKey(
        name="policy_next_review_date",
        label="Next review of the CME policy",
        type=date,
        unit=Unit.NONE,
        default=date(2026, 9, 1),
        source="Policy 9.1: reviewed annually, next in September 2026",
        description="When the CME manager must next review the policy and these values. The work list "
        "reminds the manager from 20 working days before.",
        group=_REVIEW,
    ),
    PolicyKey(
        name="matching_match_threshold",
        label="Record matching: a match from a probability of (per cent)",
        type=int,
        unit=Unit.NONE,
        default=99,
        source=LOCAL_CHOICE,
        description="Match probability, in per cent, at or above which two records are shown as a match "
        "(docs/matching.md). Officers still decide every suggestion.",
        group="Record matching",
        minimum=50,
        maximum=99,
    ),
    PolicyKey(
        name="matching_possible_threshold",
        label="Record matching: a possible match from a probability of (per cent)",
        type=int,
        unit=Unit.NONE,
        default=80,
        source=LOCAL_CHOICE,
        description="Match probability, in per cent, at or above which two records are shown as a possible "
        "match; below it they are not shown (docs/matching.md).",
        group="Record matching",
        minimum=1,
        maximum=99,
    ),
)

POLICY_KEYS: Final[dict[str, PolicyKey]] = {key.name: key for key in _KEYS}


def policy_key(name: str) -> PolicyKey:
    try:
        return POLICY_KEYS[name]
    except KeyError:
        raise KeyError(f"Unknown policy key {name!r}") from None


def serialise_value(key: PolicyKey, value: Any) -> Any:
    """The value as stored in a version's JSON."""
    if key.type is date:
        return value.isoformat()
    if key.is_set_of_choices:
        return [code for code, _label in key.choices if code in value]
    return value


def _parse_date(key: PolicyKey, raw: Any) -> date:
    if isinstance(raw, date):
        return raw
    try:
        return date.fromisoformat(str(raw))
    except ValueError:
        raise ApplicationError(f"{key.label} must be a real date", field=key.name) from None


def _parse_int(key: PolicyKey, raw: Any) -> int:
    label = key.label
    if isinstance(raw, bool):
        raise ApplicationError(f"{label} must be a whole number", field=key.name)
    try:
        value = int(raw)
    except (TypeError, ValueError):
        raise ApplicationError(f"{label} must be a whole number", field=key.name) from None
    if key.minimum is not None and value < key.minimum:
        raise ApplicationError(f"{label} must be {key.minimum} or more", field=key.name)
    if key.maximum is not None and value > key.maximum:
        raise ApplicationError(f"{label} must be {key.maximum} or fewer", field=key.name)
    return value


def _parse_codes(key: PolicyKey, raw: Any) -> frozenset[str]:
    if isinstance(raw, str) or not isinstance(raw, (list, tuple, set, frozenset)):
        raise ApplicationError(f"{key.label} must be chosen from the list", field=key.name)
    codes = frozenset(str(code) for code in raw)
    if codes - {code for code, _label in key.choices}:
        raise ApplicationError(f"{key.label} must be chosen from the list", field=key.name)
    return codes


def parse_value(key: PolicyKey, raw: Any) -> Any:
    """A stored or submitted value, checked and typed. Raises ApplicationError naming the field."""
    if key.is_set_of_choices:
        return _parse_codes(key, raw)
    if key.type is date:
        return _parse_date(key, raw)
    if key.type is bool:
        return bool(raw)
    if key.type is int:
        return _parse_int(key, raw)
    value = str(raw).strip()
    if key.choices and value not in dict(key.choices):
        raise ApplicationError(f"Select {key.label[0].lower() + key.label[1:]}", field=key.name)
    return value
