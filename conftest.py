"""Browser test wiring shared by every test directory.

Browser tests drive Debian's Chromium (``/usr/bin/chromium``, or ``CME_CHROMIUM``) through Playwright
against pytest-django's ``live_server``. Anything that uses a Playwright fixture (``page``,
``context``, ``new_context``, ``browser``) is a browser test: it is marked ``browser`` (so
``pytest -m "not browser"`` leaves it out) and runs as a transactional database test whose data
from migrations (areas, districts, content types) is restored before it starts
(``serialized_rollback``), because the live server thread cannot see a test's open transaction.

Without Chromium the browser tests are skipped, except in CI (``CI=true``), where they fail.
Under pytest-xdist each worker has its own test database, live server and browser.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path(os.environ.get("CME_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
BROWSER_TEST_TIMEOUT_SECONDS = 300
_PLAYWRIGHT_FIXTURES = frozenset({"page", "context", "new_context", "browser", "browser_type", "launch_browser"})


@pytest.fixture(scope="session")
def persona_roles() -> Any:
    """Persona name → role, from cme/conftest.py. Tests in low layers such as cme.core read it
    through this fixture: the import-linter layers contract covers test modules too, and cme.core
    may not import cme.accounts."""
    from cme.conftest import PERSONA_ROLES

    return PERSONA_ROLES


@pytest.fixture(scope="session")
def role_permissions() -> Any:
    """Role → permissions, the table in cme/accounts/roles.py (see ``persona_roles``)."""
    from cme.accounts.roles import ROLE_PERMISSIONS

    return ROLE_PERMISSIONS


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark browser tests first, so that ``-m browser`` / ``-m "not browser"`` select by the marker."""
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        # A test parametrised with an argument that happens to be called "page" is not a browser test.
        fixtures -= set(getattr(getattr(item, "callspec", None), "params", {}))
        if not fixtures & _PLAYWRIGHT_FIXTURES:
            continue
        if item.get_closest_marker("browser") is None:
            item.add_marker(pytest.mark.browser)
        if item.get_closest_marker("timeout") is None and config.pluginmanager.hasplugin("timeout"):
            # Some Playwright calls (new_context, evaluate) wait without a time limit: a browser that
            # stops answering would hang the whole run. This fails the test instead (xdist replaces
            # the worker) and prints every thread's stack.
            item.add_marker(pytest.mark.timeout(BROWSER_TEST_TIMEOUT_SECONDS, method="thread"))
        if item.get_closest_marker("django_db") is None:
            item.add_marker(pytest.mark.django_db(transaction=True, serialized_rollback=True))


class _TransactionalTestsLast:
    """Run every transactional test (browser tests included) after all the others.

    A transactional test ends by emptying every table, including the rows the data migrations wrote
    (areas, districts); a test run after it in the same database would find them gone. pytest-django
    orders tests that way too, but not by the transactional marker added to browser tests above.
    """

    @pytest.hookimpl(trylast=True)
    def pytest_collection_modifyitems(self, items: list[pytest.Item]) -> None:
        items.sort(key=_is_transactional)  # stable: the order within each group is kept


def pytest_configure(config: pytest.Config) -> None:
    config.pluginmanager.register(_TransactionalTestsLast(), "cme-transactional-tests-last")


def _is_transactional(item: pytest.Item) -> bool:
    marker = item.get_closest_marker("django_db")
    if marker is None:
        return False
    return bool(marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences"))


def pytest_runtest_setup(item: pytest.Item) -> None:
    marker = item.get_closest_marker("django_db")
    if _is_transactional(item) and marker is not None and not marker.kwargs.get("serialized_rollback"):
        # Its flush would re-create content types under new ids, and the next test restoring the saved
        # migration data (serialized_rollback) would then collide with them.
        pytest.fail("Transactional tests must also say serialized_rollback=True (tests/README.md).", pytrace=False)
    if item.get_closest_marker("browser") is None or CHROMIUM.exists():
        return
    message = f"Browser tests need Chromium at {CHROMIUM} (make system-deps installs it)."
    if _in_ci():
        pytest.fail(message + " In CI a missing browser is a failure.", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def base_url(live_server: Any) -> str:
    """Pages open relative to the live server: ``page.goto("/sign-in/")``."""
    return str(live_server.url)


@pytest.fixture(scope="session")
def _django_connections_before_playwright() -> dict[str, Any]:
    from django.db import connections

    return {alias: connections[alias] for alias in connections}


@pytest.fixture(scope="session")
def playwright(_django_connections_before_playwright: dict[str, Any], playwright: Any) -> Iterator[Any]:
    """Playwright's synchronous API keeps an asyncio event loop marked as running in this thread while
    it is started. Django takes that to mean "async context", which has two effects on the test code:

    - it refuses ORM calls (SynchronousOnlyOperation): nothing in a browser test is asynchronous, so
      DJANGO_ALLOW_ASYNC_UNSAFE lifts that guard while Playwright runs;
    - it looks database connections up per context rather than per thread, so the test would get a
      second connection object that lacks the test database's saved migration data
      (``serialized_rollback``) and runs outside the test's transaction handling. Pinning the
      connections this thread already had keeps one connection per database, as outside the browser.
    """
    from django.db import connections

    for alias, connection in _django_connections_before_playwright.items():
        connections[alias] = connection
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        yield playwright
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous
