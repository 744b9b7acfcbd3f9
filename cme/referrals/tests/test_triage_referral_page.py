"""The referral page: everything the referrer gave, the child's compulsory school age, possible
duplicates, and the forms each team may use; every read recorded in the audit trail."""

from __future__ import annotations

import html as html_lib
import uuid
from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from cme.audit.models import AuditEvent
from cme.conftest import PERSONA_ROLES
from cme.core.school_age import academic_year_of
from cme.referrals.models import Referral, ReferralPerson
from cme.referrals.services import AttemptDetails, PersonDetails, ReferralDetails, referral_submit
from cme.referrals.tests.triage_data import OUTSIDE_POSTCODE, a_referral, decided, load_postcodes, staff_recorder
from cme.schools.tests.factories import SchoolFactory

MAY_VIEW_REFERRALS = {
    "cme_officer_west",
    "cme_officer_east",
    "cme_manager",
    "attendance_officer_west",
    "attendance_officer_east",
    "ehe_officer",
}


def page_of(client, referral: Referral) -> str:
    response = client.get(reverse("referrals:detail", args=[referral.pk]))
    assert response.status_code == 200
    return html_lib.unescape(response.content.decode())


def _row(html: str, key: str) -> str:
    """The value of the summary list row whose key is ``key`` (whitespace collapsed)."""
    start = html.index(f'<dt class="govuk-summary-list__key">{key}</dt>')
    value = html[start:].split('<dd class="govuk-summary-list__value">', 1)[1].split("</dd>", 1)[0]
    return " ".join(value.split())


@pytest.mark.parametrize("persona_name", sorted(PERSONA_ROLES))
def test_who_may_read_an_unallocated_referral(client, persona, persona_name):
    referral = a_referral(area=None)
    client.force_login(persona(persona_name))

    response = client.get(reverse("referrals:detail", args=[referral.pk]))

    reads = AuditEvent.objects.filter(action="referral_viewed", object_id=str(referral.pk)).count()
    if persona_name in {"cme_officer_west", "cme_officer_east", "cme_manager"}:
        assert (response.status_code, reads) == (200, 1)
    elif persona_name in MAY_VIEW_REFERRALS:
        # May read referrals, but this one is with the CME team, not theirs.
        assert (response.status_code, reads) == (404, 0)
    else:
        assert (response.status_code, reads) == (403, 0)


def test_a_west_officer_cannot_see_an_east_referral(client, persona):
    east = a_referral(area="east")
    client.force_login(persona("cme_officer_west"))

    response = client.get(reverse("referrals:detail", args=[east.pk]))

    assert response.status_code == 404
    assert not AuditEvent.objects.filter(action="referral_viewed").exists()


def test_the_manager_sees_referrals_of_both_areas(client, persona):
    client.force_login(persona("cme_manager"))

    for area in ("west", "east"):
        referral = a_referral(area=area)
        assert client.get(reverse("referrals:detail", args=[referral.pk])).status_code == 200


def test_an_unknown_referral_is_not_found(client, persona):
    client.force_login(persona("cme_manager"))

    assert client.get(reverse("referrals:detail", args=[uuid.uuid4()])).status_code == 404


def test_reading_a_referral_is_recorded_as_a_read_of_that_referral(client, persona):
    officer = persona("cme_officer_west")
    referral = a_referral()
    client.force_login(officer)

    page_of(client, referral)

    [event] = AuditEvent.objects.filter(action="referral_viewed")
    assert (event.actor, event.object_type, event.object_id) == (officer, "referrals.referral", str(referral.pk))


