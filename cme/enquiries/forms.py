"""Forms parse what people type; the rules an enquiry must meet live in services.py.

The enquiry page holds several small forms (record, chase, answer, not applicable, ask a council),
each with its own prefix so their ids never clash, and each carrying the version of the enquiry the
page showed (0 when there was none yet), so a change made from a stale page is refused.
"""

from __future__ import annotations

from typing import Any

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Fixed, Fluid, Layout, Size, Submit
from django import forms
from django.db.models import QuerySet

from cme.areas.forms import PostcodeField
from cme.core.fields import DateOfBirthField, PastDateField, UPNField
from cme.enquiries.models import InboundEnquiry, Method, Outcome
from cme.organisations.models import Organisation
from cme.people.models import Sex
from cme.schools.models import School


class AnyDateField(PastDateField):
    """A GOV.UK date that may be in the future, such as a due date; messages as for ``PastDateField``."""

    def validate(self, value: Any) -> None:
        # Real dates only (checked when the parts are put together); past, today and future are all allowed.
        return


def _text(label: str, limit: int, *, required: bool, message: str = "", **kwargs: Any) -> forms.CharField:
    errors = {"max_length": f"{label} must be {limit} characters or fewer"}
    if message:
        errors["required"] = message
    return forms.CharField(label=label, max_length=limit, required=required, error_messages=errors, **kwargs)


def _textarea(label: str, limit: int, *, required: bool, message: str = "", **kwargs: Any) -> forms.CharField:
    return _text(label, limit, required=required, message=message, widget=forms.Textarea(attrs={"rows": 4}), **kwargs)


def _method(label: str, message: str) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=Method.choices,
        widget=forms.RadioSelect,
        error_messages={"required": message, "invalid_choice": message},
    )


def _due_date(label: str, help_text: str) -> AnyDateField:
    return AnyDateField(label=label, required=False, help_text=help_text)


class EnquiryForm(forms.Form):
    """One form of the enquiry page: its own prefix, the version it was shown with, a submit button."""

    action: str = ""
    button: str = ""
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args: Any, version: int = 0, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", self.action)
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("version", version)
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.attrs = {"novalidate": ""}  # the service's own error messages, not the browser's
        self.helper.layout = Layout(
            *self.layout_fields(), Field("version"), Submit(f"{self.action}-submit", self.button)
        )

    def layout_fields(self) -> list[Any]:
        raise NotImplementedError


class RecordForm(EnquiryForm):
    action = "record"
    button = "Save the enquiry"

    asked_whom = _text(
        "Who was asked",
        200,
        required=True,
        message="Enter who was asked",
        help_text="The organisation or team, and the person if you know them",
    )
    asked_on = PastDateField(label="Date asked")
    method = _method("How was it asked?", "Select how the enquiry was made")
    due_on = _due_date("Due date (optional)", "Leave it blank for 10 working days after the date asked")

    def layout_fields(self) -> list[Any]:
        return [
            Field.text("asked_whom", field_width=Fluid.TWO_THIRDS),
            Field("asked_on"),
            Field.radios("method", legend_size=Size.SMALL, small=True),
            Field("due_on"),
        ]


