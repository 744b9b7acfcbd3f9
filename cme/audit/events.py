"""Every kind of audit event, with the sentence shown to managers and auditors.

Add a member here before recording a new kind of event (docs/how-to/add-an-audit-event.md).
"""

from __future__ import annotations

from enum import StrEnum


class AuditAction(StrEnum):
    LOGIN = "login"
    LOGIN_FAILED = "login_failed"
    LOGOUT = "logout"
    TWO_FACTOR_ENROLLED = "two_factor_enrolled"
    TWO_FACTOR_VERIFIED = "two_factor_verified"
    TWO_FACTOR_FAILED = "two_factor_failed"
    TWO_FACTOR_RESET = "two_factor_reset"
    TWO_FACTOR_BACKUP_CODES_CREATED = "two_factor_backup_codes_created"
    PASSWORD_SET = "password_set"  # noqa: S105 - an event name, not a password
    PASSWORD_CHANGED = "password_changed"  # noqa: S105 - an event name, not a password
    PASSWORD_RESET_REQUESTED = "password_reset_requested"  # noqa: S105 - an event name, not a password
    PASSWORD_RESET_LIMITED = "password_reset_limited"  # noqa: S105 - an event name, not a password
    USER_CREATED = "user_created"
    USER_CHANGED = "user_changed"
    USER_DEACTIVATED = "user_deactivated"
    USER_REACTIVATED = "user_reactivated"
    USER_VIEWED = "user_viewed"
    USER_LOCKOUT_CLEARED = "user_lockout_cleared"
    MAILBOX_CHANGED = "mailbox_changed"
    ORGANISATION_CREATED = "organisation_created"
    ORGANISATION_CHANGED = "organisation_changed"
    SCHOOLS_IMPORTED = "schools_imported"
    POSTCODES_LOADED = "postcodes_loaded"
    ACCESS_LOG_VIEWED = "access_log_viewed"
    AUDIT_TRAIL_SEARCHED = "audit_trail_searched"
    RECORD_VIEWED = "record_viewed"
    REFERRAL_SUBMITTED = "referral_submitted"
    REFERRAL_VIEWED = "referral_viewed"
    REFERRAL_TRIAGED = "referral_triaged"
    REFERRAL_DEALT_WITH = "referral_dealt_with"
    REFERRAL_NOTIFIED = "referral_notified"
    SCHOOL_TASK_COMPLETED = "school_task_completed"
    CASE_OPENED = "case_opened"
    CASE_STATUS_CHANGED = "case_status_changed"
    CASE_ALLOCATED = "case_allocated"
    CASE_VIEWED = "case_viewed"
    CASE_RISK_UPDATED = "case_risk_updated"
    CASE_RESTRICTED = "case_restricted"
    CASE_UNRESTRICTED = "case_unrestricted"
    CASE_RESTRICTED_VIEWED = "case_restricted_viewed"
    CASE_NOTE_ADDED = "case_note_added"
    SAFEGUARDING_REFERRAL_RECORDED = "safeguarding_referral_recorded"
    CASE_TASK_CREATED = "case_task_created"
    CASE_TASK_COMPLETED = "case_task_completed"
    REFERRAL_QUEUE_VIEWED = "referral_queue_viewed"
    WORK_LIST_VIEWED = "work_list_viewed"
    REFERRALS_MADE_VIEWED = "referrals_made_viewed"
    ENQUIRIES_VIEWED = "enquiries_viewed"
    ENQUIRY_RECORDED = "enquiry_recorded"
    ENQUIRY_CHASED = "enquiry_chased"
    ENQUIRY_ANSWERED = "enquiry_answered"
    ENQUIRY_NOT_APPLICABLE = "enquiry_not_applicable"
    INBOUND_ENQUIRY_RECEIVED = "inbound_enquiry_received"
    INBOUND_ENQUIRY_ANSWERED = "inbound_enquiry_answered"
    INBOUND_ENQUIRY_LIST_VIEWED = "inbound_enquiry_list_viewed"
    CASE_LIST_VIEWED = "case_list_viewed"
    CASE_LOCATED = "case_located"
    CASE_PLACEMENT_CONFIRMED = "case_placement_confirmed"
    CASE_OUTCOME_RECORDED = "case_outcome_recorded"
    CASE_REVIEW_DECIDED = "case_review_decided"
    CASE_REOPENED = "case_reopened"
    REVIEW_QUEUE_VIEWED = "review_queue_viewed"
    SAO_OPENED = "sao_opened"
    SAO_STEP_TAKEN = "sao_step_taken"
    ESO_OPENED = "eso_opened"
    ESO_STEP_TAKEN = "eso_step_taken"
    LEGAL_VIEWED = "legal_viewed"
    LEGAL_NOTICE_PREVIEWED = "legal_notice_previewed"
    LEGAL_AUTHORISATION_GRANTED = "legal_authorisation_granted"
    LEGAL_AUTHORISATION_REVOKED = "legal_authorisation_revoked"
    MATCH_INDEX_REBUILT = "match_index_rebuilt"
    ROLL_RETURN_UPLOADED = "roll_return_uploaded"
    ROLL_RETURN_MATCHED = "roll_return_matched"
    CHILD_DUPLICATES_CHECKED = "child_duplicates_checked"
    MATCH_QUEUE_VIEWED = "match_queue_viewed"
    MATCH_SUGGESTION_VIEWED = "match_suggestion_viewed"
    MATCH_SUGGESTION_ACCEPTED = "match_suggestion_accepted"
    MATCH_SUGGESTION_REJECTED = "match_suggestion_rejected"
    CHILD_RECORDS_MERGED = "child_records_merged"
    CHILD_MERGE_UNDONE = "child_merge_undone"
    LETTER_ISSUED = "letter_issued"
    LETTER_DOWNLOADED = "letter_downloaded"
    LETTER_TEMPLATE_SAVED = "letter_template_saved"
    CASES_EXPORTED = "cases_exported"
    DASHBOARD_TABLE_EXPORTED = "dashboard_table_exported"
    JOB_FILE_DOWNLOADED = "job_file_downloaded"
    POLICY_VERSION_CREATED = "policy_version_created"
    TERM_DATES_SAVED = "term_dates_saved"
    CASE_CLOCK_PAUSED = "case_clock_paused"
    CASE_CLOCK_RESUMED = "case_clock_resumed"
    CASE_REVIEW_RECORDED = "case_review_recorded"
    WORK_QUEUE_VIEWED = "work_queue_viewed"
    NOTIFICATION_PREFERENCES_CHANGED = "notification_preferences_changed"
    MESSAGE_LOG_VIEWED = "message_log_viewed"
    DFE_RETURN_VIEWED = "dfe_return_viewed"
    DFE_RETURN_DOWNLOADED = "dfe_return_downloaded"
    CENSUS_DATE_SAVED = "census_date_saved"
    CME_REASON_SAVED = "cme_reason_saved"
    CASE_CME_REASON_SET = "case_cme_reason_set"
    LOST_PUPIL_FILE_MADE = "lost_pupil_file_made"

    @property
    def sentence(self) -> str:
        return _SENTENCES[self]

    @property
    def is_read(self) -> bool:
        return self in READ_ACTIONS


