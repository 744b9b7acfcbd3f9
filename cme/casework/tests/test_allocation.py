"""Taking an unallocated case (a CME officer of its area) and allocating one (the CME manager): who
may, what is refused and why, and that nothing changes when refused."""

from __future__ import annotations

import html as html_lib
import re

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from cme.accounts.roles import Role
from cme.accounts.tests.factories import UserFactory
from cme.audit.models import AuditEvent
from cme.cases.models import Case
from cme.cases.services import STALE_EDIT, case_allocate, case_claim
from cme.cases.states import CaseStatus
from cme.casework.tests.case_data import a_case, an_officer
from cme.conftest import PERSONA_ROLES
from cme.core.exceptions import ApplicationError, PermissionDeniedError


def allocations(case: Case) -> list[tuple[str, dict]]:
    events = AuditEvent.objects.filter(action="case_allocated", case_id=str(case.pk)).order_by("id")
    return [(str(event.actor), event.data) for event in events]


def holder(case: Case):
    return Case.objects.get(pk=case.pk).allocated_to


def flashed(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def page_text(response) -> str:
    """The page's words, without its markup."""
    return " ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())


# Taking a case --------------------------------------------------------------------------------------

# What pressing "Take" on an unallocated West case does for each persona.
CLAIM_OUTCOMES = {
    "cme_officer_west": 302,  # takes it
    "cme_officer_east": 404,  # cannot see a West case at all
    "cme_manager": 302,  # refused by the service with a message: the manager allocates instead
}


@pytest.mark.parametrize("persona_name", sorted(PERSONA_ROLES))
def test_only_a_cme_officer_of_the_area_may_take_a_case(client, persona, persona_name):
    case = a_case(area="west")
    user = persona(persona_name)
    client.force_login(user)

    response = client.post(reverse("casework:claim", args=[case.pk]))

    assert response.status_code == CLAIM_OUTCOMES.get(persona_name, 403)
    if persona_name == "cme_officer_west":
        assert holder(case) == user
        assert allocations(case) == [(str(user), {"to": user.pk})]
        assert response["Location"] == reverse("casework:case", args=[case.pk])
        assert flashed(response) == [f"You now have case {case.reference}"]
    else:
        assert (holder(case), allocations(case)) == (None, [])
    if persona_name == "cme_manager":
        assert flashed(response) == ["Only a CME officer can take a case"]


def test_taking_a_case_needs_a_post(client, persona):
    case = a_case()
    client.force_login(persona("cme_officer_west"))

    assert client.get(reverse("casework:claim", args=[case.pk])).status_code == 405
    assert holder(case) is None


def test_a_case_with_no_area_may_be_taken_by_an_officer_of_either_area(client, persona):
    case = a_case(area=None)
    east = persona("cme_officer_east")
    client.force_login(east)

    client.post(reverse("casework:claim", args=[case.pk]))

    assert holder(case) == east


def test_a_case_someone_has_taken_cannot_be_taken_again(client, persona):
    ann = an_officer("Ann Officer")
    case = a_case(allocated_to=ann)
    client.force_login(persona("cme_officer_west"))

    response = client.post(reverse("casework:claim", args=[case.pk]))

    assert flashed(response) == ["This case has already been taken by Ann Officer"]
    assert (holder(case), allocations(case)) == (ann, [])


def test_a_closed_case_cannot_be_taken(client, persona):
    case = a_case(status=CaseStatus.CLOSED)
    client.force_login(persona("cme_officer_west"))

    response = client.post(reverse("casework:claim", args=[case.pk]))

    assert flashed(response) == ["This case is closed: ask the CME manager to reopen it"]
    assert (holder(case), allocations(case)) == (None, [])


def test_the_service_refuses_an_officer_of_another_area(persona):
    case = a_case(area="west")

    with pytest.raises(ApplicationError, match="This case is in another area: ask the CME manager to allocate it"):
        case_claim(case=case, actor=persona("cme_officer_east"))

    assert (holder(case), allocations(case)) == (None, [])


def test_the_service_refuses_anyone_but_a_cme_officer(persona):
    case = a_case(area="west")

    with pytest.raises(PermissionDeniedError, match="Only a CME officer can take a case"):
        case_claim(case=case, actor=persona("cme_manager"))

    assert holder(case) is None


def test_taking_a_case_bumps_its_version(persona):
    case = a_case()

    taken = case_claim(case=case, actor=persona("cme_officer_west"))

    assert taken.version == case.version + 1


# Allocating a case ----------------------------------------------------------------------------------


@pytest.mark.parametrize("persona_name", sorted(PERSONA_ROLES))
def test_only_the_manager_may_open_the_allocation_page(client, persona, persona_name):
    case = a_case()
    client.force_login(persona(persona_name))

    response = client.get(reverse("casework:allocate", args=[case.pk]))

    reads = AuditEvent.objects.filter(action="case_viewed", case_id=str(case.pk)).count()
    if persona_name == "cme_manager":
        assert (response.status_code, reads) == (200, 1)
    else:
        assert (response.status_code, reads) == (403, 0)


@pytest.mark.parametrize("persona_name", sorted(PERSONA_ROLES))
def test_only_the_manager_may_allocate(client, persona, persona_name):
    case = a_case()
    ann = an_officer("Ann Officer")
    client.force_login(persona(persona_name))

    response = client.post(reverse("casework:allocate", args=[case.pk]), {"officer": ann.pk, "version": case.version})

    if persona_name == "cme_manager":
        assert response.status_code == 302
        assert holder(case) == ann
    else:
        assert response.status_code == 403
        assert (holder(case), allocations(case)) == (None, [])


def test_the_allocation_page_lists_active_officers_of_the_cases_area_first_with_what_they_hold(client, persona):
    zoe, adam = an_officer("Zoe West"), an_officer("Adam East", area="east")
    an_officer("Gone Officer", active=False)
    UserFactory.create(full_name="Attendance Person", role=Role.ATTENDANCE_OFFICER, area_id="west")
    a_case(allocated_to=zoe)
    a_case(allocated_to=zoe)
    a_case(allocated_to=zoe, status=CaseStatus.CLOSED)
    a_case(allocated_to=adam, area="east")
    case = a_case(area="west", reference="C-ALLO-0001", forenames="Rowan", surname="Example")
    client.force_login(persona("cme_manager"))

    response = client.get(reverse("casework:allocate", args=[case.pk]))

    text = page_text(response)
    assert "Rowan Example" in text
    assert "Allocated to now Not allocated" in text
    assert text.index("Zoe West, West") < text.index("Adam East, East")
    assert "Holds 2 open cases" in text
    assert "Holds 1 open case" in text
    assert "Gone Officer" not in text
    assert "Attendance Person" not in text
    assert f'name="version" value="{case.version}"' in response.content.decode()


def test_the_manager_allocates_and_reallocates(client, persona):
    ann, bob = an_officer("Ann Officer"), an_officer("Bob Officer")
    case = a_case()
    manager = persona("cme_manager")
    client.force_login(manager)
    url = reverse("casework:allocate", args=[case.pk])

    first = client.post(url, {"officer": ann.pk, "version": 1})
    second = client.post(url, {"officer": bob.pk, "version": 2})

    assert first["Location"] == reverse("casework:case", args=[case.pk])
    assert flashed(first) == [f"Case {case.reference} allocated to Ann Officer"]
    assert flashed(second)[-1] == f"Case {case.reference} allocated to Bob Officer"
    assert holder(case) == bob
    assert allocations(case) == [(str(manager), {"to": ann.pk}), (str(manager), {"to": bob.pk})]


def test_allocating_needs_an_officer(client, persona):
    case = a_case()
    client.force_login(persona("cme_manager"))

    response = client.post(reverse("casework:allocate", args=[case.pk]), {"version": 1})

    assert "Select the CME officer to allocate the case to" in page_text(response)
    assert holder(case) is None


@pytest.mark.parametrize("who", ["manager", "attendance officer", "inactive officer"])
def test_allocating_to_anyone_but_an_active_cme_officer_is_refused(client, persona, who):
    case = a_case()
    manager = persona("cme_manager")
    not_an_officer = {
        "manager": manager,
        "attendance officer": UserFactory.create(role=Role.ATTENDANCE_OFFICER, area_id="west"),
        "inactive officer": an_officer("Gone Officer", active=False),
    }[who]
    client.force_login(manager)

    response = client.post(reverse("casework:allocate", args=[case.pk]), {"officer": not_an_officer.pk, "version": 1})

    assert response.status_code == 200
    assert "Select an active CME officer" in page_text(response)
    assert (holder(case), allocations(case)) == (None, [])


@pytest.mark.parametrize("who", ["cme_manager", "attendance_officer_west"])
def test_the_service_refuses_to_allocate_to_anyone_but_a_cme_officer(persona, who):
    case = a_case()

    with pytest.raises(ApplicationError, match="Select an active CME officer"):
        case_allocate(case=case, officer=persona(who), actor=persona("cme_manager"), expected_version=1)

    assert (holder(case), allocations(case)) == (None, [])


def test_the_service_refuses_an_officer_who_may_not_allocate(persona):
    case = a_case()
    officer = persona("cme_officer_west")

    with pytest.raises(PermissionDeniedError, match="Only the CME manager can allocate cases"):
        case_allocate(case=case, officer=officer, actor=officer, expected_version=1)

    assert holder(case) is None


def test_allocating_from_a_stale_page_is_refused_and_shows_the_case_as_it_is_now(client, persona):
    ann, bob = an_officer("Ann Officer"), an_officer("Bob Officer")
    case = a_case()
    client.force_login(persona("cme_manager"))
    url = reverse("casework:allocate", args=[case.pk])
    case_claim(case=case, actor=ann)  # after the manager opened the page at version 1

    response = client.post(url, {"officer": bob.pk, "version": 1})

    text = page_text(response)
    assert response.status_code == 200
    assert "There is a problem" in text
    assert STALE_EDIT in text
    assert "Allocated to now Ann Officer" in text
    assert 'name="version" value="2"' in response.content.decode()
    assert holder(case) == ann
    assert [data for _actor, data in allocations(case)] == [{"to": ann.pk}]


def test_allocating_to_the_officer_who_has_the_case_is_refused(client, persona):
    ann = an_officer("Ann Officer")
    case = a_case(allocated_to=ann)
    client.force_login(persona("cme_manager"))

    response = client.post(reverse("casework:allocate", args=[case.pk]), {"officer": ann.pk, "version": 1})

    assert "Ann Officer already has this case: select another officer" in page_text(response)
    assert allocations(case) == []


def test_an_unknown_case_is_not_found(client, persona):
    client.force_login(persona("cme_manager"))

    response = client.get(reverse("casework:allocate", args=["00000000-0000-4000-8000-000000000001"]))

    assert response.status_code == 404
