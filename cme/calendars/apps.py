from django.apps import AppConfig


class CalendarsConfig(AppConfig):
    name = "cme.calendars"
    label = "calendars"
