"""The stages of a School Attendance Order (SAO) and of an Education Supervision Order (ESO), the
steps between them, the legal basis of each, and who may take it.

These tables are the only definition. ``cme.legal.services`` is the only code that moves an order
from one stage to another, and it refuses any step not listed here for the order's current stage.
``docs/legal-interventions.md`` shows the same tables; ``cme/legal/tests/test_stages.py`` fails if
they differ.

Who may take a step: ``Perm.WORK_LEGAL`` steps are prepared and recorded by CME officers and the
manager. ``Perm.ISSUE_LEGAL_NOTICES`` steps issue a notice or an order: the CME manager, or a CME
officer the manager has authorised (``cme.legal.models.LegalAuthorisation``).

Periods (the days of a notice, the months of an ESO) are never written here: they are policy values
(``cme.legal.periods``), read for the order's legal regime on the day that counts.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

from django.db import models

from cme.core.exceptions import ApplicationError
from cme.core.permissions import Perm


class LegalRegime(models.TextChoices):
    """The law an order runs under, fixed when it is opened (policy value ``legal_regime``)."""

    EA1996 = "ea1996", "Education Act 1996 ss.437-443"
    CWSA2026 = "cwsa2026", "Education Act 1996 as amended by the Children's Wellbeing and Schools Act 2026"


class ServiceMethod(models.TextChoices):
    """How a notice or order was served or sent (EA 1996 s.572); the codes are the letters app's."""

    BY_HAND = "by_hand", "Delivered by hand to the parent or their address"
    FIRST_CLASS_POST = "first_class_post", "First class post"
    RECORDED_DELIVERY = "recorded_delivery", "Recorded or special delivery"
    EMAIL = "email", "Email"
    INTERNAL = "internal", "Sent internally (to another council service)"


class SaoStatus(models.TextChoices):
    OPENED = "opened", "Notice to satisfy to be served"
    NOTICE_SERVED = "notice_served", "Notice to satisfy served"
    DECIDED = "decided", "Decided: an order is needed"
    INTENTION_SERVED = "intention_served", "Notice of intention served"
    IN_FORCE = "in_force", "Order in force"
    NOT_COMPLIED = "not_complied", "Order not complied with"
    ESO_CONSIDERED = "eso_considered", "Education Supervision Order considered"
    PROSECUTION_REFERRED = "prosecution_referred", "Referred for prosecution"
    SATISFIED = "satisfied", "Closed: the parent satisfied the council"
    WITHDRAWN = "withdrawn", "Withdrawn"
    REVOKED = "revoked", "Revoked"
    ENDED = "ended", "Ended"


SAO_CLOSED: Final = frozenset({SaoStatus.SATISFIED, SaoStatus.WITHDRAWN, SaoStatus.REVOKED, SaoStatus.ENDED})


class EsoStatus(models.TextChoices):
    PREPARING = "preparing", "Children's social care to be consulted"
    CONSULTED = "consulted", "Children's social care consulted"
    APPLIED = "applied", "Applied to the court"
    IN_FORCE = "in_force", "Order in force"
    REFUSED = "refused", "Refused by the court"
    DISCHARGED = "discharged", "Discharged"
    ENDED = "ended", "Ended"
    WITHDRAWN = "withdrawn", "Withdrawn"


ESO_CLOSED: Final = frozenset({EsoStatus.REFUSED, EsoStatus.DISCHARGED, EsoStatus.ENDED, EsoStatus.WITHDRAWN})


@dataclass(frozen=True)
class Step:
    """One step of an order: from which stages, to which, the button a user presses, the law."""

    slug: str
    sources: tuple[str, ...]
    target: str
    action: str
    permission: Perm
    basis: Mapping[str, str]  # legal regime → the provision, as shown beside the step
    letter: str = ""  # the kind of letter issued with it (cme.letters), if any
    served: bool = False  # records the date and method of service

    def basis_for(self, regime: str) -> str:
        return self.basis.get(regime) or self.basis[LegalRegime.EA1996]


def _both(text: str) -> dict[str, str]:
    return {LegalRegime.EA1996: text, LegalRegime.CWSA2026: text}


