"""axe-core reports no WCAG 2.2 AA violation on any page of the service.

PAGE_CHECKS says how to open each page: as which persona and with which URL arguments. A test walks
the URL resolver and fails when a URL name has no row here (a new page must add one) or is listed
under NOT_PAGES with a reason; rows for URL names that no longer exist fail too. Error pages and the
sign-in page showing its error summary are checked as well.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from cme.accounts.models import User
from cme.cases.models import Case
from cme.cases.states import CaseStatus
from cme.conftest import make_persona
from cme.core.access import access_of
from cme.core.permissions import Perm
from cme.core.tests.url_walk import named_urls
from cme.organisations.models import Mailbox, Organisation
from cme.organisations.tests.factories import MailboxFactory, OrganisationFactory
from cme.referrals.models import Referral
from cme.referrals.tests.triage_data import a_referral, decided
from cme.schools.tests.factories import SchoolFactory
from tests.e2e import pages_clocks, pages_legal, pages_matching, pages_notifications, pages_reporting, pages_returns
from tests.e2e import test_case_page as case_page_data
from tests.e2e.axe import assert_accessible
from tests.e2e.browser import ConsoleErrors, fill_sign_in_form, sign_in, sign_in_with_a_session_cookie
from tests.e2e.page_checks import Given, PageCheck, press, press_and_expect_errors
from tests.e2e.test_case_list import (
    a_case_to_allocate,
    apply_filters,
    cases_for_the_list,
    search_with_an_impossible_date,
)
from tests.e2e.test_case_outcomes import (
    a_case_making_enquiries,
    a_case_with_enquiries_exhausted,
    a_closed_case,
    a_located_case,
)
from tests.e2e.test_enquiries import a_case_for_the_west_officer, a_council_enquiry, an_inbound_request
from tests.e2e.test_referral_intake import send_partner_referral, send_public_referral
from tests.e2e.test_referral_school import (
    a_task_for_the_school_persona,
    referrals_sent_by_the_school_persona,
    send_not_taking_place,
    send_whereabouts_unknown,
)

# Page states --------------------------------------------------------------------------------------


def _wrong_password(page: Page) -> None:
    fill_sign_in_form(page, email="nobody@council.example", password="not the right password")
    expect(page.locator(".govuk-error-summary")).to_be_visible()


# Data the pages need --------------------------------------------------------------------------------

OTHER_PERSONA = "cme_officer_west"


def _another_user() -> Given:
    return Given(kwargs={"pk": make_persona(OTHER_PERSONA).pk})


def _a_record_someone_looked_at() -> Given:
    return Given(kwargs={"object_type": "accounts.user", "object_id": str(make_persona(OTHER_PERSONA).pk)})


def _a_school() -> Given:
    return Given(kwargs={"urn": SchoolFactory(urn=117500, name="Synthetic Junior School").urn})


def _an_organisation() -> Given:
    organisation = OrganisationFactory(name="Synthetic Youth Offending Team", kind=Organisation.Kind.COUNCIL_TEAM)
    return Given(kwargs={"organisation_id": organisation.pk})


def _the_cme_mailbox() -> Given:
    return Given(kwargs={"key": MailboxFactory(key=Mailbox.Key.CME).key})


def _an_emailed_set_password_link() -> Given:
    user = make_persona(OTHER_PERSONA)
    uidb64 = urlsafe_base64_encode(force_bytes(user.pk))
    link = reverse(
        "accounts:set_password", kwargs={"uidb64": uidb64, "token": default_token_generator.make_token(user)}
    )
    # Django moves the token into the session and redirects to this token-free address.
    return Given(kwargs={"uidb64": uidb64, "token": "set-password"}, open_first=link)


def _a_link_that_no_longer_works() -> Given:
    user = make_persona(OTHER_PERSONA)
    return Given(kwargs={"uidb64": urlsafe_base64_encode(force_bytes(user.pk)), "token": "expired-token"})


def _an_authenticator_app(persona: str) -> Callable[[], Given]:
    def given() -> Given:
        TOTPDevice.objects.get_or_create(
            user=make_persona(persona), name="Authenticator app", defaults={"confirmed": True}
        )
        return Given()

    return given


def _new_backup_codes(persona: str) -> Callable[[], Given]:
    def given() -> Given:
        _an_authenticator_app(persona)()
        return Given(open_first=reverse("accounts:two_factor_backup_codes_new"), reach=press("Get new backup codes"))

    return given


def _a_task_for_the_school() -> Given:
    return Given(kwargs={"task_id": a_task_for_the_school_persona()})


def _a_task_on_the_school_home() -> Given:
    a_task_for_the_school_persona()
    return Given()


def _referrals_the_school_sent() -> Given:
    referrals_sent_by_the_school_persona()
    return Given()


def _referrals_waiting() -> Given:
    """Open referrals in the West area's queue, one of them urgent."""
    a_referral(forenames="Ada", surname="Example")
    a_referral(forenames="Bea", surname="Sample", urgent=True, urgent_reason="Threat of harm")
    return Given()


