"""Forms of the case page and its small action pages. They parse what people type; the rules live in
the cases services (cme/cases/services/), which give the error messages for broken rules."""

from __future__ import annotations

from typing import Any, Final

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Fluid, Layout, Size, Submit
from django import forms

from cme.cases.codes import RiskFactor
from cme.cases.models import SafeguardingReferral
from cme.cases.risk import high_risk_factors
from cme.core.fields import CalendarDateField, PastDateField

YES_NO: Final = [("yes", "Yes"), ("no", "No")]


def _yes(value: str) -> bool:
    return value == "yes"


def _yes_no(value: bool) -> str:
    return "yes" if value else "no"


def _text(label: str, limit: int, *, required: bool, message: str = "", **kwargs: Any) -> forms.CharField:
    errors = {"max_length": f"{label.removesuffix(' (optional)')} must be {limit:,} characters or fewer"}
    if message:
        errors["required"] = message
    return forms.CharField(label=label, max_length=limit, required=required, error_messages=errors, **kwargs)


def _textarea(label: str, limit: int, *, required: bool, message: str = "", rows: int = 4, **kwargs: Any) -> Any:
    return _text(
        label, limit, required=required, message=message, widget=forms.Textarea(attrs={"rows": rows}), **kwargs
    )


class _Form(forms.Form):
    """A GOV.UK form whose errors are the service's own, not the browser's."""

    button = ""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.attrs = {"novalidate": ""}
        self.helper.layout = Layout(*self.layout_fields(), Submit("submit", self.button))

    def layout_fields(self) -> list[Any]:
        raise NotImplementedError


class _VersionedForm(_Form):
    """Carries the version of the case the page showed, so a change from a stale page is refused."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args: Any, version: int = 0, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("version", version)
        super().__init__(*args, **kwargs)


class NoteForm(_Form):
    button = "Add the note"

    text = _textarea("Note", 10000, required=True, message="Enter the note", rows=5)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "note")
        super().__init__(*args, **kwargs)

    def layout_fields(self) -> list[Any]:
        return [Field.textarea("text", label_size=Size.SMALL)]


class RiskForm(_VersionedForm):
    """The case's risk factors (policy 3.4), concerns and whether the child's whereabouts are known.
    On a restricted case the concerns are not shown: left blank, they stay as they are."""

    button = "Save the risk"

    risk_factors = forms.MultipleChoiceField(
        label="Which of these apply to the child or family?",
        help_text="Select all that apply.",
        choices=RiskFactor.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Select risk factors from the list"},
    )
    significant_concerns = forms.TypedChoiceField(
        label="Are there significant concerns about the child's safety?",
        help_text="Significant concerns make the risk high.",
        choices=YES_NO,
        coerce=_yes,
        widget=forms.RadioSelect,
        error_messages={"required": "Select yes if there are significant concerns about the child's safety"},
    )
    concerns = _textarea(
        "The concerns",
        5000,
        required=False,
        help_text="What the concerns are and who raised them. Needed when there are significant concerns.",
        rows=6,
    )
    whereabouts_known = forms.TypedChoiceField(
        label="Are the child's whereabouts known?",
        help_text="With significant concerns and whereabouts unknown, refer the child to Children's Social Care "
        "or MASH at once (policy 6.7).",
        choices=YES_NO,
        coerce=_yes,
        widget=forms.RadioSelect,
        error_messages={"required": "Select yes if the child's whereabouts are known"},
    )

    def __init__(self, *args: Any, restricted: bool = False, **kwargs: Any) -> None:
        self.restricted = restricted
        super().__init__(*args, **kwargs)
        factors = high_risk_factors()
        high = [str(label) for value, label in RiskFactor.choices if value in factors]
        if high:
            self.fields[
                "risk_factors"
            ].help_text = f"Select all that apply. Any of these makes the risk high (policy values): {'; '.join(high)}."
        if restricted:
            self.fields["concerns"].label = "New concerns (optional)"
            self.fields["concerns"].help_text = (
                "This case is restricted, so its concerns are not shown here. Leave this blank to keep them as "
                "they are, or enter the concerns in full to replace them."
            )

    @classmethod
    def initial_for(cls, case: Any) -> dict[str, Any]:
        return {
            "risk_factors": list(case.risk_factors),
            "significant_concerns": _yes_no(case.significant_concerns),
            "concerns": "" if case.restricted else case.concerns,
            "whereabouts_known": _yes_no(case.whereabouts_known),
        }

    def concerns_to_save(self) -> str | None:
        """The concerns to record; None keeps them (a restricted case's form left blank)."""
        concerns: str = self.cleaned_data["concerns"]
        return None if self.restricted and not concerns.strip() else concerns

    def layout_fields(self) -> list[Any]:
        return [
            Field.checkboxes("risk_factors", legend_size=Size.MEDIUM, small=True),
            Field.radios("significant_concerns", legend_size=Size.MEDIUM, inline=True),
            Field.textarea("concerns", label_size=Size.MEDIUM),
            Field.radios("whereabouts_known", legend_size=Size.MEDIUM, inline=True),
            Field("version"),
        ]


class SafeguardingReferralForm(_Form):
    button = "Save the referral"

    made_to = forms.ChoiceField(
        label="Who was the referral made to?",
        choices=SafeguardingReferral.MadeTo.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select who the referral was made to",
            "invalid_choice": "Select who the referral was made to",
        },
    )
    made_on = PastDateField(label="Date the referral was made")
    reference = _text(
        "Their reference for the referral",
        100,
        required=True,
        message="Enter the reference they gave for the referral",
    )
    reason = _textarea("Why the referral was made", 5000, required=True, message="Enter why the referral was made")

    def layout_fields(self) -> list[Any]:
        return [
            Field.radios("made_to", legend_size=Size.MEDIUM),
            Field("made_on"),
            Field.text("reference", field_width=Fluid.ONE_THIRD),
            Field.textarea("reason"),
        ]


