"""School and admissions pages: the school and admissions referral channels, the school's tasks from the
council, and the status of the referrals an organisation made (never what the council decided)."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.forms.formsets import BaseFormSet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from cme.audit.events import AuditAction
from cme.audit.services import audit_read, audit_record
from cme.core.access import permission_required
from cme.core.exceptions import ApplicationError
from cme.core.permissions import Perm
from cme.referrals import selectors, services
from cme.referrals.forms.common import (
    CarerFormSet,
    ChildDetailsForm,
    ConcernForm,
    FormGroup,
    SchoolHistoryForm,
    SiblingFormSet,
    SubmissionKeyForm,
    people_details,
    to_details,
)
from cme.referrals.forms.school import (
    ContactAttemptFormSet,
    DeletionForm,
    NotComingForm,
    SchoolTaskCompleteForm,
    StartDateForm,
    parents_lived_with,
    require_emergency_phones,
)
from cme.referrals.models import Referral, SchoolTask

REFERRALS_PER_PAGE = 25
RECENT_REFERRALS = 5
# Where the confirmation page finds what the user just sent (nothing about the child: the reference,
# where it went and what happens next).
SENT_SESSION_KEY = "cme_referral_sent"


def _with_status(referrals: Any) -> list[tuple[Referral, selectors.ReferrerStatus]]:
    """Each referral with the status its referrer may know (received, being dealt with, closed)."""
    return [(referral, selectors.referral_status_for_referrer(referral)) for referral in referrals]


def _recent_referrals(request: HttpRequest) -> list[tuple[Referral, selectors.ReferrerStatus]]:
    referrals = selectors.referrals_made_by(user=request.user).select_related("case")
    rows = _with_status(referrals[:RECENT_REFERRALS])
    _record_list_seen(request, shown=len(rows))
    return rows


def _record_list_seen(request: HttpRequest, *, shown: int) -> None:
    """A list of referrals shows children's names: record that it was seen (how many, never who)."""
    if shown:
        audit_record(actor=request.user, action=AuditAction.REFERRALS_MADE_VIEWED, data={"shown": shown})


def _users_school(request: HttpRequest) -> Any:
    organisation = getattr(request.user, "organisation", None)
    return getattr(organisation, "school", None)


# Home pages


@permission_required(Perm.SUBMIT_SCHOOL_REFERRAL)
@require_GET
def school_home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "referrals/school/school_home.html",
        {
            "school": _users_school(request),
            "tasks": selectors.school_tasks_for(user=request.user).select_related("referral"),
            "recent": _recent_referrals(request),
            "may_complete_tasks": request.user.has_perm(Perm.COMPLETE_SCHOOL_TASKS),
            "may_follow": request.user.has_perm(Perm.FOLLOW_OWN_REFERRALS),
        },
    )


@permission_required(Perm.SUBMIT_ADMISSIONS_REFERRAL)
@require_GET
def admissions_home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "referrals/school/admissions_home.html",
        {"recent": _recent_referrals(request), "may_follow": request.user.has_perm(Perm.FOLLOW_OWN_REFERRALS)},
    )


# Referrals the organisation made, with status only


@permission_required(Perm.FOLLOW_OWN_REFERRALS)
@require_GET
def sent(request: HttpRequest) -> HttpResponse:
    referrals = selectors.referrals_made_by(user=request.user).select_related("case")
    page = Paginator(referrals, REFERRALS_PER_PAGE).get_page(request.GET.get("page"))
    rows = _with_status(page.object_list)
    _record_list_seen(request, shown=len(rows))
    return render(
        request,
        "referrals/school/sent.html",
        {
            "page_obj": page,
            "page_range": page.paginator.get_elided_page_range(page.number),
            "rows": rows,
        },
    )


# School tasks


@permission_required(Perm.COMPLETE_SCHOOL_TASKS)
@require_http_methods(["GET", "POST"])
def school_task(request: HttpRequest, task_id: uuid.UUID) -> HttpResponse:
    task = selectors.school_task_get_for_user(user=request.user, task_id=task_id)
    if task is None:
        if selectors.school_tasks_for(user=request.user, status=SchoolTask.Status.DONE).filter(pk=task_id).exists():
            messages.info(request, "That task has already been done.")
            return redirect("referrals:school_home")
        raise Http404
    form = SchoolTaskCompleteForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            result = services.school_task_complete(
                task=task,
                actor=request.user,
                date_removed=form.cleaned_data["date_removed"],
                destination_known=form.cleaned_data["destination_known"],
                destination=form.cleaned_data["destination"],
            )
        except ApplicationError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            name = f"{task.referral.forenames} {task.referral.surname}".strip()
            messages.success(request, f"Thank you. You recorded that {name} has left your school.")
            if result.follow_on is not None:
                messages.info(
                    request,
                    "As you do not know where the pupil has gone, the children missing education team has been "
                    "sent a referral. They may contact you.",
                )
            return redirect("referrals:school_home")
    if request.method == "GET":
        audit_read(actor=request.user, target=task.referral, action=AuditAction.REFERRAL_VIEWED)
    return render(request, "referrals/school/school_task.html", {"form": form, "task": task})


