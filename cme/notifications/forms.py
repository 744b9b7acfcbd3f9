from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from crispy_forms_gds.choices import Choice
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Fluid, Layout, Size, Submit
from django import forms

from cme.notifications.catalogue import Kind, template_choices
from cme.notifications.models import Message


class PreferencesForm(forms.Form):
    """The non-urgent emails a user may choose, as one group of checkboxes."""

    wanted = forms.MultipleChoiceField(
        label="Which of these emails do you want?",
        help_text="Select all that apply.",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, kinds: Sequence[Kind], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kinds = list(kinds)
        field = cast(forms.MultipleChoiceField, self.fields["wanted"])
        field.choices = [Choice(kind.value, kind.label, hint=kind.hint) for kind in self.kinds]
        field.error_messages["invalid_choice"] = "Select emails from the list"
        self.helper = FormHelper()
        self.helper.attrs = {"novalidate": ""}
        self.helper.layout = Layout(
            Field.checkboxes("wanted", legend_size=Size.MEDIUM, legend_tag="h2"), Submit("save", "Save preferences")
        )

    def choices(self) -> dict[Kind, bool]:
        wanted = set(self.cleaned_data["wanted"])
        return {kind: kind.value in wanted for kind in self.kinds}


class MessageLogFilterForm(forms.Form):
    recipient_email = forms.EmailField(
        label="Sent to (email address)",
        required=False,
        error_messages={"invalid": "Enter an email address in the correct format, like name@example.com"},
    )
    reference = forms.CharField(label="Case or referral reference", required=False, max_length=40)
    template = forms.ChoiceField(
        label="Kind of message",
        required=False,
        error_messages={"invalid_choice": "Select a kind of message from the list"},
    )
    status = forms.ChoiceField(
        label="Status",
        required=False,
        choices=[("", "Any status"), *Message.Status.choices],
        error_messages={"invalid_choice": "Select a status from the list"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reference"].error_messages["max_length"] = "Reference must be 40 characters or fewer"
        template = cast(forms.ChoiceField, self.fields["template"])
        template.choices = [("", "Any kind"), *template_choices()]
        self.helper = FormHelper()
        self.helper.attrs = {"novalidate": ""}
        self.helper.form_method = "get"
        self.helper.layout = Layout(
            Field.text("recipient_email", field_width=Fluid.FULL, spellcheck="false"),
            Field.text("reference", field_width=Fluid.FULL, spellcheck="false"),
            Field.select("template"),
            Field.select("status"),
            Submit("apply", "Apply filters"),
        )

    def clean_recipient_email(self) -> str:
        return str(self.cleaned_data["recipient_email"]).strip().lower()

    def clean_reference(self) -> str:
        return str(self.cleaned_data["reference"]).strip()

    def filters(self) -> dict[str, str]:
        return {name: value for name, value in self.cleaned_data.items() if value}
