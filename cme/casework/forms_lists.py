"""Forms of the case list (search and filters, a GET form) and of allocating a case."""

from __future__ import annotations

from typing import Any, cast

from crispy_forms_gds.choices import Choice
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Fluid, Layout, Size, Submit
from django import forms

from cme.areas.models import Area
from cme.cases.codes import RiskLevel
from cme.cases.models import Case
from cme.cases.states import CaseStatus
from cme.casework.selectors import (
    NO_AREA,
    STATUS_ANY,
    STATUS_NOT_CLOSED,
    UNALLOCATED,
    AllocatableOfficer,
    CaseListFilters,
    officer_choices,
)
from cme.core.fields import DateOfBirthField


def _area_choices() -> list[tuple[str, str]]:
    return [("", "Any area"), *((area.pk, area.name) for area in Area.objects.order_by("name")), (NO_AREA, "No area")]


def _officer_choices() -> list[tuple[str, str]]:
    return [("", "Anyone, or nobody"), (UNALLOCATED, "Not allocated"), *officer_choices()]


class CaseListForm(forms.Form):
    """Search and filters of the case list. Every field may be left out: the list then shows every
    case the user may see that is not closed. The page renders the search fields above the results
    (``search_helper``) and the filters beside them (``filter_helper``), both in one GET form."""

    text = forms.CharField(
        label="Name, case reference or UPN",
        required=False,
        max_length=100,
        help_text="Part of a first, last or other name, or the whole or part of a case reference",
        error_messages={"max_length": "Name, case reference or UPN must be 100 characters or fewer"},
    )
    date_of_birth = DateOfBirthField(required=False, help_text="For example, 27 3 2015")
    status = forms.ChoiceField(
        label="Status",
        required=False,
        choices=[
            (STATUS_NOT_CLOSED, "Any status except closed"),
            *CaseStatus.choices,
            (STATUS_ANY, "Any status, closed included"),
        ],
        error_messages={"invalid_choice": "Select a status from the list"},
    )
    area = forms.ChoiceField(
        label="Area",
        required=False,
        error_messages={"invalid_choice": "Select an area from the list"},
    )
    officer = forms.ChoiceField(
        label="Allocated to",
        required=False,
        error_messages={"invalid_choice": "Select an officer from the list"},
    )
    risk_level = forms.ChoiceField(
        label="Risk level",
        required=False,
        choices=[("", "Any risk level"), *RiskLevel.choices],
        error_messages={"invalid_choice": "Select a risk level from the list"},
    )
    overdue = forms.BooleanField(label="Only cases with overdue enquiries", required=False)
    urgent = forms.BooleanField(label="Only urgent cases", required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Read once: a callable would be read again to check the value and to draw the list.
        for name, choices in (("area", _area_choices()), ("officer", _officer_choices())):
            cast(forms.ChoiceField, self.fields[name]).choices = choices
        self.fields["text"].widget.attrs.update({"spellcheck": "false", "autocomplete": "off"})
        self.search_helper = FormHelper()
        self.search_helper.form_tag = False
        self.search_helper.disable_csrf = True
        self.search_helper.layout = Layout(
            Field.text("text", field_width=Fluid.TWO_THIRDS),
            Field("date_of_birth", context={"legend_size": Size.for_legend("s")}),
            Submit("search", "Search"),
        )
        self.filter_helper = FormHelper()
        self.filter_helper.form_tag = False
        self.filter_helper.disable_csrf = True
        self.filter_helper.layout = Layout(
            Field.select("status"),
            Field.select("area"),
            Field.select("officer"),
            Field.select("risk_level"),
            Field.checkbox("overdue", small=True),
            Field.checkbox("urgent", small=True),
            Submit("apply", "Apply filters", css_class="govuk-button--secondary"),
        )
        # The error summary reads form.helper.
        self.helper = self.search_helper

    def filters(self) -> CaseListFilters:
        """The search and filters as the selector takes them (call after ``is_valid()``)."""
        data = self.cleaned_data
        return CaseListFilters(
            text=data["text"].strip(),
            date_of_birth=data["date_of_birth"],
            area=data["area"],
            officer=data["officer"],
            status=data["status"] or STATUS_NOT_CLOSED,
            risk_level=data["risk_level"],
            overdue_only=data["overdue"],
            urgent_only=data["urgent"],
        )


class AllocateForm(forms.Form):
    """Choose the CME officer to hold a case, from ``officers`` (``allocatable_officers``: the active
    CME officers, each with the open cases they hold, shown as a hint). ``version`` is the case's
    version when the page was shown, so an allocation made from a stale page is refused.
    ``cleaned_data["officer"]`` is the chosen user."""

    officer = forms.ChoiceField(
        label="Who should have this case?",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select the CME officer to allocate the case to",
            "invalid_choice": "Select an active CME officer",
        },
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args: Any, case: Case, officers: list[AllocatableOfficer], **kwargs: Any) -> None:
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("version", case.version)
        super().__init__(*args, **kwargs)
        self.case = case
        self.officers = {str(choice.officer.pk): choice.officer for choice in officers}
        cast(forms.ChoiceField, self.fields["officer"]).choices = [
            Choice(str(choice.officer.pk), _officer_label(choice.officer), hint=_held(choice.open_cases))
            for choice in officers
        ]
        self.helper = FormHelper()
        self.helper.attrs = {"novalidate": ""}  # the service's own error messages, not the browser's
        self.helper.layout = Layout(
            Field.radios("officer", legend_size=Size.MEDIUM, legend_tag="h2"),
            Field("version"),
            Submit("allocate", "Allocate case"),
        )

    def clean_officer(self) -> Any:
        officer = self.officers[self.cleaned_data["officer"]]
        if officer.pk == self.case.allocated_to_id:
            raise forms.ValidationError(f"{officer} already has this case: select another officer")
        return officer


def _officer_label(officer: Any) -> str:
    return f"{officer}, {officer.area.name}" if officer.area_id else str(officer)


def _held(open_cases: int) -> str:
    return f"Holds {open_cases} open case{'' if open_cases == 1 else 's'}"
