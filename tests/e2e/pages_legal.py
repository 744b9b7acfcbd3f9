"""Accessibility rows for School Attendance Orders, Education Supervision Orders and letters
(joined by test_accessibility)."""

from __future__ import annotations

from tests.e2e.page_checks import PageCheck

PAGE_CHECKS: list[PageCheck] = []

# URL names that are not pages a person reads, and why.
NOT_PAGES: dict[str, str] = {}