def _a_referral_with_a_possible_duplicate() -> Given:
    a_referral(upn="A123456789012")
    return Given(kwargs={"referral_id": a_referral(upn="A123456789012").pk})


def _a_referral_sent_to_attendance() -> Given:
    return Given(kwargs={"referral_id": decided(a_referral(), Referral.Decision.ON_ROLL).pk})


def _a_case() -> Given:
    case = decided(a_referral(), Referral.Decision.CME).case
    assert case is not None
    return Given(kwargs={"case_id": case.pk})


def _case_page(make: Callable[[], Case]) -> Callable[[], Given]:
    def given() -> Given:
        return Given(kwargs={"case_id": make().pk})

    return given


def _a_case_task() -> Given:
    task = case_page_data.a_task()
    return Given(kwargs={"case_id": task.case_id, "task_id": task.pk})


def _significant_concerns_undescribed(page: Page) -> None:
    concerns = page.get_by_role("group", name="Are there significant concerns about the child's safety?")
    concerns.get_by_label("Yes").check()
    press_and_expect_errors("Save the risk")(page)


_RESTRICTED = _case_page(case_page_data.a_restricted_case)
_ESCALATION = _case_page(case_page_data.a_case_needing_an_immediate_referral)
_PLAIN = _case_page(case_page_data.a_case)


def _a_case_in(make: Callable[[], Any]) -> Callable[[], Given]:
    def given() -> Given:
        return Given(kwargs={"case_id": make().pk})

    return given


def _cases_waiting_for_review() -> Given:
    a_case_with_enquiries_exhausted(CaseStatus.MANAGER_REVIEW)
    return Given()


def _after_sending(url_name: str, send: Callable[[Page], None]) -> Callable[[], Given]:
    """A confirmation page, reached by sending the form at ``url_name``."""

    def given() -> Given:
        return Given(open_first=reverse(url_name), reach=send)

    return given


def _a_case_with_enquiries() -> Given:
    return Given(kwargs={"case_id": a_case_for_the_west_officer().pk})


def _an_enquiry(check: str) -> Callable[[], Given]:
    def given() -> Given:
        return Given(kwargs={"case_id": a_case_for_the_west_officer().pk, "check": check})

    return given


def _an_enquiry_to_a_council() -> Given:
    case = a_case_for_the_west_officer()
    return Given(kwargs={"case_id": case.pk, "enquiry_id": a_council_enquiry(case).pk})


def _an_inbound_request() -> Given:
    return Given(kwargs={"inbound_id": an_inbound_request().pk})


def _inbound_requests_listed() -> Given:
    an_inbound_request()
    return Given()


def _cases_listed() -> Given:
    cases_for_the_list()
    return Given()


def _a_case_to_allocate() -> Given:
    return Given(kwargs={"case_id": a_case_to_allocate().pk})