class CouncilForm(EnquiryForm):
    """Ask one more council about the child (a cross-border enquiry to a named council)."""

    action = "council"
    button = "Save the enquiry to this council"

    other_council = forms.ModelChoiceField(
        label="Council",
        queryset=Organisation.objects.none(),
        empty_label="Select a council",
        error_messages={"required": "Select the council you asked", "invalid_choice": "Select the council you asked"},
    )
    asked_whom = _text(
        "Contact (optional)", 200, required=False, help_text="For example, the council's CME officer or team mailbox"
    )
    asked_on = PastDateField(label="Date asked")
    method = _method("How was it asked?", "Select how the enquiry was made")
    due_on = _due_date("Due date (optional)", "Leave it blank for 10 working days after the date asked")

    def __init__(self, *args: Any, councils: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["other_council"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101 - declared above
        field.queryset = councils

    def layout_fields(self) -> list[Any]:
        return [
            Field.select("other_council"),
            Field.text("asked_whom", field_width=Fluid.TWO_THIRDS),
            Field("asked_on"),
            Field.radios("method", legend_size=Size.SMALL, small=True),
            Field("due_on"),
        ]


class ChaseForm(EnquiryForm):
    action = "chase"
    button = "Save the chase"

    chased_on = PastDateField(label="Date chased")
    method = _method("How was it chased?", "Select how the enquiry was chased")
    note = _textarea("Note (optional)", 5000, required=False)
    due_on = _due_date("New due date (optional)", "Leave it blank to keep the current due date")

    def layout_fields(self) -> list[Any]:
        return [
            Field("chased_on"),
            Field.radios("method", legend_size=Size.SMALL, small=True),
            Field.textarea("note"),
            Field("due_on"),
        ]


class AnswerForm(EnquiryForm):
    action = "answer"
    button = "Save the answer"

    outcome = forms.ChoiceField(
        label="Outcome",
        choices=Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the outcome of the enquiry", "invalid_choice": "Select the outcome"},
    )
    answer = _textarea(
        "What they told you",
        5000,
        required=False,
        help_text="Not needed when there was no response",
    )
    answered_on = PastDateField(label="Date answered")

    def layout_fields(self) -> list[Any]:
        return [
            Field.radios("outcome", legend_size=Size.SMALL, small=True),
            Field.textarea("answer"),
            Field("answered_on"),
        ]


class NotApplicableForm(EnquiryForm):
    action = "not_applicable"
    button = "Mark as not applicable"

    reason = _textarea(
        "Why is this enquiry not applicable?", 2000, required=True, message="Enter why this enquiry is not applicable"
    )

    def layout_fields(self) -> list[Any]:
        return [Field.textarea("reason")]


# Other councils' requests --------------------------------------------------------------------------


class InboundEnquiryForm(forms.Form):
    requesting_council = forms.ModelChoiceField(
        label="Council that asked",
        queryset=Organisation.objects.none(),
        required=False,
        empty_label="Not listed",
        help_text="If it is not listed, choose Not listed and enter its name and LA code below",
        error_messages={"invalid_choice": "Select the council that asked"},
    )
    council_name = _text("Council name, if not listed", 200, required=False)
    la_code = _text(
        "LA code, if not listed",
        3,
        required=False,
        help_text="The council's 3-digit local authority code, for example 919",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"}),
    )
    contact = _text("Contact", 200, required=False, help_text="Who asked, and how to reply to them")
    their_reference = _text("Their reference (optional)", 100, required=False)
    received_on = PastDateField(label="Date received")
    forenames = _text("Child's first name", 100, required=True, message="Enter the child's first name")
    surname = _text("Child's last name", 100, required=True, message="Enter the child's last name")
    other_names = _text("Other or previous names (optional)", 300, required=False)
    date_of_birth = DateOfBirthField(required=False, label="Date of birth (optional)")
    sex = forms.ChoiceField(
        label="Sex",
        choices=Sex.choices,
        initial=Sex.NOT_KNOWN,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the child's sex, or Not known"},
    )
    upn = UPNField(label="Unique pupil number (UPN) (optional)")
    last_known_address = _textarea("Last known address (optional)", 1000, required=False)
    last_known_postcode = PostcodeField(label="Last known postcode (optional)", required=False)
    request = _textarea("What are they asking?", 5000, required=True, message="Enter what the council is asking")
    due_on = _due_date("Reply by (optional)", "Leave it blank for 10 working days after the date received")

    def __init__(self, *args: Any, councils: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["requesting_council"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101 - declared above
        field.queryset = councils
        self.helper = FormHelper()
        self.helper.attrs = {"novalidate": ""}
        self.helper.layout = Layout(
            Field.select("requesting_council"),
            Field.text("council_name", field_width=Fluid.TWO_THIRDS),
            Field.text("la_code", field_width=Fixed.THREE),
            Field.text("contact", field_width=Fluid.TWO_THIRDS),
            Field.text("their_reference", field_width=Fixed.TWENTY),
            Field("received_on"),
            Field.text("forenames", field_width=Fluid.TWO_THIRDS),
            Field.text("surname", field_width=Fluid.TWO_THIRDS),
            Field.text("other_names", field_width=Fluid.TWO_THIRDS),
            Field("date_of_birth"),
            Field.radios("sex", legend_size=Size.SMALL, small=True, inline=True),
            Field.text("upn", field_width=Fixed.TWENTY),
            Field.textarea("last_known_address"),
            Field.text("last_known_postcode", field_width=Fixed.TEN),
            Field.textarea("request"),
            Field("due_on"),
            Submit("submit", "Save the request"),
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if (
            not cleaned.get("requesting_council")
            and not cleaned.get("council_name")
            and "requesting_council" not in self.errors
        ):
            self.add_error("requesting_council", "Select the council that asked, or enter its name")
        return cleaned


class InboundAnswerForm(forms.Form):
    finding = forms.ChoiceField(
        label="What did we find?",
        choices=InboundEnquiry.Finding.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what we found", "invalid_choice": "Select what we found"},
    )
    school = forms.ModelChoiceField(
        label="School URN, if found on roll",
        help_text="The URN of the school the child is on roll at, for example 117512",
        queryset=School.objects.all(),
        to_field_name="urn",
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"}),
        error_messages={"invalid_choice": "Enter the URN of a school in the schools register"},
    )
    answer = _textarea("What did you tell the council?", 5000, required=True, message="Enter what you told the council")
    answered_on = PastDateField(label="Date answered")
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args: Any, version: int, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"version": version})
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.attrs = {"novalidate": ""}
        self.helper.layout = Layout(
            Field.radios("finding", legend_size=Size.SMALL, small=True),
            Field.text("school", field_width=Fixed.TEN),
            Field.textarea("answer"),
            Field("answered_on"),
            Field("version"),
            Submit("submit", "Save the answer"),
        )