class RestrictionForm(_VersionedForm):
    """Restrict a case, or lift its restriction: the reason in both cases."""

    reason = _textarea("Reason", 500, required=True)

    def __init__(self, *args: Any, restricting: bool, **kwargs: Any) -> None:
        self.button = "Restrict the case" if restricting else "Lift the restriction"
        super().__init__(*args, **kwargs)
        field = self.fields["reason"]
        if restricting:
            field.label = "Why must this case be restricted?"
            field.help_text = "For example, the family is fleeing domestic violence. Kept as a note on the case."
            field.error_messages["required"] = "Enter why the case must be restricted"
        else:
            field.label = "Why can the restriction be lifted?"
            field.help_text = "Kept as a note on the case."
            field.error_messages["required"] = "Enter why the restriction can be lifted"

    def layout_fields(self) -> list[Any]:
        return [Field.textarea("reason", label_size=Size.MEDIUM), Field("version")]


class RevealForm(_Form):
    """Why the user needs to see a restricted case's hidden details (recorded in the audit trail)."""

    button = "Show restricted details"

    reason = _textarea(
        "Why do you need to see the restricted details?",
        500,
        required=True,
        message="Enter why you need to see the restricted details",
        rows=3,
        help_text="Your reason is recorded with your name. The details show on this page once, not afterwards.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "reveal")
        super().__init__(*args, **kwargs)

    def layout_fields(self) -> list[Any]:
        return [Field.textarea("reason", label_size=Size.SMALL)]


class CounterpartsTaskForm(_Form):
    """The child, on a Child in Need or Child Protection plan, has left the UK (policy 6.6)."""

    button = "Set the task"

    social_worker = _text(
        "Allocated social worker (optional)",
        200,
        required=False,
        help_text="Their name or team. Left blank, the task is for the allocated social worker.",
    )
    country = _text("Country the child went to (optional)", 200, required=False)
    due_on = CalendarDateField(label="Due date (optional)", required=False)

    def layout_fields(self) -> list[Any]:
        return [
            Field.text("social_worker", field_width=Fluid.TWO_THIRDS),
            Field.text("country", field_width=Fluid.TWO_THIRDS),
            Field("due_on"),
        ]


class TaskCompleteForm(_Form):
    button = "Record that it was done"

    done_on = PastDateField(label="Date it was done")
    result = _textarea("What was done", 5000, required=True, message="Enter what was done")

    def layout_fields(self) -> list[Any]:
        return [Field("done_on"), Field.textarea("result")]
