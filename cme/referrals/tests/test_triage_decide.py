"""Every triage route of docs/referrals.md through the decision form: what each decision does, the
guards that refuse it, and the audit row each leaves."""

from __future__ import annotations

import html as html_lib
from datetime import UTC, date, datetime, timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from cme.audit.models import AuditEvent
from cme.cases.models import Case
from cme.conftest import PERSONA_ROLES
from cme.organisations.models import Mailbox
from cme.organisations.tests.factories import MailboxFactory
from cme.referrals.models import Referral
from cme.referrals.tests.triage_data import a_referral, below_school_age, decided

Decision = Referral.Decision
MAY_TRIAGE = {"cme_officer_west", "cme_officer_east", "cme_manager"}


def decide(client, referral: Referral, **answers: str):
    answers.setdefault("reason", "Checked with the school and the family.")
    return client.post(reverse("referrals:decide", args=[referral.pk]), answers)


def error_summary(response) -> str:
    html = html_lib.unescape(response.content.decode())
    assert 'class="govuk-error-summary"' in html, "no error summary on the page"
    summary = html[html.index('class="govuk-error-summary"') :]
    return " ".join(summary[: summary.index("</ul>")].split())


def triage_events(referral: Referral) -> list[dict]:
    return [e.data for e in AuditEvent.objects.filter(action="referral_triaged", object_id=str(referral.pk))]


@pytest.fixture
def officer(client, persona):
    user = persona("cme_officer_west")
    client.force_login(user)
    return user


@pytest.mark.parametrize("persona_name", sorted(PERSONA_ROLES))
def test_only_the_cme_team_may_decide(client, persona, persona_name):
    referral = a_referral(area=None)
    client.force_login(persona(persona_name))

    response = decide(client, referral, decision=Decision.ALTERNATIVE_PROVISION)

    referral.refresh_from_db()
    if persona_name in MAY_TRIAGE:
        assert response.status_code == 302
        assert referral.decision == Decision.ALTERNATIVE_PROVISION
    else:
        assert response.status_code == 403
        assert (referral.status, referral.decision, triage_events(referral)) == (Referral.Status.OPEN, "", [])


def test_the_decision_url_takes_only_posts(client, officer):
    referral = a_referral()

    assert client.get(reverse("referrals:decide", args=[referral.pk])).status_code == 405


def test_a_west_officer_cannot_decide_an_east_referral(client, officer):
    east = a_referral(area="east")

    response = decide(client, east, decision=Decision.ALTERNATIVE_PROVISION)

    east.refresh_from_db()
    assert response.status_code == 404
    assert east.status == Referral.Status.OPEN


def test_missing_education_opens_a_case_and_shows_it(client, officer):
    last_attended = timezone.localdate() - timedelta(days=30)
    referral = a_referral(urgent=True, urgent_reason="Threat of harm", date_last_attended=last_attended)

    response = decide(client, referral, decision=Decision.CME, reason="Not on any roll; no other education.")

    referral.refresh_from_db()
    case = Case.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("casework:case", args=[case.pk])
    assert (referral.status, referral.decision, referral.case, referral.decided_by) == (
        Referral.Status.CLOSED,
        Decision.CME,
        case,
        officer,
    )
    assert referral.decision_reason == "Not on any roll; no other education."
    assert (case.cme_from, case.area_id, case.urgent) == (last_attended, "west", True)
    assert (case.child.forenames, case.child.surname) == ("Ada", "Example")
    assert triage_events(referral) == [{"decision": "cme", "case": str(case.pk), "team": "cme"}]
    assert AuditEvent.objects.filter(action="case_opened", object_id=str(case.pk)).count() == 1
    banner = html_lib.unescape(client.get(response["Location"]).content.decode())
    assert f"Case {case.reference} opened from referral {referral.reference}" in banner


def test_a_case_is_refused_for_a_child_not_of_compulsory_school_age_with_the_dates(client, officer):
    referral = a_referral(date_of_birth=date(2022, 1, 15))

    response = decide(client, referral, decision=Decision.CME)

    referral.refresh_from_db()
    assert response.status_code == 200
    assert error_summary(response).endswith(
        "The child is not of compulsory school age today: from 31 March 2027 to 25 June 2038</a></li>"
    )
    assert (referral.status, Case.objects.count(), triage_events(referral)) == (Referral.Status.OPEN, 0, [])


