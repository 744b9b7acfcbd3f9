"""Referral intake and triage: the only code that creates or changes referrals.

Every channel calls ``referral_submit``; triage calls ``referral_decide``; the team a referral was sent
to calls ``referral_mark_dealt_with``; a school completes its task with ``school_task_complete``.
Each runs in one transaction with its audit row, and sends emails only after the commit.
"""

from __future__ import annotations

import hashlib
import hmac
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from cme.areas.models import Area, District
from cme.areas.selectors import district_for_postcode
from cme.areas.services import postcode_normalise
from cme.audit.events import AuditAction
from cme.audit.services import audit_record
from cme.cases.models import Case
from cme.cases.services import case_open
from cme.core.exceptions import ApplicationError
from cme.core.nhs import is_valid_nhs_number, normalise_nhs_number
from cme.core.references import new_reference
from cme.core.school_age import compulsory_school_age_span, is_compulsory_school_age
from cme.core.upn import is_valid_upn, normalise_upn
from cme.matching.services import matching_index_child, matching_index_referral
from cme.referrals.codes import JOINT_ENQUIRY_GROUNDS, RiskFactor
from cme.referrals.models import ContactAttempt, DeletionReturn, PublicSubmission, Referral, ReferralPerson, SchoolTask
from cme.schools.models import School

Channel = Referral.Channel
Team = Referral.Team
Decision = Referral.Decision

# Where each channel's referral goes first (docs/referrals.md).
_TEAM_FOR_CHANNEL: dict[str, str] = {
    Channel.PUBLIC: Team.CME,
    Channel.SCHOOL_NON_ARRIVAL: Team.CME,
    Channel.SCHOOL_NOT_TAKING_PLACE: Team.ATTENDANCE,
    Channel.SCHOOL_DELETION: Team.ATTENDANCE,
    Channel.ADMISSIONS_WHEREABOUTS: Team.CME,
    Channel.ADMISSIONS_NOT_COMING: Team.SCHOOL,
    Channel.PARTNER: Team.CME,
    Channel.STAFF: Team.CME,
}
_SCHOOL_CHANNELS = frozenset({Channel.SCHOOL_NON_ARRIVAL, Channel.SCHOOL_NOT_TAKING_PLACE, Channel.SCHOOL_DELETION})
_CHILD_FIELDS = (
    "forenames",
    "surname",
    "other_names",
    "date_of_birth",
    "age_description",
    "sex",
    "upn",
    "nhs_number",
    "address_line_1",
    "address_line_2",
    "town",
    "postcode",
    "district",
    "outside_area",
    "last_school",
    "last_school_name",
    "date_last_seen",
    "date_last_attended",
    "agreed_start_date",
    "risk_factors",
)


@dataclass(frozen=True)
class ReferralDetails:
    """What the referrer tells us about the child, and about themselves."""

    forenames: str
    surname: str = ""
    other_names: str = ""
    date_of_birth: date | None = None
    age_description: str = ""
    sex: str = "U"
    upn: str = ""
    nhs_number: str = ""
    address_line_1: str = ""
    address_line_2: str = ""
    town: str = ""
    postcode: str = ""
    last_school: School | None = None
    last_school_name: str = ""
    date_last_seen: date | None = None
    date_last_attended: date | None = None
    agreed_start_date: date | None = None
    risk_factors: Sequence[str] = ()
    concern: str = ""
    urgent: bool = False
    urgent_reason: str = ""
    referrer_anonymous: bool = False
    referrer_name: str = ""
    referrer_relationship: str = ""
    referrer_email: str = ""
    referrer_phone: str = ""


@dataclass(frozen=True)
class PersonDetails:
    kind: str
    name: str
    relationship: str = ""
    date_of_birth: date | None = None
    phone: str = ""
    email: str = ""
    address: str = ""
    lives_with_child: bool | None = None
    school_name: str = ""


@dataclass(frozen=True)
class AttemptDetails:
    method: str
    attempted_on: date
    outcome: str


@dataclass(frozen=True)
class DeletionDetails:
    ground: str
    date_ground_met: date
    date_deleted: date
    destination_known: bool
    destination_school: School | None = None
    destination_school_name: str = ""
    destination_start_date: date | None = None
    future_address: str = ""
    future_address_parent_name: str = ""
    future_address_from: date | None = None
    joint_enquiries_evidence: str = ""
    unable_to_obtain_information: str = ""
    safeguarding_context: str = ""


