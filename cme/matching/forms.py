"""Forms for record matching: upload a roll return, decide a suggestion, merge and undo a merge."""

from __future__ import annotations

from typing import Any

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Fixed, Layout, Size, Submit
from django import forms

from cme.matching.models import RollReturn
from cme.schools.models import School


class RollReturnUploadForm(forms.Form):
    school = forms.ModelChoiceField(
        label="School URN",
        help_text="The URN of the school that sent the return, for example 117512",
        queryset=School.objects.all(),
        to_field_name="urn",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"}),
        error_messages={
            "required": "Enter the URN of the school that sent the return",
            "invalid_choice": "Enter the URN of a school in the schools register",
        },
    )
    kind = forms.ChoiceField(
        label="What does the file hold?",
        choices=RollReturn.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what the file holds", "invalid_choice": "Select what the file holds"},
    )
    file = forms.FileField(
        label="Upload the file",
        help_text="A CSV file with the columns id, forename, surname, dob, sex, postcode, address, upn (and "
        "optionally urn), or a common transfer file (XML). At most 5,000 pupils.",
        error_messages={"required": "Select the file to upload", "empty": "The selected file is empty"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.attrs = {"novalidate": "", "enctype": "multipart/form-data"}
        self.helper.layout = Layout(
            Field.text("school", field_width=Fixed.TEN),
            Field.radios("kind", legend_size=Size.SMALL),
            Field("file"),
            Submit("submit", "Upload and match"),
        )


class SuggestionDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label="Your decision",
        choices=[("accept", "Yes, the same child"), ("reject", "No, a different child")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether this is the same child", "invalid_choice": "Select an answer"},
    )
    note = forms.CharField(
        label="Why (needed when it is a different child)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": "The note must be 2,000 characters or fewer"},
    )

    def __init__(self, *args: Any, merges: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if merges:
            self.fields["decision"].choices = [  # type: ignore[attr-defined]
                ("accept", "Yes, the same child: merge the two records (this can be undone)"),
                ("reject", "No, a different child"),
            ]
        self.helper = FormHelper()
        self.helper.attrs = {"novalidate": ""}
        self.helper.layout = Layout(
            Field.radios("decision", legend_size=Size.MEDIUM, legend_tag="h2"),
            Field.textarea("note"),
            Submit("submit", "Save the decision"),
        )

    @property
    def accept(self) -> bool:
        return self.cleaned_data["decision"] == "accept"


class MergeUndoForm(forms.Form):
    reason = forms.CharField(
        label="Why undo the merge?",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": "Say why the merge is being undone",
            "max_length": "The reason must be 2,000 characters or fewer",
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.attrs = {"novalidate": ""}
        self.helper.layout = Layout(
            Field.textarea("reason"), Submit("submit", "Undo the merge", css_class="govuk-button--warning")
        )
