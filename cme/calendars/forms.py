"""The term dates form: the first and last day of each of the six half-terms. The rules (order, within
the school year) and their messages are in cme/calendars/services.py."""

from __future__ import annotations

from datetime import date
from typing import Any

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Fieldset, Layout, Size, Submit
from django import forms

from cme.calendars.models import HALF_TERMS
from cme.core.fields import CalendarDateField


class TermDatesForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fieldsets = []
        for prefix, name in HALF_TERMS:
            self.fields[f"{prefix}_first"] = CalendarDateField(label=f"{name}: first day", help_text="")
            self.fields[f"{prefix}_last"] = CalendarDateField(label=f"{name}: last day", help_text="")
            fieldsets.append(
                Fieldset(Field(f"{prefix}_first"), Field(f"{prefix}_last"), legend=name, legend_size=Size.MEDIUM)
            )
        self.helper = FormHelper()
        self.helper.attrs = {"novalidate": ""}
        self.helper.layout = Layout(*fieldsets, Submit("submit", "Save the term dates"))

    def half_terms(self) -> list[tuple[date, date]]:
        return [(self.cleaned_data[f"{prefix}_first"], self.cleaned_data[f"{prefix}_last"]) for prefix, _ in HALF_TERMS]
