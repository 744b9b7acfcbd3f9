"""What the accessibility table is made of: how to reach a page (Given) and one row (PageCheck).

Each area of the service keeps its rows in its own ``tests/e2e/pages_<area>.py`` (PAGE_CHECKS and
NOT_PAGES); ``test_accessibility`` joins them with its own and walks the URL resolver.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from playwright.sync_api import Page, expect


@dataclass(frozen=True)
class Given:
    """What a page needs: its URL arguments, and optionally another URL to open first and what to
    do there to reach it (a page shown only after a form is sent, or reached by an emailed link)."""

    kwargs: dict[str, object] = field(default_factory=dict)
    open_first: str | None = None
    reach: Callable[[Page], None] | None = None


@dataclass(frozen=True)
class PageCheck:
    """Open ``url_name`` as ``persona`` (None: signed out), optionally do ``then``, and run axe."""

    url_name: str
    persona: str | None
    given: Callable[[], Given] = Given
    state: str = ""
    then: Callable[[Page], None] | None = None
    # False: stop at the page asking for the two-factor code instead of entering one.
    two_factor: bool = True

    @property
    def id(self) -> str:
        return f"{self.url_name} ({self.state})" if self.state else self.url_name


# Page states --------------------------------------------------------------------------------------


def press(button: str) -> Callable[[Page], None]:
    """Send the page's form as it is (empty, for error states) and wait for the result."""

    def press(page: Page) -> None:
        page.get_by_role("button", name=button, exact=True).click()
        page.wait_for_load_state()

    return press


def press_and_expect_errors(button: str) -> Callable[[Page], None]:
    def press_then_expect(page: Page) -> None:
        press(button)(page)
        expect(page.locator(".govuk-error-summary")).to_be_visible()

    return press_then_expect
