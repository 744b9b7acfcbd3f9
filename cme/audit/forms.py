from __future__ import annotations

from datetime import date
from typing import Any

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Fluid, Layout, Size, Submit
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator

from cme.audit.events import OBJECT_TYPE_LABELS, AuditAction


class _DayField(DateInputField):
    """A GOV.UK day, month and year date whose impossible dates get a plain-English error."""

    def __init__(self, *, which: str, **kwargs: Any) -> None:
        # require_all_fields=False: a date with a part missing is an error, not silently no date.
        super().__init__(require_all_fields=False, **kwargs)
        self.which = which
        for part, field in zip(("day", "month", "year"), self.fields, strict=True):
            field.error_messages["incomplete"] = f"The '{which}' date must include a {part}"
            field.validators = [RegexValidator(r"^[0-9]+$", f"The '{which}' date {part} must be a number")]

    def compress(self, data_list: Any) -> date | None:
        try:
            return super().compress(data_list)
        except ValidationError as error:
            raise ValidationError(f"The '{self.which}' date must be a real date", code="invalid") from error


def _action_choices() -> list[tuple[str, str]]:
    return [("", "Any action"), *sorted(((a.value, a.sentence) for a in AuditAction), key=lambda c: c[1])]


def _object_type_choices() -> list[tuple[str, str]]:
    return [("", "Any type of record"), *sorted(OBJECT_TYPE_LABELS.items(), key=lambda c: c[1])]


class AuditTrailFilterForm(forms.Form):
    occurred_from = _DayField(which="from", label="From", required=False, help_text="For example, 27 3 2026")
    occurred_to = _DayField(which="to", label="To", required=False, help_text="For example, 28 3 2026")
    actor_email = forms.EmailField(
        label="Email address of the person",
        required=False,
        error_messages={"invalid": "Enter an email address in the correct format, like name@example.com"},
    )
    action = forms.ChoiceField(
        label="What they did",
        required=False,
        choices=_action_choices,
        error_messages={"invalid_choice": "Select an action from the list"},
    )
    object_type = forms.ChoiceField(
        label="Type of record",
        required=False,
        choices=_object_type_choices,
        error_messages={"invalid_choice": "Select a type of record from the list"},
    )
    object_id = forms.CharField(label="Record id", required=False, max_length=64)
    request_id = forms.CharField(label="Request id", required=False, max_length=64)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["object_id"].error_messages["max_length"] = "Record id must be 64 characters or fewer"
        self.fields["request_id"].error_messages["max_length"] = "Request id must be 64 characters or fewer"
        self.helper = FormHelper()
        self.helper.attrs = {"novalidate": ""}  # the service's own error messages, not the browser's
        self.helper.form_method = "get"
        self.helper.layout = Layout(
            Field("occurred_from", context={"legend_size": Size.for_legend("s")}),
            Field("occurred_to", context={"legend_size": Size.for_legend("s")}),
            Field.text("actor_email", field_width=Fluid.FULL, spellcheck="false"),
            Field.select("action"),
            Field.select("object_type"),
            Field.text("object_id", field_width=Fluid.FULL, spellcheck="false"),
            Field.text("request_id", field_width=Fluid.FULL, spellcheck="false"),
            Submit("apply", "Apply filters"),
        )

    def clean_actor_email(self) -> str:
        return str(self.cleaned_data["actor_email"]).strip().lower()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        occurred_from, occurred_to = cleaned.get("occurred_from"), cleaned.get("occurred_to")
        if occurred_from and occurred_to and occurred_to < occurred_from:
            self.add_error("occurred_to", "The 'to' date must be the same as or after the 'from' date")
        if cleaned.get("object_id") and not cleaned.get("object_type"):
            # Ids are only unique within a type (and the index starts with the type).
            self.add_error("object_type", "Select the type of record the record id belongs to")
        return cleaned

    def filters(self) -> dict[str, Any]:
        """The filters the user set, for the selector (call after ``is_valid()``)."""
        return {name: value for name, value in self.cleaned_data.items() if value not in (None, "")}