S = SaoStatus
SAO_STEPS: Final[tuple[Step, ...]] = (
    Step(
        "serve-notice-to-satisfy",
        (S.OPENED,),
        S.NOTICE_SERVED,
        "Serve the notice to satisfy the council",
        Perm.ISSUE_LEGAL_NOTICES,
        {
            LegalRegime.EA1996: "EA 1996 s.437(1)-(2): period not less than 15 days beginning with the day of service",
            LegalRegime.CWSA2026: "EA 1996 s.437 as amended by CWSA 2026 s.39: preliminary notice",
        },
        letter="sao_notice_to_satisfy",
        served=True,
    ),
    Step(
        "record-satisfied",
        (S.NOTICE_SERVED,),
        S.SATISFIED,
        "Record that the parent satisfied the council",
        Perm.WORK_LEGAL,
        _both("EA 1996 s.437(3): no order when the parent satisfies the council"),
    ),
    Step(
        "decide",
        (S.NOTICE_SERVED,),
        S.DECIDED,
        "Record the decision that an order is needed",
        Perm.WORK_LEGAL,
        _both("EA 1996 s.437(3): the parent failed to satisfy the council and attendance at school is expedient"),
    ),
    Step(
        "serve-intention",
        (S.DECIDED,),
        S.INTENTION_SERVED,
        "Serve the notice of intention to serve an order",
        Perm.ISSUE_LEGAL_NOTICES,
        {
            LegalRegime.EA1996: "EA 1996 s.438: the school(s) the council intends to name; 15 days to choose another",
            LegalRegime.CWSA2026: "CWSA 2026 s.39: school nomination notice; 15 days to choose an alternative",
        },
        letter="sao_intention_to_serve",
        served=True,
    ),
    Step(
        "record-parent-choice",
        (S.INTENTION_SERVED,),
        S.INTENTION_SERVED,
        "Record the school the parent chose",
        Perm.WORK_LEGAL,
        _both("EA 1996 s.438(4)-(5): the parent's choice of school is named in the order"),
    ),
    Step(
        "serve-order",
        (S.INTENTION_SERVED,),
        S.IN_FORCE,
        "Serve the School Attendance Order",
        Perm.ISSUE_LEGAL_NOTICES,
        _both("EA 1996 s.437(3)-(4): in force while the child is of compulsory school age"),
        letter="sao_order",
        served=True,
    ),
    Step(
        "record-compliance",
        (S.IN_FORCE,),
        S.IN_FORCE,
        "Record a compliance check",
        Perm.WORK_LEGAL,
        _both("EA 1996 s.437(5)-(6): the named school admits the child; the council monitors attendance"),
    ),
    Step(
        "record-non-compliance",
        (S.IN_FORCE,),
        S.NOT_COMPLIED,
        "Record that the order is not complied with",
        Perm.WORK_LEGAL,
        _both("EA 1996 s.443(1): failing to comply with an order is an offence"),
    ),
    Step(
        "amend",
        (S.IN_FORCE, S.NOT_COMPLIED),
        S.IN_FORCE,
        "Amend the order to name another school",
        Perm.ISSUE_LEGAL_NOTICES,
        _both("EA 1996 s.440: the parent secured a place at another school and asked for it to be named"),
        letter="sao_amendment",
        served=True,
    ),
    Step(
        "revoke",
        (S.IN_FORCE, S.NOT_COMPLIED, S.ESO_CONSIDERED),
        S.REVOKED,
        "Revoke the order",
        Perm.ISSUE_LEGAL_NOTICES,
        _both("EA 1996 s.442: the parent asked, showing suitable education otherwise than at school"),
        letter="sao_revocation",
        served=True,
    ),
    Step(
        "consider-eso",
        (S.NOT_COMPLIED,),
        S.ESO_CONSIDERED,
        "Record the consideration of an Education Supervision Order",
        Perm.WORK_LEGAL,
        _both("EA 1996 s.447(1): before prosecuting, the council must consider applying for an ESO"),
    ),
    Step(
        "refer-prosecution",
        (S.ESO_CONSIDERED,),
        S.PROSECUTION_REFERRED,
        "Refer the parent for prosecution",
        Perm.ISSUE_LEGAL_NOTICES,
        _both("EA 1996 s.443(1), (4): offence of failing to comply; fine up to level 3"),
        letter="sao_prosecution_referral",
        served=True,
    ),
    Step(
        "withdraw",
        (S.OPENED, S.NOTICE_SERVED, S.DECIDED, S.INTENTION_SERVED),
        S.WITHDRAWN,
        "Withdraw: no order will be served",
        Perm.WORK_LEGAL,
        _both("EA 1996 s.437(3): an order is served only while the council thinks it expedient"),
    ),
    Step(
        "end",
        (S.IN_FORCE, S.NOT_COMPLIED, S.ESO_CONSIDERED, S.PROSECUTION_REFERRED),
        S.ENDED,
        "Record that the order has ended",
        Perm.WORK_LEGAL,
        _both("EA 1996 s.437(4): the child ceased to be of compulsory school age, or a court directed it to cease"),
    ),
)

