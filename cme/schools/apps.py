from django.apps import AppConfig


class SchoolsConfig(AppConfig):
    name = "cme.schools"
    label = "schools"
