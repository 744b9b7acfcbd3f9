"""The case list: who may open it, which cases each person sees, every filter and search, paging,
a fixed number of queries per page, restricted addresses, and one audit row per view."""

from __future__ import annotations

import html as html_lib
import re
from datetime import UTC, date, datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cme.audit.models import AuditEvent
from cme.cases.codes import RiskLevel
from cme.cases.states import CaseStatus
from cme.casework.tests.case_data import a_case, an_officer, answered_enquiry, overdue_enquiry, waiting_enquiry
from cme.conftest import PERSONA_ROLES
from cme.enquiries.models import Check

MAY_VIEW_CASES = {"cme_officer_west", "cme_officer_east", "cme_manager"}
URL = reverse("casework:case_list")

_ROW_REFERENCE = re.compile(
    r'<th scope="row" class="govuk-table__header"><a class="govuk-link" href="[^"]+">([^<]+)</a>'
)


@pytest.fixture(autouse=True)
def on_the_20th_of_march():
    with time_machine.travel(datetime(2026, 3, 20, 12, tzinfo=UTC), tick=False):
        yield


def shown(client, **params) -> list[str]:
    """The references of the cases on the page, in order."""
    response = client.get(URL, params)
    assert response.status_code == 200
    return _ROW_REFERENCE.findall(response.content.decode())


def page_text(response) -> str:
    """The page's words, without its markup."""
    return " ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())


def list_views() -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action="case_list_viewed").order_by("id"))


# Who may open it ------------------------------------------------------------------------------------


@pytest.mark.parametrize("persona_name", sorted(PERSONA_ROLES))
def test_only_the_cme_team_may_open_the_case_list(client, persona, persona_name):
    a_case(reference="C-AAAA-0001", area=None)
    client.force_login(persona(persona_name))

    response = client.get(URL)

    if persona_name in MAY_VIEW_CASES:
        assert (response.status_code, len(list_views())) == (200, 1)
        assert _ROW_REFERENCE.findall(response.content.decode()) == ["C-AAAA-0001"]
    else:
        assert (response.status_code, len(list_views())) == (403, 0)


def test_a_west_officer_never_sees_an_east_case(client, persona):
    a_case(reference="C-WEST-0001", area="west", cme_from=date(2026, 1, 5))
    a_case(reference="C-EAST-0001", area="east", cme_from=date(2026, 1, 6))
    a_case(reference="C-NONE-0001", area=None, cme_from=date(2026, 1, 7))
    client.force_login(persona("cme_officer_west"))

    assert shown(client) == ["C-WEST-0001", "C-NONE-0001"]
    assert shown(client, area="east") == []
    assert shown(client, text="C-EAST-0001") == []


def test_an_east_officer_sees_east_cases_and_those_with_no_area(client, persona):
    a_case(reference="C-WEST-0001", area="west", cme_from=date(2026, 1, 5))
    a_case(reference="C-EAST-0001", area="east", cme_from=date(2026, 1, 6))
    a_case(reference="C-NONE-0001", area=None, cme_from=date(2026, 1, 7))
    client.force_login(persona("cme_officer_east"))

    assert shown(client) == ["C-EAST-0001", "C-NONE-0001"]


def test_the_manager_sees_every_area_urgent_first_then_missing_education_longest(client, persona):
    a_case(reference="C-WEST-0001", area="west", cme_from=date(2026, 1, 5))
    a_case(reference="C-EAST-0001", area="east", cme_from=date(2026, 1, 2))
    a_case(reference="C-NONE-0001", area=None, cme_from=date(2026, 2, 1), urgent=True)
    client.force_login(persona("cme_manager"))

    assert shown(client) == ["C-NONE-0001", "C-EAST-0001", "C-WEST-0001"]


# Filters --------------------------------------------------------------------------------------------


def test_the_area_filter(client, persona):
    a_case(reference="C-WEST-0001", area="west")
    a_case(reference="C-EAST-0001", area="east")
    a_case(reference="C-NONE-0001", area=None)
    client.force_login(persona("cme_manager"))

    assert shown(client, area="west") == ["C-WEST-0001"]
    assert shown(client, area="east") == ["C-EAST-0001"]
    assert shown(client, area="none") == ["C-NONE-0001"]


def test_the_officer_filter_and_not_allocated(client, persona):
    ann, bob = an_officer("Ann Officer"), an_officer("Bob Officer")
    a_case(reference="C-ANNS-0001", allocated_to=ann, cme_from=date(2026, 1, 5))
    a_case(reference="C-ANNS-0002", allocated_to=ann, cme_from=date(2026, 1, 6))
    a_case(reference="C-BOBS-0001", allocated_to=bob)
    a_case(reference="C-NOBO-0001")
    client.force_login(persona("cme_manager"))

    assert shown(client, officer=ann.pk) == ["C-ANNS-0001", "C-ANNS-0002"]
    assert shown(client, officer=bob.pk) == ["C-BOBS-0001"]
    assert shown(client, officer="unallocated") == ["C-NOBO-0001"]


