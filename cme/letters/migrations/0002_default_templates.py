"""Version 1 of every letter template: the default wording of templates_registry."""

from django.db import migrations


def add_defaults(apps, schema_editor):
    from cme.letters.templates_registry import LETTER_KINDS

    LetterTemplate = apps.get_model("letters", "LetterTemplate")
    for kind in LETTER_KINDS.values():
        if not LetterTemplate.objects.filter(kind=kind.key).exists():
            LetterTemplate.objects.create(
                kind=kind.key, version=1, body=kind.default_body, change_note="The default wording"
            )


class Migration(migrations.Migration):
    dependencies = [("letters", "0001_initial")]

    operations = [migrations.RunPython(add_defaults, migrations.RunPython.noop)]