@dataclass
class SubmitResult:
    referral: Referral
    created: bool
    follow_on: Referral | None = None
    task: SchoolTask | None = None
    notices: list[str] = field(default_factory=list)


# Intake


def client_digest(address: str) -> str:
    """A keyed hash of a client's network address: enough to count submissions, useless to identify anyone."""
    return hmac.new(settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256).hexdigest()


def referral_submit(
    *,
    channel: str,
    details: ReferralDetails,
    submission_key: Any,
    submitted_by: Any = None,
    people: Sequence[PersonDetails] = (),
    attempts: Sequence[AttemptDetails] = (),
    deletion: DeletionDetails | None = None,
    source: str = Referral.Source.ONLINE,
    source_detail: str = "",
    client_address: str = "",
    today: date | None = None,
) -> SubmitResult:
    """Record a referral from any channel. A second call with the same ``submission_key`` returns the
    referral the first call created and changes nothing."""
    existing = Referral.objects.filter(submission_key=submission_key).first()
    if existing is not None:
        return SubmitResult(referral=existing, created=False)
    today = today or timezone.localdate()
    try:
        with transaction.atomic():
            return _submit(
                channel=Channel(channel),
                details=details,
                submission_key=submission_key,
                submitted_by=submitted_by,
                people=people,
                attempts=attempts,
                deletion=deletion,
                source=source,
                source_detail=source_detail,
                client_address=client_address,
                today=today,
            )
    except IntegrityError:
        # Two identical submissions raced; the other one won. Show its result.
        existing = Referral.objects.filter(submission_key=submission_key).first()
        if existing is None:
            raise
        return SubmitResult(referral=existing, created=False)


def _submit(
    *,
    channel: Channel,
    details: ReferralDetails,
    submission_key: Any,
    submitted_by: Any,
    people: Sequence[PersonDetails],
    attempts: Sequence[AttemptDetails],
    deletion: DeletionDetails | None,
    source: str,
    source_detail: str,
    client_address: str,
    today: date,
) -> SubmitResult:
    details = _clean_details(details, today=today)
    _check_channel_rules(
        channel=channel, details=details, submitted_by=submitted_by, attempts=attempts, deletion=deletion, today=today
    )
    if channel == Channel.PUBLIC:
        _check_public_rate(client_address=client_address)
    district, outside_area = _district_of(details)
    referral = _create_referral(
        channel=channel,
        team=_TEAM_FOR_CHANNEL[channel],
        details=details,
        district=district,
        outside_area=outside_area,
        submission_key=submission_key,
        submitted_by=submitted_by,
        source=source if channel == Channel.STAFF else Referral.Source.ONLINE,
        source_detail=source_detail if channel == Channel.STAFF else "",
    )
    ReferralPerson.objects.bulk_create(
        [ReferralPerson(referral=referral, **vars(person)) for person in people if person.name.strip()]
    )
    ContactAttempt.objects.bulk_create(
        [
            ContactAttempt(referral=referral, method=a.method, attempted_on=a.attempted_on, outcome=a.outcome)
            for a in attempts
        ]
    )
    result = SubmitResult(referral=referral, created=True)
    if deletion is not None:
        DeletionReturn.objects.create(referral=referral, **vars(deletion))
        if not deletion.destination_known:
            result.follow_on = _follow_on_cme_referral(origin=referral, actor=submitted_by)
            result.notices.append("As the pupil's destination is unknown, the CME team has been sent a referral too.")
    if channel == Channel.ADMISSIONS_NOT_COMING:
        if details.last_school is None:  # _check_channel_rules refuses this already
            raise ApplicationError("Select the school", field="last_school")
        result.task = SchoolTask.objects.create(referral=referral, school=details.last_school, created_by=submitted_by)
    if channel == Channel.PUBLIC:
        PublicSubmission.objects.create(client_digest=client_digest(client_address), submitted_on=timezone.now())
    audit_record(
        actor=submitted_by,
        action=AuditAction.REFERRAL_SUBMITTED,
        target=referral,
        data={"channel": channel.value, "team": referral.team, "urgent": referral.urgent},
    )
    _notify_after_commit(referral)
    if result.follow_on is not None:
        _notify_after_commit(result.follow_on)
    return result


