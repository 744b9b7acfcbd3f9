"""The schools register: search and one school's details."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from cme.core.access import permission_required
from cme.core.permissions import Perm
from cme.schools.forms import SchoolSearchForm
from cme.schools.selectors import school_get, school_search

SCHOOLS_PER_PAGE = 50


@permission_required(Perm.VIEW_SCHOOLS)
@require_GET
def school_list(request: HttpRequest) -> HttpResponse:
    form = SchoolSearchForm(request.GET or None)
    criteria = form.criteria() if form.is_bound else {}
    schools = school_search(**criteria) if not form.errors else school_search().none()
    paginator = Paginator(schools, SCHOOLS_PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "schools/school_list.html",
        {
            "form": form,
            "page_obj": page,
            "page_range": list(paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1)),
            "searched": any(criteria.values()),
        },
    )


@permission_required(Perm.VIEW_SCHOOLS)
@require_GET
def school_detail(request: HttpRequest, urn: int) -> HttpResponse:
    school = school_get(urn=urn)
    if school is None:
        raise Http404("No school has this URN.")
    return render(request, "schools/school_detail.html", {"school": school})