# The channels share one shape: a page of blocks, one service call, a confirmation.


class _Page(FormGroup):
    """A FormGroup whose formset errors (such as a missing contact attempt) link to their section."""

    def summary(self) -> list[tuple[str, str]]:
        anchors = {
            str(error): f"{part.prefix}-section"
            for part in self.parts.values()
            if isinstance(part, BaseFormSet)
            for error in part.non_form_errors()
        }
        return [(target or anchors.get(message, ""), message) for target, message in super().summary()]


def _data(request: HttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


def _render(request: HttpRequest, group: FormGroup, **context: Any) -> HttpResponse:
    return render(request, "referrals/school/channel_form.html", {"form": group, **context})


def _team_phrase(referral: Referral) -> str:
    """Where a referral went, as the referrer may be told when they send it."""
    team = referral.get_team_display().lower()
    if referral.area is not None:
        return f"the {team} for the {referral.area.name} area"
    if referral.team == Referral.Team.ATTENDANCE:
        return (
            "the attendance duty teams for the West and East areas, because we could not tell the area from the "
            "address or the school"
        )
    return f"the {team}"


def _sent(request: HttpRequest, result: services.SubmitResult, *, home: str, what: str, lines: list[str]) -> Any:
    request.session[SENT_SESSION_KEY] = {
        "reference": result.referral.reference,
        "what": what,
        "lines": lines,
        "notices": list(result.notices),
        "home": home,
    }
    return redirect("referrals:school_sent" if home == "referrals:school_home" else "referrals:admissions_sent")


def _no_school(request: HttpRequest) -> HttpResponse | None:
    if _users_school(request) is None:
        messages.error(request, "Your account is not linked to a school, so you cannot send this form.")
        return redirect("referrals:school_home")
    return None


@permission_required(Perm.SUBMIT_SCHOOL_REFERRAL)
@require_http_methods(["GET", "POST"])
def school_non_arrival(request: HttpRequest) -> HttpResponse:
    """Policy 4.1 and 4.5: the child did not arrive on the agreed start date."""
    if (refused := _no_school(request)) is not None:
        return refused
    data = _data(request)
    group = _Page(
        {
            "key": SubmissionKeyForm(data),
            "child": ChildDetailsForm(data, require_surname=True, require_date_of_birth=True),
            "start": StartDateForm(data),
            "carers": CarerFormSet(data, prefix="carers"),
            "siblings": SiblingFormSet(data, prefix="siblings"),
            "concern": ConcernForm(
                data,
                concern_label="Anything else the council should know",
                concern_help="For example, what other staff, pupils or agencies told you.",
                concern_required=False,
                heading="Your concern",
            ),
            "attempts": ContactAttemptFormSet(data),
        }
    )
    if request.method == "POST" and group.is_valid():
        try:
            result = services.referral_submit(
                channel=Referral.Channel.SCHOOL_NON_ARRIVAL,
                details=to_details(
                    child=group["child"],
                    concern=group["concern"],
                    last_school=_users_school(request),
                    agreed_start_date=group["start"].cleaned_data["agreed_start_date"],
                ),
                submission_key=group["key"].key(),
                submitted_by=request.user,
                people=people_details(group["carers"], group["siblings"]),
                attempts=group["attempts"].to_details(),
            )
        except ApplicationError as error:
            if error.field == "attempts":
                group["attempts"].refuse(error.message)
            else:
                group.add_application_error(error)
        else:
            lines = [f"It has gone to {_team_phrase(result.referral)}."]
            if result.referral.urgent:
                lines.append(
                    "You told us about an immediate safeguarding concern, so it is marked urgent and the CME "
                    "officer has been told at once."
                )
            lines.append("The CME team will contact you if they need to know more.")
            return _sent(request, result, home="referrals:school_home", what="Referral sent", lines=lines)
    return _render(
        request,
        group,
        page_heading="A child did not arrive on the agreed start date",
        page_caption=_users_school(request).name,
        page_intro=(
            "Tell the children missing education team about a child who did not arrive at your school on the day "
            "agreed, once you have tried to contact the family."
        ),
        submit_label="Send referral",
        back_url="referrals:school_home",
    )


@permission_required(Perm.SUBMIT_SCHOOL_REFERRAL)
@require_http_methods(["GET", "POST"])
def school_not_taking_place(request: HttpRequest) -> HttpResponse:
    """Policy 4.6: a parent says the child will not take up the place. Goes to the attendance duty team."""
    if (refused := _no_school(request)) is not None:
        return refused
    data = _data(request)
    said = ConcernForm(
        data,
        concern_label="What did the parent tell you?",
        concern_help="When and how they told you, and any reason or new school they gave.",
        ask_date_last_seen=False,
        ask_risk_factors=False,
        ask_urgent=False,
        heading="What the parent said",
    )
    said.fields["concern"].error_messages["required"] = "Enter what the parent told you"
    group = _Page(
        {
            "key": SubmissionKeyForm(data),
            "child": ChildDetailsForm(data, require_surname=True, require_date_of_birth=True),
            "carers": CarerFormSet(data, prefix="carers"),
            "concern": said,
        }
    )
    if request.method == "POST" and group.is_valid():
        try:
            result = services.referral_submit(
                channel=Referral.Channel.SCHOOL_NOT_TAKING_PLACE,
                details=to_details(child=group["child"], concern=group["concern"], last_school=_users_school(request)),
                submission_key=group["key"].key(),
                submitted_by=request.user,
                people=people_details(group["carers"]),
            )
        except ApplicationError as error:
            group.add_application_error(error)
        else:
            lines = [
                f"It has gone to {_team_phrase(result.referral)}.",
                "The attendance duty team will contact you if they need to know more.",
            ]
            return _sent(request, result, home="referrals:school_home", what="Sent to attendance duty", lines=lines)
    return _render(
        request,
        group,
        page_heading="A parent says their child will not take up the place",
        page_caption=_users_school(request).name,
        page_intro="Tell the attendance duty team when a parent says their child will not come to your school.",
        submit_label="Send to attendance duty",
        back_url="referrals:school_home",
    )


@permission_required(Perm.SUBMIT_SCHOOL_REFERRAL)
@require_http_methods(["GET", "POST"])
def school_deletion(request: HttpRequest) -> HttpResponse:
    """Policy 5.4: the deletion return (regulation 13(4)) when a pupil's name is deleted from the register."""
    if (refused := _no_school(request)) is not None:
        return refused
    data = _data(request)
    carers = parents_lived_with(data)
    group = _Page(
        {
            "key": SubmissionKeyForm(data),
            "child": ChildDetailsForm(
                data,
                require_surname=True,
                require_date_of_birth=True,
                require_whereabouts=True,
                heading="The pupil",
                address_heading="The pupil's address",
            ),
            "carers": carers,
            "deletion": DeletionForm(data),
        }
    )
    if request.method == "POST" and all([group.is_valid(), require_emergency_phones(carers)]):
        try:
            result = services.referral_submit(
                channel=Referral.Channel.SCHOOL_DELETION,
                details=to_details(child=group["child"], last_school=_users_school(request)),
                submission_key=group["key"].key(),
                submitted_by=request.user,
                people=people_details(carers),
                deletion=group["deletion"].to_details(),
            )
        except ApplicationError as error:
            group.add_application_error(error, field_map={"joint_enquiries_evidence": "joint_enquiries_done"})
        else:
            lines = [
                f"It has gone to {_team_phrase(result.referral)}.",
                "Keep a record of this return with the pupil's admission register entry.",
            ]
            return _sent(request, result, home="referrals:school_home", what="Deletion return sent", lines=lines)
    return _render(
        request,
        group,
        page_heading="Deletion from the admission register",
        page_caption=_users_school(request).name,
        page_intro=(
            "Send this return when you delete a pupil's name from your admission register (regulation 13 of the "
            "School Attendance (Pupil Registration) (England) Regulations 2024). It goes to the attendance duty "
            "team for your area."
        ),
        submit_label="Send deletion return",
        back_url="referrals:school_home",
    )


@permission_required(Perm.SUBMIT_ADMISSIONS_REFERRAL)
@require_http_methods(["GET", "POST"])
def admissions_whereabouts(request: HttpRequest) -> HttpResponse:
    """Policy 4.8: admissions cannot establish the family's whereabouts. Goes to the CME team."""
    data = _data(request)
    school = SchoolHistoryForm(data, ask_date_last_attended=False, heading="School place")
    school.fields["last_school"].label = "School the child applied for or was allocated"
    school.fields["last_school"].help_text = "Schools in Hertfordshire, open schools first."
    tried = ConcernForm(
        data,
        concern_label="What have you done to find the family?",
        concern_help="For example, letters, calls and emails, and to whom, with their dates and results.",
        heading="What admissions tried",
    )
    tried.fields["concern"].error_messages["required"] = "Enter what you have done to find the family"
    group = _Page(
        {
            "key": SubmissionKeyForm(data),
            "child": ChildDetailsForm(
                data, require_surname=True, require_whereabouts=True, address_heading="Last known address"
            ),
            "school": school,
            "carers": CarerFormSet(data, prefix="carers"),
            "siblings": SiblingFormSet(data, prefix="siblings"),
            "concern": tried,
        }
    )
    if request.method == "POST" and group.is_valid():
        try:
            result = services.referral_submit(
                channel=Referral.Channel.ADMISSIONS_WHEREABOUTS,
                details=to_details(child=group["child"], school=group["school"], concern=group["concern"]),
                submission_key=group["key"].key(),
                submitted_by=request.user,
                people=people_details(group["carers"], group["siblings"]),
            )
        except ApplicationError as error:
            group.add_application_error(error)
        else:
            lines = [
                f"It has gone to {_team_phrase(result.referral)}.",
                "The CME team will contact you if they need to know more.",
            ]
            return _sent(request, result, home="referrals:admissions_home", what="Referral sent", lines=lines)
    return _render(
        request,
        group,
        page_heading="You cannot find out where a family is",
        page_caption="School admissions",
        page_intro="Refer a child to the children missing education team when you cannot establish where the "
        "family is.",
        submit_label="Send referral",
        back_url="referrals:admissions_home",
    )


@permission_required(Perm.SUBMIT_ADMISSIONS_REFERRAL)
@require_http_methods(["GET", "POST"])
def admissions_not_coming(request: HttpRequest) -> HttpResponse:
    """Policy 4.7: the child will not be coming to the school. Sets the school a task."""
    data = _data(request)
    group = _Page(
        {
            "key": SubmissionKeyForm(data),
            "child": ChildDetailsForm(data, require_surname=True, address_heading="Last known address"),
            "place": NotComingForm(data),
            "concern": ConcernForm(
                data,
                concern_label="What do you know about why the child is not coming?",
                concern_help="The school will not see this.",
                concern_required=False,
                ask_date_last_seen=False,
                ask_risk_factors=False,
                ask_urgent=False,
                heading="Anything else",
            ),
        }
    )
    if request.method == "POST" and group.is_valid():
        school = group["place"].cleaned_data["school"]
        try:
            result = services.referral_submit(
                channel=Referral.Channel.ADMISSIONS_NOT_COMING,
                details=to_details(child=group["child"], concern=group["concern"], last_school=school),
                submission_key=group["key"].key(),
                submitted_by=request.user,
            )
        except ApplicationError as error:
            group.add_application_error(error, field_map={"last_school": "school"})
        else:
            task_school = result.task.school if result.task is not None else school
            lines = [
                f"We have asked {task_school.name} to remove the pupil from its register and to record where "
                "they have gone. If the school does not know, the CME team is sent a referral."
            ]
            return _sent(request, result, home="referrals:admissions_home", what="Task sent to the school", lines=lines)
    return _render(
        request,
        group,
        page_heading="A child will not be coming to the school they were offered",
        page_caption="School admissions",
        page_intro="We will ask the school to remove the pupil from its register and record the leaver's destination.",
        submit_label="Send to the school",
        back_url="referrals:admissions_home",
    )


def _confirmation(request: HttpRequest, *, home: str) -> HttpResponse:
    sent = request.session.get(SENT_SESSION_KEY)
    if not sent or sent.get("home") != home:
        return redirect(home)
    return render(request, "referrals/school/sent_confirmation.html", {"sent": sent})


@permission_required(Perm.SUBMIT_SCHOOL_REFERRAL)
@require_GET
def school_sent(request: HttpRequest) -> HttpResponse:
    return _confirmation(request, home="referrals:school_home")


@permission_required(Perm.SUBMIT_ADMISSIONS_REFERRAL)
@require_GET
def admissions_sent(request: HttpRequest) -> HttpResponse:
    return _confirmation(request, home="referrals:admissions_home")
