"""Settings for the test suite."""

from config.settings.base import *  # noqa: F403
from config.settings.base import DATABASES, STORAGES

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# The live server serves static files through the finders, so hashed names would 404.
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
AXES_ENABLED = True

# Django empties tables between browser tests with DELETE on SQLite; only here may the
# append-only audit trigger let it (see cme/audit/migrations/0002_append_only_triggers.py).
CME_AUDIT_ALLOW_PURGE = True
# The same for PostgreSQL, whose flush uses TRUNCATE (migration audit 0004 refuses it otherwise).
if DATABASES["default"]["ENGINE"].startswith("django.db.backends.postgresql"):
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c cme.audit_allow_purge=on"