def test_the_status_filter_leaves_out_closed_cases_unless_asked(client, persona):
    a_case(reference="C-OPEN-0001", status=CaseStatus.OPEN, cme_from=date(2026, 1, 5))
    a_case(reference="C-ENQS-0001", status=CaseStatus.ENQUIRIES, cme_from=date(2026, 1, 6))
    a_case(reference="C-REVW-0001", status=CaseStatus.MANAGER_REVIEW, cme_from=date(2026, 1, 7))
    a_case(reference="C-CLSD-0001", status=CaseStatus.CLOSED, cme_from=date(2026, 1, 8))
    client.force_login(persona("cme_manager"))

    assert shown(client) == ["C-OPEN-0001", "C-ENQS-0001", "C-REVW-0001"]
    assert shown(client, status="manager_review") == ["C-REVW-0001"]
    assert shown(client, status="closed") == ["C-CLSD-0001"]
    assert shown(client, status="any") == ["C-OPEN-0001", "C-ENQS-0001", "C-REVW-0001", "C-CLSD-0001"]


def test_the_risk_level_filter(client, persona):
    a_case(reference="C-HIGH-0001", risk_level=RiskLevel.HIGH)
    a_case(reference="C-STND-0001", risk_level=RiskLevel.STANDARD)
    client.force_login(persona("cme_manager"))

    assert shown(client, risk_level="high") == ["C-HIGH-0001"]
    assert shown(client, risk_level="standard") == ["C-STND-0001"]


def test_the_overdue_filter_counts_only_enquiries_past_due_with_no_answer(client, persona):
    overdue = a_case(reference="C-LATE-0001")
    overdue_enquiry(overdue)
    waiting = a_case(reference="C-WAIT-0001")
    waiting_enquiry(waiting)
    answered = a_case(reference="C-DONE-0001")
    answered_enquiry(answered)
    client.force_login(persona("cme_manager"))

    assert shown(client, overdue="on") == ["C-LATE-0001"]


def test_the_urgent_filter(client, persona):
    a_case(reference="C-URGT-0001", urgent=True)
    a_case(reference="C-CALM-0001")
    client.force_login(persona("cme_manager"))

    assert shown(client, urgent="on") == ["C-URGT-0001"]


def test_filters_combine(client, persona):
    ann = an_officer("Ann Officer")
    a_case(reference="C-MTCH-0001", allocated_to=ann, risk_level=RiskLevel.HIGH, urgent=True)
    a_case(reference="C-NOTU-0001", allocated_to=ann, risk_level=RiskLevel.HIGH)
    a_case(reference="C-NOTH-0001", allocated_to=ann, urgent=True)
    a_case(reference="C-EAST-0001", area="east", risk_level=RiskLevel.HIGH, urgent=True)
    client.force_login(persona("cme_manager"))

    assert shown(client, area="west", officer=ann.pk, risk_level="high", urgent="on") == ["C-MTCH-0001"]


# Search ---------------------------------------------------------------------------------------------


@pytest.fixture
def named_children():
    a_case(reference="C-ANNA-0001", forenames="Anna-Maria", surname="Oakfield", cme_from=date(2026, 1, 5))
    a_case(
        reference="C-BRAM-0001",
        forenames="Bramwell",
        surname="Hollins",
        other_names="Bram Oakes",
        date_of_birth=date(2015, 9, 1),
        cme_from=date(2026, 1, 6),
        upn="A123456789012",
    )
    a_case(reference="C-CARA-0001", forenames="Cara", surname="Annandale", cme_from=date(2026, 1, 7))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("anna", ["C-ANNA-0001", "C-CARA-0001"]),  # part of a forename and of a surname
        ("OAKFIELD", ["C-ANNA-0001"]),  # any case
        ("oak", ["C-ANNA-0001", "C-BRAM-0001"]),  # surname, and other names
        ("bram oak", ["C-BRAM-0001"]),  # every word must match
        ("cara oakfield", []),
        ("  hollins  ", ["C-BRAM-0001"]),
        ("Nobody", []),
    ],
)
def test_search_by_name_matches_part_of_any_name_in_any_case(client, persona, named_children, text, expected):
    client.force_login(persona("cme_manager"))

    assert shown(client, text=text) == expected


@pytest.mark.parametrize("text", ["C-BRAM-0001", "c-bram-0001", "cbram0001", "C BRAM 0001", "bram-00", "A123456789012"])
def test_search_by_case_reference_or_upn(client, persona, named_children, text):
    client.force_login(persona("cme_manager"))

    assert shown(client, text=text) == ["C-BRAM-0001"]


