"""The accessibility helper itself: it knows every WCAG 2.2 AA tag and it does catch problems."""

import pytest

from tests.e2e.axe import WCAG_22_AA_TAGS, assert_accessible, axe_version, rules_for_tags


def test_bundled_axe_has_rules_for_every_wcag_22_aa_tag(page):
    page.set_content("<!DOCTYPE html><html lang='en'><head><title>t</title></head><body><main></main></body></html>")

    rules = rules_for_tags(page)

    assert tuple(int(part) for part in axe_version(page).split(".")[:2]) >= (4, 12)
    assert {tag: bool(rules[tag]) for tag in WCAG_22_AA_TAGS} == dict.fromkeys(WCAG_22_AA_TAGS, True)
    # target-size is the WCAG 2.2 AA rule (success criterion 2.5.8).
    assert "target-size" in rules["wcag22aa"]


def test_helper_fails_on_an_image_without_alternative_text_and_names_it(page):
    page.set_content(
        "<!DOCTYPE html><html lang='en'><head><title>t</title></head>"
        "<body><main><h1>Page</h1><img src='data:,' id='logo'></main></body></html>"
    )

    with pytest.raises(AssertionError) as failure:
        assert_accessible(page)

    message = str(failure.value)
    assert "1 accessibility problem(s)" in message
    assert "- image-alt (critical): Images must have alternative text" in message
    assert "at #logo:" in message


def test_helper_passes_a_page_with_no_problems(page):
    page.set_content(
        "<!DOCTYPE html><html lang='en'><head><title>Fine</title></head>"
        "<body><main><h1>Fine</h1><p>Nothing wrong here.</p></main></body></html>"
    )

    assert_accessible(page)
