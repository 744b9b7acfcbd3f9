from django.apps import AppConfig


class ExportsConfig(AppConfig):
    name = "cme.exports"
    label = "exports"
