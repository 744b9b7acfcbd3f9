"""An issued document is kept as issued, in the database itself: triggers refuse any UPDATE that
changes its bytes, fingerprint, kind, template version, values, case, issuer or time of issue.
(The method and date of service may still be recorded later; deleting follows the case's retention.)"""

from django.db import migrations

KEPT = ("pdf", "sha256", "size", "kind", "title", "template_id", "template_version", "context", "issued_on",
        "issued_by_id", "case_id")  # fmt: skip
MESSAGE = "an issued document is kept as issued: its content cannot be changed"

PG_FORWARD = f"""
CREATE OR REPLACE FUNCTION letters_issueddocument_kept_as_issued() RETURNS trigger AS $$
BEGIN
    IF {" OR ".join(f"NEW.{c} IS DISTINCT FROM OLD.{c}" for c in KEPT)} THEN
        RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER letters_issueddocument_no_change BEFORE UPDATE ON letters_issueddocument
    FOR EACH ROW EXECUTE FUNCTION letters_issueddocument_kept_as_issued();
"""
PG_REVERSE = """
DROP TRIGGER IF EXISTS letters_issueddocument_no_change ON letters_issueddocument;
DROP FUNCTION IF EXISTS letters_issueddocument_kept_as_issued();
"""
SQLITE_FORWARD = f"""CREATE TRIGGER letters_issueddocument_no_change BEFORE UPDATE ON letters_issueddocument
    WHEN {" OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in KEPT)}
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;"""
SQLITE_REVERSE = "DROP TRIGGER IF EXISTS letters_issueddocument_no_change;"


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_FORWARD, params=None)
    elif vendor == "sqlite":
        schema_editor.execute(SQLITE_FORWARD, params=None)
    else:
        raise NotImplementedError(f"No kept-as-issued trigger written for {vendor}.")


def reverse(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    schema_editor.execute(PG_REVERSE if vendor == "postgresql" else SQLITE_REVERSE, params=None)


class Migration(migrations.Migration):
    dependencies = [("letters", "0002_default_templates")]
    operations = [migrations.RunPython(forward, reverse, elidable=False)]
