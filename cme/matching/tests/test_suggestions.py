"""Suggestions and officers' decisions: bands from the policy thresholds, the per-field explanation,
twins never a match, accepting a roll-return pupil notes the case, rejecting needs a reason."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import timezone

from cme.audit.models import AuditEvent
from cme.core.exceptions import ApplicationError
from cme.matching.engine.scorer import Bands
from cme.matching.models import MatchSuggestion
from cme.matching.selectors import contributions_of, matching_bands, matching_suggestions_for_case
from cme.matching.services import match_suggestion_decide
from cme.matching.tests.data import a_case, a_school, pupil_row, suggestions_for, uploaded
from cme.policy.services import policy_version_create

pytestmark = pytest.mark.django_db


def test_the_bands_come_from_the_policy_values(persona):
    assert matching_bands() == Bands(match=0.99, possible=0.8)

    policy_version_create(
        actor=persona("cme_manager"),
        effective_from=timezone.localdate(),
        values={"matching_match_threshold": 95, "matching_possible_threshold": 60},
        reason="Looser thresholds after the benchmark.",
    )

    assert matching_bands() == Bands(match=0.95, possible=0.6)


def test_a_suggestion_explains_each_field_in_words(persona):
    case = a_case(forenames="Ada", surname="Example", date_of_birth=date(2015, 3, 7))
    uploaded(persona("cme_officer_west"), pupil_row(case, forename="Adah", postcode="WD18 0AA"))

    [suggestion] = suggestions_for(case)
    explained = {c.label: (c.words, c.direction) for c in contributions_of(suggestion.contributions)}

    assert explained["Date of birth"] == ("the same", "for")
    assert explained["Surname"] == ("the same", "for")
    assert explained["First name"] == ("very similar spelling", "for")
    assert explained["UPN"][0] == "not known on one record"


def test_twins_on_a_roll_return_are_flagged_and_not_a_match(persona):
    case = a_case(forenames="Ada", surname="Example", date_of_birth=date(2015, 3, 7))
    uploaded(persona("cme_officer_west"), pupil_row(case, forename="Zoe"))

    [suggestion] = suggestions_for(case)
    assert (suggestion.band, suggestion.auto_link_allowed) == ("possible", False)
    assert suggestion.cautions == ["Same date of birth but a different forename: possibly twins or siblings"]


def test_accepting_a_roll_return_pupil_notes_the_case(persona):
    officer = persona("cme_officer_west")
    case = a_case(forenames="Ada", surname="Example", date_of_birth=date(2015, 3, 7))
    school = a_school(urn=117512, name="Synthetic Primary School")
    uploaded(officer, pupil_row(case), school=school)
    [suggestion] = suggestions_for(case)

    match_suggestion_decide(suggestion=suggestion, actor=officer, accept=True, note="Checked with the school.")

    suggestion.refresh_from_db()
    assert (suggestion.status, suggestion.decided_by, suggestion.decision_note) == (
        "accepted",
        officer,
        "Checked with the school.",
    )
    note = case.notes.get()
    assert note.text.startswith("Possibly located: Synthetic Primary School (URN 117512) lists this child on the roll")
    assert note.text.endswith("record where the child was found. Checked with the school.")
    event = AuditEvent.objects.get(action="match_suggestion_accepted")
    assert (event.object_id, event.case_id) == (str(suggestion.pk), str(case.pk))
    assert matching_suggestions_for_case(case) == []


def test_rejecting_needs_a_reason_and_a_decision_is_made_once(persona):
    officer = persona("cme_officer_west")
    case = a_case(forenames="Ada", surname="Example", date_of_birth=date(2015, 3, 7))
    uploaded(officer, pupil_row(case))
    [suggestion] = suggestions_for(case)

    with pytest.raises(ApplicationError) as missing:
        match_suggestion_decide(suggestion=suggestion, actor=officer, accept=False)
    match_suggestion_decide(suggestion=suggestion, actor=officer, accept=False, note="Different parents.")
    with pytest.raises(ApplicationError) as again:
        match_suggestion_decide(suggestion=suggestion, actor=officer, accept=True)

    assert missing.value.message == "Say why this is not the same child"
    assert again.value.message == "This suggestion has already been decided"
    assert MatchSuggestion.objects.get().status == "rejected"
    assert case.notes.count() == 0


def test_a_pending_suggestion_shows_on_the_case(persona):
    case = a_case(forenames="Ada", surname="Example", date_of_birth=date(2015, 3, 7))
    uploaded(persona("cme_officer_west"), pupil_row(case))

    assert [s.case for s in matching_suggestions_for_case(case)] == [case]
