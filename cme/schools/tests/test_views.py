import re

import pytest
from django.urls import reverse

from cme.audit.models import AuditEvent
from cme.conftest import PERSONA_ROLES
from cme.schools.models import School
from cme.schools.tests.factories import SchoolFactory

pytestmark = pytest.mark.django_db

# Who may search the schools register: every council case-working role and system administrators.
MAY_VIEW_SCHOOLS = {
    "cme_officer_west",
    "cme_officer_east",
    "cme_manager",
    "attendance_officer_west",
    "attendance_officer_east",
    "admissions_officer",
    "ehe_officer",
    "system_admin",
}


def _text(response) -> str:
    """The page's visible text with tags removed and white space collapsed."""
    html = response.content.decode()
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def _school_names(response) -> list[str]:
    return [school.name for school in response.context["page_obj"]]


@pytest.fixture
def register():
    """Four synthetic schools across districts, phases and statuses."""
    return {
        "oakfield": SchoolFactory(
            urn=800001,
            name="Oakfield Primary School",
            street="Meadow Lane",
            town="Stevenage",
            postcode="SG1 2AB",
            district_id="E07000243",
            phase=School.Phase.PRIMARY,
        ),
        "riverside": SchoolFactory(
            urn=800002,
            name="Riverside Academy",
            town="Watford",
            postcode="WD17 1AA",
            district_id="E07000103",
            phase=School.Phase.SECONDARY,
        ),
        "brookside": SchoolFactory(
            urn=800004,
            name="Brookside School",
            town="Cheshunt",
            postcode="EN8 9XH",
            district_id="E07000095",
            phase=School.Phase.SPECIAL,
        ),
        "elm_tree": SchoolFactory(
            urn=800006,
            name="Elm Tree Infant School",
            town="Stevenage",
            postcode="SG1 2AD",
            district_id="E07000243",
            status=School.Status.CLOSED,
        ),
    }


@pytest.mark.parametrize("persona_name", sorted(PERSONA_ROLES))
def test_schools_list_is_open_only_to_roles_with_view_schools(client, persona, persona_name, register):
    client.force_login(persona(persona_name))
    schools, events = list(School.objects.values()), AuditEvent.objects.count()

    response = client.get(reverse("schools:list"))

    assert response.status_code == (200 if persona_name in MAY_VIEW_SCHOOLS else 403)
    assert list(School.objects.values()) == schools
    assert AuditEvent.objects.count() == events


@pytest.mark.parametrize("persona_name", sorted(PERSONA_ROLES))
def test_school_details_are_open_only_to_roles_with_view_schools(client, persona, persona_name, register):
    client.force_login(persona(persona_name))
    events = AuditEvent.objects.count()

    response = client.get(reverse("schools:detail", args=[800001]))

    assert response.status_code == (200 if persona_name in MAY_VIEW_SCHOOLS else 403)
    if persona_name not in MAY_VIEW_SCHOOLS:
        assert "Oakfield Primary School" not in response.content.decode()
    assert AuditEvent.objects.count() == events


def test_anonymous_visitor_is_sent_to_sign_in(client, register):
    response = client.get(reverse("schools:list"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_the_register_lists_every_school_by_name_with_a_count(client, cme_officer, register):
    client.force_login(cme_officer)

    response = client.get(reverse("schools:list"))

    assert _school_names(response) == [
        "Brookside School",
        "Elm Tree Infant School",
        "Oakfield Primary School",
        "Riverside Academy",
    ]
    assert "4 schools" in _text(response)
    assert '<a class="govuk-link" href="/schools/800001/">Oakfield Primary School</a>' in response.content.decode()


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("oakfield", ["Oakfield Primary School"]),
        ("800002", ["Riverside Academy"]),
        ("stevenage", ["Elm Tree Infant School", "Oakfield Primary School"]),
        ("SG1 2AD", ["Elm Tree Infant School"]),
        ("sg12ad", ["Elm Tree Infant School"]),
        ("  riverside   academy ", ["Riverside Academy"]),
        ("WD17", ["Riverside Academy"]),
    ],
)
def test_search_by_name_urn_town_or_postcode(client, cme_officer, register, query, found):
    client.force_login(cme_officer)

    response = client.get(reverse("schools:list"), {"q": query})

    assert _school_names(response) == found
    assert f"{len(found)} school{'s' if len(found) > 1 else ''} found" in _text(response)


