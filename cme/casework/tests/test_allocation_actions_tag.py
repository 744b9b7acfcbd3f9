"""The case page's allocation actions: a Take button for a CME officer who may take the case, an
allocation link for the manager, nothing for anyone else."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

from cme.cases.states import CaseStatus
from cme.casework.tests.case_data import a_case, an_officer

TEMPLATE = Template("{% load casework_lists %}{% allocation_actions case %}")


def render(user, case) -> str:
    request = RequestFactory().get("/")
    request.user = user
    return " ".join(TEMPLATE.render(Context({"request": request, "case": case, "csrf_token": "token"})).split())


@pytest.mark.parametrize(
    ("who", "held", "status", "expected"),
    [
        ("cme_officer_west", False, CaseStatus.ENQUIRIES, "take"),
        ("cme_officer_west", True, CaseStatus.ENQUIRIES, ""),
        ("cme_officer_east", False, CaseStatus.ENQUIRIES, ""),
        ("cme_officer_west", False, CaseStatus.CLOSED, ""),
        ("cme_manager", False, CaseStatus.ENQUIRIES, "Allocate the case"),
        ("cme_manager", True, CaseStatus.ENQUIRIES, "Reallocate the case"),
        ("cme_manager", True, CaseStatus.CLOSED, ""),
        ("auditor", False, CaseStatus.ENQUIRIES, ""),
    ],
)
def test_the_case_page_offers_taking_or_allocating_to_those_who_may(persona, who, held, status, expected):
    case = a_case(area="west", status=status, allocated_to=an_officer("Ann Officer") if held else None)

    html = render(persona(who), case)

    if expected == "take":
        assert f'action="{reverse("casework:claim", args=[case.pk])}"' in html
        assert "Take this case</button>" in html
        assert 'name="csrfmiddlewaretoken" value="token"' in html
    elif expected:
        assert html == (
            f'<p class="govuk-body"><a class="govuk-link" href="{reverse("casework:allocate", args=[case.pk])}">'
            f"{expected}</a></p>"
        )
    else:
        assert html == ""
