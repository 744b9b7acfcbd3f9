from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "cme.reporting"
    label = "reporting"
