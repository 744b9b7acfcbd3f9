import factory

from cme.schools.models import School


class SchoolFactory(factory.django.DjangoModelFactory[School]):
    class Meta:
        model = School
        django_get_or_create = ("urn",)

    urn = factory.Sequence(lambda n: 900000 + n)
    la_code = "919"
    establishment_number = factory.Sequence(lambda n: f"{2000 + n % 8000:04d}")
    name = factory.Sequence(lambda n: f"Synthetic Primary School {n}")
    town = "Stevenage"
    postcode = "SG1 1AA"
    phase = School.Phase.PRIMARY
    status = School.Status.OPEN
