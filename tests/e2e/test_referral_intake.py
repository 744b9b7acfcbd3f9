"""The intake journeys in the browser: the public referral completed with the keyboard alone (Tab, typing,
Space and Enter, no clicks), a partner agency's referral and one keyed in by the CME team. Every page they
pass through, with and without its error summary, has no WCAG 2.2 AA violation."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.urls import reverse
from playwright.sync_api import Page, expect

from cme.conftest import make_persona
from cme.referrals.models import Referral
from cme.schools.tests.factories import SchoolFactory
from tests.e2e.axe import assert_accessible
from tests.e2e.browser import ConsoleErrors, sign_in

# Enough Tab presses to cross the longest form (about 60 stops) with room to spare.
MAX_TABS = 200


def _focused(page: Page) -> dict[str, str]:
    return dict(
        page.evaluate(
            "() => { const e = document.activeElement;"
            " return {id: e.id || '', text: (e.innerText || '').trim(), tag: e.tagName}; }"
        )
    )


def tab_to(page: Page, *, element_id: str | None = None, text: str | None = None) -> None:
    """Press Tab until the element with this id, or a link or button with this text, has the focus."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        focused = _focused(page)
        if (element_id is not None and focused["id"] == element_id) or (text is not None and focused["text"] == text):
            return
    raise AssertionError(f"Tab never reached {element_id or text!r}")


def type_into(page: Page, element_id: str, text: str) -> None:
    tab_to(page, element_id=element_id)
    page.keyboard.type(text)


# Helpers the accessibility page table uses to reach the confirmation pages.


def send_public_referral(page: Page) -> None:
    """From the public form, send the smallest referral it accepts."""
    page.locator("#id_child-forenames").fill("Ada")
    page.locator("#id_child-town").fill("Watford")
    page.locator("#id_concern-concern").fill("She has not been at school since the spring.")
    page.locator("#id_referrer-referrer_anonymous").check()
    page.get_by_role("button", name="Send referral").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Referral sent")


def send_partner_referral(page: Page) -> None:
    page.locator("#id_child-forenames").fill("Ada")
    page.locator("#id_concern-concern").fill("The family left their tenancy; the school has not seen her.")
    page.get_by_role("button", name="Send referral").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Referral sent")


# The journeys


def test_the_public_referral_can_be_completed_with_the_keyboard_alone(page: Page):
    SchoolFactory(urn=117500, name="Synthetic Junior School", town="Watford")
    console = ConsoleErrors(page)
    page.goto(reverse("referrals:public_start"))
    assert_accessible(page)

    tab_to(page, text="Start now")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Tell us about a child who may be missing education")
    assert_accessible(page)

    # Sending it empty shows the error summary, which takes the focus.
    tab_to(page, text="Send referral")
    page.keyboard.press("Enter")
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("Enter the child's first name")
    assert_accessible(page)

    # Its first link takes the keyboard to the child's first name.
    page.keyboard.press("Tab")
    assert _focused(page)["text"] == "Enter the child's first name"
    page.keyboard.press("Enter")
    expect(page.locator("#id_child-forenames")).to_be_focused()
    page.keyboard.type("Ada")
    type_into(page, "id_child-town", "Watford")
    type_into(page, "id_concern-concern", "She has not been at school since the spring.")
    tab_to(page, element_id="id_referrer-referrer_anonymous")
    page.keyboard.press("Space")
    expect(page.locator("#id_referrer-referrer_anonymous")).to_be_checked()
    tab_to(page, text="Send referral")
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text("Referral sent")
    referral = Referral.objects.get()
    expect(page.locator(".govuk-panel__body strong")).to_have_text(referral.reference)
    assert (referral.channel, referral.forenames, referral.town, referral.referrer_anonymous) == (
        "public",
        "Ada",
        "Watford",
        True,
    )
    assert urlsplit(page.url).path == reverse("referrals:public_sent")
    assert_accessible(page)
    assert console.messages == []


def test_a_partner_agency_refers_a_child(page: Page):
    partner = make_persona("partner_user")
    sign_in(page, partner)
    console = ConsoleErrors(page)
    page.goto(reverse("referrals:partner_new"))
    assert_accessible(page)

    page.get_by_role("button", name="Send referral").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Tell us why you think the child is missing education")
    assert_accessible(page)
    assert Referral.objects.count() == 0

    page.locator("#id_child-forenames").fill("Ada")
    page.locator("#id_concern-concern").fill("The family left their tenancy; the school has not seen her.")
    page.get_by_label("Supported by Early Help").check()
    page.get_by_label("There is an immediate safeguarding concern about this child").check()
    page.locator("#id_concern-urgent_reason").fill("An adult who is not a parent is keeping her at home.")
    page.get_by_role("button", name="Send referral").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Referral sent")
    referral = Referral.objects.get()
    expect(page.locator(".govuk-panel__body strong")).to_have_text(referral.reference)
    assert (referral.channel, referral.referrer, referral.urgent, referral.risk_factors) == (
        "partner",
        partner,
        True,
        ["early_help"],
    )
    assert_accessible(page)
    assert console.messages == []


def test_the_cme_team_keys_in_a_referral_that_came_by_phone(page: Page):
    sign_in(page, make_persona("cme_officer_west"))
    console = ConsoleErrors(page)
    page.goto(reverse("referrals:staff_new"))
    assert_accessible(page)

    page.get_by_role("button", name="Record referral").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select how the referral reached the CME team")
    assert_accessible(page)

    page.get_by_label("Phone call").check()
    page.locator("#id_source-source_detail").fill("Call to the duty line")
    page.locator("#id_referrer-referrer_name").fill("A Neighbour")
    page.locator("#id_child-forenames").fill("Ada")
    page.locator("#id_concern-concern").fill("The caller has not seen her go to school since September.")
    page.get_by_role("button", name="Record referral").click()

    referral = Referral.objects.get()
    expect(page).to_have_url(f"{page.url.split('/referrals/')[0]}/referrals/{referral.pk}/")
    expect(page.locator(".govuk-notification-banner")).to_contain_text(f"Referral {referral.reference} recorded")
    assert (referral.channel, referral.source, referral.referrer_name) == ("staff", "phone", "A Neighbour")
    assert console.messages == []
