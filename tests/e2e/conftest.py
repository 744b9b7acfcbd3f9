"""Fixtures for browser tests. The browser itself is configured in the repository's root conftest.py."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from cme.accounts.models import User
from cme.conftest import make_persona


@pytest.fixture
def persona(transactional_db) -> Callable[[str], User]:
    """``persona("cme_manager")``: that persona's user, created on first use (see cme/conftest.py)."""
    return make_persona
