from django.apps import AppConfig


class WorklistConfig(AppConfig):
    name = "cme.worklist"
    label = "worklist"
