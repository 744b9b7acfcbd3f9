"""Cases and enquiries for enquiry tests. Children and cases are synthetic."""

from __future__ import annotations

from datetime import date

import factory

from cme.cases.models import Case
from cme.cases.states import CaseStatus
from cme.enquiries.models import Check, Enquiry, InboundEnquiry, Method
from cme.organisations.models import Organisation
from cme.organisations.tests.factories import OrganisationFactory
from cme.people.models import Child


class ChildFactory(factory.django.DjangoModelFactory[Child]):
    class Meta:
        model = Child

    forenames = factory.Sequence(lambda n: f"Sample{n}")
    surname = "Testchild"
    date_of_birth = date(2014, 5, 17)


class CaseFactory(factory.django.DjangoModelFactory[Case]):
    class Meta:
        model = Case

    reference = factory.Sequence(lambda n: f"C-TEST-{n:04d}")
    child = factory.SubFactory(ChildFactory)
    status = CaseStatus.ENQUIRIES
    area_id = "west"
    cme_from = date(2026, 1, 5)


class OtherCouncilFactory(OrganisationFactory):
    kind = Organisation.Kind.OTHER_COUNCIL
    name = factory.Sequence(lambda n: f"Synthetic Borough Council {n}")
    la_code = factory.Sequence(lambda n: f"{800 + n % 100:03d}")


class EnquiryFactory(factory.django.DjangoModelFactory[Enquiry]):
    """An enquiry asked and waiting for an answer."""

    class Meta:
        model = Enquiry

    case = factory.SubFactory(CaseFactory)
    check_type = Check.POLICE
    asked_whom = "Police (synthetic force)"
    asked_on = date(2026, 3, 2)
    method = Method.SECURE_EMAIL
    due_on = date(2026, 3, 16)


class InboundEnquiryFactory(factory.django.DjangoModelFactory[InboundEnquiry]):
    class Meta:
        model = InboundEnquiry

    reference = factory.Sequence(lambda n: f"E-TEST-{n:04d}")
    council_name = "Synthetic City Council"
    la_code = "888"
    received_on = date(2026, 3, 2)
    forenames = "Sample"
    surname = "Visitor"
    request = "Is this child known to you or on roll at one of your schools?"
    due_on = date(2026, 3, 16)