@pytest.mark.parametrize(
    ("filters", "found"),
    [
        ({"status": "closed"}, ["Elm Tree Infant School"]),
        ({"phase": "special"}, ["Brookside School"]),
        ({"district": "E07000243"}, ["Elm Tree Infant School", "Oakfield Primary School"]),
        ({"district": "E07000243", "status": "open"}, ["Oakfield Primary School"]),
        ({"q": "stevenage", "phase": "secondary"}, []),
    ],
)
def test_filter_by_status_phase_and_district(client, cme_officer, register, filters, found):
    client.force_login(cme_officer)

    response = client.get(reverse("schools:list"), filters)

    assert _school_names(response) == found


def test_a_search_that_finds_nothing_says_so(client, cme_officer, register):
    client.force_login(cme_officer)

    response = client.get(reverse("schools:list"), {"q": "no such school"})

    text = _text(response)
    assert "No schools found" in text
    assert "Check the spelling or search for something else, such as a URN or postcode." in text


def test_a_filter_value_not_in_the_list_is_an_error(client, cme_officer, register):
    client.force_login(cme_officer)

    response = client.get(reverse("schools:list"), {"status": "demolished"})

    text = _text(response)
    assert "There is a problem" in text
    assert "Select a status from the list" in text
    assert response.context["page_obj"].paginator.count == 0
    assert "<title>Error: Schools" in response.content.decode()


def test_results_come_50_to_a_page_with_links_that_keep_the_search(client, cme_officer):
    for n in range(120):
        SchoolFactory(urn=810000 + n, name=f"Synthetic School {n:03d}", town="Hatfield")
    client.force_login(cme_officer)

    first = client.get(reverse("schools:list"), {"q": "hatfield"})
    third = client.get(reverse("schools:list"), {"q": "hatfield", "page": "3"})

    assert len(_school_names(first)) == 50
    assert _school_names(first)[0] == "Synthetic School 000"
    assert "120 schools found" in _text(first)
    assert "Showing 1 to 50 of 120." in _text(first)
    html = first.content.decode()
    assert '<nav class="govuk-pagination" aria-label="Pagination">' in html
    assert 'href="?q=hatfield&amp;page=2" rel="next"' in html
    assert 'aria-label="Page 1" aria-current="page"' in html
    assert _school_names(third) == [f"Synthetic School {n:03d}" for n in range(100, 120)]
    assert 'href="?q=hatfield&amp;page=2" rel="prev"' in third.content.decode()
    assert 'rel="next"' not in third.content.decode()


def test_a_page_number_out_of_range_shows_the_last_page(client, cme_officer, register):
    client.force_login(cme_officer)

    response = client.get(reverse("schools:list"), {"page": "99"})

    assert response.status_code == 200
    assert len(_school_names(response)) == 4


def test_school_details_show_the_register_entry(client, cme_officer, register):
    client.force_login(cme_officer)

    response = client.get(reverse("schools:detail", args=[800001]))

    text = _text(response)
    assert '<h1 class="govuk-heading-l">Oakfield Primary School</h1>' in response.content.decode()
    assert "Address Meadow Lane Stevenage SG1 2AB" in text
    assert "District Stevenage (East area)" in text
    assert "Phase Primary" in text
    assert "Status Open" in text


def test_an_unknown_urn_is_not_found(client, cme_officer, register):
    client.force_login(cme_officer)

    response = client.get(reverse("schools:detail", args=[123]))

    assert response.status_code == 404
