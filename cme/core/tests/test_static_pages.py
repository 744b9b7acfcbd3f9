"""The footer pages: open to everyone, signed in or not, in the service's layout."""

import pytest
from django.urls import reverse

FOOTER_PAGES = [
    ("core:accessibility", "Accessibility statement"),
    ("core:privacy", "Privacy notice"),
    ("core:cookies", "Cookies"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("url_name", "heading"), FOOTER_PAGES)
def test_footer_page_is_open_without_signing_in(client, url_name, heading):
    response = client.get(reverse(url_name))

    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1
    assert f'<h1 class="govuk-heading-l">{heading}</h1>' in html
    assert (
        f"<title>{heading} \N{EN DASH} Children missing education \N{EN DASH} Hertfordshire County Council</title>"
        in html
    )


@pytest.mark.parametrize(("url_name", "heading"), FOOTER_PAGES)
def test_footer_page_shows_who_is_signed_in(client, cme_officer, url_name, heading):
    client.force_login(cme_officer)

    response = client.get(reverse(url_name))

    assert response.status_code == 200
    assert f"Signed in as {cme_officer.full_name}" in response.content.decode()


@pytest.mark.django_db
def test_every_page_links_to_the_footer_pages(client):
    html = client.get(reverse("accounts:login")).content.decode()

    for url_name, _heading in FOOTER_PAGES:
        assert f'href="{reverse(url_name)}"' in html


@pytest.mark.django_db
def test_cookies_page_lists_exactly_the_cookies_the_service_sets(client):
    html = client.get(reverse("core:cookies")).content.decode()

    cells = [
        line.strip().removeprefix('<td class="govuk-table__cell">').removesuffix("</td>")
        for line in html.splitlines()
        if line.strip().startswith('<td class="govuk-table__cell">') and "_" not in line.split(">")[1][:1]
    ]
    assert cells[0::3] == ["sessionid", "csrftoken"]
