from django.apps import AppConfig


class ReturnsConfig(AppConfig):
    name = "cme.returns"
    label = "returns"