def _clean_details(details: ReferralDetails, *, today: date) -> ReferralDetails:
    if not details.forenames.strip():
        raise ApplicationError("Enter the child's first name", field="forenames")
    postcode = postcode_normalise(details.postcode) if details.postcode.strip() else ""
    upn = normalise_upn(details.upn) if details.upn.strip() else ""
    if upn and not is_valid_upn(upn):
        raise ApplicationError("Enter a valid UPN, or leave it blank", field="upn")
    nhs_number = normalise_nhs_number(details.nhs_number)
    if nhs_number and not is_valid_nhs_number(nhs_number):
        raise ApplicationError("Enter a valid 10-digit NHS number, or leave it blank", field="nhs_number")
    for name in ("date_of_birth", "date_last_seen", "date_last_attended"):
        value = getattr(details, name)
        if value is not None and value > today:
            raise ApplicationError(f"The {name.replace('_', ' ')} must be today or in the past", field=name)
    unknown = set(details.risk_factors) - set(RiskFactor.values)
    if unknown:
        raise ApplicationError("Select risk factors from the list", field="risk_factors")
    if details.urgent and not details.urgent_reason.strip():
        raise ApplicationError("Describe the safeguarding concern", field="urgent_reason")
    return replace(
        details,
        forenames=details.forenames.strip(),
        surname=details.surname.strip(),
        postcode=postcode,
        upn=upn,
        nhs_number=nhs_number,
        risk_factors=list(dict.fromkeys(details.risk_factors)),
    )


def _check_channel_rules(
    *,
    channel: Channel,
    details: ReferralDetails,
    submitted_by: Any,
    attempts: Sequence[AttemptDetails],
    deletion: DeletionDetails | None,
    today: date,
) -> None:
    if (channel in _SCHOOL_CHANNELS or channel == Channel.ADMISSIONS_NOT_COMING) and details.last_school is None:
        raise ApplicationError("Select the school", field="last_school")
    if channel in _SCHOOL_CHANNELS and not details.surname:
        raise ApplicationError("Enter the child's last name", field="surname")
    if channel == Channel.SCHOOL_NON_ARRIVAL:
        _check_non_arrival(details=details, attempts=attempts, today=today)
    if channel == Channel.SCHOOL_DELETION:
        if deletion is None:
            raise ApplicationError("Enter the details of the deletion", field="ground")
        _check_deletion(deletion=deletion, today=today)
    elif deletion is not None:
        raise ApplicationError("Only a deletion return has deletion details")
    if channel != Channel.PUBLIC and submitted_by is None:
        raise ApplicationError("Sign in to make this referral")
    if channel == Channel.PUBLIC and not details.referrer_anonymous and not details.referrer_name.strip():
        raise ApplicationError("Enter your name, or choose to stay anonymous", field="referrer_name")
    if channel == Channel.PUBLIC and not details.concern.strip():
        raise ApplicationError("Tell us why you think the child is missing education", field="concern")


def _check_non_arrival(*, details: ReferralDetails, attempts: Sequence[AttemptDetails], today: date) -> None:
    if details.agreed_start_date is None:
        raise ApplicationError("Enter the agreed start date", field="agreed_start_date")
    for attempt in attempts:
        if attempt.attempted_on > today:
            raise ApplicationError("Contact attempts must be dated today or in the past", field="attempts")
        if details.agreed_start_date and attempt.attempted_on < details.agreed_start_date - timedelta(days=60):
            raise ApplicationError("Contact attempts must be about this start date", field="attempts")
    if details.urgent:
        return
    tried = {attempt.method for attempt in attempts}
    missing = [m for m in required_attempt_methods() if m not in tried]
    if missing:
        labels = ", ".join(ContactAttempt.Method(m).label.lower() for m in missing)
        raise ApplicationError(
            f"Record your attempts to contact the family by {labels} before referring, "
            "or mark an immediate safeguarding concern",
            field="attempts",
        )


def required_attempt_methods() -> list[str]:
    return [m for m in settings.CME_SCHOOL_REQUIRED_ATTEMPT_METHODS if m in ContactAttempt.Method.values]


def _check_deletion(*, deletion: DeletionDetails, today: date) -> None:
    if deletion.date_deleted > today or deletion.date_ground_met > today:
        raise ApplicationError("Dates of the deletion must be today or in the past", field="date_deleted")
    if deletion.date_deleted < deletion.date_ground_met:
        raise ApplicationError(
            "The date of deletion must be on or after the date the ground was met", field="date_deleted"
        )
    if deletion.ground in JOINT_ENQUIRY_GROUNDS and not deletion.joint_enquiries_evidence.strip():
        raise ApplicationError(
            f"Ground {deletion.ground} needs reasonable enquiries made jointly with the council. Without evidence of "
            "them the council does not accept the removal as lawful and the child must stay on the register",
            field="joint_enquiries_evidence",
        )
    if deletion.destination_known and not (deletion.destination_school or deletion.destination_school_name.strip()):
        raise ApplicationError("Enter the school the pupil is going to", field="destination_school")


