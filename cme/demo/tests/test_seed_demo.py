import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from cme.accounts.models import User
from cme.accounts.roles import Role
from cme.demo.services import DEMO_PASSWORD, DEMO_USERS
from cme.organisations.models import Mailbox
from cme.referrals.models import Referral
from cme.schools.tests.factories import SchoolFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def stevenage_primary():
    from cme.areas.models import District
    from cme.schools.models import School

    return SchoolFactory(urn=117000, phase=School.Phase.PRIMARY, district=District.objects.get(name="Stevenage"))


def test_seed_demo_creates_one_signed_in_able_user_per_role(stevenage_primary, capsys):
    call_command("seed_demo")

    assert {user.role for user in User.objects.all()} == set(Role)
    assert User.objects.count() == len(DEMO_USERS)
    for demo in DEMO_USERS:
        assert User.objects.get(email=demo.email).check_password(DEMO_PASSWORD)
    school_user = User.objects.get(role=Role.SCHOOL_USER)
    assert school_user.organisation is not None
    assert school_user.organisation.school == stevenage_primary
    assert Mailbox.objects.count() == len(Mailbox.Key)
    output = capsys.readouterr().out
    for demo in DEMO_USERS:
        assert demo.email in output


def test_seed_demo_twice_adds_nothing_the_second_time(stevenage_primary):
    call_command("seed_demo")
    counts = (User.objects.count(), Referral.objects.count(), Mailbox.objects.count())

    call_command("seed_demo")

    assert (User.objects.count(), Referral.objects.count(), Mailbox.objects.count()) == counts
    assert counts[1] == 3


def test_seed_demo_keeps_a_mailbox_the_manager_changed(stevenage_primary):
    call_command("seed_demo")
    Mailbox.objects.filter(key=Mailbox.Key.CME).update(email="changed@council.example")

    call_command("seed_demo")

    assert Mailbox.objects.get(key=Mailbox.Key.CME).email == "changed@council.example"


def test_seed_demo_is_refused_where_demo_data_is_switched_off(settings, stevenage_primary):
    settings.CME_DEMO_DATA_ALLOWED = False

    with pytest.raises(CommandError, match="Demo data is switched off"):
        call_command("seed_demo")

    assert User.objects.count() == 0


def test_seed_demo_needs_the_schools_register():
    with pytest.raises(CommandError, match="load_reference_data"):
        call_command("seed_demo")
