"""The dashboard's filters (a GET form): the period and, for the CME manager, the area."""

from __future__ import annotations

from datetime import date
from typing import Any, cast

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size, Submit
from django import forms

from cme.areas.models import Area
from cme.casework.selectors import NO_AREA
from cme.core.fields import PastDateField
from cme.reporting.selectors import DashboardFilters, area_fixed_for, default_period

# The longest period the dashboard shows at once (five years of months).
MAX_MONTHS = 60


class DashboardForm(forms.Form):
    date_from = PastDateField(label="From", required=False, help_text="For example, 1 4 2026")
    date_to = PastDateField(label="To", required=False, help_text="For example, 31 3 2027")
    area = forms.ChoiceField(label="Area", required=False, error_messages={"invalid_choice": "Select an area"})

    def __init__(self, *args: Any, user: Any, today: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        self.area_fixed = area_fixed_for(user)
        if self.area_fixed is None:
            cast(forms.ChoiceField, self.fields["area"]).choices = [
                ("", "Every area"),
                *((area.code, area.name) for area in Area.objects.order_by("name")),
                (NO_AREA, "Cases with no area yet"),
            ]
        else:
            del self.fields["area"]
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.attrs = {"novalidate": ""}
        self.helper.disable_csrf = True
        fields: list[Any] = [
            Field("date_from", context={"legend_size": Size.for_legend("s")}),
            Field("date_to", context={"legend_size": Size.for_legend("s")}),
        ]
        if self.area_fixed is None:
            fields.append(Field.select("area"))
        self.helper.layout = Layout(*fields, Submit("apply", "Show", css_class="govuk-button--secondary"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = default_period(self.today)
        date_from = data.get("date_from") or start
        date_to = data.get("date_to") or end
        if "date_from" in self.errors or "date_to" in self.errors:
            return data
        if date_from > date_to:
            self.add_error("date_to", "The date to must be the same as or after the date from")
        elif (date_to.year - date_from.year) * 12 + date_to.month - date_from.month >= MAX_MONTHS:
            self.add_error("date_from", f"Choose a period of {MAX_MONTHS // 12} years or less")
        data["date_from"], data["date_to"] = date_from, date_to
        return data

    def filters(self) -> DashboardFilters:
        data = self.cleaned_data
        return DashboardFilters(
            date_from=data["date_from"], date_to=data["date_to"], area=self.area_fixed or data.get("area") or ""
        )
