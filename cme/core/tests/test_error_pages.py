"""The 400, 403, 404 and 500 pages: the service's own GOV.UK-styled pages, never Django's debug
pages, and never a stack trace (pytest-django runs with DEBUG False, as production does)."""

import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.urls("cme.core.tests.urls_with_failures")


def _h1(response) -> str:
    html = response.content.decode()
    start = html.index('<h1 class="govuk-heading-l">') + len('<h1 class="govuk-heading-l">')
    return html[start : html.index("</h1>", start)].strip()


def test_debug_is_off_while_these_tests_run():
    assert settings.DEBUG is False


def test_page_not_found_for_a_missing_path(client, cme_officer):
    client.force_login(cme_officer)

    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert [t.name for t in response.templates][:2] == ["404.html", "base.html"]
    assert _h1(response) == "Page not found"
    assert "<title>Page not found \N{EN DASH} Children missing education" in response.content.decode()


def test_page_not_found_for_an_anonymous_visitor_too(client, db):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert _h1(response) == "Page not found"


def test_permission_denied_page_for_a_signed_in_user_without_the_permission(client, school_user):
    client.force_login(school_user)

    response = client.get("/test-failures/403/")

    assert response.status_code == 403
    assert [t.name for t in response.templates][:2] == ["403.html", "base.html"]
    assert _h1(response) == "You do not have permission to see this page"
    assert "not reached" not in response.content.decode()


def test_bad_request_page_for_a_suspicious_request(client, db):
    response = client.get("/test-failures/400/")

    assert response.status_code == 400
    assert [t.name for t in response.templates][:2] == ["400.html", "base.html"]
    assert _h1(response) == "Sorry, there is a problem with your request"


def test_bad_request_page_for_a_host_the_service_does_not_serve(client, db):
    response = client.get(reverse("accounts:login"), HTTP_HOST="attacker.example")

    assert response.status_code == 400
    assert _h1(response) == "Sorry, there is a problem with your request"


def test_server_error_page_when_a_view_fails(client, db):
    client.raise_request_exception = False

    response = client.get("/test-failures/500/")

    html = response.content.decode()
    assert response.status_code == 500
    assert _h1(response) == "Sorry, there is a problem with the service"
    assert "Try again later." in html
    assert "Traceback" not in html
    assert "deliberate failure" not in html


def test_server_error_page_keeps_the_security_headers(client, db):
    client.raise_request_exception = False

    response = client.get("/test-failures/500/")

    assert response.status_code == 500
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert len(response["X-Request-ID"]) == 32


def test_csrf_failure_page_when_a_form_is_sent_without_its_token(db):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)

    response = client.post(reverse("accounts:login"), {"username": "someone@council.example", "password": "x"})

    assert response.status_code == 403
    assert _h1(response) == "Your form could not be sent"
