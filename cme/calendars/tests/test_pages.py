"""The term dates pages (frozen time)."""

from __future__ import annotations

import html as html_lib
from datetime import date

import pytest
import time_machine
from django.urls import reverse
from django.utils.html import strip_tags

from cme.calendars.defaults import DEFAULT_TERM_DATES
from cme.calendars.models import HALF_TERMS, TermDates
from cme.calendars.services import term_dates_seed_defaults

pytestmark = pytest.mark.django_db


def text_of(response) -> str:
    return " ".join(html_lib.unescape(strip_tags(response.content.decode())).split())


def form_data(year: int) -> dict[str, str]:
    data = {}
    for (prefix, _), (first, last) in zip(HALF_TERMS, DEFAULT_TERM_DATES[year], strict=True):
        for suffix, day in (("first", first), ("last", last)):
            data.update(
                {
                    f"{prefix}_{suffix}_0": str(day.day),
                    f"{prefix}_{suffix}_1": str(day.month),
                    f"{prefix}_{suffix}_2": str(day.year),
                }
            )
    return data


@time_machine.travel("2026-11-27 10:00", tick=False)
def test_the_term_dates_page_warns_of_a_missing_year(client, persona):
    client.force_login(persona("cme_officer_west"))
    page = text_of(client.get(reverse("calendars:term_dates")))
    assert "No term dates for 2026 to 2027 or 2027 to 2028" in page
    term_dates_seed_defaults()
    page = text_of(client.get(reverse("calendars:term_dates")))
    assert "No term dates for" not in page
    assert "Autumn term, first half Thursday 3 September 2026 Friday 23 October 2026" in page
    assert "Add the term dates" not in page


@time_machine.travel("2026-11-27 10:00", tick=False)
def test_the_manager_adds_and_corrects_a_year(client, persona):
    client.force_login(persona("cme_manager"))
    assert "Add the term dates for 2026 to 2027" in text_of(client.get(reverse("calendars:term_dates")))
    response = client.post(reverse("calendars:term_dates_edit", args=[2026]), form_data(2026))
    assert response.status_code == 302
    assert TermDates.objects.get().summer_2_last == date(2027, 7, 21)
    data = form_data(2026)
    data["autumn_2_first_0"] = "20"
    data["autumn_2_first_1"] = "10"
    response = client.post(reverse("calendars:term_dates_edit", args=[2026]), data)
    page = text_of(response)
    assert "There is a problem" in page
    assert "Autumn term, second half: the first day must be after the end of the half-term before" in page


@pytest.mark.parametrize("name", ["cme_officer_west", "auditor"])
def test_only_the_manager_may_change_term_dates(client, persona, name):
    client.force_login(persona(name))
    assert client.post(reverse("calendars:term_dates_edit", args=[2026]), form_data(2026)).status_code == 403
    assert TermDates.objects.count() == 0