E = EsoStatus
ESO_STEPS: Final[tuple[Step, ...]] = (
    Step(
        "consult-social-care",
        (E.PREPARING,),
        E.CONSULTED,
        "Consult children's social care",
        Perm.ISSUE_LEGAL_NOTICES,
        _both("Children Act 1989 s.36(8): consult the social services committee before applying"),
        letter="eso_social_care_consultation",
        served=True,
    ),
    Step(
        "apply",
        (E.CONSULTED,),
        E.APPLIED,
        "Apply to the court and notify the parent",
        Perm.ISSUE_LEGAL_NOTICES,
        _both("Children Act 1989 s.36(1), (3)-(6); EA 1996 s.447: child of compulsory school age not in care"),
        letter="eso_application_notice",
        served=True,
    ),
    Step(
        "add-hearing",
        (E.APPLIED, E.IN_FORCE),
        "",
        "Add a court date",
        Perm.WORK_LEGAL,
        _both("Children Act 1989 s.36: the application is heard by the family court"),
    ),
    Step(
        "order-made",
        (E.APPLIED,),
        E.IN_FORCE,
        "Record the order and serve it",
        Perm.ISSUE_LEGAL_NOTICES,
        _both("Children Act 1989 Sch.3 paras 12-15: normally one year; the supervisor advises, assists, befriends"),
        letter="eso_order_served",
        served=True,
    ),
    Step(
        "refused",
        (E.APPLIED,),
        E.REFUSED,
        "Record that the court refused the order",
        Perm.WORK_LEGAL,
        _both("Children Act 1989 s.36(3)-(4): the court was not satisfied of the grounds"),
    ),
    Step(
        "give-direction",
        (E.IN_FORCE,),
        E.IN_FORCE,
        "Record a direction given",
        Perm.WORK_LEGAL,
        _both("Children Act 1989 Sch.3 para 12: the supervisor's directions to the child and parents"),
    ),
    Step(
        "record-breach",
        (E.IN_FORCE,),
        E.IN_FORCE,
        "Record a breach of a direction",
        Perm.WORK_LEGAL,
        _both("Children Act 1989 Sch.3 para 18: persistent failure to comply with directions is an offence"),
    ),
    Step(
        "apply-extension",
        (E.IN_FORCE,),
        E.IN_FORCE,
        "Record an application to extend the order",
        Perm.WORK_LEGAL,
        _both("Children Act 1989 Sch.3 para 15(2)-(5): in the last three months; up to three years in total"),
    ),
    Step(
        "extension-granted",
        (E.IN_FORCE,),
        E.IN_FORCE,
        "Record the extension the court granted",
        Perm.WORK_LEGAL,
        _both("Children Act 1989 Sch.3 para 15(2)-(5): the order runs to the new end date"),
    ),
    Step(
        "discharge",
        (E.IN_FORCE,),
        E.DISCHARGED,
        "Record the discharge and serve it",
        Perm.ISSUE_LEGAL_NOTICES,
        _both(
            "Children Act 1989 Sch.3 para 17: discharged by the court on the application of child, parent or council"
        ),
        letter="eso_discharge",
        served=True,
    ),
    Step(
        "end",
        (E.IN_FORCE,),
        E.ENDED,
        "Record that the order has ended",
        Perm.WORK_LEGAL,
        _both("Children Act 1989 Sch.3 para 15(6): ends when it expires or the child leaves compulsory school age"),
    ),
    Step(
        "withdraw",
        (E.PREPARING, E.CONSULTED, E.APPLIED),
        E.WITHDRAWN,
        "Withdraw: no order will be sought",
        Perm.WORK_LEGAL,
        _both("Children Act 1989 s.36: the council decides whether to apply"),
    ),
)

_SAO_BY_SLUG: Final[Mapping[str, Step]] = {step.slug: step for step in SAO_STEPS}
_ESO_BY_SLUG: Final[Mapping[str, Step]] = {step.slug: step for step in ESO_STEPS}


class StepNotAllowedError(ApplicationError):
    """The order is not at a stage from which this step can be taken."""


def sao_step(slug: str) -> Step | None:
    return _SAO_BY_SLUG.get(slug)


def eso_step(slug: str) -> Step | None:
    return _ESO_BY_SLUG.get(slug)


def check_step(step: Step, *, status: str, labels: type[models.TextChoices], what: str) -> None:
    """Refuse ``step`` unless the order's current ``status`` is one it starts from."""
    if status in step.sources:
        return
    current = labels(status).label
    allowed = " or ".join(f"“{labels(source).label}”" for source in step.sources)
    raise StepNotAllowedError(
        f"“{step.action}” cannot be done now: the {what} is at “{current}”, and this step follows {allowed}. "
        "Stages cannot be skipped or taken out of order.",
        field="step",
    )


def steps_from(steps: tuple[Step, ...], status: str) -> list[Step]:
    return [step for step in steps if status in step.sources]
