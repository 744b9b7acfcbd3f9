from __future__ import annotations

from typing import Any, cast

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Fluid, Layout
from django import forms

from cme.areas.selectors import district_list
from cme.schools.models import School


class SchoolSearchForm(forms.Form):
    """The schools register's search and filters (a GET form: every field may be left blank)."""

    q = forms.CharField(
        label="Name, URN, town or postcode",
        required=False,
        max_length=100,
        error_messages={"max_length": "Search for 100 characters or fewer"},
    )
    status = forms.ChoiceField(
        label="Status",
        required=False,
        choices=[("", "Any status"), *School.Status.choices],
        error_messages={"invalid_choice": "Select a status from the list"},
    )
    phase = forms.ChoiceField(
        label="Phase",
        required=False,
        choices=[("", "Any phase"), *School.Phase.choices],
        error_messages={"invalid_choice": "Select a phase from the list"},
    )
    district = forms.ChoiceField(
        label="District",
        required=False,
        error_messages={"invalid_choice": "Select a district from the list"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        district_field = cast(forms.ChoiceField, self.fields["district"])
        district_field.choices = [("", "Any district")] + [
            (district.ons_code, district.name) for district in district_list()
        ]
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            Field.text("q", field_width=Fluid.TWO_THIRDS, spellcheck="false"),
            Field.select("status"),
            Field.select("phase"),
            Field.select("district"),
        )

    def criteria(self) -> dict[str, str]:
        """The search as selector arguments; empty if the form is not valid."""
        if not self.is_valid():
            return {}
        return {
            "query": self.cleaned_data["q"],
            "status": self.cleaned_data["status"],
            "phase": self.cleaned_data["phase"],
            "district": self.cleaned_data["district"],
        }
