from typing import Any

from django.apps import AppConfig
from django.conf import settings
from django.db.backends.signals import connection_created


def _register_sqlite_functions(sender: Any, connection: Any, **kwargs: Any) -> None:
    if connection.vendor != "sqlite":
        return
    connection.connection.create_function(
        "cme_audit_purge_allowed", 0, lambda: 1 if getattr(settings, "CME_AUDIT_ALLOW_PURGE", False) else 0
    )


class AuditConfig(AppConfig):
    name = "cme.audit"
    label = "audit"

    def ready(self) -> None:
        # Infrastructure, not domain behaviour: the append-only trigger asks this function.
        connection_created.connect(_register_sqlite_functions, dispatch_uid="cme_audit_sqlite_functions")
