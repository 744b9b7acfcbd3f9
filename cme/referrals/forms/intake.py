"""The intake pages' forms: a public referral, a partner agency's referral and one the CME team keys in
from an email, phone call, letter or visit. Each is a ``FormGroup`` of the building blocks in common.py."""

from __future__ import annotations

from typing import Any

from crispy_forms_gds.layout import Field, Fluid, Layout, Size
from django import forms

from cme.referrals.forms.common import (
    ChildDetailsForm,
    ConcernForm,
    FormBlock,
    FormGroup,
    ReferrerForm,
    SchoolHistoryForm,
    SubmissionKeyForm,
    carers_and_siblings,
    section_heading,
    text_field,
)
from cme.referrals.models import Referral

#: The honeypot: an input people never see or reach with the keyboard, which form-filling bots fill in.
HONEYPOT_FIELD = "website"

#: Ways a referral reaches the CME team other than this service's own forms.
STAFF_SOURCES = [(value, label) for value, label in Referral.Source.choices if value != Referral.Source.ONLINE]


class SourceForm(FormBlock):
    """How a referral keyed in by the CME team reached it."""

    source = forms.ChoiceField(
        label="How did the referral reach the CME team?",
        choices=STAFF_SOURCES,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select how the referral reached the CME team",
            "invalid_choice": "Select how the referral reached the CME team",
        },
    )
    source_detail = text_field(
        "Details of how it came",
        200,
        help_text="For example, phone call from the child's aunt to the team duty line, or email to the CME mailbox.",
        what="Details of how it came",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "source")
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(
            section_heading("How it came"),
            Field.radios("source", legend_size=Size.SMALL),
            Field.text("source_detail", field_width=Fluid.TWO_THIRDS),
        )


def public_referral_form(data: Any = None) -> FormGroup:
    """Anyone, signed out: the child's first name, something about where they live and the concern are
    required; everything else is optional, and the referrer may stay anonymous."""
    return FormGroup(
        {
            "key": SubmissionKeyForm(data),
            "child": ChildDetailsForm(data, require_whereabouts=True, ask_identifiers=False),
            "school": SchoolHistoryForm(data, ask_date_last_attended=False),
            "concern": ConcernForm(
                data,
                concern_label="Why do you think the child is missing education?",
                ask_date_last_seen=False,
                ask_risk_factors=False,
                ask_urgent=False,
                heading="Why you are worried",
            ),
            **carers_and_siblings(data),
            "referrer": ReferrerForm(data),
        }
    )


def partner_referral_form(data: Any = None) -> FormGroup:
    """A partner agency user: the referrer is the user and their organisation, so no referrer fields."""
    return FormGroup(
        {
            "key": SubmissionKeyForm(data),
            "child": ChildDetailsForm(data),
            "school": SchoolHistoryForm(data),
            "concern": ConcernForm(data),
            **carers_and_siblings(data),
        }
    )


def staff_referral_form(data: Any = None) -> FormGroup:
    """A referral the CME team received some other way, keyed in with how it came and who made it."""
    return FormGroup(
        {
            "key": SubmissionKeyForm(data),
            "source": SourceForm(data),
            "referrer": ReferrerForm(data, about_someone_else=True, heading="Who made the referral"),
            "child": ChildDetailsForm(data),
            "school": SchoolHistoryForm(data),
            "concern": ConcernForm(
                data,
                concern_label="What did the referrer tell you?",
                concern_help="Their concern in their own words, as far as you can.",
                heading="The concern",
            ),
            **carers_and_siblings(data),
        }
    )
