"""Liveness and readiness probes: open without signing in, never cached, no page furniture."""

import json

import pytest
from django.db import DatabaseError


@pytest.mark.django_db
def test_healthz_says_ok_in_plain_text(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain"
    assert response.content == b"ok"
    assert "no-cache" in response["Cache-Control"]


def test_healthz_does_not_touch_the_database(client, django_assert_num_queries, db):
    with django_assert_num_queries(0):
        response = client.get("/healthz")

    assert response.status_code == 200


@pytest.mark.django_db
def test_readyz_reports_the_database_as_json_to_a_plain_probe(client):
    # Load balancers and orchestrators send no Accept header, or */*.
    response = client.get("/readyz")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content) == {"Database(alias='default')": "OK"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_readyz_reports_the_database_as_json_when_asked_for_json(client):
    response = client.get("/readyz", HTTP_ACCEPT="application/json")

    assert response.status_code == 200
    assert json.loads(response.content) == {"Database(alias='default')": "OK"}


@pytest.mark.django_db
def test_readyz_fails_when_the_database_does_not_answer(client, monkeypatch):
    def refuse(*args, **kwargs):
        raise DatabaseError("connection refused")

    monkeypatch.setattr("django.db.backends.utils.CursorWrapper.execute", refuse)

    response = client.get("/readyz", HTTP_ACCEPT="application/json")

    assert response.status_code == 500
    assert list(json.loads(response.content)) == ["Database(alias='default')"]
    assert json.loads(response.content)["Database(alias='default')"] != "OK"
