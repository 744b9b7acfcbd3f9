"""The service navigation: which sections a user sees depends only on their permissions."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse

from cme.core.permissions import Perm


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    permission: Perm | None
    section: str


# Order is the order shown. ``section`` is the first path segment that marks the item current.
NAV_ITEMS: tuple[NavItem, ...] = (
    NavItem("Work list", "worklist:home", Perm.VIEW_WORK_LIST, ""),
    NavItem("Referrals", "referrals:queue", Perm.VIEW_REFERRALS, "referrals"),
    NavItem("Cases", "casework:case_list", Perm.VIEW_CASES, "cases"),
    NavItem("Dashboard", "reporting:dashboard", Perm.VIEW_DASHBOARD, "dashboard"),
    NavItem("Requests from councils", "enquiries:inbound_list", Perm.WORK_CASES, "enquiries"),
    NavItem("Record matching", "matching:queue", Perm.REVIEW_MATCHES, "matching"),
    NavItem("Your school", "referrals:school_home", Perm.SUBMIT_SCHOOL_REFERRAL, "school"),
    NavItem("Admissions referrals", "referrals:admissions_home", Perm.SUBMIT_ADMISSIONS_REFERRAL, "admissions"),
    NavItem("Refer a child", "referrals:partner_new", Perm.SUBMIT_PARTNER_REFERRAL, "refer"),
    NavItem("Referrals you made", "referrals:sent", Perm.FOLLOW_OWN_REFERRALS, "referrals"),
    NavItem("DfE return", "returns:dfe_return", Perm.PREPARE_DFE_RETURN, "dfe-return"),
    NavItem("Schools", "schools:list", Perm.VIEW_SCHOOLS, "schools"),
    NavItem("Users", "accounts:user_list", Perm.MANAGE_USERS, "users"),
    NavItem("Organisations", "organisations:organisation_list", Perm.MANAGE_USERS, "organisations"),
    NavItem("Team mailboxes", "organisations:mailbox_list", Perm.MANAGE_MAILBOXES, "mailboxes"),
    NavItem("Letter templates", "letters:kinds", Perm.MANAGE_LETTER_TEMPLATES, "letters"),
    NavItem("Policy values", "policy:home", Perm.VIEW_POLICY, "policy"),
    NavItem("Audit trail", "audit:trail", Perm.VIEW_AUDIT_TRAIL, "audit"),
    NavItem("Messages sent", "notifications:message_log", Perm.VIEW_MESSAGE_LOG, "messages"),
)


@dataclass(frozen=True)
class NavLink:
    label: str
    url: str
    current: bool


def navigation_for(*, user: object, path: str) -> list[NavLink]:
    if not getattr(user, "is_authenticated", False):
        return []
    section = path.strip("/").split("/")[0]
    links = []
    for item in NAV_ITEMS:
        if item.permission is not None and not user.has_perm(item.permission):  # type: ignore[attr-defined]
            continue
        links.append(NavLink(item.label, reverse(item.url_name), current=section == item.section))
    return links
