"""Reads of the schools register."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from cme.schools.models import School


def school_search(*, query: str = "", status: str = "", phase: str = "", district: str = "") -> QuerySet[School]:
    """Schools matching every criterion given (blank means any), by name.

    ``query`` matches a URN exactly, or part of a name, town or postcode (spaces in a postcode optional).
    """
    schools = School.objects.select_related("district").order_by("name", "urn")
    query = " ".join(query.split())
    if query:
        if query.isdigit():
            match = Q(urn=int(query)) | Q(name__icontains=query)
        else:
            match = Q(name__icontains=query) | Q(town__icontains=query) | Q(postcode__icontains=query)
            compact = query.replace(" ", "")
            if 5 <= len(compact) <= 7 and compact.isalnum():
                # "al11aa" finds "AL1 1AA": the stored postcode has one space before the last three characters.
                match |= Q(postcode__iexact=f"{compact[:-3]} {compact[-3:]}")
        schools = schools.filter(match)
    if status:
        schools = schools.filter(status=status)
    if phase:
        schools = schools.filter(phase=phase)
    if district:
        schools = schools.filter(district_id=district)
    return schools


def school_get(*, urn: int) -> School | None:
    return School.objects.select_related("district__area").filter(urn=urn).first()


def school_count(*, la_code: str | None = None) -> int:
    schools = School.objects.all()
    if la_code is not None:
        schools = schools.filter(la_code=la_code)
    return schools.count()