def test_the_page_shows_the_compulsory_school_age_span_and_year_group(client, persona):
    # Born on 1 September, 13 school years before this one: Year 8 this school year.
    born = date(academic_year_of(timezone.localdate()) - 13, 9, 1)
    referral = a_referral(date_of_birth=date(2014, 5, 15))
    year_8 = a_referral(date_of_birth=born, forenames="Yara")
    client.force_login(persona("cme_officer_west"))

    html = page_of(client, referral)

    assert _row(html, "Compulsory school age") == "From 31 August 2019 to 28 June 2030"
    assert _row(page_of(client, year_8), "National curriculum year group") == "Year 8"
    assert _row(page_of(client, year_8), "Of compulsory school age today") == "Yes"


def test_a_child_below_school_age_is_shown_as_not_of_compulsory_school_age(client, persona):
    referral = a_referral(date_of_birth=date(timezone.localdate().year - 3, 1, 15))
    client.force_login(persona("cme_officer_west"))

    html = page_of(client, referral)

    assert _row(html, "Of compulsory school age today") == "No"
    start_year = timezone.localdate().year - 3 + 5
    assert _row(html, "Compulsory school age").startswith(f"From 31 March {start_year} to ")


def test_the_page_shows_everything_the_referrer_gave(client, persona):
    load_postcodes()
    school = SchoolFactory.create(name="Synthetic Park Primary School", urn=987001)
    result = referral_submit(
        channel=Referral.Channel.STAFF,
        details=ReferralDetails(
            forenames="Ada",
            surname="Example",
            other_names="Ada Sample",
            date_of_birth=date(2014, 5, 15),
            upn="A123456789012",
            address_line_1="1 Synthetic Road",
            town="Watford",
            postcode="WD17 1AA",
            last_school=school,
            date_last_attended=date(2025, 3, 14),
            risk_factors=["temporary_accommodation"],
            concern="The family left their flat in March.",
            referrer_name="A Neighbour",
            referrer_relationship="Neighbour",
            referrer_phone="01234 567890",
        ),
        submission_key=uuid.uuid4(),
        submitted_by=staff_recorder(),
        people=[PersonDetails(kind="carer", name="Parent Example", relationship="Mother", phone="07000 000000")],
        attempts=[AttemptDetails(method="phone", attempted_on=date(2025, 3, 20), outcome="No answer")],
        source=Referral.Source.PHONE,
        source_detail="Call to the team line",
    )
    client.force_login(persona("cme_officer_west"))

    html = page_of(client, result.referral)

    assert _row(html, "Other or previous names") == "Ada Sample"
    assert _row(html, "Date of birth") == "15 May 2014"
    assert _row(html, "District") == "Watford"
    assert _row(html, "Area") == "West"
    assert "Synthetic Park Primary School</a> (URN 987001)" in _row(html, "Last school")
    assert _row(html, "Last attended school") == "14 March 2025"
    assert _row(html, "In the referrer's words") == "The family left their flat in March."
    assert "Homeless, or in temporary, shared or bed and breakfast accommodation" in _row(html, "Risk factors")
    assert "Parent or carer: Parent Example" in html
    assert _row(html, "Relationship to the child") == "Mother"
    assert "No answer" in html
    assert _row(html, "How it came") == "Received by the CME team: phone call (Call to the team line)"
    assert _row(html, "Referred by").startswith("A Neighbour (Neighbour)")


def test_a_postcode_outside_the_county_is_warned_about(client, persona):
    referral = a_referral(area=None, postcode=OUTSIDE_POSTCODE)
    client.force_login(persona("cme_officer_west"))

    html = page_of(client, referral)

    assert f"The postcode {OUTSIDE_POSTCODE} is outside the council's area." in html
    assert _row(html, "Area") == "Not allocated to an area"


