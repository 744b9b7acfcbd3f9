"""Domain errors. Services raise these; views turn them into GOV.UK error messages."""

from __future__ import annotations


class ApplicationError(Exception):
    """A rule of the service was broken. ``message`` is safe to show to the user."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class PermissionDeniedError(ApplicationError):
    """The acting user may not do this."""
