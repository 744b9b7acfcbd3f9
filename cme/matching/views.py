"""Record-matching pages: the review queue, a suggestion with why it was made, uploading a school's
roll return, starting a check for children recorded twice, and a merge with its undo.

Suggestions name children, so the queue and each suggestion are recorded in the audit trail when seen."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cme.audit.events import AuditAction
from cme.audit.services import audit_read, audit_record
from cme.cases.selectors import case_visible_to
from cme.core.access import permission_required
from cme.core.exceptions import ApplicationError
from cme.core.permissions import Perm
from cme.matching import selectors
from cme.matching.forms import MergeUndoForm, RollReturnUploadForm, SuggestionDecisionForm
from cme.matching.models import MatchableRecord, MatchRun, MatchSuggestion
from cme.matching.services import (
    child_merge_undo,
    match_run_child_duplicates_start,
    match_suggestion_decide,
    roll_return_upload,
)

SUGGESTIONS_PER_PAGE = 50
_TABS = [
    (MatchSuggestion.Status.PENDING, "Waiting for a decision"),
    (MatchSuggestion.Status.ACCEPTED, "Accepted"),
    (MatchSuggestion.Status.REJECTED, "Rejected"),
]


def _visible(request: HttpRequest) -> Any:
    """Suggestions about cases the user may read (a CME officer: their area and unallocated cases)."""
    return case_visible_to(user=request.user).values("pk")


@permission_required(Perm.REVIEW_MATCHES)
@require_GET
def queue(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", MatchSuggestion.Status.PENDING)
    if status not in dict(_TABS):
        status = MatchSuggestion.Status.PENDING
    suggestions = selectors.matching_suggestion_queue(status=status).filter(case__in=_visible(request))
    page = Paginator(suggestions, SUGGESTIONS_PER_PAGE).get_page(request.GET.get("page"))
    audit_record(
        actor=request.user,
        action=AuditAction.MATCH_QUEUE_VIEWED,
        data={"status": status, "page": page.number, "ids": [str(s.pk) for s in page.object_list]},
    )
    return render(
        request,
        "matching/queue.html",
        {
            "page": page,
            "status": status,
            "tabs": _TABS,
            "roll_returns": selectors.roll_returns_recent(limit=10),
            "duplicate_runs": selectors.match_runs_recent(kind=MatchRun.Kind.CHILD_DUPLICATES, limit=3),
            "can_upload": request.user.has_perm(Perm.UPLOAD_ROLL_RETURNS),
        },
    )


@permission_required(Perm.REVIEW_MATCHES)
@require_http_methods(["GET", "POST"])
def suggestion(request: HttpRequest, suggestion_id: uuid.UUID) -> HttpResponse:
    found = selectors.matching_suggestion_get(suggestion_id=suggestion_id)
    if found is None or not case_visible_to(user=request.user).filter(pk=found.case_id).exists():
        raise Http404
    merges = found.subject.source == MatchableRecord.Source.CHILD
    form: SuggestionDecisionForm | None = None
    if found.status == MatchSuggestion.Status.PENDING:
        form = SuggestionDecisionForm(request.POST if request.method == "POST" else None, merges=merges)
    if request.method == "POST":
        if form is None:
            messages.error(request, "This suggestion has already been decided")
            return redirect("matching:suggestion", suggestion_id=found.pk)
        if form.is_valid():
            try:
                match_suggestion_decide(
                    suggestion=found, actor=request.user, accept=form.accept, note=form.cleaned_data["note"]
                )
            except ApplicationError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
            else:
                if form.accept and merges:
                    messages.success(request, "The two records were merged. You can undo the merge from the case page.")
                elif form.accept:
                    messages.success(
                        request,
                        f"Accepted: a note was added to case {found.case.reference}. Confirm with the school, then "
                        "record where the child was found.",
                    )
                    return redirect("casework:case", case_id=found.case_id)
                else:
                    messages.success(request, "Rejected: not the same child")
                return redirect("matching:queue")
    else:
        audit_read(
            actor=request.user, target=found, action=AuditAction.MATCH_SUGGESTION_VIEWED, case_id=str(found.case_id)
        )
    contributions = selectors.contributions_of(found.contributions)
    return render(
        request,
        "matching/suggestion.html",
        {
            "suggestion": found,
            "subject": found.subject,
            "candidate": found.candidate,
            "child": found.case.child,
            "contributions": contributions,
            "percent": round(found.probability * 100),
            "merges": merges,
            "form": form,
        },
    )


@permission_required(Perm.UPLOAD_ROLL_RETURNS)
@require_http_methods(["GET", "POST"])
def roll_return_new(request: HttpRequest) -> HttpResponse:
    form = RollReturnUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            roll_return = roll_return_upload(
                actor=request.user,
                school=form.cleaned_data["school"],
                kind=form.cleaned_data["kind"],
                file_name=upload.name or "",
                content=upload.read(),
            )
        except ApplicationError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(
                request,
                f"Return from {roll_return.school.name} uploaded: {roll_return.pupil_count} pupils are being matched "
                "against open cases",
            )
            return redirect("matching:roll_return", roll_return_id=roll_return.pk)
    return render(
        request,
        "matching/roll_return_new.html",
        {
            "form": form,
            "page_heading": "Upload a school's roll return",
            "page_intro": "Schools send new-pupil returns within 5 school days of admitting a pupil (regulation 13). "
            "cme matches every pupil on the return against the children on open cases and suggests cases "
            "whose child may be on the school's roll.",
        },
    )


@permission_required(Perm.UPLOAD_ROLL_RETURNS)
@require_GET
def roll_return(request: HttpRequest, roll_return_id: uuid.UUID) -> HttpResponse:
    found = selectors.roll_return_get(roll_return_id=roll_return_id)
    if found is None:
        raise Http404
    run = getattr(found, "match_run", None)
    suggestions = []
    if run is not None and request.user.has_perm(Perm.REVIEW_MATCHES):
        suggestions = list(run.suggestions.filter(case__in=_visible(request)).select_related("case"))
    return render(request, "matching/roll_return.html", {"roll_return": found, "run": run, "suggestions": suggestions})


@permission_required(Perm.REVIEW_MATCHES)
@require_POST
def duplicate_check(request: HttpRequest) -> HttpResponse:
    try:
        match_run_child_duplicates_start(actor=request.user)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "Checking the children on open cases for anyone recorded twice")
    return redirect("matching:queue")


@permission_required(Perm.REVIEW_MATCHES)
@require_http_methods(["GET", "POST"])
def merge(request: HttpRequest, merge_id: uuid.UUID) -> HttpResponse:
    found = selectors.child_merge_get(merge_id=merge_id)
    if found is None:
        raise Http404
    visible = case_visible_to(user=request.user)
    if not visible.filter(child_id__in=[found.kept_id, found.merged_id]).exists():
        raise Http404
    form = MergeUndoForm(request.POST or None) if found.undone_on is None else None
    if request.method == "POST":
        if form is None:
            messages.error(request, "This merge has already been undone")
            return redirect("matching:merge", merge_id=found.pk)
        if form.is_valid():
            try:
                child_merge_undo(actor=request.user, merge=found, reason=form.cleaned_data["reason"])
            except ApplicationError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
            else:
                messages.success(request, "The merge was undone: the cases it moved are back on the other record")
                return redirect("matching:merge", merge_id=found.pk)
    cases = list(visible.filter(pk__in=found.moved_case_ids))
    return render(request, "matching/merge.html", {"merge": found, "form": form, "cases": cases})