PAGE_CHECKS: list[PageCheck] = [
    # core
    PageCheck("worklist:home", "cme_officer_west", given=_referrals_waiting, state="work list"),
    PageCheck("worklist:home", "attendance_officer_east", state="empty work list"),
    PageCheck("worklist:home", "school_user", state="referrer's home"),
    PageCheck("worklist:home", "auditor", state="start page"),
    PageCheck("core:accessibility", None),
    PageCheck("core:privacy", None),
    PageCheck("core:cookies", None),
    # accounts: signing in, passwords, two-factor
    PageCheck("accounts:login", None),
    PageCheck("accounts:login", None, state="empty form", then=press_and_expect_errors("Sign in")),
    PageCheck("accounts:login", None, state="wrong password", then=_wrong_password),
    PageCheck("accounts:password_reset", None),
    PageCheck("accounts:password_reset", None, state="empty form", then=press_and_expect_errors("Send me a link")),
    PageCheck("accounts:password_reset_sent", None),
    PageCheck("accounts:set_password", None, given=_an_emailed_set_password_link),
    PageCheck("accounts:set_password", None, given=_a_link_that_no_longer_works, state="link no longer works"),
    PageCheck("accounts:account", "cme_manager"),
    PageCheck("accounts:password_change", "cme_manager"),
    PageCheck(
        "accounts:password_change", "cme_manager", state="empty form", then=press_and_expect_errors("Change password")
    ),
    PageCheck("accounts:two_factor_setup", "cme_manager"),
    PageCheck("accounts:two_factor_verify", "auditor", given=_an_authenticator_app("auditor"), two_factor=False),
    PageCheck(
        "accounts:two_factor_verify",
        "auditor",
        given=_an_authenticator_app("auditor"),
        state="empty form",
        then=press_and_expect_errors("Continue"),
        two_factor=False,
    ),
    PageCheck("accounts:two_factor_backup_codes_new", "auditor", given=_an_authenticator_app("auditor")),
    PageCheck("accounts:two_factor_backup_codes", "auditor", given=_new_backup_codes("auditor")),
    # accounts: user administration
    PageCheck("accounts:user_list", "system_admin"),
    PageCheck("accounts:user_create", "system_admin"),
    PageCheck(
        "accounts:user_create", "system_admin", state="empty form", then=press_and_expect_errors("Create account")
    ),
    PageCheck("accounts:user_detail", "system_admin", given=_another_user),
    PageCheck("accounts:user_edit", "system_admin", given=_another_user),
    PageCheck("accounts:user_deactivate", "system_admin", given=_another_user),
    PageCheck("accounts:user_reactivate", "system_admin", given=_another_user),
    PageCheck("accounts:user_reset_two_factor", "system_admin", given=_another_user),
    PageCheck("accounts:user_clear_lockout", "system_admin", given=_another_user),
    # organisations
    PageCheck("organisations:mailbox_list", "cme_manager"),
    PageCheck("organisations:mailbox_edit", "cme_manager", given=_the_cme_mailbox),
    PageCheck("organisations:organisation_list", "system_admin"),
    PageCheck("organisations:organisation_create", "system_admin"),
    PageCheck(
        "organisations:organisation_create",
        "system_admin",
        state="empty form",
        then=press_and_expect_errors("Add organisation"),
    ),
    PageCheck("organisations:organisation_edit", "system_admin", given=_an_organisation),
    # schools
    PageCheck("schools:list", "cme_officer_east"),
    PageCheck("schools:detail", "cme_officer_east", given=_a_school),
    # referrals: school and admissions channels, school tasks, referrers' status list
    PageCheck("referrals:school_home", "school_user"),
    PageCheck("referrals:school_home", "school_user", given=_a_task_on_the_school_home, state="with a task"),
    PageCheck("referrals:school_non_arrival", "school_user"),
    PageCheck(
        "referrals:school_non_arrival",
        "school_user",
        state="empty form",
        then=press_and_expect_errors("Send referral"),
    ),
    PageCheck("referrals:school_not_taking_place", "school_user"),
    PageCheck(
        "referrals:school_not_taking_place",
        "school_user",
        state="empty form",
        then=press_and_expect_errors("Send to attendance duty"),
    ),
    PageCheck("referrals:school_deletion", "school_user"),
    PageCheck(
        "referrals:school_deletion",
        "school_user",
        state="empty form",
        then=press_and_expect_errors("Send deletion return"),
    ),
    PageCheck(
        "referrals:school_sent",
        "school_user",
        given=_after_sending("referrals:school_not_taking_place", send_not_taking_place),
    ),
    PageCheck("referrals:school_task", "school_user", given=_a_task_for_the_school),
    PageCheck(
        "referrals:school_task",
        "school_user",
        given=_a_task_for_the_school,
        state="empty form",
        then=press_and_expect_errors("Send to the council"),
    ),
    PageCheck("referrals:admissions_home", "admissions_officer"),
    PageCheck("referrals:admissions_whereabouts", "admissions_officer"),
    PageCheck(
        "referrals:admissions_whereabouts",
        "admissions_officer",
        state="empty form",
        then=press_and_expect_errors("Send referral"),
    ),
    PageCheck("referrals:admissions_not_coming", "admissions_officer"),
    PageCheck(
        "referrals:admissions_not_coming",
        "admissions_officer",
        state="empty form",
        then=press_and_expect_errors("Send to the school"),
    ),
    PageCheck(
        "referrals:admissions_sent",
        "admissions_officer",
        given=_after_sending("referrals:admissions_whereabouts", send_whereabouts_unknown),
    ),
    PageCheck("referrals:sent", "partner_user", state="none sent"),
    PageCheck("referrals:sent", "school_user", given=_referrals_the_school_sent),
    # referrals: intake (public, partner agency, keyed in by the CME team)
    PageCheck("referrals:public_start", None),
    PageCheck("referrals:public_form", None),
    PageCheck("referrals:public_form", None, state="empty form", then=press_and_expect_errors("Send referral")),
    PageCheck("referrals:public_sent", None, given=_after_sending("referrals:public_form", send_public_referral)),
    PageCheck("referrals:partner_new", "partner_user"),
    PageCheck(
        "referrals:partner_new", "partner_user", state="empty form", then=press_and_expect_errors("Send referral")
    ),
    PageCheck(
        "referrals:partner_sent",
        "partner_user",
        given=_after_sending("referrals:partner_new", send_partner_referral),
    ),
    PageCheck("referrals:staff_new", "cme_officer_west"),
    PageCheck(
        "referrals:staff_new",
        "cme_officer_west",
        state="empty form",
        then=press_and_expect_errors("Record referral"),
    ),
    # referrals: triage and the receiving teams; cases
    PageCheck("referrals:queue", "cme_officer_west", given=_referrals_waiting),
    PageCheck("referrals:queue", "ehe_officer", state="nothing to show"),
    PageCheck(
        "referrals:detail", "cme_officer_west", given=_a_referral_with_a_possible_duplicate, state="decision form"
    ),
    PageCheck(
        "referrals:detail",
        "cme_officer_west",
        given=_a_referral_with_a_possible_duplicate,
        state="decision sent empty",
        then=press_and_expect_errors("Record decision"),
    ),
    PageCheck("referrals:detail", "attendance_officer_west", given=_a_referral_sent_to_attendance, state="dealt with"),
    # casework: the case page, risk and escalation, restriction, notes and tasks
    PageCheck("casework:case", "cme_officer_west", given=_a_case),
    PageCheck(
        "casework:case",
        "cme_officer_west",
        given=_ESCALATION,
        state="escalation banner",
    ),
    PageCheck("casework:case", "cme_officer_west", given=_RESTRICTED, state="restricted"),
    PageCheck(
        "casework:case",
        "cme_officer_west",
        given=_RESTRICTED,
        state="restricted, details shown with a reason",
        then=case_page_data.show_restricted_details,
    ),
    PageCheck("casework:case", "cme_manager", given=_case_page(case_page_data.a_case_with_history), state="timeline"),
    PageCheck("casework:case_restricted_details", "cme_officer_west", given=_RESTRICTED),
    PageCheck(
        "casework:case_restricted_details",
        "cme_officer_west",
        given=_RESTRICTED,
        state="empty form",
        then=press_and_expect_errors("Show restricted details"),
    ),
    PageCheck("casework:case_note", "cme_officer_west", given=_PLAIN),
    PageCheck(
        "casework:case_note",
        "cme_officer_west",
        given=_PLAIN,
        state="empty form",
        then=press_and_expect_errors("Add the note"),
    ),
    PageCheck("casework:case_risk", "cme_officer_west", given=_PLAIN),
    PageCheck(
        "casework:case_risk",
        "cme_officer_west",
        given=_PLAIN,
        state="significant concerns undescribed",
        then=_significant_concerns_undescribed,
    ),
    PageCheck("casework:case_risk", "cme_officer_west", given=_RESTRICTED, state="restricted"),
    PageCheck(
        "casework:case_safeguarding_referral",
        "cme_officer_west",
        given=_ESCALATION,
    ),
    PageCheck(
        "casework:case_safeguarding_referral",
        "cme_officer_west",
        given=_ESCALATION,
        state="empty form",
        then=press_and_expect_errors("Save the referral"),
    ),
    PageCheck("casework:case_restriction", "cme_officer_west", given=_PLAIN),
    PageCheck(
        "casework:case_restriction",
        "cme_officer_west",
        given=_PLAIN,
        state="empty form",
        then=press_and_expect_errors("Restrict the case"),
    ),
    PageCheck(
        "casework:case_restriction",
        "cme_manager",
        given=_RESTRICTED,
        state="lifting the restriction",
    ),
    PageCheck("casework:case_counterparts_task", "cme_officer_west", given=_case_page(case_page_data.a_case_on_a_plan)),
    PageCheck("casework:case_task", "cme_officer_west", given=_a_case_task),
    PageCheck(
        "casework:case_task",
        "cme_officer_west",
        given=_a_case_task,
        state="empty form",
        then=press_and_expect_errors("Record that it was done"),
    ),
    # enquiries: a case's checklist, one enquiry, other councils' requests
    PageCheck("enquiries:checklist", "cme_officer_west", given=_a_case_with_enquiries),
    PageCheck("enquiries:enquiry", "cme_officer_west", given=_an_enquiry("health"), state="not started"),
    PageCheck(
        "enquiries:enquiry",
        "cme_officer_west",
        given=_an_enquiry("health"),
        state="empty form",
        then=press_and_expect_errors("Save the enquiry"),
    ),
    PageCheck("enquiries:enquiry", "cme_officer_west", given=_an_enquiry("police"), state="waiting"),
    PageCheck(
        "enquiries:enquiry",
        "cme_officer_west",
        given=_an_enquiry("police"),
        state="answer with errors",
        then=press_and_expect_errors("Save the answer"),
    ),
    PageCheck("enquiries:enquiry", "cme_officer_west", given=_an_enquiry("cross_border"), state="cross-border"),
    PageCheck("enquiries:council_enquiry", "cme_officer_west", given=_an_enquiry_to_a_council),
    PageCheck("enquiries:inbound_list", "cme_manager", state="none open"),
    PageCheck("enquiries:inbound_list", "cme_manager", given=_inbound_requests_listed, state="one open"),
    PageCheck("enquiries:inbound_new", "cme_manager"),
    PageCheck(
        "enquiries:inbound_new", "cme_manager", state="empty form", then=press_and_expect_errors("Save the request")
    ),
    PageCheck("enquiries:inbound_detail", "cme_manager", given=_an_inbound_request),
    PageCheck(
        "enquiries:inbound_detail",
        "cme_manager",
        given=_an_inbound_request,
        state="empty form",
        then=press_and_expect_errors("Save the answer"),
    ),
    # casework: the case list, workload and allocation
    PageCheck("casework:case_list", "cme_officer_west", given=_cases_listed),
    PageCheck(
        "casework:case_list", "cme_officer_west", given=_cases_listed, state="filters applied", then=apply_filters
    ),
    PageCheck(
        "casework:case_list",
        "cme_officer_west",
        given=_cases_listed,
        state="search error",
        then=search_with_an_impossible_date,
    ),
    PageCheck("casework:case_list", "cme_manager", given=_cases_listed, state="manager, allocate links"),
    PageCheck("casework:case_list", "cme_officer_east", state="nothing to show"),
    PageCheck("casework:workload", "cme_manager", given=_cases_listed),
    PageCheck("casework:allocate", "cme_manager", given=_a_case_to_allocate),
    PageCheck(
        "casework:allocate",
        "cme_manager",
        given=_a_case_to_allocate,
        state="empty form",
        then=press_and_expect_errors("Allocate case"),
    ),
    # casework: outcomes, not located and the manager's review
    PageCheck("casework:record_located", "cme_officer_west", given=_a_case_in(a_case_with_enquiries_exhausted)),
    PageCheck(
        "casework:record_located",
        "cme_officer_west",
        given=_a_case_in(a_case_with_enquiries_exhausted),
        state="empty form",
        then=press_and_expect_errors("Record that the child is located"),
    ),
    PageCheck("casework:confirm_placement", "cme_officer_west", given=_a_case_in(a_located_case)),
    PageCheck(
        "casework:confirm_placement",
        "cme_officer_west",
        given=_a_case_in(a_located_case),
        state="empty form",
        then=press_and_expect_errors("Save the school's answer"),
    ),
    PageCheck("casework:close", "cme_officer_west", given=_a_case_in(a_case_with_enquiries_exhausted)),
    PageCheck(
        "casework:close",
        "cme_officer_west",
        given=_a_case_in(a_case_with_enquiries_exhausted),
        state="empty form",
        then=press_and_expect_errors("Close the case"),
    ),
    PageCheck("casework:not_located", "cme_officer_west", given=_a_case_in(a_case_with_enquiries_exhausted)),
    PageCheck(
        "casework:not_located",
        "cme_officer_west",
        given=_a_case_in(a_case_making_enquiries),
        state="enquiries outstanding",
    ),
    PageCheck(
        "casework:submit_for_review",
        "cme_officer_west",
        given=_a_case_in(lambda: a_case_with_enquiries_exhausted(CaseStatus.NOT_LOCATED)),
    ),
    PageCheck(
        "casework:return_to_enquiries",
        "cme_officer_west",
        given=_a_case_in(lambda: a_case_with_enquiries_exhausted(CaseStatus.NOT_LOCATED)),
    ),
    PageCheck(
        "casework:review",
        "cme_manager",
        given=_a_case_in(lambda: a_case_with_enquiries_exhausted(CaseStatus.MANAGER_REVIEW)),
    ),
    PageCheck(
        "casework:review",
        "cme_manager",
        given=_a_case_in(lambda: a_case_with_enquiries_exhausted(CaseStatus.MANAGER_REVIEW)),
        state="decision sent empty",
        then=press_and_expect_errors("Record the decision"),
    ),
    PageCheck("casework:review_queue", "cme_manager", given=_cases_waiting_for_review),
    PageCheck("casework:review_queue", "cme_manager", state="nothing waiting"),
    PageCheck("casework:reopen", "cme_manager", given=_a_case_in(a_closed_case)),
    # audit
    PageCheck("audit:trail", "auditor"),
    PageCheck("audit:access_log", "cme_manager", given=_a_record_someone_looked_at),
]

