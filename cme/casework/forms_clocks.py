"""Forms for a case's clocks: pausing and restarting one, and recording a periodic review. The rules
and their messages are in cme/calendars/services.py."""

from __future__ import annotations

from typing import Any

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size, Submit
from django import forms

from cme.calendars.models import ClockPause
from cme.core.fields import PastDateField


def _textarea(label: str, limit: int, *, message: str, help_text: str = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=help_text,
        max_length=limit,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": message, "max_length": f"{label} must be {limit:,} characters or fewer"},
    )


class _Form(forms.Form):
    button = ""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.attrs = {"novalidate": ""}
        self.helper.layout = Layout(*self.layout_fields(), Submit("submit", self.button))

    def layout_fields(self) -> list[Any]:
        raise NotImplementedError


class PauseForm(_Form):
    button = "Pause the clock"

    clock = forms.ChoiceField(
        label="Which clock is waiting on someone else?",
        choices=ClockPause.Clock.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select which clock to pause"},
    )
    paused_on = PastDateField(label="Date it stopped counting")
    reason = _textarea(
        "Who or what the case is waiting for",
        2000,
        message="Enter who or what the case is waiting for",
        help_text="For example, a reply from the Home Office. Do not include the child's name.",
    )

    def layout_fields(self) -> list[Any]:
        return [
            Field.radios("clock", legend_size=Size.MEDIUM),
            Field("paused_on"),
            Field.textarea("reason", label_size=Size.SMALL),
        ]


class ResumeForm(_Form):
    button = "Restart the clock"

    resumed_on = PastDateField(label="Date it counts again from")
    resume_reason = _textarea("Why it is restarting", 2000, message="Enter why the clock is restarting")

    def layout_fields(self) -> list[Any]:
        return [Field("resumed_on"), Field.textarea("resume_reason", label_size=Size.SMALL)]


class ReviewForm(_Form):
    button = "Record the review"

    reviewed_on = PastDateField(label="Date of the review")
    summary = _textarea(
        "What the review found and what happens next",
        5000,
        message="Enter what the review found and what happens next",
    )

    def layout_fields(self) -> list[Any]:
        return [Field("reviewed_on"), Field.textarea("summary", label_size=Size.SMALL)]
