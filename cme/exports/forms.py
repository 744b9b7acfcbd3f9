"""The export page's form: which file format. The case list's filters travel with it as hidden
fields and are read by the case list's own form (``CaseListForm``)."""

from __future__ import annotations

from typing import Any

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size, Submit
from django import forms

from cme.jobs.tables import FileFormat

# Names of the case list's query parameters that are filters (the rest, such as the page, are not).
CASE_LIST_PARAMETERS = ("text", "date_of_birth", "status", "area", "officer", "risk_level", "overdue", "urgent")


class ExportFormatForm(forms.Form):
    file_format = forms.ChoiceField(
        label="Which format?",
        widget=forms.RadioSelect,
        choices=[
            (FileFormat.XLSX.value, "Excel spreadsheet (XLSX)"),
            (FileFormat.CSV.value, "Comma-separated values (CSV)"),
        ],
        initial=FileFormat.XLSX.value,
        error_messages={"required": "Select a format", "invalid_choice": "Select a format"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            Field.radios("file_format", legend_size=Size.MEDIUM, legend_tag="h2"),
            Submit("export", "Export cases"),
        )

    @property
    def chosen_format(self) -> FileFormat:
        return FileFormat(self.cleaned_data["file_format"])


def case_list_parameters(data: Any) -> list[tuple[str, str]]:
    """The case list's filter parameters in ``data`` (a QueryDict), to carry as hidden fields."""
    return [
        (key, value)
        for key, values in data.lists()
        if any(key == name or key.startswith(f"{name}_") for name in CASE_LIST_PARAMETERS)
        for value in values
    ]


def describe_case_list_filters(form: forms.Form) -> list[str]:
    """The filters of a valid case list form in words, for the export page ("Status: Open")."""
    data = form.cleaned_data
    words: list[str] = []
    if data.get("text"):
        words.append("Searched by name, case reference or UPN")
    if data.get("date_of_birth"):
        words.append("Searched by date of birth")
    for name in ("status", "area", "officer", "risk_level"):
        field = form.fields[name]
        value = data.get(name) or ""
        labels = dict(getattr(field, "choices", []))
        label = labels.get(value)
        if value or name == "status":
            words.append(f"{field.label}: {label or labels.get('not_closed', value)}")
    if data.get("overdue"):
        words.append("Only cases with overdue enquiries")
    if data.get("urgent"):
        words.append("Only urgent cases")
    return words
