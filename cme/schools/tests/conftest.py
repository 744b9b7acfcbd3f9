from pathlib import Path

import pytest

from cme.areas.models import Postcode

FIXTURES = Path(__file__).parent / "fixtures"

# The postcodes of the synthetic fixture schools that are in our districts (LU1 1AA and EC1A 1BB are not).
FIXTURE_POSTCODES = {
    "SG1 2AB": "E07000243",
    "SG1 2AD": "E07000243",
    "WD17 1AA": "E07000103",
    "AL1 3JE": "E07000240",
    "EN8 9XH": "E07000095",
    "AL10 0AA": "E07000241",
}


@pytest.fixture
def fixture_postcodes(db):
    Postcode.objects.bulk_create(Postcode(postcode=p, district_id=d) for p, d in FIXTURE_POSTCODES.items())


@pytest.fixture
def dfe_file() -> Path:
    return FIXTURES / "dfe-school-information.csv"


@pytest.fixture
def gias_file() -> Path:
    return FIXTURES / "gias-edubasealldata.csv"
