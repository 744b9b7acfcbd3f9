from django.apps import AppConfig


class AreasConfig(AppConfig):
    name = "cme.areas"
    label = "areas"
