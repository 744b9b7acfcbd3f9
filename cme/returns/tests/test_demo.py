"""The demo data shows the DfE return and a case whose Lost Pupils Database file can be made."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from cme.areas.models import District
from cme.cases.codes import CaseOutcome
from cme.cases.models import Case
from cme.returns.models import CensusDate
from cme.returns.selectors import dfe_return
from cme.returns.services import lost_pupil_file_problem
from cme.schools.models import School
from cme.schools.tests.factories import SchoolFactory

pytestmark = pytest.mark.django_db


def test_the_demo_has_census_dates_and_a_case_for_the_lost_pupils_database():
    SchoolFactory.create(urn=117000, phase=School.Phase.PRIMARY, district=District.objects.get(name="Stevenage"))

    call_command("seed_demo")
    call_command("seed_demo")

    assert sorted(CensusDate.objects.values_list("term", flat=True)) == ["autumn", "spring", "summer"]
    lost = Case.objects.get(outcome=CaseOutcome.NOT_LOCATED_LPD)
    assert lost_pupil_file_problem(lost) is None
    assert Case.objects.filter(cme_reason__isnull=False).count() == 4
    assert all(dfe_return(census=census).total >= 0 for census in CensusDate.objects.all())
