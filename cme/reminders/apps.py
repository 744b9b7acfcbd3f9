from django.apps import AppConfig


class RemindersConfig(AppConfig):
    name = "cme.reminders"
    label = "reminders"
