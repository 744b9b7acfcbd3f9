import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_anonymous_visitor_is_sent_to_sign_in(client):
    response = client.get(reverse("worklist:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_cme_officer_signs_in_and_sees_an_empty_work_list(client, cme_officer):
    response = client.post(
        reverse("accounts:login"),
        {"username": cme_officer.email, "password": "correct horse battery staple"},
        follow=True,
    )
    assert response.status_code == 200
    assert response.templates[0].name == "worklist/work_list.html"
    assert "There is nothing on your work list." in response.content.decode()


def test_healthz_answers_without_sign_in(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"
