"""The demo shows notifications: users' email choices, and messages in the log once the jobs have run."""

import pytest
import time_machine
from django.core.management import call_command

from cme.accounts.models import User
from cme.notifications.models import Message, Preference

pytestmark = pytest.mark.django_db


@pytest.fixture
def stevenage_primary():
    from cme.areas.models import District
    from cme.schools.models import School
    from cme.schools.tests.factories import SchoolFactory

    return SchoolFactory(urn=117000, phase=School.Phase.PRIMARY, district=District.objects.get(name="Stevenage"))


@time_machine.travel("2026-11-27 09:00", tick=False)
def test_the_demo_records_preferences_and_messages_and_sends_nothing_twice(
    stevenage_primary, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo")
    messages = Message.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo")

    west = User.objects.get(email="cme.officer.west@demo.cme.example")
    assert dict(Preference.objects.filter(user=west).values_list("kind", "enabled")) == {
        "new_referral": True,
        "daily_digest": True,
    }
    assert Message.objects.count() == messages
    templates = set(Message.objects.values_list("template", flat=True))
    assert {"new_referral", "daily_digest", "policy_review"} <= templates
    assert Message.objects.exclude(status=Message.Status.SENT).count() == 0
