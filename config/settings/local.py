"""Settings for `make run` on one machine: SQLite in var/, console email, no two-factor."""

from config.settings.base import *  # noqa: F403
