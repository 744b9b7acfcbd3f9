"""Term dates: everyone who reads the policy values sees them; the CME manager records them."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from cme.calendars.days import academic_year_of
from cme.calendars.forms import TermDatesForm
from cme.calendars.models import HALF_TERMS
from cme.calendars.selectors import term_dates_for, term_dates_list
from cme.calendars.services import term_dates_save
from cme.core.access import permission_required
from cme.core.exceptions import ApplicationError
from cme.core.permissions import Perm

_EARLIEST_YEAR = 2020
_LATEST_YEAR = 2040


@permission_required(Perm.VIEW_POLICY)
@require_GET
def term_dates(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    years = list(term_dates_list())
    recorded = {year.academic_year for year in years}
    this_year = academic_year_of(today)
    missing = [year for year in (this_year, this_year + 1) if year not in recorded]
    return render(
        request,
        "calendars/term_dates.html",
        {
            "years": years,
            "missing": [f"{year} to {year + 1}" for year in missing],
            "next_year": max(recorded | {this_year - 1}) + 1,
            "may_change": request.user.has_perm(Perm.MANAGE_POLICY),
        },
    )


@permission_required(Perm.MANAGE_POLICY)
@require_http_methods(["GET", "POST"])
def term_dates_edit(request: HttpRequest, year: int) -> HttpResponse:
    if not _EARLIEST_YEAR <= year <= _LATEST_YEAR:
        raise Http404
    existing = term_dates_for(year)
    initial = {}
    if existing is not None:
        for prefix, _ in HALF_TERMS:
            initial[f"{prefix}_first"] = getattr(existing, f"{prefix}_first")
            initial[f"{prefix}_last"] = getattr(existing, f"{prefix}_last")
    form = TermDatesForm(request.POST if request.method == "POST" else None, initial=initial)
    if form.is_valid():
        try:
            term_dates_save(actor=request.user, academic_year=year, half_terms=form.half_terms())
        except ApplicationError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, f"Term dates for {year} to {year + 1} saved")
            return redirect("calendars:term_dates")
    return render(
        request,
        "calendars/form_page.html",
        {
            "form": form,
            "page_caption": "Term dates",
            "page_heading": f"{'Change' if existing else 'Add'} the term dates for {year} to {year + 1}",
            "page_intro": "School days are the working days from the first to the last day of each half-term. "
            "Enter the dates for the council's maintained schools; bank holidays are left out on their own.",
        },
    )
