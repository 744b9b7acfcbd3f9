from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "cme.organisations"
    label = "organisations"
