import pytest

from cme.areas.models import Postcode
from cme.areas.selectors import district_for_postcode, districts_for_postcodes
from cme.areas.services import postcode_is_valid, postcode_normalise
from cme.core.exceptions import ApplicationError


@pytest.mark.parametrize(
    ("raw", "normal"),
    [
        ("al11aa", "AL1 1AA"),
        (" sg1  2ab ", "SG1 2AB"),
        ("AL100AA", "AL10 0AA"),
        ("wd17 1aa", "WD17 1AA"),
        ("EC1A1BB", "EC1A 1BB"),
        ("w1a0ax", "W1A 0AX"),
        ("M11AE", "M1 1AE"),
        ("sg1\t2ab", "SG1 2AB"),
    ],
)
def test_postcode_is_written_in_capitals_with_one_space_before_the_inward_code(raw, normal):
    assert postcode_normalise(raw) == normal


@pytest.mark.parametrize("raw", ["", "   ", "AL1", "12345", "AL1 1CA", "QA1 1AA", "AL1 1AAA", "AL1-1AA", "SG1 2A"])
def test_something_that_is_not_a_postcode_is_refused_with_an_example(raw):
    with pytest.raises(ApplicationError) as refused:
        postcode_normalise(raw)

    assert refused.value.message == "Enter a real postcode, like AL1 2AB"
    assert refused.value.field == "postcode"
    assert postcode_is_valid(raw) is False


@pytest.mark.django_db
def test_district_is_found_for_a_postcode_typed_any_way(django_assert_num_queries):
    Postcode.objects.create(postcode="SG1 2AB", district_id="E07000243")

    with django_assert_num_queries(1):
        district = district_for_postcode("sg12ab")

    assert district is not None
    assert (district.name, district.area.name) == ("Stevenage", "East")


@pytest.mark.django_db
def test_no_district_for_a_postcode_outside_the_lookup_or_not_a_postcode():
    Postcode.objects.create(postcode="SG1 2AB", district_id="E07000243")

    assert district_for_postcode("EC1A 1BB") is None
    assert district_for_postcode("not a postcode") is None


@pytest.mark.django_db
def test_districts_for_many_postcodes_keys_them_by_normal_form():
    Postcode.objects.create(postcode="SG1 2AB", district_id="E07000243")
    Postcode.objects.create(postcode="WD17 1AA", district_id="E07000103")

    found = districts_for_postcodes(["sg12ab", "WD17 1AA", "EC1A 1BB", "rubbish"])

    assert {postcode: district.name for postcode, district in found.items()} == {
        "SG1 2AB": "Stevenage",
        "WD17 1AA": "Watford",
    }
