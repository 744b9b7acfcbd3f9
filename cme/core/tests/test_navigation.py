"""The service navigation shows each role only the sections it may open."""

import pytest
from django.urls import reverse

from cme.core.navigation import NAV_ITEMS

# What each persona sees in the navigation, in order: a rule people can read and check against
# docs/permissions.md, rather than a copy of the code that computes it.
EXPECTED_SECTIONS: dict[str, list[str]] = {
    "cme_officer_west": [
        "Work list",
        "Referrals",
        "Cases",
        "Dashboard",
        "Requests from councils",
        "Record matching",
        "Schools",
        "Policy values",
    ],
    "cme_officer_east": [
        "Work list",
        "Referrals",
        "Cases",
        "Dashboard",
        "Requests from councils",
        "Record matching",
        "Schools",
        "Policy values",
    ],
    "cme_manager": [
        "Work list",
        "Referrals",
        "Cases",
        "Dashboard",
        "Requests from councils",
        "Record matching",
        "DfE return",
        "Schools",
        "Team mailboxes",
        "Letter templates",
        "Policy values",
        "Audit trail",
        "Messages sent",
    ],
    "attendance_officer_west": ["Work list", "Referrals", "Schools"],
    "attendance_officer_east": ["Work list", "Referrals", "Schools"],
    "admissions_officer": ["Work list", "Admissions referrals", "Referrals you made", "Schools"],
    "ehe_officer": ["Work list", "Referrals", "Schools"],
    "school_user": ["Your school", "Referrals you made"],
    "partner_user": ["Refer a child", "Referrals you made"],
    "auditor": ["Audit trail", "Messages sent"],
    "system_admin": ["Schools", "Users", "Organisations", "Team mailboxes", "Messages sent"],
}


def _navigation_labels(html: str) -> list[str]:
    if 'id="navigation"' not in html:
        return []
    nav = html[html.index('id="navigation"') : html.index("</ul>", html.index('id="navigation"'))]
    labels = []
    for chunk in nav.split('class="govuk-service-navigation__link"')[1:]:
        text = chunk[chunk.index(">") + 1 : chunk.index("</a>")]
        labels.append(
            text.replace('<strong class="govuk-service-navigation__active-fallback">', "")
            .replace("</strong>", "")
            .strip()
        )
    return labels


def test_every_persona_has_an_expected_navigation(persona_roles):
    assert set(EXPECTED_SECTIONS) == set(persona_roles)


@pytest.mark.parametrize("persona_name", list(EXPECTED_SECTIONS))
def test_navigation_shows_only_the_sections_the_role_may_open(client, persona, persona_name):
    client.force_login(persona(persona_name))

    response = client.get(reverse("core:accessibility"))

    assert response.status_code == 200
    assert _navigation_labels(response.content.decode()) == EXPECTED_SECTIONS[persona_name]


@pytest.mark.parametrize("persona_name", list(EXPECTED_SECTIONS))
def test_every_section_in_the_navigation_opens_for_that_persona(client, persona, persona_name):
    client.force_login(persona(persona_name))
    shown = set(EXPECTED_SECTIONS[persona_name])

    statuses = {item.label: client.get(reverse(item.url_name)).status_code for item in NAV_ITEMS if item.label in shown}

    assert statuses == dict.fromkeys(shown, 200)


@pytest.mark.django_db
def test_an_anonymous_visitor_sees_no_navigation(client):
    response = client.get(reverse("accounts:login"))

    assert _navigation_labels(response.content.decode()) == []


def test_the_current_section_is_marked_for_screen_readers(client, cme_manager):
    client.force_login(cme_manager)

    html = client.get(reverse("worklist:home")).content.decode()

    assert html.count('aria-current="page"') == 1
    current_link = html[html.index('aria-current="page"') : html.index("</a>", html.index('aria-current="page"'))]
    assert '<strong class="govuk-service-navigation__active-fallback">Work list</strong>' in current_link
