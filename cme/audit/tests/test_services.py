"""audit_record and audit_read: written inside the action's own transaction, identifiers only."""

from __future__ import annotations

import json

import pytest
from django.db import transaction
from django.urls import reverse

from cme.audit.events import AuditAction
from cme.audit.models import AuditEvent
from cme.audit.services import audit_read, audit_record
from cme.core.exceptions import ApplicationError

PASSWORD = "correct horse battery staple"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_audit_record_outside_a_transaction_raises_and_writes_nothing():
    with pytest.raises(RuntimeError, match="must run inside the transaction"):
        audit_record(actor=None, action=AuditAction.SCHOOLS_IMPORTED)

    assert AuditEvent.objects.count() == 0


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_action_that_fails_after_recording_takes_its_audit_row_with_it():
    def change_something_then_fail() -> None:
        with transaction.atomic():
            audit_record(actor=None, action=AuditAction.SCHOOLS_IMPORTED, data={"rows": 3})
            raise ApplicationError("The file has no schools in it")

    with pytest.raises(ApplicationError):
        change_something_then_fail()

    assert AuditEvent.objects.count() == 0


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_action_that_succeeds_commits_its_audit_row():
    with transaction.atomic():
        audit_record(actor=None, action=AuditAction.SCHOOLS_IMPORTED, data={"rows": 3})

    assert list(AuditEvent.objects.values_list("action", "data")) == [("schools_imported", {"rows": 3})]


def test_audit_read_records_who_read_which_record(persona):
    reader, account = persona("cme_manager"), persona("school_user")

    event = audit_read(actor=reader, target=account, action=AuditAction.USER_VIEWED)

    stored = AuditEvent.objects.get(pk=event.pk)
    assert (stored.actor, stored.action, stored.object_type, stored.object_id, stored.data) == (
        reader,
        "user_viewed",
        "accounts.user",
        str(account.pk),
        {},
    )


def test_audit_read_defaults_to_record_viewed_and_keeps_the_case(persona):
    reader, account = persona("cme_manager"), persona("school_user")

    event = audit_read(actor=reader, target=account, case_id="CME-0001")

    assert (event.action, event.case_id) == ("record_viewed", "CME-0001")


def test_audit_read_refuses_an_action_that_is_not_a_read(persona):
    reader, account = persona("cme_manager"), persona("school_user")

    with pytest.raises(ValueError, match="not a read action"):
        audit_read(actor=reader, target=account, action=AuditAction.USER_CHANGED)

    assert AuditEvent.objects.count() == 0


def test_sign_in_row_has_the_request_id_and_no_data_but_identifiers(client, cme_officer):
    client.post(
        reverse("accounts:login"),
        {"username": cme_officer.email, "password": PASSWORD},
        HTTP_X_REQUEST_ID="proxy-req-0001",
    )

    row = AuditEvent.objects.get(action=AuditAction.LOGIN)
    assert (row.actor, row.object_type, row.object_id, row.request_id, row.data) == (
        cme_officer,
        "accounts.user",
        str(cme_officer.pk),
        "proxy-req-0001",
        {},
    )


def test_failed_sign_in_row_keeps_the_email_typed_and_never_the_password(client, cme_officer):
    client.post(
        reverse("accounts:login"),
        {"username": cme_officer.email, "password": "not-the-password-123"},
        HTTP_X_REQUEST_ID="proxy-req-0002",
    )

    row = AuditEvent.objects.get(action=AuditAction.LOGIN_FAILED)
    assert (row.actor, row.request_id, row.data["email"]) == (None, "proxy-req-0002", cme_officer.email)
    # Identifiers and codes only: the address typed and whether it is now locked out.
    assert set(row.data) <= {"email", "locked_out"}
    assert "not-the-password-123" not in json.dumps(row.data)


def test_request_id_is_generated_when_the_proxy_sends_none(client, cme_officer):
    response = client.post(reverse("accounts:login"), {"username": cme_officer.email, "password": PASSWORD})

    assert AuditEvent.objects.get(action=AuditAction.LOGIN).request_id == response["X-Request-ID"]
