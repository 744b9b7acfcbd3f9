from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "cme.notifications"
    label = "notifications"

    def ready(self) -> None:
        from cme.notifications import checks  # noqa: F401  (registers the system check)