# URL names that are not pages a person reads, and why.
NOT_PAGES: dict[str, str] = {
    "casework:claim": "the case list's 'Take' button: POST only, then redirects to the case page",
    "core:healthz": "liveness probe: plain text for the load balancer",
    "core:readyz": "readiness probe: JSON for the load balancer",
    "accounts:logout": "sign-out action: POST only, then redirects to the sign-in page",
    "referrals:decide": "the triage decision form's action: POST only; its errors show on referrals:detail",
    "referrals:dealt_with": "the 'dealt with' form's action: POST only; its errors show on referrals:detail",
    "casework:start_enquiries": "the case page's 'Start enquiries' button: POST only, then back to the case",
}

AREAS = (pages_clocks, pages_notifications, pages_reporting, pages_returns, pages_legal, pages_matching)
PAGE_CHECKS = PAGE_CHECKS + [check for area in AREAS for check in area.PAGE_CHECKS]
NOT_PAGES = NOT_PAGES | {name: reason for area in AREAS for name, reason in area.NOT_PAGES.items()}

RESOLVER_NAMES = {url.name for url in named_urls()}
CURRENT_CHECKS = [check for check in PAGE_CHECKS if check.url_name in RESOLVER_NAMES]


def test_every_url_in_the_resolver_has_an_accessibility_check_or_a_reason():
    # Django's own admin (namespace "admin") is left out by named_urls(): it is not a GOV.UK page.
    checked = {check.url_name for check in PAGE_CHECKS}

    assert sorted(RESOLVER_NAMES - checked - NOT_PAGES.keys()) == []


