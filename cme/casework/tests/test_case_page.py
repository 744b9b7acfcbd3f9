"""The case page: who may read which case, what it shows, and that each read is audited."""

from __future__ import annotations

import html as html_lib
import uuid
from datetime import date

import pytest
from django.urls import reverse

from cme.audit.models import AuditEvent
from cme.cases.models import Case
from cme.cases.selectors import year_group_label
from cme.conftest import PERSONA_ROLES
from cme.referrals.models import Referral
from cme.referrals.tests.triage_data import a_referral, decided

MAY_VIEW_CASES = {"cme_officer_west", "cme_officer_east", "cme_manager"}


def a_case(*, area: str | None = "west", **details) -> tuple[Case, Referral]:
    referral = decided(a_referral(area=area, **details), Referral.Decision.CME)
    assert referral.case is not None
    return referral.case, referral


def case_reads(case: Case) -> int:
    return AuditEvent.objects.filter(action="case_viewed", object_id=str(case.pk)).count()


@pytest.mark.parametrize("persona_name", sorted(PERSONA_ROLES))
def test_only_the_cme_team_may_read_an_unallocated_case(client, persona, persona_name):
    case, _referral = a_case(area=None)
    client.force_login(persona(persona_name))

    response = client.get(reverse("casework:case", args=[case.pk]))

    if persona_name in MAY_VIEW_CASES:
        assert (response.status_code, case_reads(case)) == (200, 1)
    else:
        assert (response.status_code, case_reads(case)) == (403, 0)


def test_a_cme_officer_sees_the_cases_of_their_area_only(client, persona):
    west, _ = a_case(area="west")
    east, _ = a_case(area="east", forenames="Esme")
    client.force_login(persona("cme_officer_west"))

    assert client.get(reverse("casework:case", args=[west.pk])).status_code == 200
    assert client.get(reverse("casework:case", args=[east.pk])).status_code == 404
    assert case_reads(east) == 0


def test_the_manager_sees_cases_of_both_areas(client, persona):
    client.force_login(persona("cme_manager"))

    for area in ("west", "east"):
        case, _ = a_case(area=area)
        assert client.get(reverse("casework:case", args=[case.pk])).status_code == 200


def test_an_unknown_case_is_not_found(client, persona):
    client.force_login(persona("cme_manager"))

    assert client.get(reverse("casework:case", args=[uuid.uuid4()])).status_code == 404


def test_the_case_page_shows_the_case_the_child_and_the_referral_it_came_from(client, persona):
    case, referral = a_case(
        date_of_birth=date(2014, 5, 15),
        upn="A123456789012",
        address_line_1="1 Synthetic Road",
        town="Watford",
        date_last_attended=date(2025, 3, 14),
    )
    client.force_login(persona("cme_officer_west"))

    html = html_lib.unescape(client.get(reverse("casework:case", args=[case.pk])).content.decode())
    text = " ".join(html.split())

    assert f'<span class="govuk-caption-l">Case {case.reference}</span>' in html
    assert '<h1 class="govuk-heading-l">Ada Example</h1>' in html
    assert 'Missing education from</dt> <dd class="govuk-summary-list__value">14 March 2025</dd>' in text
    assert 'Area</dt> <dd class="govuk-summary-list__value">West</dd>' in text
    assert "From 31 August 2019 to 28 June 2030" in text
    assert 'UPN</dt> <dd class="govuk-summary-list__value">A123456789012</dd>' in text
    assert "1 Synthetic Road<br> Watford<br> WD17 1AA" in text
    assert (
        f'<a class="govuk-link" href="{reverse("referrals:detail", args=[referral.pk])}">{referral.reference}</a>'
        in html
    )


def test_reading_a_case_is_recorded_against_the_case(client, persona):
    officer = persona("cme_officer_west")
    case, _ = a_case()
    client.force_login(officer)

    client.get(reverse("casework:case", args=[case.pk]))

    [event] = AuditEvent.objects.filter(action="case_viewed")
    assert (event.actor, event.object_type, event.object_id, event.case_id) == (
        officer,
        "cases.case",
        str(case.pk),
        str(case.pk),
    )


@pytest.mark.parametrize(
    ("year", "label"),
    [
        (-2, "Below nursery age"),
        (-1, "Nursery (the year before Reception)"),
        (0, "Reception"),
        (1, "Year 1"),
        (11, "Year 11"),
        (13, "Year 13"),
        (14, "Older than Year 13"),
    ],
)
def test_year_groups_are_named_as_schools_name_them(year, label):
    assert year_group_label(year) == label
