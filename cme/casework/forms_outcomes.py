"""Forms of the outcome pages. They parse what people type; which evidence each outcome needs is the
services' rule (cme.cases.outcomes), and their messages are shown against these fields.

Every form carries the case's version as the page showed it, so a change made from a stale page is
refused."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from crispy_forms.utils import TEMPLATE_PACK
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import ConditionalRadios, Field, Fixed, Fluid, Layout, Size, Submit
from django import forms
from django.utils.formats import date_format

from cme.cases.codes import LOCATED_OUTCOMES, CaseOutcome
from cme.cases.outcomes import CLOSING_OUTCOMES
from cme.casework.services import ReviewDecision
from cme.core.fields import CalendarDateField, PastDateField
from cme.referrals.forms.common import SchoolChoiceField
from cme.referrals.forms.triage import RadioWithFollowUp


class RadioWithHint(RadioWithFollowUp):
    """A radio with a hint under its label and follow-up questions shown beneath it."""

    template = "casework/outcomes/_radio_with_hint.html"

    def __init__(self, value: str, *fields: Any, hint: str = "") -> None:
        super().__init__(value, *fields)
        self.hint = hint

    def render(
        self, bound_field: Any, form: Any, context: Any, template_pack: str = TEMPLATE_PACK, **kwargs: Any
    ) -> str:
        context.update({"choice_hint": self.hint})
        return str(super().render(bound_field, form, context, template_pack, **kwargs))


def _text(label: str, limit: int, *, message: str = "", required: bool = False, **kwargs: Any) -> forms.CharField:
    errors = {"max_length": f"{label} must be {limit:,} characters or fewer"}
    if message:
        errors["required"] = message
    return forms.CharField(label=label, max_length=limit, required=required, error_messages=errors, **kwargs)


def _textarea(label: str, limit: int, **kwargs: Any) -> forms.CharField:
    return _text(label, limit, widget=forms.Textarea(attrs={"rows": 5}), **kwargs)


class OutcomeForm(forms.Form):
    """A form of an outcome page: the case's version and one submit button."""

    button = "Continue"
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args: Any, version: int = 0, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("version", version)
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.attrs = {"novalidate": ""}  # the service's messages, not the browser's
        self.helper.layout = Layout(*self.layout_fields(), Field("version"), Submit("submit", self.button))

    def layout_fields(self) -> list[Any]:
        return []


class LocatedForm(OutcomeForm):
    button = "Record that the child is located"
    outcome = forms.ChoiceField(
        label="Where was the child found?",
        choices=[(str(o), CaseOutcome(o).label) for o in CaseOutcome if o in LOCATED_OUTCOMES],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select where the child was found",
            "invalid_choice": "Select where the child was found",
        },
    )
    school = SchoolChoiceField(
        label="School",
        blank_label="Select the school",
        help_text="From the schools register. Not needed for a school in another council's area",
    )
    council = _text("Council", 200, help_text="For example, Synthetic Borough Council")
    school_name = _text("School's name", 200)
    located_on = PastDateField(label="Date the child was found")
    expected_start_date = CalendarDateField(
        label="Start date at the school", help_text="The day the child starts, or started. For example, 27 3 2026"
    )
    evidence = _textarea(
        "How do you know?",
        5000,
        help_text="Who told you and when, for example the school's admissions officer by email on 2 March",
    )

    def layout_fields(self) -> list[Any]:
        follow_ups = {
            CaseOutcome.ON_ROLL_OTHER_LA: [
                Field.text("council", field_width=Fluid.TWO_THIRDS),
                Field.text("school_name", field_width=Fluid.TWO_THIRDS),
            ],
        }
        return [
            ConditionalRadios(
                "outcome",
                *(
                    RadioWithHint(str(label), *follow_ups.get(CaseOutcome(value), []))
                    for value, label in self.fields["outcome"].choices  # type: ignore[attr-defined]
                ),
            ),
            Field.select("school"),
            Field("located_on"),
            Field("expected_start_date"),
            Field.textarea("evidence"),
        ]


_YES_NO = [("yes", "Yes"), ("no", "No")]


def _yes_no(label: str, message: str) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=_YES_NO,
        coerce=lambda value: value == "yes",
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": message},
    )


class ConfirmationForm(OutcomeForm):
    button = "Save the school's answer"
    attending = _yes_no("Does the school say the child is attending?", "Select yes or no")
    start_date = PastDateField(label="Start date the school confirmed", required=False)
    confirmed_on = PastDateField(label="Date the school confirmed")
    note = _textarea(
        "What the school said",
        2000,
        help_text="Who confirmed it. If the child is not attending, say what the school told you",
    )

    def layout_fields(self) -> list[Any]:
        return [
            ConditionalRadios("attending", RadioWithHint("Yes", Field("start_date")), RadioWithHint("No")),
            Field("confirmed_on"),
            Field.textarea("note"),
        ]


