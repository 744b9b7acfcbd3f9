"""UPNField and DateOfBirthField: what a form accepts, what it refuses, and what the user is told."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout
from django import forms
from django.template import Context, Template

from cme.core.fields import CalendarDateField, DateOfBirthField, PastDateField, UPNField

TODAY = date(2026, 3, 10)
NOON_TODAY = datetime(2026, 3, 10, 12, 0, tzinfo=ZoneInfo("Europe/London"))


class ChildForm(forms.Form):
    upn = UPNField()
    date_of_birth = DateOfBirthField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.layout = Layout(Field.text("upn"), Field("date_of_birth"))


class ParentForm(forms.Form):
    upn = UPNField(required=True)
    date_of_birth = DateOfBirthField(earliest=date(1930, 1, 1), required=False)


def _data(upn="", day="", month="", year=""):
    return {"upn": upn, "date_of_birth_0": day, "date_of_birth_1": month, "date_of_birth_2": year}


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(NOON_TODAY, tick=False):
        yield


# UPNField


def test_upn_is_optional_and_cleans_to_the_normalised_form():
    # given a UPN typed in lower case with spaces
    form = ChildForm(_data(upn=" b801 2000 05001 ", day="10", month="5", year="2015"))

    # then it is accepted and stored without spaces, in capitals
    assert form.is_valid(), form.errors
    assert form.cleaned_data["upn"] == "B801200005001"

    blank = ChildForm(_data(upn="", day="10", month="5", year="2015"))
    assert blank.is_valid(), blank.errors
    assert blank.cleaned_data["upn"] == ""


def test_a_temporary_upn_is_accepted():
    form = ChildForm(_data(upn="m80120000500a", day="10", month="5", year="2015"))

    assert form.is_valid(), form.errors
    assert form.cleaned_data["upn"] == "M80120000500A"


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("Q207000016049", "The UPN's check letter is wrong: check it was copied correctly"),
        ("B80120000500", "UPN must be 13 characters"),
        ("1801200005001", "UPN must start with a letter other than I, O or S"),
        ("B80120000A001", "UPN must be a letter followed by 12 numbers, or by 11 numbers and a letter"),
    ],
)
def test_a_wrong_upn_gets_a_specific_message_and_keeps_what_was_typed(typed, message):
    form = ChildForm(_data(upn=typed, day="10", month="5", year="2015"))

    assert form.errors == {"upn": [message]}
    assert f'value="{typed}"' in str(form["upn"])


def test_a_required_upn_must_be_entered():
    assert ParentForm(_data(upn="  ")).errors == {"upn": ["Enter a UPN"]}


def test_the_upn_input_is_not_spellchecked_or_autofilled():
    html = str(ChildForm()["upn"])

    assert 'spellcheck="false"' in html
    assert 'autocomplete="off"' in html


# DateOfBirthField


@pytest.mark.parametrize(
    ("day", "month", "year", "born"),
    [
        ("10", "5", "2015", date(2015, 5, 10)),
        (" 01 ", "05", "2015", date(2015, 5, 1)),
        ("29", "2", "2020", date(2020, 2, 29)),
        ("1", "January", "1990", date(1990, 1, 1)),
        ("9", "mar", "2026", date(2026, 3, 9)),
        ("15", "Sept", "2019", date(2019, 9, 15)),
    ],
)
def test_a_real_date_of_birth_in_the_past_is_accepted(day, month, year, born):
    form = ChildForm(_data(day=day, month=month, year=year))

    assert form.is_valid(), form.errors
    assert form.cleaned_data["date_of_birth"] == born


@pytest.mark.parametrize(
    ("day", "month", "year", "message"),
    [
        ("10", "3", "2026", "Date of birth must be in the past"),  # today
        ("11", "3", "2026", "Date of birth must be in the past"),
        ("1", "1", "2031", "Date of birth must be in the past"),
        ("31", "12", "1989", "Date of birth must be the same as or after 1 January 1990"),
        ("30", "2", "2015", "Date of birth must be a real date"),
        ("29", "2", "2019", "Date of birth must be a real date"),
        ("0", "5", "2015", "Date of birth must be a real date"),
        ("10", "13", "2015", "Date of birth must be a real date"),
        ("10", "Smarch", "2015", "Date of birth must be a real date"),
        ("ten", "5", "2015", "Date of birth must be a real date"),
        ("99999999999999999999", "5", "2015", "Date of birth must be a real date"),
        ("10", "5", "15", "Year must include 4 numbers"),
        ("10", "5", "20155", "Year must include 4 numbers"),
    ],
)
def test_an_impossible_or_implausible_date_of_birth_is_refused(day, month, year, message):
    form = ChildForm(_data(day=day, month=month, year=year))

    assert form.errors == {"date_of_birth": [message]}


def test_each_missing_part_is_named():
    assert ChildForm(_data(month="5")).errors == {
        "date_of_birth": ["Date of birth must include a day", "Date of birth must include a year"]
    }
    assert ChildForm(_data(day="10", year="2015")).errors == {"date_of_birth": ["Date of birth must include a month"]}


def test_a_required_date_of_birth_must_be_entered_and_an_optional_one_may_be_left_out():
    assert ChildForm(_data()).errors == {"date_of_birth": ["Enter the date of birth"]}

    parent = ParentForm(_data(upn="B801200005001"))
    assert parent.is_valid(), parent.errors
    assert parent.cleaned_data["date_of_birth"] is None


def test_the_earliest_date_can_be_set_for_an_adult():
    parent = ParentForm(_data(upn="B801200005001", day="2", month="4", year="1975"))
    assert parent.is_valid(), parent.errors
    assert parent.cleaned_data["date_of_birth"] == date(1975, 4, 2)

    too_early = ParentForm(_data(upn="B801200005001", day="31", month="12", year="1929"))
    assert too_early.errors == {"date_of_birth": ["Date of birth must be the same as or after 1 January 1930"]}


def _render(form):
    return Template("{% load crispy_forms_tags %}{% crispy form %}").render(Context({"form": form}))


def test_only_the_input_in_error_is_highlighted_and_what_was_typed_is_kept():
    # given a two-digit year
    html = _render(ChildForm(_data(day="10", month="5", year="15")))

    # then the year input alone is marked as in error, and the day and month are shown as typed
    assert html.count("govuk-input--error") == 1
    assert (
        'name="date_of_birth_2" value="15" '
        'class="govuk-input govuk-date-input__input govuk-input--width-4 govuk-input--error"' in html
    )
    assert 'name="date_of_birth_0" value="10"' in html
    assert 'name="date_of_birth_1" value="5"' in html
    assert "Year must include 4 numbers" in html


def test_the_date_inputs_ask_for_a_numeric_keyboard():
    html = _render(ChildForm())

    assert html.count('inputmode="numeric"') == 3


def test_a_date_that_is_not_real_highlights_all_three_inputs():
    html = _render(ChildForm(_data(day="30", month="2", year="2015")))

    assert html.count("govuk-input--error") == 3
    assert "Date of birth must be a real date" in html


def test_a_disabled_date_of_birth_keeps_its_initial_value():
    class ReadOnlyForm(forms.Form):
        date_of_birth = DateOfBirthField(disabled=True)

    form = ReadOnlyForm({}, initial={"date_of_birth": date(2015, 5, 10)})

    assert form.is_valid(), form.errors
    assert form.cleaned_data["date_of_birth"] == date(2015, 5, 10)


# PastDateField


class SightingForm(forms.Form):
    date_last_seen = PastDateField(label="Date last seen")
    date_last_attended = PastDateField(label="Date last attended", required=False, earliest=date(2020, 1, 1))


def _sighting(day="", month="", year="", attended=("", "", "")):
    return {
        "date_last_seen_0": day,
        "date_last_seen_1": month,
        "date_last_seen_2": year,
        "date_last_attended_0": attended[0],
        "date_last_attended_1": attended[1],
        "date_last_attended_2": attended[2],
    }


@pytest.mark.parametrize(
    ("day", "month", "year", "seen"),
    [
        ("10", "3", "2026", date(2026, 3, 10)),
        ("9", "Mar", "2026", date(2026, 3, 9)),
        ("1", "1", "1999", date(1999, 1, 1)),
    ],
)
def test_a_past_date_may_be_today_or_earlier(day, month, year, seen):
    form = SightingForm(_sighting(day, month, year))

    assert form.is_valid(), form.errors
    assert form.cleaned_data["date_last_seen"] == seen
    assert form.cleaned_data["date_last_attended"] is None


@pytest.mark.parametrize(
    ("day", "month", "year", "message"),
    [
        ("", "", "", "Enter the date last seen"),
        ("11", "3", "2026", "The date last seen must be today or in the past"),
        ("31", "4", "2025", "The date last seen must be a real date"),
        ("x", "4", "2025", "The date last seen must be a real date"),
        ("1", "4", "25", "Year must include 4 numbers"),
    ],
)
def test_a_past_date_names_itself_in_its_messages(day, month, year, message):
    assert SightingForm(_sighting(day, month, year)).errors == {"date_last_seen": [message]}


def test_a_past_date_names_each_missing_part_and_its_earliest_date():
    form = SightingForm(_sighting("1", "", "", attended=("31", "12", "2019")))

    assert form.errors == {
        "date_last_seen": ["The date last seen must include a month", "The date last seen must include a year"],
        "date_last_attended": ["The date last attended must be the same as or after 1 January 2020"],
    }


# CalendarDateField


class StartForm(forms.Form):
    start_date = CalendarDateField(label="Start date at the new school", earliest=date(2020, 1, 1))


def _start(day="", month="", year=""):
    return {"start_date_0": day, "start_date_1": month, "start_date_2": year}


@pytest.mark.parametrize(
    ("day", "month", "year", "start"),
    [("9", "3", "2026", date(2026, 3, 9)), ("10", "3", "2026", TODAY), ("1", "Sept", "2026", date(2026, 9, 1))],
)
def test_a_calendar_date_may_be_past_today_or_future(day, month, year, start):
    form = StartForm(_start(day, month, year))

    assert form.is_valid(), form.errors
    assert form.cleaned_data["start_date"] == start


@pytest.mark.parametrize(
    ("day", "month", "year", "message"),
    [
        ("", "", "", "Enter the start date at the new school"),
        ("31", "9", "2026", "The start date at the new school must be a real date"),
        ("1", "9", "2019", "The start date at the new school must be the same as or after 1 January 2020"),
    ],
)
def test_a_calendar_date_names_itself_in_its_messages(day, month, year, message):
    assert StartForm(_start(day, month, year)).errors == {"start_date": [message]}
