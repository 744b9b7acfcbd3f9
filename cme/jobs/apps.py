from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "cme.jobs"
    label = "jobs"
