"""Default deny, proved over every URL the service has (read from the URL resolver, so new pages are
covered as soon as they are wired in):

- anonymous visitors are sent to sign in everywhere except an explicit allow-list;
- every view declares who may use it (cme.core.access);
- the role-by-view matrix: a persona gets 403 exactly when its role lacks the view's permission,
  and gets it before the view looks anything up (placeholder ids name objects that do not exist);
- the security headers every response carries.
"""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from django.urls import reverse

from cme.core.access import PUBLIC, SIGNED_IN, access_of
from cme.core.permissions import Perm
from cme.core.tests.url_walk import NamedUrl, named_urls, unnamed_routes

# URL names anyone may open without signing in, and why. Everything else must send an anonymous
# visitor to the sign-in page. Adding a name here makes a page public: it needs a reason.
PUBLIC_URL_NAMES: dict[str, str] = {
    "accounts:login": "the sign-in page itself",
    "accounts:password_reset": "someone who has forgotten their password cannot sign in to ask for a link",
    "accounts:password_reset_sent": "the page after asking for a link, still signed out",
    "accounts:set_password": "the emailed link to set a password; the token in it is the credential",
    "core:accessibility": "the accessibility statement must be readable before signing in",
    "core:privacy": "the privacy notice must be readable before signing in",
    "core:cookies": "the cookies page must be readable before signing in",
    "core:healthz": "liveness probe for the load balancer",
    "core:readyz": "readiness probe for the load balancer",
    "referrals:public_start": "policy 8.1: anyone may tell the CME team about a child, without an account",
    "referrals:public_form": "the public, confidential referral form (honeypot, rate limit, size limit, CSRF)",
    "referrals:public_sent": "the public referral's confirmation; shows the reference once, reads nothing back",
}

SERVICE_URLS = named_urls()
PERMISSION_URLS = [url for url in SERVICE_URLS if access_of(url.callback) not in (None, PUBLIC, SIGNED_IN)]
SIGNED_IN_URLS = [url for url in SERVICE_URLS if access_of(url.callback) == SIGNED_IN]


def _ids(urls: list[NamedUrl]) -> list[str]:
    return [url.name for url in urls]


def test_every_url_pattern_outside_django_admin_has_a_name():
    # A pattern without a name cannot be reversed, so nothing below could check it.
    assert unnamed_routes() == []


def test_every_public_url_on_the_allow_list_exists_and_is_declared_public():
    declared = {url.name: access_of(url.callback) for url in SERVICE_URLS}

    assert {name: declared.get(name) for name in PUBLIC_URL_NAMES} == dict.fromkeys(PUBLIC_URL_NAMES, PUBLIC)


def test_only_allow_listed_urls_are_declared_public():
    declared_public = {url.name for url in SERVICE_URLS if access_of(url.callback) == PUBLIC}

    assert declared_public - PUBLIC_URL_NAMES.keys() == set()


@pytest.mark.parametrize("url", SERVICE_URLS, ids=_ids(SERVICE_URLS))
def test_every_view_declares_who_may_use_it(url: NamedUrl):
    access = access_of(url.callback)

    assert access is not None, f"{url.name} ({url.route}) declares no access: use cme.core.access"
    assert access in (PUBLIC, SIGNED_IN) or access in set(Perm), f"{url.name} declares unknown access {access!r}"


@pytest.mark.django_db
@pytest.mark.parametrize("url", SERVICE_URLS, ids=_ids(SERVICE_URLS))
def test_anonymous_visitor_is_sent_to_sign_in_unless_the_url_is_public(client, url: NamedUrl):
    path = url.placeholder_url()

    response = client.get(path)

    if url.name in PUBLIC_URL_NAMES:
        assert response.status_code == 200
    else:
        assert response.status_code == 302
        assert response["Location"] == f"{reverse('accounts:login')}?next={quote(path, safe='/')}"


