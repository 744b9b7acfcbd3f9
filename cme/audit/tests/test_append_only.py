"""The database itself refuses to change or remove an audit row, whichever way the change is tried:
through the ORM or with raw SQL, on SQLite and on PostgreSQL (run the suite with DATABASE_URL)."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.db import DatabaseError, connection, transaction

from cme.audit.events import AuditAction
from cme.audit.models import AuditEvent
from cme.audit.services import audit_record

pytestmark = pytest.mark.django_db

on_sqlite_only = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="the test-only purge switch exists on SQLite alone"
)


@pytest.fixture
def event() -> AuditEvent:
    return audit_record(actor=None, action=AuditAction.LOGIN_FAILED, data={"email": "someone@council.example"})


@pytest.fixture
def purge_forbidden(settings):
    # As in every environment but the test suite: SQLite's DELETE trigger then refuses too.
    settings.CME_AUDIT_ALLOW_PURGE = False


def _stored(event: AuditEvent) -> tuple[str, dict]:
    return AuditEvent.objects.values_list("action", "data").get(pk=event.pk)


def test_saving_a_changed_event_is_refused(event):
    event.action = AuditAction.LOGIN

    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        event.save()

    assert _stored(event) == ("login_failed", {"email": "someone@council.example"})


def test_updating_events_through_a_queryset_is_refused(event):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(data={})

    assert _stored(event) == ("login_failed", {"email": "someone@council.example"})


def test_updating_an_event_with_raw_sql_is_refused(event):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditevent SET action = %s, data = %s WHERE id = %s", ["logout", "{}", event.pk])

    assert _stored(event) == ("login_failed", {"email": "someone@council.example"})


def test_deleting_an_event_is_refused(event, purge_forbidden):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        event.delete()

    assert AuditEvent.objects.filter(pk=event.pk).count() == 1


def test_deleting_events_through_a_queryset_is_refused(event, purge_forbidden):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent.objects.all().delete()

    assert AuditEvent.objects.filter(pk=event.pk).count() == 1


def test_deleting_an_event_with_raw_sql_is_refused(event, purge_forbidden):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE id = %s", [event.pk])

    assert AuditEvent.objects.filter(pk=event.pk).count() == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL has no purge switch at all")
def test_postgresql_refuses_delete_even_with_the_test_purge_switch_on(event, settings):
    settings.CME_AUDIT_ALLOW_PURGE = True

    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE id = %s", [event.pk])

    assert AuditEvent.objects.filter(pk=event.pk).count() == 1


@on_sqlite_only
def test_sqlite_lets_only_the_test_suite_delete_so_it_can_empty_tables_between_tests(event, settings):
    # config/settings/test.py alone sets CME_AUDIT_ALLOW_PURGE; production and local settings do not.
    settings.CME_AUDIT_ALLOW_PURGE = True

    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE id = %s", [event.pk])

    assert AuditEvent.objects.filter(pk=event.pk).count() == 0


@on_sqlite_only
def test_sqlite_still_refuses_update_with_the_test_purge_switch_on(event, settings):
    settings.CME_AUDIT_ALLOW_PURGE = True

    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(action="logout")

    assert _stored(event) == ("login_failed", {"email": "someone@council.example"})


def test_only_the_test_settings_turn_the_purge_switch_on(settings):
    settings_dir = Path(settings.BASE_DIR) / "config" / "settings"

    turned_on = sorted(p.name for p in settings_dir.glob("*.py") if "CME_AUDIT_ALLOW_PURGE" in p.read_text())

    assert turned_on == ["test.py"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="TRUNCATE triggers are PostgreSQL's")
def test_truncating_the_audit_table_is_refused_on_postgresql(event):
    with connection.cursor() as cursor:
        # Fire the deferred foreign-key checks of the row just written (TRUNCATE refuses to run before them),
        # and turn the purge switch off, as on any connection outside the test suite.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("SET LOCAL cme.audit_allow_purge = 'off'")
        with pytest.raises(DatabaseError, match="TRUNCATE is not allowed"), transaction.atomic():
            cursor.execute("TRUNCATE audit_auditevent")

    assert AuditEvent.objects.filter(pk=event.pk).exists()
