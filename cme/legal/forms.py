"""Forms of the legal pages. They parse what people type; the rules (which step may follow which, the
notice periods, compulsory school age) live in cme.legal.services, which gives the messages."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Final

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Fluid, Layout, Size, Submit
from django import forms

from cme.accounts.roles import Role
from cme.core.fields import CalendarDateField, PastDateField
from cme.legal.models import SchoolAttendanceOrder
from cme.legal.services import StepInput
from cme.legal.stages import ServiceMethod


def _text(label: str, limit: int, *, required: bool = False, rows: int = 0, help_text: str = "") -> forms.CharField:
    widget = forms.Textarea(attrs={"rows": rows}) if rows else None
    return forms.CharField(
        label=label,
        max_length=limit,
        required=required,
        help_text=help_text,
        widget=widget,
        error_messages={"max_length": f"{label.removesuffix(' (optional)')} must be {limit:,} characters or fewer"},
    )


class _Form(forms.Form):
    button = "Continue"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.attrs = {"novalidate": ""}
        self.helper.layout = Layout(*self.layout_fields(), Submit("submit", self.button))

    def layout_fields(self) -> list[Any]:
        return []


class OpenForm(_Form):
    """Start an SAO or an ESO: the grounds and who the notices go to."""

    grounds = _text("Why is the council taking this step?", 5000, rows=5)
    parent_name = _text("Parent's name", 200, help_text="The parent notices and orders are served on")
    parent_address = _text("Parent's address", 500, rows=4, help_text="One line each; the postcode last")

    def __init__(self, *args: Any, button: str, grounds_label: str, **kwargs: Any) -> None:
        self.button = button
        super().__init__(*args, **kwargs)
        self.fields["grounds"].label = grounds_label

    def layout_fields(self) -> list[Any]:
        return [
            Field.textarea("grounds", label_size=Size.SMALL),
            Field.text("parent_name", field_width=Fluid.TWO_THIRDS),
            Field.textarea("parent_address"),
        ]


@dataclass(frozen=True)
class StepFields:
    """The inputs a step asks for, and how it names its date."""

    date_label: str
    fields: tuple[str, ...] = ()
    future_date: bool = False
    details_label: str = "Details"
    school_label: str = "School"


_SERVED: Final = ("method_of_service",)

STEP_FIELDS: Final[dict[str, dict[str, StepFields]]] = {
    "sao": {
        "serve-notice-to-satisfy": StepFields("Date of service", (*_SERVED, "period_days")),
        "record-satisfied": StepFields("Date the council was satisfied", ("details",), details_label="How"),
        "decide": StepFields("Date of the decision", ("details",), details_label="Reasons for the decision"),
        "serve-intention": StepFields(
            "Date of service", (*_SERVED, "school"), school_label="Schools the council intends to name, one a line"
        ),
        "record-parent-choice": StepFields(
            "Date the parent told the council", ("school", "details"), school_label="School the parent chose"
        ),
        "serve-order": StepFields("Date of service", (*_SERVED, "school"), school_label="School named in the order"),
        "record-compliance": StepFields("Date of the check", ("details",), details_label="What the check found"),
        "record-non-compliance": StepFields("Date", ("details",), details_label="How the order is not complied with"),
        "amend": StepFields(
            "Date of service", (*_SERVED, "school", "details"), school_label="School where the parent secured a place"
        ),
        "revoke": StepFields(
            "Date of service", (*_SERVED, "details"), details_label="The suitable education the parent showed"
        ),
        "consider-eso": StepFields("Date considered", ("conclusion", "details"), details_label="Reasons"),
        "refer-prosecution": StepFields(
            "Date sent",
            (*_SERVED, "recipient_name", "recipient_address", "details"),
            details_label="Summary of the case",
        ),
        "withdraw": StepFields("Date", ("details",), details_label="Why no order will be served"),
        "end": StepFields("Date the order ended", ("details",), details_label="Why it ended"),
    },
    "eso": {
        "consult-social-care": StepFields(
            "Date sent", (*_SERVED, "recipient_name", "recipient_address", "respond_by", "details")
        ),
        "apply": StepFields("Date of the application", (*_SERVED, "court", "not_in_care", "details")),
        "add-hearing": StepFields("Date of the hearing", ("court", "details"), future_date=True),
        "order-made": StepFields("Date the order was made", (*_SERVED, "starts_on", "supervisor", "details")),
        "refused": StepFields("Date of the decision", ("details",), details_label="What the court decided"),
        "give-direction": StepFields(
            "Date given", ("details",), details_label="The direction, and who it was given to"
        ),
        "record-breach": StepFields("Date", ("details",), details_label="Which direction was broken, and how"),
        "apply-extension": StepFields("Date of the application", ("details",)),
        "extension-granted": StepFields("Date granted", ("new_end_on", "details")),
        "discharge": StepFields(
            "Date discharged", (*_SERVED, "details"), details_label="Who applied for the discharge, and why"
        ),
        "end": StepFields("Date the order ended", ("details",), details_label="Why it ended"),
        "withdraw": StepFields("Date", ("details",), details_label="Why no order will be sought"),
    },
}


class StepForm(_Form):
    """One step: its date, and the inputs STEP_FIELDS names for it. Every input is optional here: the
    service says which are missing, in the order the law needs them."""

    def __init__(self, *args: Any, kind: str, slug: str, button: str, **kwargs: Any) -> None:
        self.spec = STEP_FIELDS[kind][slug]
        self.button = button
        forms.Form.__init__(self, *args, **kwargs)
        date_field = CalendarDateField if self.spec.future_date else PastDateField
        self.fields["happened_on"] = date_field(label=self.spec.date_label, required=False)
        makers: dict[str, Callable[[], forms.Field]] = {
            "method_of_service": lambda: forms.ChoiceField(
                label="How was it served or sent?",
                choices=ServiceMethod.choices,
                widget=forms.RadioSelect,
                required=False,
                help_text="By post, the date of service is the day it is delivered in the ordinary course of post",
            ),
            "period_days": lambda: forms.IntegerField(
                label="Days the parent has, beginning with the day of service (optional)",
                required=False,
                min_value=1,
                max_value=365,
                help_text="Leave blank for the least the law and the council's policy allow",
                error_messages={"invalid": "Enter a whole number of days"},
            ),
            "school": lambda: _text(self.spec.school_label, 2000, rows=3 if "a line" in self.spec.school_label else 0),
            "details": lambda: _text(self.spec.details_label, 5000, rows=4),
            "conclusion": lambda: forms.ChoiceField(
                label="What did the council conclude?",
                choices=SchoolAttendanceOrder.EsoConclusion.choices,
                widget=forms.RadioSelect,
                required=False,
            ),
            "recipient_name": lambda: _text("Who it is sent to", 200),
            "recipient_address": lambda: _text("Their address (optional)", 500, rows=3),
            "respond_by": lambda: CalendarDateField(label="Date to reply by", required=False),
            "court": lambda: _text("Court", 200),
            "not_in_care": lambda: forms.BooleanField(
                label="The child is not in the care of a local authority", required=False
            ),
            "starts_on": lambda: CalendarDateField(
                label="Date the order starts (optional)",
                required=False,
                help_text="Leave blank if it starts the day it was made",
            ),
            "supervisor": lambda: _text("Supervisor", 200),
            "new_end_on": lambda: CalendarDateField(label="New end date", required=False),
        }
        for name in self.spec.fields:
            self.fields[name] = makers[name]()
        self.helper = FormHelper()
        self.helper.form_tag = False  # the page's own form carries the order's version
        self.helper.layout = Layout(*self.layout_fields(), Submit("submit", self.button))

    def layout_fields(self) -> list[Any]:
        layout: list[Any] = [Field("happened_on")]
        for name in self.spec.fields:
            field = self.fields[name]
            if isinstance(field.widget, forms.RadioSelect):
                layout.append(Field.radios(name, legend_size=Size.SMALL))
            elif isinstance(field.widget, forms.Textarea):
                layout.append(Field.textarea(name))
            elif isinstance(field.widget, forms.CheckboxInput):
                layout.append(Field.checkbox(name))
            elif isinstance(field, forms.IntegerField):
                layout.append(Field.text(name, field_width=Fluid.ONE_QUARTER))
            elif isinstance(field, forms.CharField):
                layout.append(Field.text(name, field_width=Fluid.TWO_THIRDS))
            else:
                layout.append(Field(name))
        return layout

    def step_input(self) -> StepInput:
        data = self.cleaned_data
        return StepInput(
            happened_on=data.get("happened_on"),
            method_of_service=data.get("method_of_service") or "",
            period_days=data.get("period_days"),
            school=data.get("school") or "",
            details=data.get("details") or "",
            conclusion=data.get("conclusion") or "",
            court=data.get("court") or "",
            supervisor=data.get("supervisor") or "",
            starts_on=data.get("starts_on"),
            new_end_on=data.get("new_end_on"),
            not_in_care=bool(data.get("not_in_care")),
            recipient_name=data.get("recipient_name") or "",
            recipient_address=data.get("recipient_address") or "",
            respond_by=data.get("respond_by"),
        )


class AuthorisationForm(_Form):
    button = "Authorise the officer"

    officer: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label="CME officer",
        queryset=None,
        empty_label="Choose an officer",
        error_messages={
            "required": "Choose the officer to authorise",
            "invalid_choice": "Choose an officer from the list",
        },
    )
    reason = _text("Why is the officer authorised?", 500, required=True)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from cme.accounts.models import User

        field: Any = self.fields["officer"]
        field.queryset = User.objects.filter(role=Role.CME_OFFICER, is_active=True).order_by("full_name")
        field.label_from_instance = lambda user: user.full_name
        self.fields["reason"].error_messages["required"] = "Enter why the officer is authorised"

    def layout_fields(self) -> list[Any]:
        return [Field("officer"), Field.text("reason", field_width=Fluid.TWO_THIRDS)]