def test_on_a_roll_sends_the_referral_to_the_attendance_team_of_the_area_and_emails_it_after_commit(
    client, officer, django_capture_on_commit_callbacks
):
    MailboxFactory.create(key=Mailbox.Key.ATTENDANCE_WEST, email="attendance-west@council.example")
    MailboxFactory.create(key=Mailbox.Key.ATTENDANCE_EAST, email="attendance-east@council.example")
    referral = a_referral(area="west")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = decide(client, referral, decision=Decision.ON_ROLL, reason="On roll at the school; absent.")
        assert mail.outbox == []  # nothing is sent before the decision commits

    referral.refresh_from_db()
    assert response.status_code == 302
    assert response["Location"] == reverse("referrals:detail", args=[referral.pk])
    assert (referral.team, referral.status, referral.area_id) == (
        Referral.Team.ATTENDANCE,
        Referral.Status.OPEN,
        "west",
    )
    assert len(callbacks) == 1
    [message] = mail.outbox
    assert message.to == ["attendance-west@council.example"]
    assert referral.reference in message.subject
    assert "Ada" not in f"{message.subject} {message.body}"
    assert triage_events(referral) == [{"decision": "on_roll", "case": "", "team": "attendance"}]


def test_home_education_sends_the_referral_to_the_ehe_team(client, officer):
    referral = a_referral()

    response = decide(client, referral, decision=Decision.EHE, ehe_previously_unsuitable="no")

    referral.refresh_from_db()
    assert response.status_code == 302
    assert (referral.team, referral.status, referral.ehe_previously_unsuitable) == (
        Referral.Team.EHE,
        Referral.Status.OPEN,
        False,
    )
    assert triage_events(referral) == [{"decision": "ehe", "case": "", "team": "ehe"}]


def test_home_education_is_refused_when_it_was_previously_assessed_unsuitable(client, officer):
    referral = a_referral()

    response = decide(client, referral, decision=Decision.EHE, ehe_previously_unsuitable="yes")

    referral.refresh_from_db()
    assert response.status_code == 200
    assert (
        "This child's home education was previously assessed as unsuitable, so the child remains missing "
        "education until it is assessed as suitable (policy 5.5): open a case instead"
    ) in error_summary(response)
    assert (referral.team, referral.status, referral.ehe_previously_unsuitable) == (Referral.Team.CME, "open", None)
    assert triage_events(referral) == []


def test_home_education_needs_the_previous_assessment_answered(client, officer):
    referral = a_referral()

    response = decide(client, referral, decision=Decision.EHE)

    assert (
        '<a href="#id_ehe_previously_unsuitable">Say whether this child\'s home education was previously '
        "assessed as unsuitable</a>"
    ) in error_summary(response)
    assert 'id="id_ehe_previously_unsuitable"' in response.content.decode()


def test_alternative_provision_closes_the_referral(client, officer):
    referral = a_referral()

    decide(client, referral, decision=Decision.ALTERNATIVE_PROVISION)

    referral.refresh_from_db()
    assert (referral.status, referral.decision, referral.team) == ("closed", "alternative_provision", "cme")
    assert triage_events(referral) == [{"decision": "alternative_provision", "case": "", "team": "cme"}]


def test_not_of_compulsory_school_age_closes_the_referral_of_a_young_child(client, officer):
    referral = a_referral(date_of_birth=below_school_age())

    response = decide(client, referral, decision=Decision.NOT_CSA)

    referral.refresh_from_db()
    assert response.status_code == 302
    assert (referral.status, referral.decision) == ("closed", "not_csa")
    assert triage_events(referral) == [{"decision": "not_csa", "case": "", "team": "cme"}]


def test_not_of_compulsory_school_age_is_refused_for_a_child_who_is_with_the_dates(client, officer):
    referral = a_referral(date_of_birth=date(2014, 5, 15))

    response = decide(client, referral, decision=Decision.NOT_CSA)

    referral.refresh_from_db()
    assert "The child is of compulsory school age today (from 31 August 2019 to 28 June 2030)" in error_summary(
        response
    )
    assert (referral.status, triage_events(referral)) == ("open", [])


def test_another_council_closes_the_referral_recording_which_and_when(client, officer):
    referral = a_referral()
    sent = timezone.localdate() - timedelta(days=2)

    response = decide(
        client,
        referral,
        decision=Decision.OTHER_COUNCIL,
        forwarded_to="Synthetic County Council",
        forwarded_on_0=str(sent.day),
        forwarded_on_1=str(sent.month),
        forwarded_on_2=str(sent.year),
    )

    referral.refresh_from_db()
    assert (referral.status, referral.forwarded_to, referral.forwarded_on) == (
        "closed",
        "Synthetic County Council",
        sent,
    )
    assert triage_events(referral) == [{"decision": "other_council", "case": "", "team": "cme"}]
    follow = html_lib.unescape(client.get(response["Location"]).content.decode())
    assert f"Referral {referral.reference} closed: forwarded to Synthetic County Council" in follow


