"""The real DfE school information file for Hertfordshire (data/herts-schools-919-2024-25.csv)."""

from collections import Counter
from datetime import date

import pytest

from cme.areas.models import Postcode
from cme.schools.models import School
from cme.schools.services import DEFAULT_SCHOOLS_FILE, school_import

pytestmark = pytest.mark.django_db


def test_the_real_file_imports_every_hertfordshire_school():
    Postcode.objects.create(postcode="WD23 2TS", district_id="E07000098")

    result = school_import(path=DEFAULT_SCHOOLS_FILE, la_code="919")

    assert (result.file_rows, result.created, result.other_la, result.not_yet_open) == (580, 580, 0, 0)
    assert School.objects.count() == 580
    purcell = School.objects.get(urn=102256)
    assert (purcell.name, purcell.postcode, purcell.district_id) == ("The Purcell School", "WD23 2TS", "E07000098")
    assert (purcell.establishment_type, purcell.phase, purcell.age_low, purcell.age_high) == (
        "Other independent school",
        School.Phase.ALL_THROUGH,
        8,
        19,
    )
    closed = School.objects.get(urn=117145)
    assert (closed.status, closed.close_date) == (School.Status.CLOSED, date(2026, 3, 31))
    assert School.objects.get(urn=152410).status == School.Status.OPEN
    assert Counter(School.objects.values_list("status", flat=True)) == {"open": 567, "closed": 13}
    assert Counter(School.objects.values_list("phase", flat=True)) == {
        "primary": 424,
        "secondary": 85,
        "special": 34,
        "all_through": 33,
        "post16": 4,
    }
