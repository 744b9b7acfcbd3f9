"""Hertfordshire's two CME areas and ten districts (ONS 2025 local authority district codes).

West: Watford, Three Rivers, St Albans, Dacorum, Hertsmere.
East: East Herts, Broxbourne, Stevenage, North Herts, Welwyn Hatfield.
"""

from django.db import migrations

AREAS = [("west", "West"), ("east", "East")]
DISTRICTS = [
    ("E07000103", "Watford", "west"),
    ("E07000102", "Three Rivers", "west"),
    ("E07000240", "St Albans", "west"),
    ("E07000096", "Dacorum", "west"),
    ("E07000098", "Hertsmere", "west"),
    ("E07000242", "East Hertfordshire", "east"),
    ("E07000095", "Broxbourne", "east"),
    ("E07000243", "Stevenage", "east"),
    ("E07000099", "North Hertfordshire", "east"),
    ("E07000241", "Welwyn Hatfield", "east"),
]


def load(apps, schema_editor):
    Area = apps.get_model("areas", "Area")
    District = apps.get_model("areas", "District")
    for code, name in AREAS:
        Area.objects.update_or_create(code=code, defaults={"name": name})
    for ons_code, name, area in DISTRICTS:
        District.objects.update_or_create(ons_code=ons_code, defaults={"name": name, "area_id": area})


class Migration(migrations.Migration):
    dependencies = [("areas", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
