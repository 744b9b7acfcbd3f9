from django.apps import AppConfig


class LegalConfig(AppConfig):
    name = "cme.legal"
    label = "legal"
