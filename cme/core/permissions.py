"""The permission vocabulary. Which role holds which permission is in cme/accounts/roles.py
(and docs/permissions.md, which a test keeps identical to it)."""

from __future__ import annotations

from enum import StrEnum


class Perm(StrEnum):
    VIEW_WORK_LIST = "cme.view_work_list"
    VIEW_SCHOOLS = "cme.view_schools"
    MANAGE_USERS = "cme.manage_users"
    MANAGE_MAILBOXES = "cme.manage_mailboxes"
    VIEW_ACCESS_LOG = "cme.view_access_log"
    VIEW_AUDIT_TRAIL = "cme.view_audit_trail"
    RECORD_REFERRAL = "cme.record_referral"
    SUBMIT_SCHOOL_REFERRAL = "cme.submit_school_referral"
    SUBMIT_ADMISSIONS_REFERRAL = "cme.submit_admissions_referral"
    SUBMIT_PARTNER_REFERRAL = "cme.submit_partner_referral"
    FOLLOW_OWN_REFERRALS = "cme.follow_own_referrals"
    COMPLETE_SCHOOL_TASKS = "cme.complete_school_tasks"
    VIEW_REFERRALS = "cme.view_referrals"
    TRIAGE_REFERRALS = "cme.triage_referrals"
    DEAL_WITH_REFERRALS = "cme.deal_with_referrals"
    VIEW_CASES = "cme.view_cases"
    WORK_CASES = "cme.work_cases"
    ALLOCATE_CASES = "cme.allocate_cases"
    REVIEW_CASES = "cme.review_cases"
    REOPEN_CASES = "cme.reopen_cases"
    VIEW_POLICY = "cme.view_policy"
    MANAGE_POLICY = "cme.manage_policy"
    VIEW_MESSAGE_LOG = "cme.view_message_log"
    VIEW_DASHBOARD = "cme.view_dashboard"
    EXPORT_DATA = "cme.export_data"
    PREPARE_DFE_RETURN = "cme.prepare_dfe_return"
    MAKE_LOST_PUPIL_FILE = "cme.make_lost_pupil_file"
    VIEW_LEGAL = "cme.view_legal"
    WORK_LEGAL = "cme.work_legal"
    ISSUE_LEGAL_NOTICES = "cme.issue_legal_notices"
    AUTHORISE_LEGAL_OFFICERS = "cme.authorise_legal_officers"
    MANAGE_LETTER_TEMPLATES = "cme.manage_letter_templates"
    REVIEW_MATCHES = "cme.review_matches"
    UPLOAD_ROLL_RETURNS = "cme.upload_roll_returns"

    @property
    def description(self) -> str:
        return _DESCRIPTIONS[self]


_DESCRIPTIONS: dict[Perm, str] = {
    Perm.VIEW_WORK_LIST: "See the CME work list of cases and referrals",
    Perm.VIEW_SCHOOLS: "Search the schools register",
    Perm.MANAGE_USERS: "Create, change and deactivate user accounts",
    Perm.MANAGE_MAILBOXES: "Change the team mailboxes that referrals and notices go to",
    Perm.VIEW_ACCESS_LOG: "See who has looked at a record",
    Perm.VIEW_AUDIT_TRAIL: "Search the whole audit trail",
    Perm.RECORD_REFERRAL: "Record a referral that came by email, phone, letter or in person",
    Perm.SUBMIT_SCHOOL_REFERRAL: (
        "Tell the council about a pupil who did not arrive, will not take up a place, or was deleted from the register"
    ),
    Perm.SUBMIT_ADMISSIONS_REFERRAL: (
        "Refer a family whose whereabouts are unknown, or a child who will not be coming to a school"
    ),
    Perm.SUBMIT_PARTNER_REFERRAL: "Refer a child as a partner agency",
    Perm.FOLLOW_OWN_REFERRALS: "See the status of the referrals your organisation made",
    Perm.COMPLETE_SCHOOL_TASKS: "Do the tasks the council sets your school, such as recording a leaver's destination",
    Perm.VIEW_REFERRALS: "Read the referrals sent to your team",
    Perm.TRIAGE_REFERRALS: "Decide whether a referred child is missing education",
    Perm.DEAL_WITH_REFERRALS: "Record that your team has dealt with a referral sent to it",
    Perm.VIEW_CASES: "Read CME cases",
    Perm.WORK_CASES: "Work on CME cases: enquiries, notes, risk, located or not located",
    Perm.ALLOCATE_CASES: "Allocate and reallocate cases to CME officers",
    Perm.REVIEW_CASES: "Review cases where the child was not located, and close them",
    Perm.REOPEN_CASES: "Reopen a closed case",
    Perm.VIEW_POLICY: "Read the policy values: timescales, term dates, mailboxes and risk rules",
    Perm.MANAGE_POLICY: "Change the policy values and term dates",
    Perm.VIEW_MESSAGE_LOG: "See the log of notifications the service has sent",
    Perm.VIEW_DASHBOARD: "See the CME dashboard",
    Perm.EXPORT_DATA: "Download case lists and reports as CSV or XLSX",
    Perm.PREPARE_DFE_RETURN: "Prepare the DfE termly CME return",
    Perm.MAKE_LOST_PUPIL_FILE: "Make the Lost Pupils Database file for a child not located",
    Perm.VIEW_LEGAL: "Read School Attendance Order and Education Supervision Order records",
    Perm.WORK_LEGAL: "Prepare School Attendance Order and Education Supervision Order stages",
    Perm.ISSUE_LEGAL_NOTICES: "Issue statutory notices and orders",
    Perm.AUTHORISE_LEGAL_OFFICERS: "Authorise CME officers to issue statutory notices and orders",
    Perm.MANAGE_LETTER_TEMPLATES: "Change the templates of letters and notices",
    Perm.REVIEW_MATCHES: "Accept or reject suggested record matches, and merge records",
    Perm.UPLOAD_ROLL_RETURNS: "Upload school roll and new-pupil returns to match against open cases",
}