def test_every_accessibility_row_names_a_url_that_exists():
    listed = {check.url_name for check in PAGE_CHECKS} | NOT_PAGES.keys()

    assert sorted(listed - RESOLVER_NAMES) == []


def test_no_url_is_both_checked_and_excused():
    assert {check.url_name for check in PAGE_CHECKS} & NOT_PAGES.keys() == set()


@pytest.mark.parametrize("check", CURRENT_CHECKS, ids=[check.id for check in CURRENT_CHECKS])
def test_page_has_no_wcag_22_aa_violations(page: Page, base_url: str, check: PageCheck):
    given = check.given()
    path = reverse(check.url_name, kwargs=given.kwargs)
    if check.persona is not None:
        user = make_persona(check.persona)
        # Signing in through the form is tested on its own; a session cookie is quicker. A user
        # with an authenticator app goes through the form, which enters the code.
        if user_has_device(user):
            sign_in(page, user, two_factor=check.two_factor)
        else:
            sign_in_with_a_session_cookie(page, user, base_url=base_url)
    console = ConsoleErrors(page)

    response = page.goto(given.open_first or path)
    if given.reach is not None:
        given.reach(page)

    assert response is not None
    assert response.status == 200
    assert urlsplit(page.url).path == path, f"{check.id}: expected {path}, the browser is on {page.url}"
    if check.then is not None:
        check.then(page)
    assert_accessible(page)
    assert console.messages == []