def _check_public_rate(*, client_address: str) -> None:
    since = timezone.now() - timedelta(hours=1)
    recent = PublicSubmission.objects.filter(client_digest=client_digest(client_address), submitted_on__gte=since)
    if recent.count() >= settings.CME_PUBLIC_REFERRALS_PER_HOUR:
        raise ApplicationError(
            "You have sent several referrals in the last hour. Please wait an hour, or phone or email the CME team"
        )


def _district_of(details: ReferralDetails) -> tuple[District | None, bool]:
    """The district of the child's postcode, and whether a given postcode lies outside our area."""
    if details.postcode:
        district = district_for_postcode(details.postcode)
        if district is not None:
            return district, False
        return None, True
    return None, False


def _area_for(*, district: District | None, school: School | None) -> Area | None:
    if district is not None:
        return district.area
    if school is not None and school.district is not None:
        return school.district.area
    return None


def _create_referral(
    *,
    channel: Channel,
    team: str,
    details: ReferralDetails,
    district: District | None,
    outside_area: bool,
    submission_key: Any,
    submitted_by: Any,
    source: str,
    source_detail: str,
    related_referral: Referral | None = None,
) -> Referral:
    organisation = getattr(submitted_by, "organisation", None)
    values = {name: value for name, value in vars(details).items() if name in {f.name for f in Referral._meta.fields}}
    values.update(district=district, outside_area=outside_area)
    for _attempt in range(5):
        try:
            with transaction.atomic():
                referral = Referral.objects.create(
                    **values,
                    reference=new_reference("R"),
                    submission_key=submission_key,
                    channel=channel,
                    team=team,
                    area=_area_for(district=district, school=details.last_school),
                    source=source,
                    source_detail=source_detail,
                    referrer=submitted_by,
                    referrer_organisation=organisation,
                    related_referral=related_referral,
                    created_by=submitted_by,
                    modified_by=submitted_by,
                )
            matching_index_referral(referral=referral)  # the duplicate check finds it from now on
            return referral
        except IntegrityError:
            if Referral.objects.filter(submission_key=submission_key).exists():
                raise
    raise ApplicationError("Could not allocate a reference number; try again")


def _follow_on_cme_referral(*, origin: Referral, actor: Any) -> Referral:
    """A CME referral for a child whose destination is unknown, made from a deletion return or school task."""
    details = ReferralDetails(
        **{name: getattr(origin, name) for name in _CHILD_FIELDS if name not in ("district", "outside_area")},
        concern=f"Destination unknown after {origin.get_channel_display().lower()} ({origin.reference}).",
    )
    referral = _create_referral(
        channel=Channel(origin.channel),
        team=Team.CME,
        details=replace(details, urgent=origin.urgent, urgent_reason=origin.urgent_reason),
        district=origin.district,
        outside_area=origin.outside_area,
        submission_key=uuid.uuid4(),
        submitted_by=actor,
        source=Referral.Source.ONLINE,
        source_detail="",
        related_referral=origin,
    )
    audit_record(
        actor=actor,
        action=AuditAction.REFERRAL_SUBMITTED,
        target=referral,
        data={"channel": referral.channel, "team": referral.team, "from_referral": str(origin.pk)},
    )
    return referral


def _notify_after_commit(referral: Referral) -> None:
    from cme.referrals.tasks import notify_new_referral

    referral_id = str(referral.pk)
    transaction.on_commit(lambda: notify_new_referral.enqueue(referral_id=referral_id))


# Triage


@dataclass(frozen=True)
class TriageDecision:
    decision: str
    reason: str
    ehe_previously_unsuitable: bool | None = None
    forwarded_to: str = ""
    forwarded_on: date | None = None
    duplicate_of_referral: Referral | None = None
    duplicate_of_case: Case | None = None


