"""Load the primary reasons for CME. The CME manager edits them from the DfE return page when the
collection guide changes them (docs/dfe-return.md)."""

from django.db import migrations

REASONS = (
    ("MOVED_IN_AWAITING_PLACE", "Moved into the area and awaiting a school place"),
    ("OFFERED_NOT_STARTED", "Offered a school place but not yet started"),
    ("NEVER_STARTED", "Never started school, or did not take up a place at phase transfer"),
    ("REMOVED_WHEREABOUTS_UNKNOWN", "Removed from a school roll and whereabouts unknown"),
    ("EHE_UNSUITABLE", "Home education assessed as unsuitable"),
    ("WITHDRAWN_NOT_EDUCATED", "Withdrawn by the parent, with no suitable education in place"),
    ("EXCLUDED_NO_PROVISION", "Permanently excluded, with no provision in place"),
    ("HEALTH_NO_PROVISION", "Health needs, with no suitable provision in place"),
    ("SEND_AWAITING_PLACEMENT", "Awaiting a placement named in an education, health and care plan"),
    ("RETURNED_FROM_ABROAD", "Returned from abroad and not yet on a school roll"),
    ("OTHER", "Another reason"),
)


def load(apps, schema_editor):
    CmeReason = apps.get_model("returns", "CmeReason")
    for position, (code, label) in enumerate(REASONS, start=1):
        CmeReason.objects.get_or_create(code=code, defaults={"label": label, "position": position * 10})


def unload(apps, schema_editor):
    apps.get_model("returns", "CmeReason").objects.filter(code__in=[code for code, _ in REASONS]).delete()


class Migration(migrations.Migration):
    dependencies = [("returns", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