def _a_page_the_user_may_not_open(user: User) -> str:
    declared = {url.name: access_of(url.callback) for url in named_urls() if not url.takes_arguments}
    forbidden = sorted(name for name, access in declared.items() if access in set(Perm) and not user.has_perm(access))
    assert forbidden, f"no page without arguments is closed to {user.role}"
    return reverse(forbidden[0])


def test_permission_denied_page_has_no_wcag_22_aa_violations(page: Page):
    school_user = make_persona("school_user")
    sign_in(page, school_user)
    console = ConsoleErrors(page)

    response = page.goto(_a_page_the_user_may_not_open(school_user))

    assert response is not None
    assert response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("You do not have permission to see this page")
    assert_accessible(page)
    assert console.messages == []


def test_page_not_found_has_no_wcag_22_aa_violations_when_signed_in(page: Page):
    sign_in(page, make_persona("cme_officer_east"))

    response = page.goto("/no-such-page/")

    assert response is not None
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    assert_accessible(page)


def test_page_not_found_has_no_wcag_22_aa_violations_when_signed_out(page: Page):
    response = page.goto("/no-such-page/")

    assert response is not None
    assert response.status == 404
    assert_accessible(page)


@pytest.mark.urls("cme.core.tests.urls_with_failures")
def test_server_error_page_has_no_wcag_22_aa_violations(page: Page):
    response = page.goto("/test-failures/500/")

    assert response is not None
    assert response.status == 500
    expect(page.get_by_role("heading", level=1)).to_have_text("Sorry, there is a problem with the service")
    assert_accessible(page)


@pytest.mark.urls("cme.core.tests.urls_with_failures")
def test_bad_request_page_has_no_wcag_22_aa_violations(page: Page):
    response = page.goto("/test-failures/400/")

    assert response is not None
    assert response.status == 400
    expect(page.get_by_role("heading", level=1)).to_have_text("Sorry, there is a problem with your request")
    assert_accessible(page)