@pytest.mark.django_db
def test_django_admin_sends_an_anonymous_visitor_to_its_own_sign_in(client):
    response = client.get(reverse("admin:index"))

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('admin:login')}?next={reverse('admin:index')}"


def _statuses_by_persona(client, persona, persona_names, path: str) -> dict[str, int]:
    statuses = {}
    for name in persona_names:
        client.force_login(persona(name))
        statuses[name] = client.get(path).status_code
        client.logout()
    return statuses


@pytest.mark.parametrize("url", PERMISSION_URLS, ids=_ids(PERMISSION_URLS))
def test_role_view_matrix_403_exactly_when_the_role_lacks_the_permission(
    client, persona, persona_roles, role_permissions, url: NamedUrl
):
    perm = Perm(str(access_of(url.callback)))
    holders = {name for name, role in persona_roles.items() if perm in role_permissions[role]}
    path = url.placeholder_url()

    statuses = _statuses_by_persona(client, persona, persona_roles, path)

    wrongly_refused = {name: status for name, status in statuses.items() if name in holders and status == 403}
    # Denied roles must be refused before the view looks anything up: a 404 here would tell them
    # whether a record exists.
    wrongly_served = {name: status for name, status in statuses.items() if name not in holders and status != 403}
    assert wrongly_refused == {}, f"{url.name} refused personas whose role holds {perm.name}"
    assert wrongly_served == {}, f"{url.name} ({path}) did not answer 403 to personas whose role lacks {perm.name}"


@pytest.mark.parametrize("url", SIGNED_IN_URLS, ids=_ids(SIGNED_IN_URLS))
def test_no_persona_is_refused_a_view_open_to_any_signed_in_user(client, persona, persona_roles, url: NamedUrl):
    statuses = _statuses_by_persona(client, persona, persona_roles, url.placeholder_url())

    assert {name: status for name, status in statuses.items() if status == 403} == {}


def test_every_persona_role_has_a_permission_set(persona_roles, role_permissions):
    assert {role for role in persona_roles.values() if role not in role_permissions} == set()


_NONCE = re.compile(r"'nonce-([A-Za-z0-9+/=_-]+)'")


def _assert_security_headers(response) -> None:
    csp = response["Content-Security-Policy"]
    nonce = _NONCE.search(csp)
    assert nonce is not None, csp
    assert "script-src 'self' 'nonce-" in csp
    assert "frame-ancestors 'none'" in csp
    assert "default-src 'self'" in csp
    # Every inline or module script on the page carries the nonce from this response's header.
    assert response.content.decode().count("<script") == response.content.decode().count(f'nonce="{nonce.group(1)}"')
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert re.fullmatch(r"[0-9a-f]{32}", response["X-Request-ID"])


@pytest.mark.django_db
def test_sign_in_page_sends_the_security_headers(client):
    response = client.get(reverse("accounts:login"))

    assert response.status_code == 200
    _assert_security_headers(response)


def test_signed_in_page_sends_the_security_headers(client, cme_officer):
    client.force_login(cme_officer)

    response = client.get(reverse("worklist:home"))

    assert response.status_code == 200
    _assert_security_headers(response)


def test_each_response_gets_its_own_nonce_and_request_id(client, db):
    first = client.get(reverse("accounts:login"))
    second = client.get(reverse("accounts:login"))

    nonces = {_NONCE.findall(response["Content-Security-Policy"])[0] for response in (first, second)}
    assert len(nonces) == 2
    assert first["X-Request-ID"] != second["X-Request-ID"]


def test_a_well_formed_request_id_from_the_proxy_is_kept(client, db):
    response = client.get(reverse("accounts:login"), HTTP_X_REQUEST_ID="lb-1234abcd")

    assert response["X-Request-ID"] == "lb-1234abcd"


def test_a_malformed_request_id_from_outside_is_replaced(client, db):
    response = client.get(reverse("accounts:login"), HTTP_X_REQUEST_ID="<script>")

    assert re.fullmatch(r"[0-9a-f]{32}", response["X-Request-ID"])
