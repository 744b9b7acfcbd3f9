"""The index of matchable people: kept current by the services, blocked in the database, rebuilt by
a command; and the intake duplicate check that reads it."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.management import call_command

from cme.matching.adapters import record_from_referral
from cme.matching.engine.blocking import blocking_keys
from cme.matching.models import MatchableRecord
from cme.matching.selectors import matching_find_open
from cme.matching.tests.data import a_case
from cme.people.models import Child
from cme.referrals.models import Referral
from cme.referrals.selectors import referral_possible_duplicates
from cme.referrals.tests.triage_data import a_referral, decided

pytestmark = pytest.mark.django_db

Source = MatchableRecord.Source


def test_a_referral_is_indexed_with_its_blocking_keys():
    referral = a_referral(
        forenames="Ada", surname="Example", date_of_birth=date(2015, 3, 7), postcode="WD17 1AA", address_line_1=""
    )

    row = MatchableRecord.objects.get(source=Source.REFERRAL, source_id=referral.pk)

    assert (row.referral, row.forenames, row.surname) == (referral, "Ada", "Example")
    assert (row.date_of_birth, row.postcode) == (date(2015, 3, 7), "WD17 1AA")
    stored = dict(row.keys.values_list("name", "value"))
    assert stored == {name: value for name, value in blocking_keys(record_from_referral(referral)).items() if value}
    assert (stored["dob"], stored["dob_swapped"], stored["postcode"]) == ("2015-03-07", "2015-07-03", "WD171AA")


def test_opening_a_case_indexes_its_child():
    case = a_case(forenames="Bea", surname="Sample")

    row = MatchableRecord.objects.get(source=Source.CHILD, source_id=case.child_id)

    assert (row.child, row.forenames, row.surname, row.active) == (case.child, "Bea", "Sample", True)


def test_rebuild_match_index_fills_the_index_for_records_made_before_it(capsys):
    a_case()
    Child.objects.create(forenames="Cal", surname="Older", date_of_birth=date(2014, 1, 2))
    MatchableRecord.objects.all().delete()

    call_command("rebuild_match_index")
    call_command("rebuild_match_index")  # again: nothing is indexed twice

    assert capsys.readouterr().out.splitlines() == ["Indexed 2 children, 1 referrals and 0 pupils"] * 2
    assert sorted(MatchableRecord.objects.values_list("source", flat=True)) == ["child", "child", "referral"]


def test_a_duplicate_check_reads_only_rows_sharing_a_blocking_key(django_assert_num_queries):
    first = a_referral(forenames="Ada", surname="Example", date_of_birth=date(2015, 3, 7), postcode="WD17 1AA")
    for number in range(30):  # children born on other days, elsewhere, with other names
        a_referral(
            forenames=f"Other{number}",
            surname="Unrelated",
            date_of_birth=date(2013, 1, 1 + number % 28),
            postcode="SG1 1AA",
        )
    second = a_referral(forenames="Ada", surname="Example", date_of_birth=date(2015, 3, 7), postcode="WD17 1AA")

    with django_assert_num_queries(3):  # the policy values, the blocking keys, the records
        found = matching_find_open(record=record_from_referral(second), exclude_referral_id=second.pk)

    assert [f.row.referral_id for f in found] == [first.pk]


def test_a_closed_referral_is_not_a_possible_duplicate():
    first = decided(a_referral(forenames="Ada", surname="Example"), Referral.Decision.ALTERNATIVE_PROVISION)
    second = a_referral(forenames="Ada", surname="Example")

    assert first.status == "closed"
    assert referral_possible_duplicates(second) == []


def test_a_referral_about_a_child_on_an_open_case_points_to_the_case():
    case = a_case(forenames="Ada", surname="Example", upn="A123456789012")
    referral = a_referral(forenames="Ada", surname="Example", upn="A123456789012", address_line_1="12 Synthetic Row")

    [duplicate] = referral_possible_duplicates(referral)

    assert (duplicate.kind, duplicate.id, duplicate.reference) == ("case", case.pk, case.reference)
    assert (duplicate.band, duplicate.percent) == ("match", 100)
    assert "UPN: the same" in duplicate.reasons


def test_twins_are_flagged_and_never_a_match():
    a_referral(forenames="Ada", surname="Example", date_of_birth=date(2015, 3, 7), address_line_1="12 Synthetic Row")
    twin = a_referral(
        forenames="Zoe", surname="Example", date_of_birth=date(2015, 3, 7), address_line_1="12 Synthetic Row"
    )

    duplicates = referral_possible_duplicates(twin)

    assert [d.band for d in duplicates] in ([], ["possible"])
    for duplicate in duplicates:
        assert duplicate.cautions == ("Same date of birth but a different forename: possibly twins or siblings",)
