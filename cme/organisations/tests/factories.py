import factory

from cme.organisations.models import Mailbox, Organisation


class OrganisationFactory(factory.django.DjangoModelFactory[Organisation]):
    class Meta:
        model = Organisation
        django_get_or_create = ("kind", "name")

    name = factory.Sequence(lambda n: f"Council team {n}")
    kind = Organisation.Kind.COUNCIL_TEAM


class PartnerAgencyFactory(OrganisationFactory):
    name = factory.Sequence(lambda n: f"Partner agency {n}")
    kind = Organisation.Kind.PARTNER_AGENCY
    agency_type = Organisation.AgencyType.SOCIAL_CARE


class SchoolOrganisationFactory(OrganisationFactory):
    kind = Organisation.Kind.SCHOOL
    school = factory.SubFactory("cme.schools.tests.factories.SchoolFactory")
    name = factory.SelfAttribute("school.name")  # type: ignore[assignment]


class MailboxFactory(factory.django.DjangoModelFactory[Mailbox]):
    class Meta:
        model = Mailbox
        django_get_or_create = ("key",)

    key = Mailbox.Key.CME
    email = factory.LazyAttribute(lambda o: f"{o.key.replace('_', '-')}@council.example")
