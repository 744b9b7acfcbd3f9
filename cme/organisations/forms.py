"""Forms parse what people type; the rules an organisation must meet live in services.py."""

from __future__ import annotations

from typing import Any

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Fixed, Fluid, Layout, Size, Submit
from django import forms

from cme.organisations.models import Organisation
from cme.schools.models import School

_EMAIL_ERRORS = {
    "required": "Enter the team mailbox's email address",
    "invalid": "Enter an email address in the correct format, like name@example.com",
}


class MailboxForm(forms.Form):
    email = forms.EmailField(
        label="Email address",
        help_text="Use a shared team mailbox, not one person's own address.",
        max_length=254,
        error_messages={**_EMAIL_ERRORS, "max_length": "Email address must be 254 characters or fewer"},
        widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.attrs = {"novalidate": ""}  # the service's own error messages, not the browser's
        self.helper.layout = Layout(
            Field.text("email", field_width=Fluid.TWO_THIRDS), Submit("submit", "Save mailbox address")
        )


class _OrganisationFields(forms.Form):
    name = forms.CharField(
        label="Name",
        max_length=200,
        error_messages={
            "required": "Enter the name of the organisation",
            "max_length": "Name must be 200 characters or fewer",
        },
    )
    school = forms.ModelChoiceField(
        label="School URN",
        help_text="The school's unique reference number in the schools register, for example 117512.",
        queryset=School.objects.all(),
        to_field_name="urn",
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"}),
        error_messages={"invalid_choice": "Enter the URN of a school in the schools register"},
    )
    agency_type = forms.ChoiceField(
        label="Type of agency",
        choices=[("", "Select the type of agency"), *Organisation.AgencyType.choices],
        required=False,
        error_messages={"invalid_choice": "Select the type of agency"},
    )
    la_code = forms.CharField(
        label="LA code",
        help_text="The council's 3-digit local authority code, for example 919.",
        max_length=3,
        required=False,
        error_messages={"max_length": "Enter the council's LA code as 3 digits, like 919"},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"}),
    )

    def details(self) -> dict[str, Any]:
        """The cleaned details for organisation_create / organisation_update."""
        return {
            "name": self.cleaned_data["name"],
            "school": self.cleaned_data.get("school"),
            "agency_type": self.cleaned_data.get("agency_type", ""),
            "la_code": self.cleaned_data.get("la_code", ""),
        }


# The one detail each kind of organisation needs, and how it is shown.
_KIND_DETAIL: dict[str, str] = {
    Organisation.Kind.SCHOOL: "school",
    Organisation.Kind.PARTNER_AGENCY: "agency_type",
    Organisation.Kind.OTHER_COUNCIL: "la_code",
}


def _detail_layout(name: str) -> Field:
    if name == "agency_type":
        return Field.select(name)
    return Field.text(name, field_width=Fixed.TEN if name == "school" else Fixed.THREE)


class OrganisationCreateForm(_OrganisationFields):
    kind = forms.ChoiceField(
        label="What kind of organisation is it?",
        choices=Organisation.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select the kind of organisation",
            "invalid_choice": "Select the kind of organisation",
        },
    )
    field_order = ["name", "kind"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.attrs = {"novalidate": ""}  # the service's own error messages, not the browser's
        # Every detail is shown, each saying which kind needs it. (GOV.UK conditional reveals set
        # aria-expanded on radio buttons, which WCAG checks reject.)
        self.fields["school"].help_text = "Only for a school. " + str(self.fields["school"].help_text)
        self.fields["agency_type"].help_text = "Only for a partner agency."
        self.fields["la_code"].help_text = "Only for another council. " + str(self.fields["la_code"].help_text)
        self.helper.layout = Layout(
            Field.text("name", field_width=Fluid.TWO_THIRDS),
            Field.radios("kind"),
            *(_detail_layout(name) for name in _KIND_DETAIL.values()),
            Submit("submit", "Add organisation"),
        )


class OrganisationEditForm(_OrganisationFields):
    """Name, the detail the organisation's kind needs, and whether it is active. The kind itself
    cannot change."""

    is_active = forms.TypedChoiceField(
        label="Can people be added to this organisation?",
        choices=[("yes", "Yes, it is active"), ("no", "No, it is inactive")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether people can be added to this organisation"},
    )

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial",
            {
                "name": organisation.name,
                "school": organisation.school.urn if organisation.school else None,
                "agency_type": organisation.agency_type,
                "la_code": organisation.la_code,
                "is_active": "yes" if organisation.is_active else "no",
            },
        )
        super().__init__(*args, **kwargs)
        detail = _KIND_DETAIL.get(organisation.kind)
        for name in set(_KIND_DETAIL.values()) - {detail}:
            del self.fields[name]
        self.helper = FormHelper()
        self.helper.attrs = {"novalidate": ""}  # the service's own error messages, not the browser's
        self.helper.layout = Layout(
            Field.text("name", field_width=Fluid.TWO_THIRDS),
            *([_detail_layout(detail)] if detail else []),
            Field.radios("is_active", legend_size=Size.MEDIUM),
            Submit("submit", "Save changes"),
        )
