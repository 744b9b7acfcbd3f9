"""The dashboard's demo cases: made once, in both areas, with high-risk cases among them."""

from __future__ import annotations

from django.db.models import Count

from cme.cases.models import Case
from cme.reporting.demo import seed_reporting_demo


def test_the_demo_cases_are_made_once_across_both_areas(persona):
    officers = {"west": persona("cme_officer_west"), "east": persona("cme_officer_east")}

    first = seed_reporting_demo(officers=officers)
    second = seed_reporting_demo(officers=officers)

    assert (first, second) == (8, 0)
    assert dict(Case.objects.values_list("area").annotate(n=Count("pk"))) == {
        "west": 3,
        "east": 5,
    }
    assert Case.objects.filter(risk_level="high").count() == 3
