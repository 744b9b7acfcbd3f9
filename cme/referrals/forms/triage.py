"""Forms of the triage pages: the queue's filters, the CME officer's decision, and "dealt with"."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any, cast

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import ConditionalQuestion, ConditionalRadios, Field, Fluid, Layout, Submit
from django import forms

from cme.core.fields import PastDateField
from cme.referrals.models import Referral
from cme.referrals.selectors import PossibleDuplicate

Decision = Referral.Decision
Status = Referral.Status


class QueueFilterForm(forms.Form):
    """The queue's filters (a GET form: every field may be left out; open referrals by default)."""

    status = forms.ChoiceField(
        label="Status",
        required=False,
        choices=[(Status.OPEN, "Open"), (Status.CLOSED, "Closed")],
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Select open or closed referrals"},
    )
    urgent = forms.BooleanField(label="Urgent referrals only", required=False)
    channel = forms.ChoiceField(
        label="How the referral came",
        required=False,
        choices=[("", "Any way"), *Referral.Channel.choices],
        error_messages={"invalid_choice": "Select how the referral came from the list"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            _radios("status", ["Open", "Closed"]),
            Field.checkbox("urgent", small=True),
            Field.select("channel"),
        )

    def filters(self) -> dict[str, Any]:
        """The filters as selector arguments: open referrals of any kind when nothing (valid) is chosen."""
        if not self.is_bound or not self.is_valid():
            return {"status": Status.OPEN, "urgent_only": False, "channel": ""}
        return {
            "status": self.cleaned_data["status"] or Status.OPEN,
            "urgent_only": self.cleaned_data["urgent"],
            "channel": self.cleaned_data["channel"],
        }


# How the decision form words each decision (the model's labels describe the result instead).
DECISION_LABELS: dict[str, str] = {
    Decision.CME: "Missing education: open a case",
    Decision.ON_ROLL: "On a school roll but not attending: send to the attendance duty team",
    Decision.EHE: "Elective home education: send to the elective home education team",
    Decision.ALTERNATIVE_PROVISION: "In alternative provision: close the referral",
    Decision.NOT_CSA: "Not of compulsory school age: close the referral",
    Decision.OTHER_COUNCIL: "Lives in another council's area: record where it was forwarded",
    Decision.DUPLICATE: "Duplicate of an open referral or case: link it",
}


class RadioWithFollowUp(ConditionalQuestion):
    """One radio of a set, with its follow-up questions always shown under it (as GOV.UK conditional
    reveals are without JavaScript). Not wired to GOV.UK Frontend's reveal script, which puts
    aria-expanded on radio buttons (WCAG checks reject it). The first radio takes the field's id, so
    the error summary's link reaches it."""

    template = "referrals/triage/_shown_conditional_question.html"


def _radios(field: str, labels: Sequence[str], follow_ups: dict[str, list[Any]] | None = None) -> ConditionalRadios:
    follow_ups = follow_ups or {}
    return ConditionalRadios(field, *(RadioWithFollowUp(label, *follow_ups.get(label, [])) for label in labels))


def _duplicate_label(duplicate: PossibleDuplicate) -> str:
    kind = "Case" if duplicate.kind == "case" else "Referral"
    born = f", born {duplicate.date_of_birth:%-d %B %Y}" if duplicate.date_of_birth else ""
    return f"{kind} {duplicate.reference}: {duplicate.name}{born} ({'; '.join(duplicate.reasons).lower()})"


def _duplicate_value(duplicate: PossibleDuplicate) -> str:
    return f"{duplicate.kind}:{duplicate.id}"


class TriageDecisionForm(forms.Form):
    """The CME officer's decision on a referral. The rules that depend on the referral (compulsory
    school age, home education previously unsuitable, what the follow-up answers must be) are the
    service's: its errors are shown against these fields."""

    decision = forms.ChoiceField(
        label="What is your decision?",
        widget=forms.RadioSelect,
        error_messages={"required": "Select your decision", "invalid_choice": "Select your decision"},
    )
    ehe_previously_unsuitable = forms.TypedChoiceField(
        label="Was this child's home education previously assessed as unsuitable?",
        choices=[("yes", "Yes"), ("no", "No")],
        coerce=lambda value: value == "yes",
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Select yes or no"},
    )
    forwarded_to = forms.CharField(
        label="Which council was the referral sent to?",
        required=False,
        max_length=200,
        error_messages={"max_length": "The council's name must be 200 characters or fewer"},
    )
    forwarded_on = PastDateField(label="Date it was sent", required=False)
    duplicate_of = forms.ChoiceField(
        label="Which referral or case does it duplicate?",
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Select the referral or case this duplicates from the list"},
    )
    reason = forms.CharField(
        label="Reason for your decision",
        help_text="Say what you checked and why you decided this. It is kept with the referral.",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "required": "Enter the reason for your decision",
            "max_length": "The reason must be 5000 characters or fewer",
        },
    )

    def __init__(self, *args: Any, duplicates: Sequence[PossibleDuplicate] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.duplicates = {_duplicate_value(d): d for d in duplicates}
        decisions = [d for d in DECISION_LABELS if d != Decision.DUPLICATE or self.duplicates]
        cast(forms.ChoiceField, self.fields["decision"]).choices = [(d, DECISION_LABELS[d]) for d in decisions]
        cast(forms.ChoiceField, self.fields["duplicate_of"]).choices = [
            (value, _duplicate_label(d)) for value, d in self.duplicates.items()
        ]
        follow_ups: dict[str, list[Any]] = {
            DECISION_LABELS[Decision.EHE]: [_radios("ehe_previously_unsuitable", ["Yes", "No"])],
            DECISION_LABELS[Decision.OTHER_COUNCIL]: [
                Field.text("forwarded_to", field_width=Fluid.TWO_THIRDS),
                Field("forwarded_on"),
            ],
            DECISION_LABELS[Decision.DUPLICATE]: [
                _radios("duplicate_of", [label for _value, label in self.fields["duplicate_of"].choices])  # type: ignore[attr-defined]
            ],
        }
        self.helper = FormHelper()
        self.helper.form_tag = False  # the page's <form> posts to referrals:decide
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            _radios("decision", [DECISION_LABELS[d] for d in decisions], follow_ups),
            Field.textarea("reason"),
            Submit("submit", "Record decision"),
        )

    def chosen_duplicate(self) -> PossibleDuplicate | None:
        return self.duplicates.get(self.cleaned_data.get("duplicate_of") or "")

    @property
    def forwarded_on_date(self) -> date | None:
        value = self.cleaned_data.get("forwarded_on")
        return value if isinstance(value, date) else None


class DealtWithForm(forms.Form):
    """The attendance duty or EHE team records what it did with a referral sent to it."""

    note = forms.CharField(
        label="What did your team do?",
        help_text="For example, the school's attendance officer visited the family and the child is back at school.",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": "Enter what your team did",
            "max_length": "What your team did must be 5000 characters or fewer",
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False  # the page's <form> posts to referrals:dealt_with
        self.helper.disable_csrf = True
        self.helper.layout = Layout(Field.textarea("note"), Submit("submit", "Mark as dealt with"))
