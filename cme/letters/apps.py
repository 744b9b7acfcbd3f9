from django.apps import AppConfig


class LettersConfig(AppConfig):
    name = "cme.letters"
    label = "letters"
