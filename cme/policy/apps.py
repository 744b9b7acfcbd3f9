from django.apps import AppConfig


class PolicyConfig(AppConfig):
    name = "cme.policy"
    label = "policy"
