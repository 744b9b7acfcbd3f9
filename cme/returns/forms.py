"""Forms of the DfE return pages, census dates, primary reasons and a case's primary reason."""

from __future__ import annotations

from typing import Any, cast

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Fluid, Layout, Size, Submit
from django import forms

from cme.core.fields import CalendarDateField
from cme.returns.models import CensusDate, CmeReason, Term
from cme.returns.selectors import census_dates, cme_reasons

YES_NO = [("yes", "Yes"), ("no", "No")]


class _Form(forms.Form):
    button = ""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.attrs = {"novalidate": ""}
        self.helper.layout = Layout(*self.layout_fields(), Submit("submit", self.button))

    def layout_fields(self) -> list[Any]:
        raise NotImplementedError


class ChooseCensusForm(_Form):
    """Which census date to prepare the return for (a GET form)."""

    button = "Show the return"

    census = forms.ChoiceField(
        label="Census date",
        error_messages={"required": "Select a census date", "invalid_choice": "Select a census date from the list"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ChoiceField, self.fields["census"])
        field.choices = [(str(census.pk), str(census)) for census in census_dates()]
        self.helper.form_method = "get"
        self.helper.attrs = {"novalidate": ""}

    def layout_fields(self) -> list[Any]:
        return [Field.select("census", label_size=Size.SMALL)]

    @property
    def has_choices(self) -> bool:
        return bool(cast(forms.ChoiceField, self.fields["census"]).choices)

    def chosen(self) -> CensusDate:
        return CensusDate.objects.get(pk=self.cleaned_data["census"])


class CensusDateForm(_Form):
    button = "Save the census date"

    census_date = CalendarDateField(label="Census date", help_text="From DfE's guide to the collection")
    term = forms.ChoiceField(
        label="Term",
        choices=Term.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the term", "invalid_choice": "Select the term"},
    )
    return_due = CalendarDateField(label="Return due (optional)", required=False, help_text="For example, 4 11 2026")

    def layout_fields(self) -> list[Any]:
        return [
            Field("census_date", legend_size=Size.SMALL),
            Field.radios("term", legend_size=Size.SMALL, inline=True),
            Field("return_due", legend_size=Size.SMALL),
        ]

    @classmethod
    def initial_for(cls, census: CensusDate) -> dict[str, Any]:
        return {"census_date": census.census_date, "term": census.term, "return_due": census.return_due}


class CmeReasonForm(_Form):
    button = "Save the reason"

    code = forms.CharField(
        label="Code",
        max_length=30,
        help_text="As the collection guide gives it: capital letters, numbers and underscores",
        error_messages={"required": "Enter the code", "max_length": "The code must be 30 characters or fewer"},
    )
    label = forms.CharField(
        label="Reason",
        max_length=200,
        error_messages={"required": "Enter the reason", "max_length": "The reason must be 200 characters or fewer"},
    )
    position = forms.IntegerField(
        label="Position in lists",
        min_value=0,
        max_value=9999,
        help_text="Smaller numbers come first",
        error_messages={
            "required": "Enter the position",
            "invalid": "The position must be a whole number",
            "min_value": "The position must be 0 or more",
            "max_value": "The position must be 9999 or less",
        },
    )
    in_use = forms.TypedChoiceField(
        label="Is this reason still collected?",
        help_text="A reason no longer collected is not offered on cases; cases that recorded it keep it.",
        choices=YES_NO,
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": "Select yes if the reason is still collected"},
    )

    def layout_fields(self) -> list[Any]:
        return [
            Field.text("code", field_width=Fluid.ONE_THIRD, label_size=Size.SMALL),
            Field.text("label", label_size=Size.SMALL),
            Field.text("position", field_width=Fluid.ONE_QUARTER, label_size=Size.SMALL),
            Field.radios("in_use", legend_size=Size.SMALL, inline=True),
        ]

    @classmethod
    def initial_for(cls, reason: CmeReason) -> dict[str, Any]:
        return {
            "code": reason.code,
            "label": reason.label,
            "position": reason.position,
            "in_use": "yes" if reason.in_use else "no",
        }


class CaseReasonForm(_Form):
    """The primary reason the child on a case is missing education."""

    button = "Save the reason"

    reason = forms.ChoiceField(
        label="What is the main reason the child is missing education?",
        help_text="The primary reason the DfE termly return asks for.",
        widget=forms.RadioSelect,
        error_messages={"required": "Select the main reason", "invalid_choice": "Select a reason from the list"},
    )

    def __init__(self, *args: Any, current: CmeReason | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        reasons = list(cme_reasons(in_use_only=True))
        if current is not None and current not in reasons:
            reasons.append(current)
        cast(forms.ChoiceField, self.fields["reason"]).choices = [(str(reason.pk), reason.label) for reason in reasons]
        if current is not None:
            self.initial.setdefault("reason", str(current.pk))

    def layout_fields(self) -> list[Any]:
        return [Field.radios("reason", legend_size=Size.SMALL)]

    def chosen(self) -> CmeReason:
        return CmeReason.objects.get(pk=self.cleaned_data["reason"])


class MakeFileForm(_Form):
    """The button that makes and downloads a Lost Pupils Database file."""

    button = "Make and download the file"

    def layout_fields(self) -> list[Any]:
        return []