def test_another_council_needs_the_council_and_the_date(client, officer):
    referral = a_referral()

    response = decide(client, referral, decision=Decision.OTHER_COUNCIL)

    assert "Enter the council the referral was sent to" in error_summary(response)
    referral.refresh_from_db()
    assert referral.status == "open"


def test_a_duplicate_is_linked_to_the_referral_it_duplicates(client, officer):
    first = a_referral(upn="A123456789012")
    second = a_referral(upn="A123456789012")

    response = decide(client, second, decision=Decision.DUPLICATE, duplicate_of=f"referral:{first.pk}")

    second.refresh_from_db()
    assert response.status_code == 302
    assert (second.status, second.duplicate_of, second.case) == ("closed", first, None)
    assert triage_events(second) == [{"decision": "duplicate", "case": "", "team": "cme"}]


def test_a_duplicate_of_an_open_case_is_linked_to_that_case(client, officer):
    first = decided(a_referral(upn="A123456789012"), Decision.CME)
    second = a_referral(upn="A123456789012")
    assert first.case is not None

    decide(client, second, decision=Decision.DUPLICATE, duplicate_of=f"case:{first.case.pk}")

    second.refresh_from_db()
    assert (second.status, second.case, second.duplicate_of) == ("closed", first.case, None)
    assert triage_events(second) == [{"decision": "duplicate", "case": str(first.case.pk), "team": "cme"}]


def test_a_duplicate_must_be_one_of_those_listed(client, officer):
    first = a_referral(upn="A123456789012")
    second = a_referral(upn="A123456789012")
    unrelated = a_referral(forenames="Zed", surname="Other", date_of_birth=date(2012, 1, 1))

    response = decide(client, second, decision=Decision.DUPLICATE, duplicate_of=f"referral:{unrelated.pk}")

    assert "Select the referral or case this duplicates from the list" in error_summary(response)
    second.refresh_from_db()
    assert (second.status, second.duplicate_of) == ("open", None)
    assert first.pk != unrelated.pk


def test_a_decision_needs_a_reason_and_a_choice(client, officer):
    referral = a_referral()

    response = client.post(reverse("referrals:decide", args=[referral.pk]), {})

    summary = error_summary(response)
    assert '<a href="#id_decision">Select your decision</a>' in summary
    assert '<a href="#id_reason">Enter the reason for your decision</a>' in summary
    assert response.content.decode().count('id="id_decision"') == 1
    assert "<title>Error: Referral" in response.content.decode()


def test_what_was_typed_is_kept_when_the_decision_is_refused(client, officer):
    referral = a_referral()

    response = decide(client, referral, decision=Decision.OTHER_COUNCIL, reason="Moved to another county.")

    html = response.content.decode()
    assert 'value="other_council" checked' in html
    assert "Moved to another county.</textarea>" in html


def test_a_decided_referral_cannot_be_decided_again(client, officer):
    referral = a_referral()
    decide(client, referral, decision=Decision.ALTERNATIVE_PROVISION)

    response = decide(client, referral, decision=Decision.NOT_CSA)

    referral.refresh_from_db()
    assert response.status_code == 302
    assert referral.decision == Decision.ALTERNATIVE_PROVISION
    assert len(triage_events(referral)) == 1
    page = html_lib.unescape(client.get(response["Location"]).content.decode())
    assert "This referral has already been dealt with" in page


def test_the_manager_may_decide_a_referral_of_either_area(client, persona):
    client.force_login(persona("cme_manager"))
    east = a_referral(area="east")

    decide(client, east, decision=Decision.ALTERNATIVE_PROVISION)

    east.refresh_from_db()
    assert east.status == "closed"


def test_without_dates_last_attended_or_seen_the_case_counts_from_the_local_day_the_referral_came(client, officer):
    # 23:30 UTC on 31 May is 00:30 on 1 June in London (British Summer Time).
    referral = a_referral(received=datetime(2026, 5, 31, 23, 30, tzinfo=UTC))

    decide(client, referral, decision=Decision.CME)

    assert Case.objects.get().cme_from == date(2026, 6, 1)
