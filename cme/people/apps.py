from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "cme.people"
    label = "people"