_SENTENCES: dict[AuditAction, str] = {
    AuditAction.LOGIN: "Signed in",
    AuditAction.LOGIN_FAILED: "Failed to sign in",
    AuditAction.LOGOUT: "Signed out",
    AuditAction.TWO_FACTOR_ENROLLED: "Set up two-factor authentication",
    AuditAction.TWO_FACTOR_VERIFIED: "Entered a two-factor code",
    AuditAction.TWO_FACTOR_FAILED: "Entered a wrong two-factor code",
    AuditAction.TWO_FACTOR_RESET: "Reset a user's two-factor authentication",
    AuditAction.TWO_FACTOR_BACKUP_CODES_CREATED: "Got new two-factor backup codes",
    AuditAction.PASSWORD_SET: "Set a password from an emailed link",
    AuditAction.PASSWORD_CHANGED: "Changed their password",
    AuditAction.PASSWORD_RESET_REQUESTED: "Asked for a link to set a new password",
    AuditAction.PASSWORD_RESET_LIMITED: "Asked for another link to set a password too soon: none was sent",
    AuditAction.USER_CREATED: "Created a user account",
    AuditAction.USER_CHANGED: "Changed a user account",
    AuditAction.USER_DEACTIVATED: "Deactivated a user account",
    AuditAction.USER_REACTIVATED: "Reactivated a user account",
    AuditAction.USER_VIEWED: "Looked at a user account",
    AuditAction.USER_LOCKOUT_CLEARED: "Cleared a sign-in lockout",
    AuditAction.MAILBOX_CHANGED: "Changed a team mailbox",
    AuditAction.ORGANISATION_CREATED: "Added an organisation",
    AuditAction.ORGANISATION_CHANGED: "Changed an organisation",
    AuditAction.SCHOOLS_IMPORTED: "Imported the schools register",
    AuditAction.POSTCODES_LOADED: "Loaded the postcode lookup",
    AuditAction.ACCESS_LOG_VIEWED: "Looked at who has seen a record",
    AuditAction.AUDIT_TRAIL_SEARCHED: "Searched the audit trail",
    AuditAction.RECORD_VIEWED: "Looked at a record",
    AuditAction.REFERRAL_SUBMITTED: "Made a referral",
    AuditAction.REFERRAL_VIEWED: "Looked at a referral",
    AuditAction.REFERRAL_TRIAGED: "Made a triage decision on a referral",
    AuditAction.REFERRAL_DEALT_WITH: "Recorded that a referral was dealt with",
    AuditAction.REFERRAL_NOTIFIED: "Sent notifications of a new referral",
    AuditAction.SCHOOL_TASK_COMPLETED: "Recorded a leaver's destination",
    AuditAction.CASE_OPENED: "Opened a case",
    AuditAction.CASE_STATUS_CHANGED: "Moved a case to another stage",
    AuditAction.CASE_ALLOCATED: "Allocated a case",
    AuditAction.CASE_VIEWED: "Looked at a case",
    AuditAction.CASE_RISK_UPDATED: "Changed a case's risk factors and concerns",
    AuditAction.CASE_RESTRICTED: "Restricted a case, hiding the child's address and the concerns",
    AuditAction.CASE_UNRESTRICTED: "Lifted a case's restriction",
    AuditAction.CASE_RESTRICTED_VIEWED: "Gave a reason and looked at a restricted case's hidden details",
    AuditAction.CASE_NOTE_ADDED: "Added a note to a case",
    AuditAction.SAFEGUARDING_REFERRAL_RECORDED: "Recorded a safeguarding referral made about the child on a case",
    AuditAction.CASE_TASK_CREATED: "Set a task for a case",
    AuditAction.CASE_TASK_COMPLETED: "Recorded that a case's task was done",
    AuditAction.REFERRAL_QUEUE_VIEWED: "Looked at a page of the referrals queue",
    AuditAction.WORK_LIST_VIEWED: "Looked at their work list of referrals",
    AuditAction.REFERRALS_MADE_VIEWED: "Looked at the referrals their organisation made",
    AuditAction.ENQUIRIES_VIEWED: "Looked at a case's enquiries",
    AuditAction.ENQUIRY_RECORDED: "Recorded an enquiry made for a case",
    AuditAction.ENQUIRY_CHASED: "Chased an enquiry made for a case",
    AuditAction.ENQUIRY_ANSWERED: "Recorded the answer to an enquiry made for a case",
    AuditAction.ENQUIRY_NOT_APPLICABLE: "Marked an enquiry not applicable to a case",
    AuditAction.INBOUND_ENQUIRY_RECEIVED: "Recorded another council's request to locate a child",
    AuditAction.INBOUND_ENQUIRY_ANSWERED: "Answered another council's request to locate a child",
    AuditAction.INBOUND_ENQUIRY_LIST_VIEWED: "Looked at the list of other councils' requests to locate a child",
    AuditAction.CASE_LIST_VIEWED: "Looked at a page of the case list",
    AuditAction.CASE_LOCATED: "Recorded where the child on a case was found, pending the school's confirmation",
    AuditAction.CASE_PLACEMENT_CONFIRMED: "Recorded a school's confirmation of a located child's start and attendance",
    AuditAction.CASE_OUTCOME_RECORDED: "Closed a case with an outcome",
    AuditAction.CASE_REVIEW_DECIDED: "Decided the manager's review of a case where the child was not located",
    AuditAction.CASE_REOPENED: "Reopened a closed case",
    AuditAction.REVIEW_QUEUE_VIEWED: "Looked at the cases waiting for the manager's review",
    AuditAction.SAO_OPENED: "Started a School Attendance Order for the child on a case",
    AuditAction.SAO_STEP_TAKEN: "Took a step of a School Attendance Order (a decision, notice or order)",
    AuditAction.ESO_OPENED: "Started an Education Supervision Order for the child on a case",
    AuditAction.ESO_STEP_TAKEN: "Took a step of an Education Supervision Order",
    AuditAction.LEGAL_VIEWED: "Looked at a case's School Attendance Order or Education Supervision Order",
    AuditAction.LEGAL_NOTICE_PREVIEWED: "Previewed a legal notice or order before issuing it",
    AuditAction.LEGAL_AUTHORISATION_GRANTED: "Authorised a CME officer to issue legal notices and orders",
    AuditAction.LEGAL_AUTHORISATION_REVOKED: "Revoked a CME officer's authorisation to issue legal notices",
    AuditAction.MATCH_INDEX_REBUILT: "Rebuilt the record-matching index",
    AuditAction.ROLL_RETURN_UPLOADED: "Uploaded a school's roll return to match against open cases",
    AuditAction.ROLL_RETURN_MATCHED: "Matched a school's roll return against open cases",
    AuditAction.CHILD_DUPLICATES_CHECKED: "Started a check for children recorded twice",
    AuditAction.MATCH_QUEUE_VIEWED: "Looked at a page of suggested record matches",
    AuditAction.MATCH_SUGGESTION_VIEWED: "Looked at a suggested record match and why it was suggested",
    AuditAction.MATCH_SUGGESTION_ACCEPTED: "Accepted a suggested record match as the same child",
    AuditAction.MATCH_SUGGESTION_REJECTED: "Rejected a suggested record match as a different child",
    AuditAction.CHILD_RECORDS_MERGED: "Merged two records of the same child",
    AuditAction.CHILD_MERGE_UNDONE: "Undid a merge of two children's records",
    AuditAction.LETTER_ISSUED: "Issued a letter or notice on a case",
    AuditAction.LETTER_DOWNLOADED: "Opened a letter or notice issued on a case",
    AuditAction.LETTER_TEMPLATE_SAVED: "Saved a new version of a letter template",
    AuditAction.CASES_EXPORTED: "Exported the case list (CSV or XLSX), with the filters recorded",
    AuditAction.DASHBOARD_TABLE_EXPORTED: "Downloaded a table of the dashboard (CSV or XLSX)",
    AuditAction.JOB_FILE_DOWNLOADED: "Downloaded the file of a large export",
    AuditAction.POLICY_VERSION_CREATED: "Recorded a new version of the policy values",
    AuditAction.TERM_DATES_SAVED: "Saved the term dates for an academic year",
    AuditAction.CASE_CLOCK_PAUSED: "Paused a case's clock while waiting on someone else",
    AuditAction.CASE_CLOCK_RESUMED: "Restarted a case's paused clock",
    AuditAction.CASE_REVIEW_RECORDED: "Recorded a periodic review of a case",
    AuditAction.WORK_QUEUE_VIEWED: "Looked at the work queue of due and overdue deadlines",
    AuditAction.NOTIFICATION_PREFERENCES_CHANGED: "Changed which non-urgent emails they receive",
    AuditAction.MESSAGE_LOG_VIEWED: "Looked at the log of messages the service has sent",
    AuditAction.DFE_RETURN_VIEWED: "Looked at the DfE return for a census date",
    AuditAction.DFE_RETURN_DOWNLOADED: "Downloaded the DfE return for a census date",
    AuditAction.CENSUS_DATE_SAVED: "Added or changed a DfE census date",
    AuditAction.CME_REASON_SAVED: "Added or changed a primary reason for missing education",
    AuditAction.CASE_CME_REASON_SET: "Recorded the primary reason the child on a case is missing education",
    AuditAction.LOST_PUPIL_FILE_MADE: "Made a Lost Pupils Database file (CTF) for a closed case",
}

