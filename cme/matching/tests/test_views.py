"""The record-matching pages, the case page's "Possibly located" panel and the matches on another
council's request, as CME officers use them."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cme.audit.models import AuditEvent
from cme.enquiries.tests.factories import InboundEnquiryFactory
from cme.matching.models import ChildMerge, MatchRun, MatchSuggestion, RollReturn
from cme.matching.services import child_merge
from cme.matching.tests.data import a_case, a_school, csv_of, pupil_row, suggestions_for, uploaded

pytestmark = pytest.mark.django_db


def a_located_child(officer) -> tuple:
    case = a_case(forenames="Ada", surname="Example", date_of_birth=date(2015, 3, 7))
    school = a_school(urn=117512, name="Synthetic Primary School")
    uploaded(officer, pupil_row(case), school=school)
    [suggestion] = suggestions_for(case)
    return case, suggestion


def test_the_queue_lists_suggestions_and_records_that_it_was_seen(client, persona):
    officer = persona("cme_officer_west")
    case, suggestion = a_located_child(officer)
    client.force_login(officer)

    html = client.get(reverse("matching:queue")).content.decode()

    assert f'href="{reverse("matching:suggestion", args=[suggestion.pk])}">Case {case.reference}' in html
    assert "On the roll return of Synthetic Primary School" in html
    event = AuditEvent.objects.get(action="match_queue_viewed")
    assert event.data == {"status": "pending", "page": 1, "ids": [str(suggestion.pk)]}


def test_an_officer_sees_no_suggestion_about_another_areas_case(client, persona):
    _case, suggestion = a_located_child(persona("cme_officer_west"))
    client.force_login(persona("cme_officer_east"))

    html = client.get(reverse("matching:queue")).content.decode()

    assert "No suggestion is waiting for a decision." in html
    assert client.get(reverse("matching:suggestion", args=[suggestion.pk])).status_code == 404


def test_a_suggestion_shows_why_and_its_reading_is_audited(client, persona):
    officer = persona("cme_officer_west")
    case, suggestion = a_located_child(officer)
    client.force_login(officer)

    html = client.get(reverse("matching:suggestion", args=[suggestion.pk])).content.decode()

    assert "Why it was suggested" in html
    assert '<th scope="row" class="govuk-table__header">Date of birth</th>' in html
    assert "Points to the same child" in html
    assert "Pupil on the roll return of Synthetic Primary School" in html
    event = AuditEvent.objects.get(action="match_suggestion_viewed")
    assert (event.object_id, event.case_id) == (str(suggestion.pk), str(case.pk))


def test_accepting_from_the_page_notes_the_case_and_opens_it(client, persona):
    officer = persona("cme_officer_west")
    case, suggestion = a_located_child(officer)
    client.force_login(officer)

    response = client.post(reverse("matching:suggestion", args=[suggestion.pk]), {"decision": "accept", "note": ""})

    assert response.status_code == 302
    assert response["Location"] == reverse("casework:case", args=[case.pk])
    assert MatchSuggestion.objects.get().status == "accepted"
    assert case.notes.count() == 1


def test_rejecting_without_a_reason_shows_the_error(client, persona):
    officer = persona("cme_officer_west")
    _case, suggestion = a_located_child(officer)
    client.force_login(officer)

    html = client.post(
        reverse("matching:suggestion", args=[suggestion.pk]), {"decision": "reject", "note": ""}
    ).content.decode()

    assert '<a href="#id_note">Say why this is not the same child</a>' in html
    assert MatchSuggestion.objects.get().status == "pending"


def test_uploading_a_return_from_the_page(client, persona, django_capture_on_commit_callbacks):
    officer = persona("cme_officer_west")
    case = a_case(forenames="Ada", surname="Example", date_of_birth=date(2015, 3, 7))
    a_school(urn=117512)
    client.force_login(officer)
    upload = SimpleUploadedFile("new-pupils.csv", csv_of(pupil_row(case)), content_type="text/csv")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("matching:roll_return_new"), {"school": "117512", "kind": "new_pupils", "file": upload}
        )

    roll_return = RollReturn.objects.get()
    assert response["Location"] == reverse("matching:roll_return", args=[roll_return.pk])
    html = client.get(response["Location"]).content.decode()
    assert "Matched: 1 pair compared, 1 suggestion" in html
    assert f"Case {case.reference}</a>: match" in html


def test_a_bad_upload_shows_what_to_correct(client, persona):
    client.force_login(persona("cme_officer_west"))
    a_school(urn=117512)
    upload = SimpleUploadedFile("new-pupils.csv", b"name,born\nAda,2015-03-07\n", content_type="text/csv")

    html = client.post(
        reverse("matching:roll_return_new"), {"school": "117512", "kind": "new_pupils", "file": upload}
    ).content.decode()

    assert "The file must have a header row with the columns forename, surname, dob" in html
    assert RollReturn.objects.count() == 0


def test_starting_a_check_for_children_recorded_twice(client, persona, django_capture_on_commit_callbacks):
    client.force_login(persona("cme_manager"))

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("matching:duplicate_check"))

    assert response["Location"] == reverse("matching:queue")
    assert MatchRun.objects.get().status == "done"


def test_a_merge_is_undone_from_its_page(client, persona):
    manager = persona("cme_manager")
    older = a_case(forenames="Ada", surname="Example", date_of_birth=date(2015, 3, 7))
    newer = a_case(forenames="Ada", surname="Example", date_of_birth=date(2015, 3, 7))
    merged_child = newer.child
    merge = child_merge(actor=manager, kept=older.child, merged=merged_child, reason="Same child.")
    client.force_login(manager)

    html = client.get(reverse("matching:merge", args=[merge.pk])).content.decode()
    response = client.post(reverse("matching:merge", args=[merge.pk]), {"reason": "Not the same child."})

    assert f">{newer.reference}</a>" in html
    assert response.status_code == 302
    newer.refresh_from_db()
    assert newer.child == merged_child
    assert ChildMerge.objects.get().undo_reason == "Not the same child."


def test_the_case_page_shows_possibly_located(client, persona):
    officer = persona("cme_officer_west")
    case, suggestion = a_located_child(officer)
    client.force_login(officer)

    html = client.get(reverse("casework:case", args=[case.pk])).content.decode()

    assert '<h2 class="govuk-heading-m" id="matching">Possibly located</h2>' in html
    assert (
        f'href="{reverse("matching:suggestion", args=[suggestion.pk])}">Synthetic Primary School (URN 117512)' in html
    )


def test_another_councils_request_lists_the_children_we_know(client, persona):
    officer = persona("cme_officer_west")
    case = a_case(forenames="Ada", surname="Example", date_of_birth=date(2015, 3, 7))
    inbound = InboundEnquiryFactory.create(forenames="Ada", surname="Example", date_of_birth=date(2015, 3, 7))
    client.force_login(officer)

    html = client.get(reverse("enquiries:inbound_detail", args=[inbound.pk])).content.decode()

    assert "Children we know who may be this child" in html
    assert f'href="{reverse("casework:case", args=[case.pk])}">Case {case.reference}</a>' in html
