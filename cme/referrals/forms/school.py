"""Forms for the school and admissions channels and for school tasks.

They parse what people type; the rules a referral must meet (the attempts the policy asks for, the
Hertfordshire rule on grounds H and I, routing) live in cme/referrals/services.py.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from crispy_forms_gds.choices import Choice
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import HTML, Field, Fieldset, Fluid, Layout, Size, Submit
from django import forms
from django.forms.utils import ErrorList

from cme.core.fields import CalendarDateField, PastDateField
from cme.referrals.codes import DeletionGround
from cme.referrals.forms.common import (
    CarerForm,
    CarerFormSet,
    FormBlock,
    SchoolChoiceField,
    section_heading,
    text_field,
    textarea_field,
)
from cme.referrals.models import ContactAttempt
from cme.referrals.services import AttemptDetails, DeletionDetails, required_attempt_methods

YES_NO = [("yes", "Yes"), ("no", "No")]


def _yes(value: str) -> bool:
    return value == "yes"


# Reasonable enquiries: the school's attempts to contact the family (policy 4.5)


class ContactAttemptForm(FormBlock):
    """One attempt. A row left blank is ignored; a row started must be finished."""

    method = forms.ChoiceField(
        label="How",
        choices=[("", "Select how"), *ContactAttempt.Method.choices],
        error_messages={
            "required": "Select how you tried to contact the family",
            "invalid_choice": "Select how you tried to contact the family",
        },
    )
    attempted_on = PastDateField(label="Date of the attempt")
    outcome = forms.CharField(
        label="What happened",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={
            "required": "Enter what happened",
            "max_length": "What happened must be 500 characters or fewer",
        },
    )

    def __init__(self, *args: Any, number: int = 1, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.number = number
        #: How the error summary names this row ("Attempt 2: Enter what happened").
        self.summary_prefix = f"Attempt {number}"
        self.helper.layout = Layout(
            Fieldset(
                Field.select("method"),
                Field("attempted_on"),
                Field.textarea("outcome", rows=2),
                legend=self.summary_prefix,
                legend_size=Size.SMALL,
            )
        )

    def to_details(self) -> AttemptDetails | None:
        if not self.has_changed() or not self.cleaned_data:
            return None
        return AttemptDetails(
            method=self.cleaned_data["method"],
            attempted_on=self.cleaned_data["attempted_on"],
            outcome=self.cleaned_data["outcome"].strip(),
        )


def _method_labels(methods: list[str]) -> str:
    labels = [ContactAttempt.Method(method).label.lower() for method in methods]
    return labels[0] if len(labels) == 1 else f"{', '.join(labels[:-1])} and {labels[-1]}"


class BaseContactAttemptFormSet(forms.BaseFormSet[ContactAttemptForm]):
    """Rows left blank are ignored. ``refuse`` shows the service's refusal (for example, a method the
    policy asks for is missing) with the attempts, and in the error summary."""

    heading = "Your attempts to contact the family"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "attempts")
        super().__init__(*args, **kwargs)
        self.refusals: list[str] = []

    @property
    def intro(self) -> str:
        required = required_attempt_methods()
        if not required:
            return "Tell us each time you tried to contact the family: how, when and what happened."
        return (
            "Tell us each time you tried to contact the family: how, when and what happened. You must have tried "
            f"by {_method_labels(required)} before you send this, unless there is an immediate safeguarding concern."
        )

    def get_form_kwargs(self, index: int | None) -> dict[str, Any]:
        kwargs = super().get_form_kwargs(index)
        kwargs["number"] = (index or 0) + 1
        return kwargs

    def non_form_errors(self) -> ErrorList:
        return ErrorList([*super().non_form_errors(), *self.refusals])

    def refuse(self, message: str) -> None:
        self.refusals.append(message)

    def to_details(self) -> list[AttemptDetails]:
        details = (form.to_details() for form in self.forms)
        return [attempt for attempt in details if attempt is not None]


#: Blank rows for contact attempts (no JavaScript needed).
ATTEMPT_ROWS = 6
ContactAttemptFormSet = forms.formset_factory(
    ContactAttemptForm,
    formset=BaseContactAttemptFormSet,
    extra=ATTEMPT_ROWS,
    max_num=ATTEMPT_ROWS,
    absolute_max=ATTEMPT_ROWS,
)


# School tasks (policy 4.7)


class SchoolTaskCompleteForm(forms.Form):
    """The school records that it removed the pupil from its register, and where the pupil went."""

    date_removed = PastDateField(label="Date the pupil was removed from the register")
    destination_known = forms.TypedChoiceField(
        label="Do you know where the pupil has gone?",
        choices=YES_NO,
        coerce=_yes,
        widget=forms.RadioSelect,
        error_messages={"required": "Select yes if you know where the pupil has gone"},
    )
    destination = forms.CharField(
        label="Where has the pupil gone?",
        help_text="Only if you know: the new school and its town, or the council or country the family moved to.",
        required=False,
        max_length=300,
        error_messages={"max_length": "Where the pupil has gone must be 300 characters or fewer"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.attrs = {"novalidate": ""}  # the service's own error messages, not the browser's
        self.helper.layout = Layout(
            Field("date_removed"),
            Field.radios("destination_known", legend_size=Size.MEDIUM, inline=True),
            Field.text("destination", field_width=Fluid.TWO_THIRDS),
            Submit("submit", "Send to the council"),
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("destination_known") and not cleaned.get("destination", "").strip():
            self.add_error("destination", "Enter where the pupil has gone")
        return cleaned


# Deletion from the admission register (policy 5.4; regulation 9(1) grounds, regulation 13 return)

# What each ground means in practice, shown under its radio button (domain.md §3.2).
GROUND_HINTS: dict[str, str] = {
    DeletionGround.A: "Give the new school below. Not when a school attendance order names your school.",
    DeletionGround.B: "The child was admitted for nursery education and will not transfer to your reception class.",
    DeletionGround.C: "Every other school agrees, and there are no reasonable grounds to think the pupil will attend.",
    DeletionGround.D: "Only when the council has amended a school attendance order that named your school.",
    DeletionGround.E: "Only when the council has revoked a school attendance order that named your school.",
    DeletionGround.F: "The parent has told you in writing that the child will be educated at home.",
    DeletionGround.G: "Not a boarder. Give the new address and school below if you know them.",
    DeletionGround.H: (
        "Also: no reasonable grounds to think the pupil is ill or kept away by an unavoidable cause, and the "
        "pupil's whereabouts are not known. Needs evidence of reasonable enquiries made jointly with the council."
    ),
    DeletionGround.I: (
        "Every session coded G, N or O; no reasonable grounds to think the pupil is ill or kept away by an "
        "unavoidable cause. Needs evidence of reasonable enquiries made jointly with the council."
    ),
    DeletionGround.J: "The pupil is detained under a sentence of detention.",
    DeletionGround.K: "The pupil has died.",
    DeletionGround.L: "The pupil will not continue into your sixth form.",
    DeletionGround.M: "Only for a boarder at a maintained school or academy.",
    DeletionGround.N: "Only for an independent school or a non-maintained special school.",
    DeletionGround.O: "After any review or appeal has finished.",
}

GROUND_CHOICES = [Choice(ground.value, ground.label, hint=GROUND_HINTS[ground]) for ground in DeletionGround]


class DeletionForm(FormBlock):
    """The deletion return's own questions: the ground and its dates, joint enquiries for grounds H and I,
    the destination, the new address (regulation 8(3)) and what the school could not find out."""

    ground = forms.ChoiceField(
        label="Which ground in regulation 9(1) applies?",
        choices=GROUND_CHOICES,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select the ground for deleting the pupil's name",
            "invalid_choice": "Select the ground for deleting the pupil's name",
        },
    )
    date_ground_met = PastDateField(label="Date the ground was met")
    date_deleted = PastDateField(label="Date the pupil's name was deleted")
    joint_enquiries_on = PastDateField(label="Date of the joint enquiries", required=False)
    joint_enquiries_with = text_field(
        "Who at the council you made them with",
        200,
        what="Who you made them with",
        help_text="Their name and team, for example the attendance duty team, West.",
    )
    joint_enquiries_done = textarea_field(
        "What was done",
        4000,
        rows=4,
        help_text="For example, home visits, calls to every contact, checks with other schools and agencies.",
    )
    destination_known = forms.TypedChoiceField(
        label="Do you know which school the pupil is going to?",
        choices=YES_NO,
        coerce=_yes,
        widget=forms.RadioSelect,
        error_messages={"required": "Select yes if you know which school the pupil is going to"},
    )
    destination_school = SchoolChoiceField(
        label="New school",
        help_text="Only if you know it. Schools in Hertfordshire, open schools first.",
        blank_label="Not in the list, or not known",
    )
    destination_school_name = text_field(
        "If the new school is not in the list, its name and town", 200, what="The new school's name and town"
    )
    destination_start_date = CalendarDateField(
        label="Date the pupil starts, or started, at the new school", required=False
    )
    future_address = textarea_field("New address", 300, rows=3, help_text="In full, with the postcode.")
    future_address_parent_name = text_field(
        "Full name of the parent the pupil will live with", 150, what="The parent's name"
    )
    future_address_from = CalendarDateField(label="Date the pupil will live there from", required=False)
    unable_to_obtain_information = textarea_field(
        "Information the school could not obtain",
        2000,
        rows=3,
        help_text="For example, the new address or school, and why you could not find it out.",
    )
    safeguarding_context = textarea_field(
        "Safeguarding context",
        5000,
        rows=4,
        help_text="Anything the council should know about the pupil's safety or welfare.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "deletion")
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(
            section_heading("Why the pupil's name was deleted"),
            Field.radios("ground", legend_size=Size.SMALL),
            Field("date_ground_met"),
            Field("date_deleted"),
            section_heading("Joint enquiries with the council (grounds H and I)"),
            HTML(
                '<p class="govuk-body">Grounds H and I need reasonable enquiries made jointly by the school and '
                "the council. Without evidence of them the council does not accept the removal as lawful and the "
                "pupil must stay on your register.</p>"
            ),
            Field("joint_enquiries_on"),
            Field.text("joint_enquiries_with", field_width=Fluid.TWO_THIRDS),
            Field.textarea("joint_enquiries_done", rows=4),
            section_heading("Where the pupil is going"),
            Field.radios("destination_known", legend_size=Size.SMALL, inline=True),
            Field.select("destination_school"),
            Field.text("destination_school_name", field_width=Fluid.TWO_THIRDS),
            Field("destination_start_date"),
            section_heading("New address"),
            HTML(
                '<p class="govuk-body">If a parent told you the pupil is moving: the new address, the parent the '
                "pupil will live with there, and from when.</p>"
            ),
            Field.textarea("future_address", rows=3),
            Field.text("future_address_parent_name", field_width=Fluid.TWO_THIRDS),
            Field("future_address_from"),
            section_heading("Anything else"),
            Field.textarea("unable_to_obtain_information", rows=3),
            Field.textarea("safeguarding_context", rows=4),
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("destination_known"):
            school, name = cleaned.get("destination_school"), cleaned.get("destination_school_name")
            if school is None and not name and "destination_school" not in self.errors:
                self.add_error(
                    "destination_school", "Select the new school, or type its name and town if it is not in the list"
                )
            if school is not None and name:
                self.add_error(
                    "destination_school_name",
                    "Choose a school from the list or type the name of one that is not listed, not both",
                )
        self._require_together(
            {
                "joint_enquiries_on": "Enter the date of the joint enquiries",
                "joint_enquiries_with": "Enter who at the council you made the joint enquiries with",
                "joint_enquiries_done": "Enter what was done in the joint enquiries",
            }
        )
        self._require_together(
            {
                "future_address": "Enter the new address",
                "future_address_parent_name": "Enter the full name of the parent the pupil will live with",
            },
            also=("future_address_from",),
        )
        return cleaned

    def _require_together(self, required: dict[str, str], also: tuple[str, ...] = ()) -> None:
        """If any of these is answered, each of ``required`` must be."""
        names = (*required, *also)
        if not any(self.cleaned_data.get(name) or name in self.errors for name in names):
            return
        for name, message in required.items():
            if not self.cleaned_data.get(name) and name not in self.errors:
                self.add_error(name, message)

    def joint_enquiries_evidence(self) -> str:
        """The joint enquiries as one statement for the return, or "" if none were described."""
        on: date | None = self.cleaned_data.get("joint_enquiries_on")
        with_whom = self.cleaned_data.get("joint_enquiries_with", "")
        done = self.cleaned_data.get("joint_enquiries_done", "")
        if not (on and with_whom and done):
            return ""
        return f"Joint enquiries on {on:%-d %B %Y} with {with_whom}: {done}"

    def to_details(self) -> DeletionDetails:
        data = self.cleaned_data
        known: bool = data["destination_known"]
        return DeletionDetails(
            ground=data["ground"],
            date_ground_met=data["date_ground_met"],
            date_deleted=data["date_deleted"],
            destination_known=known,
            destination_school=data["destination_school"] if known else None,
            destination_school_name=data["destination_school_name"] if known else "",
            destination_start_date=data["destination_start_date"] if known else None,
            future_address=data["future_address"],
            future_address_parent_name=data["future_address_parent_name"],
            future_address_from=data["future_address_from"],
            joint_enquiries_evidence=self.joint_enquiries_evidence(),
            unable_to_obtain_information=data["unable_to_obtain_information"],
            safeguarding_context=data["safeguarding_context"],
        )


def parents_lived_with(data: Any) -> Any:
    """The parents or carers rows, asking for the parents the pupil normally lives with (regulation 13(4)(c))."""
    carers: Any = CarerFormSet(data, prefix="carers")
    carers.heading = "Parents the pupil normally lives with"
    carers.intro = (
        "Their full names and addresses, and at least one emergency phone number for each parent the pupil lives with."
    )
    return carers


def require_emergency_phones(carers: forms.BaseFormSet[Any]) -> bool:
    """Regulation 13(4)(d): at least one emergency phone number for each parent the pupil lives with.
    Puts an error on each such parent's phone number that is missing; True if none is."""
    complete = True
    for row in carers.forms:
        if not isinstance(row, CarerForm) or not row.is_valid() or not row.cleaned_data.get("name"):
            continue
        if row.cleaned_data.get("lives_with_child") == "yes" and not row.cleaned_data.get("phone"):
            row.add_error("phone", "Enter an emergency phone number for this parent")
            complete = False
    return complete


# Channel blocks


class StartDateForm(FormBlock):
    """When the child should have started at the school (policy 4.1)."""

    agreed_start_date = PastDateField(
        label="Agreed start date",
        help_text="The day your school agreed, or was told, the child would start. For example, 2 9 2025",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "start")
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(section_heading("Starting at your school"), Field("agreed_start_date"))


class NotComingForm(FormBlock):
    """The school admissions says the child will not be coming to, and that must remove the pupil."""

    school = SchoolChoiceField(
        required=True,
        label="School the child will not be coming to",
        help_text="We will ask this school to remove the pupil from its register and record where they went.",
        blank_label="Select a school",
        error_message="Select the school the child will not be coming to",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "place")
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(section_heading("The school place"), Field.select("school"))
