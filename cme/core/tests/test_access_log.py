"""The access log: one JSON line per request with its request id, and never a query string
(search terms may name a child)."""

import json
import logging

import pytest
from django.urls import reverse

from cme.core.logging import JsonFormatter, RequestIdFilter


@pytest.fixture
def access_log(caplog):
    # The filter sits on the console handler in settings; give the capturing handler the same one so
    # each captured record carries the request id it was logged under.
    caplog.handler.addFilter(RequestIdFilter())
    caplog.set_level(logging.INFO, logger="cme.access")
    yield caplog
    caplog.handler.removeFilter(caplog.handler.filters[-1])


def _access_lines(caplog) -> list[dict]:
    return [json.loads(JsonFormatter().format(r)) for r in caplog.records if r.name == "cme.access"]


@pytest.mark.django_db
def test_each_request_writes_one_json_access_line_with_its_request_id(client, access_log):
    response = client.get(reverse("core:accessibility"))

    [line] = _access_lines(access_log)
    assert line["request_id"] == response["X-Request-ID"]
    assert line["message"] == "request"
    assert line["method"] == "GET"
    assert line["path"] == "/accessibility/"
    assert line["status"] == 200
    assert line["level"] == "INFO"
    assert line["logger"] == "cme.access"
    assert isinstance(line["duration_ms"], float)
    assert set(line) == {
        "time",
        "level",
        "logger",
        "message",
        "request_id",
        "method",
        "path",
        "status",
        "duration_ms",
    }


@pytest.mark.django_db
def test_access_line_leaves_out_the_query_string(client, access_log):
    client.get(reverse("core:privacy"), {"surname": "Testchild", "dob": "2015-03-01"})

    [line] = _access_lines(access_log)
    written = JsonFormatter().format(next(r for r in access_log.records if r.name == "cme.access"))
    assert line["path"] == "/privacy/"
    assert "?" not in written
    assert "Testchild" not in written
    assert "2015-03-01" not in written


def test_access_line_leaves_out_what_was_posted(client, cme_officer, access_log):
    client.post(reverse("accounts:login"), {"username": cme_officer.email, "password": "correct horse battery staple"})

    [line] = _access_lines(access_log)
    written = json.dumps(line)
    assert line["path"] == "/sign-in/"
    assert line["method"] == "POST"
    assert line["status"] == 302
    assert cme_officer.email not in written
    assert "correct horse" not in written


@pytest.mark.django_db
def test_access_line_uses_the_request_id_from_the_proxy(client, access_log):
    client.get(reverse("core:cookies"), HTTP_X_REQUEST_ID="proxy-req-0001")

    [line] = _access_lines(access_log)
    assert line["request_id"] == "proxy-req-0001"
