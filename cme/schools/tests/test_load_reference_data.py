import io
import re
from pathlib import Path

import pytest
from django.core.management import call_command

from cme.areas.models import Postcode
from cme.audit.events import AuditAction
from cme.audit.models import AuditEvent
from cme.schools.management.commands import load_reference_data
from cme.schools.models import School

pytestmark = pytest.mark.django_db

POSTCODES = Path(__file__).parents[2] / "areas" / "tests" / "fixtures" / "postcodes-sample.csv"


@pytest.fixture
def small_files(monkeypatch, dfe_file):
    """Point the command at the small synthetic files instead of the real ones in data/."""
    monkeypatch.setattr(load_reference_data, "DEFAULT_POSTCODES_FILE", POSTCODES)
    monkeypatch.setattr(load_reference_data, "DEFAULT_SCHOOLS_FILE", dfe_file)


def _run(*args: str) -> list[str]:
    out = io.StringIO()
    call_command("load_reference_data", *args, stdout=out)
    return re.sub(r"in [0-9.]+ s", "in N s", out.getvalue()).splitlines()


def _loads() -> list[str]:
    return list(AuditEvent.objects.order_by("id").values_list("action", flat=True))


def test_first_run_loads_postcodes_then_schools(small_files):
    output = _run()

    assert Postcode.objects.count() == 6
    assert School.objects.count() == 6
    assert School.objects.get(urn=800001).district_id == "E07000243"
    assert _loads() == [AuditAction.POSTCODES_LOADED, AuditAction.SCHOOLS_IMPORTED]
    assert output[0].startswith("Postcodes from postcodes-sample.csv: 8 rows read, 6 in our districts")
    assert output[2].startswith("Schools from dfe-school-information.csv (DfE school information), LA 919")


def test_second_run_skips_both_and_writes_nothing(small_files):
    _run()

    output = _run()

    assert output == [
        "Postcode lookup is up to date (6 postcodes).",
        "Schools register is up to date (6 schools).",
        "Reference data checked in N s.",
    ]
    assert _loads() == [AuditAction.POSTCODES_LOADED, AuditAction.SCHOOLS_IMPORTED]


def test_a_postcode_table_that_no_longer_matches_is_reloaded_and_schools_with_it(small_files):
    _run()
    Postcode.objects.filter(postcode="SG1 2AB").delete()

    output = _run()

    assert Postcode.objects.filter(postcode="SG1 2AB").exists()
    assert output[0].startswith("Postcodes from postcodes-sample.csv")
    assert any(line.startswith("Schools from dfe-school-information.csv") for line in output)


def test_force_loads_both_even_when_nothing_changed(small_files):
    _run()

    _run("--force")

    assert _loads() == [AuditAction.POSTCODES_LOADED, AuditAction.SCHOOLS_IMPORTED] * 2


def test_the_real_files_load_and_a_second_run_is_skipped():
    _run()

    second = _run()

    assert (Postcode.objects.count(), School.objects.count()) == (54_390, 580)
    assert School.objects.filter(district__isnull=True).count() == 0
    assert second == [
        "Postcode lookup is up to date (54,390 postcodes).",
        "Schools register is up to date (580 schools).",
        "Reference data checked in N s.",
    ]
