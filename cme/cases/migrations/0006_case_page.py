"""Case.immediate_referral_due (policy 6.7), set for existing cases that already need the referral."""

from django.db import migrations, models


def mark_cases_needing_an_immediate_referral(apps, schema_editor):
    Case = apps.get_model("cases", "Case")
    SafeguardingReferral = apps.get_model("cases", "SafeguardingReferral")
    referred = SafeguardingReferral.objects.filter(made_to__in=["mash", "social_care"]).values("case_id")
    Case.objects.filter(significant_concerns=True, whereabouts_known=False).exclude(pk__in=referred).update(
        immediate_referral_due=True
    )


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0005_outcomes"),
    ]

    operations = [
        migrations.AddField(
            model_name="case",
            name="immediate_referral_due",
            field=models.BooleanField(default=False),
        ),
        migrations.RunPython(mark_cases_needing_an_immediate_referral, migrations.RunPython.noop),
    ]