def test_search_by_date_of_birth(client, persona, named_children):
    client.force_login(persona("cme_manager"))

    assert shown(client, date_of_birth_0="1", date_of_birth_1="9", date_of_birth_2="2015") == ["C-BRAM-0001"]
    assert shown(client, date_of_birth_0="2", date_of_birth_1="9", date_of_birth_2="2015") == []


def test_search_by_name_and_date_of_birth_together(client, persona, named_children):
    client.force_login(persona("cme_manager"))

    assert shown(client, text="bram", date_of_birth_0="1", date_of_birth_1="Sep", date_of_birth_2="2015") == [
        "C-BRAM-0001"
    ]
    assert shown(client, text="anna", date_of_birth_0="1", date_of_birth_1="9", date_of_birth_2="2015") == []


def test_search_finds_nothing_outside_the_officers_area(client, persona):
    a_case(reference="C-EAST-0001", area="east", forenames="Esme")
    client.force_login(persona("cme_officer_west"))

    assert shown(client, text="esme") == []


def test_an_impossible_date_of_birth_is_an_error_and_shows_no_cases(client, persona, named_children):
    client.force_login(persona("cme_manager"))

    response = client.get(URL, {"date_of_birth_0": "31", "date_of_birth_1": "2", "date_of_birth_2": "2015"})

    text = page_text(response)
    assert response.status_code == 200
    assert "There is a problem" in text
    assert "Date of birth must be a real date" in text
    assert "Correct the search or filters to see cases." in text
    assert _ROW_REFERENCE.findall(response.content.decode()) == []
    assert list_views() == []


def test_a_filter_value_not_on_the_list_is_an_error(client, persona):
    a_case(reference="C-WEST-0001")
    client.force_login(persona("cme_manager"))

    text = page_text(client.get(URL, {"officer": "999999"}))

    assert "Select an officer from the list" in text
    assert list_views() == []


# Paging and queries ---------------------------------------------------------------------------------


def test_fifty_cases_a_page(client, persona):
    for number in range(51):
        a_case(reference=f"C-PAGE-{number:04d}", cme_from=date(2025, 9, 1 + number % 28), surname=f"Child{number}")
    client.force_login(persona("cme_manager"))

    first = client.get(URL)
    second = client.get(URL, {"page": "2"})

    first_refs = _ROW_REFERENCE.findall(first.content.decode())
    second_refs = _ROW_REFERENCE.findall(second.content.decode())
    assert (len(first_refs), len(second_refs)) == (50, 1)
    assert set(first_refs) | set(second_refs) == {f"C-PAGE-{n:04d}" for n in range(51)}
    assert "51 cases" in page_text(first)
    assert "Showing 51 to 51 of 51." in page_text(second)
    assert [event.data["page"] for event in list_views()] == [1, 2]
    assert [event.data["shown"] for event in list_views()] == [50, 1]


def test_the_page_keeps_the_filters_in_its_paging_links(client, persona):
    for number in range(51):
        a_case(reference=f"C-PAGE-{number:04d}", urgent=True)
    client.force_login(persona("cme_manager"))

    html = client.get(URL, {"urgent": "on", "area": "west"}).content.decode()

    assert 'href="?urgent=on&amp;area=west&amp;page=2"' in html


def _a_full_case(number: int, officer) -> None:
    case = a_case(
        reference=f"C-FULL-{number:04d}",
        surname=f"Child{number}",
        allocated_to=officer,
        area="west" if number % 3 else None,
        risk_level=RiskLevel.HIGH if number % 2 else RiskLevel.STANDARD,
        restricted=number % 5 == 0,
    )
    overdue_enquiry(case)
    waiting_enquiry(case)


def _queries_for_one_page(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL).status_code == 200
    return len(queries)


def test_a_page_of_fifty_cases_takes_as_few_queries_as_a_page_of_one(client, persona, django_assert_max_num_queries):
    officers = [an_officer("Ann Officer"), an_officer("Bob Officer"), None]
    _a_full_case(0, officers[0])
    client.force_login(persona("cme_manager"))
    one_case = _queries_for_one_page(client)

    for number in range(1, 50):
        _a_full_case(number, officers[number % 3])

    # Session, user and two-factor devices (4); the count and the page (2); the area and officer
    # choices (2); the audit row (1); savepoints and the session's idle timer (5).
    with django_assert_max_num_queries(14):
        response = client.get(URL)
    assert len(_ROW_REFERENCE.findall(response.content.decode())) == 50
    assert _queries_for_one_page(client) == one_case


# What a row shows -----------------------------------------------------------------------------------