def test_possible_duplicates_are_listed_with_why_and_a_link(client, persona):
    first = a_referral(upn="A123456789012", forenames="Ada", surname="Example")
    second = a_referral(upn="A123456789012", forenames="Ada", surname="Example")
    a_referral(forenames="Zed", surname="Other", date_of_birth=date(2012, 1, 1))
    client.force_login(persona("cme_officer_west"))

    html = page_of(client, second)

    duplicates = html[html.index("Possible duplicates") : html.index('id="decision"')]
    assert f'href="{reverse("referrals:detail", args=[first.pk])}">Referral {first.reference}</a>' in duplicates
    # The record matcher says why, strongest evidence first.
    assert "UPN: the same; Postcode: the same; Date of birth: the same; Surname: the same; First name: the same" in (
        duplicates
    )
    assert "Match</strong>\n                  100%" in duplicates
    assert "Zed" not in duplicates


def test_a_cme_officer_gets_the_decision_form_on_an_open_cme_referral(client, persona):
    referral = a_referral()
    client.force_login(persona("cme_officer_west"))

    html = page_of(client, referral)

    assert f'action="{reverse("referrals:decide", args=[referral.pk])}"' in html
    for label in (
        "Missing education: open a case",
        "On a school roll but not attending: send to the attendance duty team",
        "Elective home education: send to the elective home education team",
        "In alternative provision: close the referral",
        "Not of compulsory school age: close the referral",
        "Lives in another council's area: record where it was forwarded",
    ):
        assert label in html
    assert "Was this child's home education previously assessed as unsuitable?" in html
    assert "Which council was the referral sent to?" in html
    # No possible duplicates, so nothing to link it to.
    assert "Duplicate of an open referral or case" not in html


def test_no_decision_form_once_the_referral_is_decided(client, persona):
    referral = decided(a_referral(), Referral.Decision.ALTERNATIVE_PROVISION, reason="At the pupil referral unit.")
    client.force_login(persona("cme_officer_west"))

    html = page_of(client, referral)

    assert reverse("referrals:decide", args=[referral.pk]) not in html
    assert _row(html, "Decision") == "In alternative provision: closed"
    assert _row(html, "Reason") == "At the pupil referral unit."


def test_the_attendance_team_gets_mark_as_dealt_with_but_no_decision_form(client, persona):
    referral = decided(a_referral(), Referral.Decision.ON_ROLL)
    client.force_login(persona("attendance_officer_west"))

    html = page_of(client, referral)

    assert f'action="{reverse("referrals:dealt_with", args=[referral.pk])}"' in html
    assert reverse("referrals:decide", args=[referral.pk]) not in html


def test_managers_get_a_link_to_who_has_looked_at_the_referral(client, persona):
    referral = a_referral()
    access_log = reverse("audit:access_log", kwargs={"object_type": "referrals.referral", "object_id": referral.pk})

    client.force_login(persona("cme_manager"))
    assert access_log in page_of(client, referral)

    client.force_login(persona("cme_officer_west"))
    assert access_log not in page_of(client, referral)


def test_a_restricted_case_hides_the_addresses_its_referral_gave(client, persona):
    referral = a_referral(address_line_1="12 Synthetic Row")
    ReferralPerson.objects.create(referral=referral, kind="carer", name="Parent Example", address="4 Hidden Lane")
    referral = decided(referral, "cme")
    case = referral.case
    assert case is not None
    case.restricted = True
    case.restriction_reason = "Family fleeing domestic violence."
    case.save(update_fields=["restricted", "restriction_reason"])
    client.force_login(persona("cme_officer_west"))

    html = page_of(client, referral)

    assert "12 Synthetic Row" not in html
    assert "4 Hidden Lane" not in html
    case_page = reverse("casework:case", args=[case.pk])
    assert _row(html, "Last known address") == (
        f"Hidden because case {case.reference} is restricted. "
        f'<a class="govuk-link" href="{case_page}">Give a reason on the case page</a> to see it.'
    )


def test_an_unrestricted_case_shows_the_referral_address(client, persona):
    referral = decided(a_referral(address_line_1="12 Synthetic Row"), "cme")
    client.force_login(persona("cme_officer_west"))

    assert _row(page_of(client, referral), "Last known address").startswith("12 Synthetic Row")