# Events that record someone reading a record (shown on "who has looked at this record").
READ_ACTIONS: frozenset[AuditAction] = frozenset(
    {
        AuditAction.USER_VIEWED,
        AuditAction.RECORD_VIEWED,
        AuditAction.REFERRAL_VIEWED,
        AuditAction.CASE_VIEWED,
        AuditAction.CASE_RESTRICTED_VIEWED,
        AuditAction.ENQUIRIES_VIEWED,
        AuditAction.LEGAL_VIEWED,
        AuditAction.LEGAL_NOTICE_PREVIEWED,
        AuditAction.MATCH_SUGGESTION_VIEWED,
        AuditAction.LETTER_DOWNLOADED,
    }
)

# What the audit pages call each kind of record (``AuditEvent.object_type``, a model's
# ``_meta.label_lower``). A type missing here is shown as stored.
OBJECT_TYPE_LABELS: dict[str, str] = {
    "accounts.user": "User account",
    "jobs.job": "Export file",
    "organisations.organisation": "Organisation",
    "organisations.mailbox": "Team mailbox",
    "schools.school": "School",
    "areas.district": "District",
    "referrals.referral": "Referral",
    "cases.case": "Case",
    "cases.casenote": "Note on a case",
    "cases.safeguardingreferral": "Safeguarding referral made for a case",
    "cases.casetask": "Task for a case",
    "enquiries.enquiry": "Enquiry for a case",
    "enquiries.inboundenquiry": "Request from another council to locate a child",
    "matching.matchsuggestion": "Suggested record match",
    "legal.schoolattendanceorder": "School Attendance Order",
    "legal.educationsupervisionorder": "Education Supervision Order",
    "legal.legalauthorisation": "Authorisation to issue legal notices",
    "matching.rollreturn": "School roll return",
    "matching.matchrun": "Record-matching run",
    "matching.childmerge": "Merge of two children's records",
    "returns.censusdate": "DfE census date",
    "returns.cmereason": "Primary reason for missing education",
    "returns.lostpupilfile": "Lost Pupils Database file",
    "letters.issueddocument": "Letter or notice issued on a case",
    "letters.lettertemplate": "Letter template",
    "policy.policyversion": "Version of the policy values",
    "calendars.termdates": "Term dates for an academic year",
    "calendars.clockpause": "Paused clock on a case",
}


def object_type_label(object_type: str) -> str:
    return OBJECT_TYPE_LABELS.get(object_type, object_type)


def action_sentence(action: str) -> str:
    """The sentence for a stored action code; a code no longer in ``AuditAction`` is shown as stored."""
    try:
        return AuditAction(action).sentence
    except ValueError:
        return action
