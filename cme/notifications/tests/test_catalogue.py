"""Every email renders from plain values, and links to cme rather than carrying details."""

from __future__ import annotations

import pytest
from django.conf import settings

from cme.notifications.catalogue import TEMPLATES
from cme.notifications.services import notification_render

URL = "https://cme.council.example/cases/2f3a0f55-1f0d-4b54-9f5e-8c9a4a7a2a01/"
ITEM = {"what": "Review the case", "due": "Monday 30 November 2026", "reference": "C-0001", "url": URL}
CONTEXTS: dict[str, dict[str, object]] = {
    "new_referral": {"reference": "R-0001", "team": "children missing education team", "area": "West",
                     "channel": "School", "urgent": True, "url": URL},
    "school_task": {"reference": "R-0001", "task_kind": "record the leaver's destination", "url": URL},
    "referral_acknowledgement": {"reference": "R-0001"},
    "new_account": {"full_name": "Ann Officer", "email": "ann@council.example", "url": URL, "service_name": "cme",
                    "council_name": "Council", "valid_days": 3},
    "password_reset": {"full_name": "Ann Officer", "url": URL, "service_name": "cme", "council_name": "Council",
                       "valid_days": 1},
    "daily_digest": {"day": "Monday 30 November 2026", "summary": "1 overdue",
                     "sections": [{"title": "Overdue", "items": [ITEM]}], "worklist_url": URL, "preferences_url": URL},
    "overdue_urgent": {**ITEM, "about": "case C-0001"},
    "escalation": {**ITEM, "about": "case C-0001", "working_days": 3, "area": "West", "officer": ""},
    "policy_review": {"review_date": "Tuesday 1 September 2026", "overdue": True, "url": URL},
}  # fmt: skip


def test_every_template_has_a_sample_here_and_a_notify_setting():
    assert set(CONTEXTS) == set(TEMPLATES) == set(settings.NOTIFY_TEMPLATE_IDS)


@pytest.mark.parametrize("key", sorted(TEMPLATES))
def test_each_email_renders_and_staff_emails_link_to_cme(key):
    subject, body = notification_render(template=key, context=CONTEXTS[key])

    assert subject
    assert "\n" not in subject
    assert "{{" not in body
    if key != "referral_acknowledgement":  # to a member of the public, who cannot sign in
        assert URL in body


def test_the_escalation_says_who_holds_the_item_and_by_how_much_it_is_late():
    subject, body = notification_render(template="escalation", context=CONTEXTS["escalation"])

    assert subject == "Escalation: overdue by more than 3 working days on case C-0001"
    assert "Held by: nobody yet" in body
    assert "About: Case C-0001" in body
