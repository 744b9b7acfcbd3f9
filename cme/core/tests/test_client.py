import pytest
from django.test import RequestFactory

from cme.core.client import client_address


@pytest.fixture
def rf():
    return RequestFactory()


def test_without_proxies_the_connection_address_is_the_client(rf, settings):
    settings.CME_TRUSTED_PROXY_COUNT = 0
    request = rf.get("/", REMOTE_ADDR="198.51.100.4", HTTP_X_FORWARDED_FOR="192.0.2.1")

    assert client_address(request) == "198.51.100.4"


def test_behind_one_proxy_the_last_forwarded_address_is_the_client(rf, settings):
    settings.CME_TRUSTED_PROXY_COUNT = 1
    request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="192.0.2.99, 203.0.113.7")

    assert client_address(request) == "203.0.113.7"


def test_a_request_that_skipped_the_proxies_falls_back_to_the_connection(rf, settings):
    settings.CME_TRUSTED_PROXY_COUNT = 2
    request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.7")

    assert client_address(request) == "10.0.0.1"


def test_sign_in_lockout_counts_by_the_same_address(client, settings, cme_officer):
    from axes.models import AccessAttempt

    settings.CME_TRUSTED_PROXY_COUNT = 1
    client.post(
        "/sign-in/",
        {"username": cme_officer.email, "password": "wrong password!!"},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="203.0.113.7",
    )

    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == ["203.0.113.7"]