def test_a_row_shows_status_risk_officer_since_and_overdue_count(client, persona):
    ann = an_officer("Ann Officer")
    case = a_case(
        reference="C-ROWS-0001",
        forenames="Rowan",
        surname="Example",
        date_of_birth=date(2014, 5, 17),
        postcode="WD17 1AA",
        status=CaseStatus.NOT_LOCATED,
        risk_level=RiskLevel.HIGH,
        urgent=True,
        allocated_to=ann,
        cme_from=date(2026, 1, 12),
    )
    overdue_enquiry(case, Check.POLICE)
    overdue_enquiry(case, Check.HEALTH)
    waiting_enquiry(case, Check.HOUSING)
    answered_enquiry(case, Check.BENEFITS)
    client.force_login(persona("cme_manager"))

    html = client.get(URL).content.decode()
    row = " ".join(
        html_lib.unescape(html[html.index("C-ROWS-0001") : html.index("</tr>", html.index("C-ROWS-0001"))]).split()
    )

    assert "Rowan Example" in row
    assert "Born 17 May 2014" in row
    assert "WD17 1AA" in row
    assert '<strong class="govuk-tag govuk-tag--orange">Not located</strong>' in row
    assert '<strong class="govuk-tag govuk-tag--red">Urgent</strong>' in row
    assert '<strong class="govuk-tag govuk-tag--red">High</strong>' in row
    assert "Ann Officer" in row
    assert "12 Jan 2026" in row
    assert '<td class="govuk-table__cell govuk-table__cell--numeric"><strong>2</strong></td>' in row


def test_a_restricted_case_shows_no_address_in_the_list(client, persona):
    a_case(reference="C-RSTR-0001", postcode="WD18 0ZZ", restricted=True, restriction_reason="Fleeing violence")
    client.force_login(persona("cme_manager"))

    html = client.get(URL).content.decode()

    assert "C-RSTR-0001" in html
    assert "WD18 0ZZ" not in html
    assert "1 Synthetic Road" not in html
    assert "Fleeing violence" not in html
    assert '<strong class="govuk-tag govuk-tag--grey">Restricted</strong>' in html


def test_an_officer_may_take_an_unallocated_case_from_the_list_and_the_manager_may_allocate(client, persona):
    free = a_case(reference="C-FREE-0001", cme_from=date(2026, 1, 5))
    held = a_case(reference="C-HELD-0001", allocated_to=an_officer("Ann Officer"), cme_from=date(2026, 1, 6))

    client.force_login(persona("cme_officer_west"))
    officer_html = client.get(URL).content.decode()
    client.force_login(persona("cme_manager"))
    manager_html = client.get(URL).content.decode()

    assert officer_html.count("Take<span") == 1
    assert f'action="{reverse("casework:claim", args=[free.pk])}"' in officer_html
    assert f'action="{reverse("casework:claim", args=[held.pk])}"' not in officer_html
    assert reverse("casework:allocate", args=[free.pk]) not in officer_html
    assert "Take<span" not in manager_html
    assert f'href="{reverse("casework:allocate", args=[free.pk])}">Allocate<' in manager_html
    assert f'href="{reverse("casework:allocate", args=[held.pk])}">Reallocate<' in manager_html


def test_the_workload_link_is_for_the_manager_only(client, persona):
    client.force_login(persona("cme_officer_west"))
    officer_html = client.get(URL).content.decode()
    client.force_login(persona("cme_manager"))
    manager_html = client.get(URL).content.decode()

    assert reverse("casework:workload") not in officer_html
    assert f'href="{reverse("casework:workload")}"' in manager_html


# Audit ----------------------------------------------------------------------------------------------


def test_each_view_of_the_list_is_audited_once_with_the_filters_and_never_the_search_terms(client, persona):
    ann = an_officer("Ann Officer")
    a_case(reference="C-AUDT-0001", forenames="Quentin", allocated_to=ann, date_of_birth=date(2015, 9, 1))
    manager = persona("cme_manager")
    client.force_login(manager)

    client.get(
        URL,
        {
            "text": "Quentin",
            "date_of_birth_0": "1",
            "date_of_birth_1": "9",
            "date_of_birth_2": "2015",
            "officer": ann.pk,
            "status": "any",
            "risk_level": "standard",
            "urgent": "on",
        },
    )

    [event] = list_views()
    assert (event.actor, event.object_type, event.object_id, event.case_id) == (manager, "", "", "")
    assert event.data == {
        "searched_by_text": True,
        "searched_by_date_of_birth": True,
        "area": "",
        "officer": str(ann.pk),
        "status": "any",
        "risk_level": "standard",
        "overdue_only": False,
        "urgent_only": True,
        "page": 1,
        "shown": 0,
    }
    assert "Quentin" not in str(event.data)
    assert "2015" not in str(event.data)
