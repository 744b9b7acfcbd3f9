import factory

from cme.accounts.models import User
from cme.accounts.roles import Role
from cme.organisations.tests.factories import OrganisationFactory

DEFAULT_PASSWORD = "correct horse battery staple"


class UserFactory(factory.django.DjangoModelFactory[User]):
    class Meta:
        model = User
        django_get_or_create = ("email",)
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@council.example")
    full_name = factory.Sequence(lambda n: f"Test User {n}")
    role = Role.CME_OFFICER
    area_id = factory.LazyAttribute(lambda o: "west" if o.role in (Role.CME_OFFICER, Role.ATTENDANCE_OFFICER) else None)
    organisation = factory.SubFactory(OrganisationFactory, name="Children Missing Education team")
    password = factory.PostGenerationMethodCall("set_password", DEFAULT_PASSWORD)

    @factory.post_generation
    def _save(obj: User, create: bool, extracted: object, **kwargs: object) -> None:  # noqa: N805
        if create:
            obj.save()