class CloseForm(OutcomeForm):
    button = "Close the case"
    outcome = forms.ChoiceField(
        label="What is the outcome?",
        choices=[(str(o), CaseOutcome(o).label) for o in CLOSING_OUTCOMES],
        widget=forms.RadioSelect,
        error_messages={"required": "Select the outcome", "invalid_choice": "Select the outcome"},
    )
    ehe_assessed_suitable = forms.BooleanField(
        label="The new home education has been assessed as suitable",
        required=False,
        help_text="This child's home education was assessed as unsuitable before (policy 5.5)",
    )
    provider = _text("Provider", 300, help_text="For example, the alternative provision or college")
    destination = _text("Country or new address", 200)
    left_uk_confirmed = forms.BooleanField(
        label="It is confirmed that the child has left, for example by their new school", required=False
    )
    evidence = _textarea("Evidence", 5000, help_text="What you have, who it came from and when")

    def __init__(
        self,
        *args: Any,
        hints: dict[str, str] | None = None,
        ehe_previously_unsuitable: bool = False,
        school_age_ends: date | None = None,
        **kwargs: Any,
    ) -> None:
        self.hints = dict(hints or {})
        if school_age_ends is not None:
            self.hints[CaseOutcome.AGED_OUT] = (
                f"Compulsory school age ends on {date_format(school_age_ends, 'j F Y')}: this outcome is refused "
                "until the day after"
            )
        self.ehe_previously_unsuitable = ehe_previously_unsuitable
        super().__init__(*args, **kwargs)

    def layout_fields(self) -> list[Any]:
        follow_ups: dict[str, list[Any]] = {
            CaseOutcome.EHE_SUITABLE: [Field.checkbox("ehe_assessed_suitable", small=True)]
            if self.ehe_previously_unsuitable
            else [],
            CaseOutcome.OTHER_SUITABLE_PROVISION: [Field.text("provider", field_width=Fluid.TWO_THIRDS)],
            CaseOutcome.LEFT_UK: [
                Field.text("destination", field_width=Fluid.TWO_THIRDS),
                Field.checkbox("left_uk_confirmed", small=True),
            ],
        }
        return [
            ConditionalRadios(
                "outcome",
                *(
                    RadioWithHint(str(label), *follow_ups.get(value, []), hint=self.hints.get(value, ""))
                    for value, label in self.fields["outcome"].choices  # type: ignore[attr-defined]
                ),
            ),
            Field.textarea("evidence"),
        ]


class ReasonForm(OutcomeForm):
    """One reason, for not located, returning to enquiries and reopening."""

    reason = _textarea("Reason", 2000)

    def __init__(self, *args: Any, label: str, help_text: str = "", button: str, **kwargs: Any) -> None:
        self.button = button
        super().__init__(*args, **kwargs)
        self.fields["reason"].label = label
        self.fields["reason"].help_text = help_text
        self.fields["reason"].error_messages["max_length"] = f"{label} must be 2,000 characters or fewer"

    def layout_fields(self) -> list[Any]:
        return [Field.textarea("reason", label_size=Size.MEDIUM)]


class SubmitForReviewForm(OutcomeForm):
    button = "Send for manager review"
    note = _textarea("Note for the manager (optional)", 2000)

    def layout_fields(self) -> list[Any]:
        return [Field.textarea("note")]


class ReviewForm(OutcomeForm):
    button = "Record the decision"
    all_exhausted_confirmed = forms.BooleanField(
        label="I confirm that every enquiry has been made and concluded",
        required=False,
        help_text="Needed to close the case (policy 6.4)",
    )
    decision = forms.ChoiceField(
        label="What is your decision?",
        choices=ReviewDecision.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select your decision", "invalid_choice": "Select your decision"},
    )
    social_care_reference = _text("Children's Social Care's reference", 100)
    reason = _textarea(
        "Notes",
        2000,
        help_text="Needed when you return the case: say what enquiries are still needed. "
        "Otherwise optional, and kept with the outcome",
    )

    def layout_fields(self) -> list[Any]:
        hints = {
            ReviewDecision.SOCIAL_CARE: "The case closes as not located: passed to Children's Social Care",
            ReviewDecision.LOST_PUPILS_DATABASE: (
                "The case closes as not located; a CTF with destination unknown (XXXXXXX) goes to the Lost "
                "Pupils Database (policy 6.5)"
            ),
            ReviewDecision.MORE_ENQUIRIES: "The case goes back to the officer",
        }
        follow_ups: dict[str, Sequence[Any]] = {
            ReviewDecision.SOCIAL_CARE: [Field.text("social_care_reference", field_width=Fixed.TWENTY)],
        }
        return [
            Field.checkbox("all_exhausted_confirmed", small=True),
            ConditionalRadios(
                "decision",
                *(
                    RadioWithHint(str(label), *follow_ups.get(value, []), hint=hints[ReviewDecision(value)])
                    for value, label in ReviewDecision.choices
                ),
            ),
            Field.textarea("reason"),
        ]
