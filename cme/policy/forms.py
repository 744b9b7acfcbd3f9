"""The form for a new version of the policy values: every value, pre-filled with those in effect, plus
the date it takes effect and why. The rules and their messages are in cme/policy/services.py."""

from __future__ import annotations

from datetime import date
from typing import Any

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Fieldset, Fixed, Fluid, Layout, Size, Submit
from django import forms

from cme.core.fields import CalendarDateField
from cme.policy.definitions import POLICY_KEYS, PolicyKey, serialise_value


def _help(key: PolicyKey) -> str:
    default = key.format(key.default)
    return f"{key.description} Default: {default} ({key.source})."


def _field(key: PolicyKey) -> forms.Field:
    if key.type is date:
        return CalendarDateField(label=key.label, help_text=_help(key))
    if key.is_set_of_choices:
        return forms.MultipleChoiceField(
            label=key.label,
            help_text=_help(key),
            choices=key.choices,
            required=False,
            widget=forms.CheckboxSelectMultiple,
            error_messages={"invalid_choice": f"{key.label} must be chosen from the list"},
        )
    if key.choices:
        return forms.ChoiceField(
            label=key.label,
            help_text=_help(key),
            choices=key.choices,
            widget=forms.RadioSelect,
            error_messages={"required": f"Select {key.label[0].lower() + key.label[1:]}"},
        )
    unit = f" ({key.unit})" if str(key.unit) else ""
    return forms.IntegerField(
        label=f"{key.label}{unit}",
        help_text=_help(key),
        error_messages={
            "required": f"Enter {key.label[0].lower() + key.label[1:]}",
            "invalid": f"{key.label} must be a whole number",
        },
    )


class PolicyVersionForm(forms.Form):
    effective_from = CalendarDateField(
        label="Date the new values take effect",
        help_text="Today or later. Deadlines that started earlier keep the values in effect when they started.",
    )
    reason = forms.CharField(
        label="Why the values are changing",
        help_text="For example, the decision of the team meeting on 24 November 2026.",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": "Enter why the policy values are changing",
            "max_length": "The reason must be 2,000 characters or fewer",
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        groups: dict[str, list[Any]] = {}
        for name, key in POLICY_KEYS.items():
            self.fields[name] = _field(key)
            if key.is_set_of_choices and name in self.initial:
                # Checkboxes compare a list of codes: a set would show nothing ticked.
                self.initial[name] = serialise_value(key, self.initial[name])
            if key.type is date:
                layout_field = Field(name)
            elif key.is_set_of_choices:
                layout_field = Field.checkboxes(name, legend_size=Size.SMALL, small=True)
            elif key.choices:
                layout_field = Field.radios(name, legend_size=Size.SMALL)
            else:
                layout_field = Field.text(name, field_width=Fixed.FIVE, label_size=Size.SMALL)
            groups.setdefault(key.group, []).append(layout_field)
        self.helper = FormHelper()
        self.helper.attrs = {"novalidate": ""}
        self.helper.layout = Layout(
            Field("effective_from"),
            *[Fieldset(*fields, legend=group, legend_size=Size.MEDIUM) for group, fields in groups.items()],
            Field.textarea("reason", label_size=Size.SMALL, field_width=Fluid.FULL),
            Submit("submit", "Record the new values"),
        )

    def policy_values(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in POLICY_KEYS}