@transaction.atomic
def referral_decide(*, referral: Referral, actor: Any, decision: TriageDecision, today: date | None = None) -> Referral:
    """Record the CME officer's triage decision, with its reason, and carry it out."""
    today = today or timezone.localdate()
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    if referral.status != Referral.Status.OPEN or referral.team != Team.CME:
        raise ApplicationError("This referral has already been dealt with")
    if not decision.reason.strip():
        raise ApplicationError("Give the reason for your decision", field="reason")
    chosen = Decision(decision.decision)
    handler = _DECISION_HANDLERS.get(chosen)
    if handler is None:
        raise ApplicationError("Select a decision", field="decision")
    handler(referral=referral, actor=actor, decision=decision, today=today)
    referral.decision = chosen
    referral.decision_reason = decision.reason.strip()
    referral.decided_by = actor
    referral.decided_on = timezone.now()
    referral.modified_by = actor
    referral.save()
    audit_record(
        actor=actor,
        action=AuditAction.REFERRAL_TRIAGED,
        target=referral,
        data={"decision": chosen.value, "case": str(referral.case_id or ""), "team": referral.team},
    )
    if referral.team != Team.CME and referral.status == Referral.Status.OPEN:
        _notify_after_commit(referral)
    return referral


def _decide_cme(*, referral: Referral, actor: Any, decision: TriageDecision, today: date) -> None:
    _require_compulsory_school_age(referral, today=today)
    referral.case = case_open(
        actor=actor,
        forenames=referral.forenames,
        surname=referral.surname,
        other_names=referral.other_names,
        date_of_birth=referral.date_of_birth,
        sex=referral.sex,
        upn=referral.upn,
        nhs_number=referral.nhs_number,
        address_line_1=referral.address_line_1,
        address_line_2=referral.address_line_2,
        town=referral.town,
        postcode=referral.postcode,
        district=referral.district,
        area=referral.area,
        urgent=referral.urgent,
        cme_from=referral.date_last_attended or referral.date_last_seen or timezone.localdate(referral.created_on),
        # What the referrer told us about risk comes with the child: an immediate safeguarding concern
        # is a significant concern on the case (policy 6.7), and the risk level follows.
        risk_factors=[factor for factor in referral.risk_factors if factor in RiskFactor.values],
        significant_concerns=referral.urgent,
        concerns=referral.urgent_reason if referral.urgent else "",
        ehe_previously_unsuitable=bool(decision.ehe_previously_unsuitable or referral.ehe_previously_unsuitable),
    )
    matching_index_child(child=referral.case.child)  # the child on the new case, for record matching
    referral.status = Referral.Status.CLOSED


def _require_compulsory_school_age(referral: Referral, *, today: date) -> None:
    if referral.date_of_birth is None:
        raise ApplicationError(
            "Record the child's date of birth before opening a case: it decides whether they are of compulsory "
            "school age",
            field="decision",
        )
    if not is_compulsory_school_age(referral.date_of_birth, today):
        start, end = compulsory_school_age_span(referral.date_of_birth)
        raise ApplicationError(
            f"The child is not of compulsory school age today: from {start:%-d %B %Y} to {end:%-d %B %Y}",
            field="decision",
        )


def _decide_on_roll(*, referral: Referral, actor: Any, decision: TriageDecision, today: date) -> None:
    referral.team = Team.ATTENDANCE


def _decide_ehe(*, referral: Referral, actor: Any, decision: TriageDecision, today: date) -> None:
    if decision.ehe_previously_unsuitable is None:
        raise ApplicationError(
            "Say whether this child's home education was previously assessed as unsuitable",
            field="ehe_previously_unsuitable",
        )
    referral.ehe_previously_unsuitable = decision.ehe_previously_unsuitable
    if decision.ehe_previously_unsuitable:
        raise ApplicationError(
            "This child's home education was previously assessed as unsuitable, so the child remains missing "
            "education until it is assessed as suitable (policy 5.5): open a case instead",
            field="decision",
        )
    referral.team = Team.EHE


def _decide_close(*, referral: Referral, actor: Any, decision: TriageDecision, today: date) -> None:
    referral.status = Referral.Status.CLOSED


def _decide_not_csa(*, referral: Referral, actor: Any, decision: TriageDecision, today: date) -> None:
    if referral.date_of_birth is None:
        raise ApplicationError("Record the child's date of birth to show they are not of compulsory school age")
    if is_compulsory_school_age(referral.date_of_birth, today):
        start, end = compulsory_school_age_span(referral.date_of_birth)
        raise ApplicationError(
            f"The child is of compulsory school age today (from {start:%-d %B %Y} to {end:%-d %B %Y})",
            field="decision",
        )
    referral.status = Referral.Status.CLOSED


