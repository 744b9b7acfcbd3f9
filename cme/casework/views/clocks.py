"""A case's clocks (cme/cases/clocks.py): pause one while waiting on someone else, restart it, and
record a periodic review. The due dates show on the case page ({% case_clocks case %})."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_http_methods

from cme.calendars.models import ClockPause
from cme.calendars.services import case_review_record, clock_pause, clock_resume
from cme.casework.forms_clocks import PauseForm, ResumeForm, ReviewForm
from cme.casework.views.detail import _case_or_404, _case_url, _form_page, _show_error
from cme.core.access import permission_required
from cme.core.exceptions import ApplicationError
from cme.core.permissions import Perm


@permission_required(Perm.WORK_CASES)
@require_http_methods(["GET", "POST"])
def case_clock_pause(request: HttpRequest, case_id: uuid.UUID) -> HttpResponse:
    case = _case_or_404(request, case_id)
    form = PauseForm(request.POST if request.method == "POST" else None, initial={"clock": request.GET.get("clock")})
    if form.is_valid():
        try:
            clock_pause(
                case=case,
                clock=form.cleaned_data["clock"],
                actor=request.user,
                paused_on=form.cleaned_data["paused_on"],
                reason=form.cleaned_data["reason"],
            )
        except ApplicationError as error:
            _show_error(form, error)
        else:
            messages.success(request, "Clock paused")
            return redirect(_case_url(case, "due-dates"))
    return _form_page(
        request,
        case,
        form,
        heading="Pause a clock",
        intro="While a clock is paused its due date is not counted. Restart it when the answer comes: "
        "the paused days are left out of the count.",
    )


@permission_required(Perm.WORK_CASES)
@require_http_methods(["GET", "POST"])
def case_clock_resume(request: HttpRequest, case_id: uuid.UUID, pause_id: uuid.UUID) -> HttpResponse:
    case = _case_or_404(request, case_id)
    pause = ClockPause.objects.filter(case=case, pk=pause_id, resumed_on__isnull=True).first()
    if pause is None:
        raise Http404
    form = ResumeForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            clock_resume(
                pause=pause,
                actor=request.user,
                resumed_on=form.cleaned_data["resumed_on"],
                reason=form.cleaned_data["resume_reason"],
            )
        except ApplicationError as error:
            _show_error(form, error)
        else:
            messages.success(request, "Clock restarted")
            return redirect(_case_url(case, "due-dates"))
    return _form_page(
        request,
        case,
        form,
        heading=f"Restart the clock: {pause.get_clock_display().lower()}",
        intro=f"Paused on {pause.paused_on.day} {pause.paused_on:%B %Y}: {pause.reason}",
    )


@permission_required(Perm.WORK_CASES)
@require_http_methods(["GET", "POST"])
def case_periodic_review(request: HttpRequest, case_id: uuid.UUID) -> HttpResponse:
    case = _case_or_404(request, case_id)
    form = ReviewForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            case_review_record(
                case=case,
                actor=request.user,
                reviewed_on=form.cleaned_data["reviewed_on"],
                summary=form.cleaned_data["summary"],
            )
        except ApplicationError as error:
            _show_error(form, error)
        else:
            messages.success(request, "Review recorded")
            return redirect(_case_url(case, "due-dates"))
    return _form_page(
        request,
        case,
        form,
        heading="Record a review of the case",
        intro="The next review falls due counted from the date of this one.",
    )
