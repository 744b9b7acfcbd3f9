"""Accessibility checks with axe-core, against WCAG 2.2 level AA.

``assert_accessible(page)`` runs axe on the page as it is now and fails with one readable line per
problem (rule, impact, what to fix, the elements involved). axe-core comes from the
axe-playwright-python wheel (axe-core 4.12, MPL-2.0), so nothing is downloaded at test time. It is
injected with ``page.evaluate``: the service's Content-Security-Policy blocks ``add_script_tag``.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import axe_playwright_python
from playwright.sync_api import Page

# WCAG 2.0, 2.1 and 2.2, levels A and AA: what UK public sector bodies must meet.
WCAG_22_AA_TAGS: tuple[str, ...] = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa")

_RUN = """async (tags) => {
    const results = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
    return {version: axe.version, violations: results.violations};
}"""


@cache
def axe_source() -> str:
    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


def inject_axe(page: Page) -> None:
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(axe_source())


def axe_version(page: Page) -> str:
    inject_axe(page)
    return str(page.evaluate("axe.version"))


def rules_for_tags(page: Page, tags: tuple[str, ...] = WCAG_22_AA_TAGS) -> dict[str, list[str]]:
    """Which axe rules each tag selects: proves the bundled axe knows every tag we ask for."""
    inject_axe(page)
    return {tag: page.evaluate("(tag) => axe.getRules([tag]).map(r => r.ruleId)", tag) for tag in tags}


def axe_violations(page: Page, tags: tuple[str, ...] = WCAG_22_AA_TAGS) -> list[dict[str, Any]]:
    inject_axe(page)
    return list(page.evaluate(_RUN, list(tags))["violations"])


def describe_violations(violations: list[dict[str, Any]]) -> str:
    lines = []
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation.get('impact') or 'no impact given'}): {violation['help']}"
            f" [{violation.get('helpUrl', '')}]"
        )
        for node in violation.get("nodes", []):
            target = " ".join(str(part) for part in node.get("target", []))
            summary = " ".join(str(node.get("failureSummary", "")).split())
            lines.append(f"    at {target}: {summary}")
    return "\n".join(lines)


def assert_accessible(page: Page, tags: tuple[str, ...] = WCAG_22_AA_TAGS) -> None:
    """Fail if axe finds any WCAG 2.2 AA violation on the page as it is now."""
    violations = axe_violations(page, tags)
    assert violations == [], (
        f"{len(violations)} accessibility problem(s) on {page.url} (axe {axe_version(page)}, "
        f"rules tagged {', '.join(tags)}):\n{describe_violations(violations)}"
    )