def _decide_other_council(*, referral: Referral, actor: Any, decision: TriageDecision, today: date) -> None:
    if not decision.forwarded_to.strip():
        raise ApplicationError("Enter the council the referral was sent to", field="forwarded_to")
    if decision.forwarded_on is None or decision.forwarded_on > today:
        raise ApplicationError("Enter the date you sent it, today or earlier", field="forwarded_on")
    referral.forwarded_to = decision.forwarded_to.strip()
    referral.forwarded_on = decision.forwarded_on
    referral.status = Referral.Status.CLOSED


def _decide_duplicate(*, referral: Referral, actor: Any, decision: TriageDecision, today: date) -> None:
    if decision.duplicate_of_referral is None and decision.duplicate_of_case is None:
        raise ApplicationError("Select the referral or case this duplicates", field="duplicate_of")
    if decision.duplicate_of_referral is not None:
        if decision.duplicate_of_referral.pk == referral.pk:
            raise ApplicationError("A referral cannot duplicate itself", field="duplicate_of")
        referral.duplicate_of = decision.duplicate_of_referral
    if decision.duplicate_of_case is not None:
        referral.case = decision.duplicate_of_case
    referral.status = Referral.Status.CLOSED


_DECISION_HANDLERS = {
    Decision.CME: _decide_cme,
    Decision.ON_ROLL: _decide_on_roll,
    Decision.EHE: _decide_ehe,
    Decision.ALTERNATIVE_PROVISION: _decide_close,
    Decision.NOT_CSA: _decide_not_csa,
    Decision.OTHER_COUNCIL: _decide_other_council,
    Decision.DUPLICATE: _decide_duplicate,
}


@transaction.atomic
def referral_mark_dealt_with(*, referral: Referral, actor: Any, note: str) -> Referral:
    """The attendance duty or EHE team records that it has dealt with a referral sent to it."""
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    if referral.status != Referral.Status.OPEN or referral.team not in (Team.ATTENDANCE, Team.EHE):
        raise ApplicationError("This referral has already been dealt with")
    if not note.strip():
        raise ApplicationError("Say what was done", field="note")
    referral.status = Referral.Status.CLOSED
    referral.decision = referral.decision or Decision.DEALT_WITH
    if referral.decision != Decision.DEALT_WITH:
        referral.decision_reason = f"{referral.decision_reason}\n\n{referral.get_team_display()}: {note.strip()}"
    else:
        referral.decision_reason = note.strip()
    referral.decided_by = actor
    referral.decided_on = timezone.now()
    referral.modified_by = actor
    referral.save()
    audit_record(actor=actor, action=AuditAction.REFERRAL_DEALT_WITH, target=referral, data={"team": referral.team})
    return referral


@transaction.atomic
def school_task_complete(
    *,
    task: SchoolTask,
    actor: Any,
    date_removed: date,
    destination_known: bool,
    destination: str,
    today: date | None = None,
) -> SubmitResult:
    """The school records the leaver's destination (policy 4.7). An unknown destination refers the child to CME."""
    today = today or timezone.localdate()
    task = SchoolTask.objects.select_for_update().select_related("referral").get(pk=task.pk)
    if task.status != SchoolTask.Status.OPEN:
        raise ApplicationError("This task has already been done")
    if date_removed > today:
        raise ApplicationError("The date removed from the register must be today or in the past", field="date_removed")
    if destination_known and not destination.strip():
        raise ApplicationError("Enter where the pupil has gone", field="destination")
    task.status = SchoolTask.Status.DONE
    task.date_removed = date_removed
    task.destination_known = destination_known
    task.destination = destination.strip() if destination_known else ""
    task.completed_by = actor
    task.completed_on = timezone.now()
    task.modified_by = actor
    task.save()
    referral = task.referral
    referral.status = Referral.Status.CLOSED
    referral.decision = Decision.DEALT_WITH
    referral.decision_reason = "The school recorded the leaver's destination."
    referral.decided_by = actor
    referral.decided_on = task.completed_on
    referral.save()
    result = SubmitResult(referral=referral, created=False, task=task)
    audit_record(
        actor=actor,
        action=AuditAction.SCHOOL_TASK_COMPLETED,
        target=task,
        data={"referral": str(referral.pk), "destination_known": destination_known},
    )
    if not destination_known:
        result.follow_on = _follow_on_cme_referral(origin=referral, actor=actor)
        _notify_after_commit(result.follow_on)
    return result
