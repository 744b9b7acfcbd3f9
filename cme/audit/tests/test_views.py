"""The audit pages: who may open them, what they show, and that opening them is audited."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse

from cme.audit.events import AuditAction
from cme.audit.models import AuditEvent
from cme.audit.services import audit_read, audit_record
from cme.audit.tests.html import table_rows
from cme.conftest import PERSONA_ROLES

pytestmark = pytest.mark.django_db

# Written out rather than read from roles.py, so a change to who may see the audit is a visible
# change to this test as well.
MAY_VIEW_ACCESS_LOG = {"cme_manager", "auditor"}
MAY_SEARCH_AUDIT_TRAIL = {"cme_manager", "auditor"}
MORNING = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def _access_log_url(record) -> str:
    return reverse("audit:access_log", args=[record._meta.label_lower, record.pk])


def _count(action: AuditAction) -> int:
    return AuditEvent.objects.filter(action=action).count()


# Who may open the pages


@pytest.mark.parametrize("name", PERSONA_ROLES)
def test_access_log_page_is_for_managers_and_auditors_only(client, persona, name):
    record = persona("school_user")
    client.force_login(persona(name))

    response = client.get(_access_log_url(record))

    if name in MAY_VIEW_ACCESS_LOG:
        assert response.status_code == 200
        assert _count(AuditAction.ACCESS_LOG_VIEWED) == 1
    else:
        assert response.status_code == 403
        assert _count(AuditAction.ACCESS_LOG_VIEWED) == 0


@pytest.mark.parametrize("name", PERSONA_ROLES)
def test_audit_trail_is_for_managers_and_auditors_only(client, persona, name):
    client.force_login(persona(name))

    response = client.get(reverse("audit:trail"), {"action": "login"})

    if name in MAY_SEARCH_AUDIT_TRAIL:
        assert response.status_code == 200
        assert _count(AuditAction.AUDIT_TRAIL_SEARCHED) == 1
    else:
        assert response.status_code == 403
        assert _count(AuditAction.AUDIT_TRAIL_SEARCHED) == 0


def test_the_audit_pages_refuse_to_change_anything(client, auditor):
    client.force_login(auditor)

    assert client.post(reverse("audit:trail")).status_code == 405
    assert client.post(_access_log_url(auditor)).status_code == 405


# Who has looked at this record


def test_access_log_lists_reads_of_a_user_record_by_the_right_people_newest_first(client, persona):
    account = persona("school_user")
    officer, admin, manager = persona("cme_officer_west"), persona("system_admin"), persona("cme_manager")
    reads = [(officer, 0), (admin, 1), (officer, 2)]
    for reader, hour in reads:
        with time_machine.travel(MORNING + timedelta(hours=hour), tick=False):
            audit_read(actor=reader, target=account, action=AuditAction.USER_VIEWED)
    audit_record(actor=admin, action=AuditAction.USER_CHANGED, target=account)  # a change, not a read
    audit_read(actor=manager, target=officer, action=AuditAction.USER_VIEWED)  # another record
    client.force_login(manager)

    response = client.get(_access_log_url(account), HTTP_X_REQUEST_ID="")

    assert response.status_code == 200
    assert [row[:3] for row in table_rows(response.content.decode())] == [
        ["Cme Officer West CME officer", "2 March 2026, 11:00:00", "Looked at a user account"],
        ["System Admin System administrator", "2 March 2026, 10:00:00", "Looked at a user account"],
        ["Cme Officer West CME officer", "2 March 2026, 09:00:00", "Looked at a user account"],
    ]


def test_access_log_names_the_record_by_type_and_id_only(client, persona, cme_manager):
    account = persona("school_user")
    client.force_login(cme_manager)

    page = client.get(_access_log_url(account)).content.decode()

    assert f"User account {account.pk}" in page
    assert "No one has looked at this record." in page
    assert account.full_name not in page


def test_viewing_the_access_log_is_audited_with_the_record_and_request_id(client, persona, auditor):
    account = persona("school_user")
    client.force_login(auditor)

    client.get(_access_log_url(account), HTTP_X_REQUEST_ID="lb-req-000042")

    row = AuditEvent.objects.get(action=AuditAction.ACCESS_LOG_VIEWED)
    assert (row.actor, row.object_type, row.object_id, row.request_id, row.data) == (
        auditor,
        "accounts.user",
        str(account.pk),
        "lb-req-000042",
        {},
    )


def test_viewing_the_access_log_is_not_itself_listed_as_a_read_of_the_record(client, persona, auditor):
    account = persona("school_user")
    client.force_login(auditor)
    client.get(_access_log_url(account))

    response = client.get(_access_log_url(account))

    assert table_rows(response.content.decode()) == []


@pytest.mark.parametrize(
    ("object_type", "object_id"), [("accounts", "1"), ("Accounts.User", "1"), ("accounts.user", "1;drop")]
)
def test_access_log_for_a_malformed_record_reference_is_not_found(client, auditor, object_type, object_id):
    client.force_login(auditor)

    response = client.get(reverse("audit:access_log", args=[object_type, object_id]))

    assert response.status_code == 404
    assert _count(AuditAction.ACCESS_LOG_VIEWED) == 0


def test_access_log_pages_through_many_reads(client, persona, auditor):
    account = persona("school_user")
    for minute in range(51):
        with time_machine.travel(MORNING + timedelta(minutes=minute), tick=False):
            audit_read(actor=auditor, target=account)
    client.force_login(auditor)

    first = client.get(_access_log_url(account))
    older = client.get(_access_log_url(account), {"before": first.context["page"].older_than})

    assert len(table_rows(first.content.decode())) == 50
    assert "Older" in first.content.decode()
    assert [row[1] for row in table_rows(older.content.decode())] == ["2 March 2026, 09:00:00"]


# The audit trail search


def test_trail_shows_each_event_as_a_sentence_with_the_record_named(client, persona, auditor):
    account = persona("school_user")
    with time_machine.travel(MORNING, tick=False):
        audit_record(actor=auditor, action=AuditAction.USER_CHANGED, target=account, data={"fields": ["role"]})
    client.force_login(auditor)

    response = client.get(reverse("audit:trail"), {"action": "user_changed"})

    rows = table_rows(response.content.decode())
    assert len(rows) == 1
    assert rows[0][:4] == [
        "2 Mar 2026, 09:00:00",
        "Auditor Auditor",
        "Changed a user account",
        f"User account {account.pk} Who has looked at user account {account.pk}",
    ]
    assert rows[0][4].startswith("fields: ['role'] Request ")


def test_trail_records_the_filters_used(client, auditor):
    client.force_login(auditor)

    client.get(
        reverse("audit:trail"),
        {
            "occurred_from_0": "2",
            "occurred_from_1": "3",
            "occurred_from_2": "2026",
            "actor_email": "Someone@Council.Example",
            "action": "login",
            "object_type": "accounts.user",
            "object_id": "",
            "request_id": "",
        },
    )

    assert AuditEvent.objects.get(action=AuditAction.AUDIT_TRAIL_SEARCHED).data == {
        "occurred_from": "2026-03-02",
        "actor_email": "someone@council.example",
        "action": "login",
        "object_type": "accounts.user",
    }


def test_trail_filters_the_events_shown(client, persona, auditor):
    officer, manager = persona("cme_officer_west"), persona("cme_manager")
    audit_record(actor=officer, action=AuditAction.LOGIN, target=officer)
    audit_record(actor=manager, action=AuditAction.LOGIN, target=manager)
    client.force_login(auditor)

    response = client.get(reverse("audit:trail"), {"actor_email": officer.email})

    assert [row[1] for row in table_rows(response.content.decode())] == ["Cme Officer West CME officer"]


def test_trail_with_a_to_date_before_the_from_date_shows_an_error_and_searches_nothing(client, auditor):
    client.force_login(auditor)

    response = client.get(
        reverse("audit:trail"),
        {
            **{f"occurred_from_{i}": v for i, v in enumerate(["3", "3", "2026"])},
            **{f"occurred_to_{i}": v for i, v in enumerate(["2", "3", "2026"])},
        },
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "The &#x27;to&#x27; date must be the same as or after the &#x27;from&#x27; date" in page
    assert _count(AuditAction.AUDIT_TRAIL_SEARCHED) == 0


def test_trail_with_an_impossible_date_says_so(client, auditor):
    client.force_login(auditor)

    response = client.get(
        reverse("audit:trail"), {"occurred_from_0": "31", "occurred_from_1": "2", "occurred_from_2": "2026"}
    )

    assert "The &#x27;from&#x27; date must be a real date" in response.content.decode()


def test_trail_pages_keep_the_filters(client, persona, auditor):
    account = persona("school_user")
    for minute in range(51):
        with time_machine.travel(MORNING + timedelta(minutes=minute), tick=False):
            audit_read(actor=auditor, target=account)
    client.force_login(auditor)

    response = client.get(reverse("audit:trail"), {"action": "record_viewed"})

    older_id = response.context["page"].older_than
    assert f'href="?action=record_viewed&amp;before={older_id}"' in response.content.decode()


def test_trail_with_part_of_a_date_missing_says_which_part(client, auditor):
    client.force_login(auditor)

    response = client.get(reverse("audit:trail"), {"occurred_to_0": "1", "occurred_to_1": "", "occurred_to_2": ""})

    page = response.content.decode()
    assert "The &#x27;to&#x27; date must include a month" in page
    assert "The &#x27;to&#x27; date must include a year" in page
    assert _count(AuditAction.AUDIT_TRAIL_SEARCHED) == 0


def test_trail_search_by_record_id_needs_the_type_of_record(client, auditor):
    client.force_login(auditor)

    response = client.get(reverse("audit:trail"), {"object_id": "42"})

    assert "Select the type of record the record id belongs to" in response.content.decode()
    assert _count(AuditAction.AUDIT_TRAIL_SEARCHED) == 0
