"""Building blocks every referral form is made of: the child, their school, the concern, the family and
the referrer. A channel's page puts the blocks it needs in a ``FormGroup`` and turns the cleaned data into
the service's ``ReferralDetails`` and ``PersonDetails`` with ``to_details`` and ``people_details``.

Each block is an ordinary Django form with its own prefix, rendered without a <form> tag of its own, so
one page can hold several blocks (and a channel can add its own). Options on each block say what that
channel requires; the rules a referral must meet are checked again by ``referral_submit``, whose
``ApplicationError`` is put back on the right field with ``FormGroup.add_application_error``.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from typing import Any, Final

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import HTML, Field, Fieldset, Fixed, Fluid, Layout, Size
from crispy_forms_gds.templatetags.crispy_forms_gds import field_errors, is_checkboxes, is_radios
from django import forms
from django.core.exceptions import ValidationError
from django.forms.formsets import BaseFormSet, formset_factory
from django.utils.html import format_html

from cme.areas.forms import PostcodeField
from cme.core.exceptions import ApplicationError
from cme.core.fields import DateOfBirthField, PastDateField, UPNField
from cme.core.nhs import nhs_number_error, normalise_nhs_number
from cme.people.models import Sex
from cme.referrals.codes import RiskFactor
from cme.referrals.models import ReferralPerson
from cme.referrals.services import PersonDetails, ReferralDetails
from cme.schools.models import School
from cme.schools.selectors import school_get, school_search

__all__ = [
    "CARER_ROWS",
    "SIBLING_ROWS",
    "CarerForm",
    "CarerFormSet",
    "ChildDetailsForm",
    "ConcernForm",
    "FormBlock",
    "FormGroup",
    "NHSNumberField",
    "PhoneField",
    "ReferrerForm",
    "SchoolChoiceField",
    "SchoolHistoryForm",
    "SiblingForm",
    "SiblingFormSet",
    "SubmissionKeyForm",
    "add_application_error",
    "carers_and_siblings",
    "email_field",
    "people_details",
    "school_choices",
    "section_heading",
    "text_field",
    "textarea_field",
    "to_details",
]

#: How many blank rows for parents or carers, and for siblings (no JavaScript needed to add more).
CARER_ROWS: Final = 2
SIBLING_ROWS: Final = 3

_YES_NO_UNKNOWN: Final = [("yes", "Yes"), ("no", "No"), ("unknown", "Not known")]


def section_heading(title: str) -> HTML:
    return HTML(format_html('<h2 class="govuk-heading-m govuk-!-margin-top-6">{}</h2>', title))


def _too_long(what: str, limit: int) -> dict[str, str]:
    return {"max_length": f"{what} must be {limit} characters or fewer"}


def text_field(label: str, limit: int, *, what: str | None = None, **kwargs: Any) -> forms.CharField:
    """An optional text input that tells the user its limit in GOV.UK words when it is exceeded."""
    messages = _too_long(what or label, limit) | kwargs.pop("error_messages", {})
    kwargs.setdefault("required", False)
    return forms.CharField(label=label, max_length=limit, error_messages=messages, **kwargs)


def textarea_field(label: str, limit: int, *, what: str | None = None, rows: int = 5, **kwargs: Any) -> forms.CharField:
    return text_field(label, limit, what=what, widget=forms.Textarea(attrs={"rows": rows}), **kwargs)


def email_field(label: str, *, what: str) -> forms.EmailField:
    return forms.EmailField(
        label=label,
        required=False,
        max_length=254,
        error_messages={
            "invalid": "Enter an email address in the correct format, like name@example.com",
            **_too_long(what, 254),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )


class PhoneField(forms.CharField):
    """A UK or international phone number: digits with the usual separators, kept as typed."""

    _ALLOWED: Final = frozenset("0123456789 +()-")

    def __init__(self, *, what: str = "A phone number", **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 30)
        kwargs.setdefault("error_messages", _too_long("Phone number", 30))
        super().__init__(**kwargs)
        self.what = what
        self.widget.input_type = "tel"
        self.widget.attrs.setdefault("autocomplete", "off")

    def validate(self, value: Any) -> None:
        super().validate(value)
        if value and (not set(value) <= self._ALLOWED or sum(c.isdigit() for c in value) < 6):
            raise ValidationError(
                f"Enter {self.what[:1].lower()}{self.what[1:]} like 01632 960 001 or 07700 900 982", code="invalid"
            )


class NHSNumberField(forms.CharField):
    """An NHS number, optional unless ``required=True``; cleans to the 10 digits ("" when left blank)."""

    def __init__(self, *, required: bool = False, **kwargs: Any) -> None:
        kwargs.setdefault("label", "NHS number")
        kwargs.setdefault("help_text", "10 numbers, for example 943 476 5919")
        kwargs.setdefault("max_length", 14)
        kwargs.setdefault(
            "error_messages",
            {"required": "Enter the NHS number", "max_length": "NHS number must be 10 numbers, like 943 476 5919"},
        )
        super().__init__(required=required, **kwargs)
        self.widget.attrs.setdefault("inputmode", "numeric")
        self.widget.attrs.setdefault("autocomplete", "off")
        self.widget.attrs.setdefault("spellcheck", "false")

    def to_python(self, value: Any) -> str:
        return normalise_nhs_number(str(super().to_python(value)))

    def validate(self, value: Any) -> None:
        super().validate(value)
        if value in self.empty_values:
            return
        error = nhs_number_error(value)
        if error is not None:
            raise ValidationError(error, code="invalid")


def _school_label(school: School) -> str:
    return f"{school.name} ({school.town}, {school.urn})" if school.town else f"{school.name} ({school.urn})"


def school_choices(*, blank_label: str) -> list[Any]:
    """The schools register as <select> choices: open schools first, then closed ones, by name."""
    open_schools: list[tuple[str, str]] = []
    closed_schools: list[tuple[str, str]] = []
    for school in school_search():
        bucket = closed_schools if school.status == School.Status.CLOSED else open_schools
        bucket.append((str(school.urn), _school_label(school)))
    choices: list[Any] = [("", blank_label)]
    if open_schools:
        choices.append(("Open schools", open_schools))
    if closed_schools:
        choices.append(("Closed schools", closed_schools))
    return choices


class SchoolChoiceField(forms.ChoiceField):
    """A school from the schools register, picked from a list ("Name (Town, URN)", open schools first).

    Cleans to the ``School`` (or ``None`` when left blank); a URN that is not in the register is refused.
    Pair it with a free-text field for a school that is not listed (see ``SchoolHistoryForm``).
    """

    def __init__(
        self,
        *,
        required: bool = False,
        blank_label: str = "Not known, or not in the list",
        error_message: str = "Select the school",
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("label", "School")
        super().__init__(
            required=required,
            choices=lambda: school_choices(blank_label=blank_label),
            error_messages={"required": error_message, "invalid_choice": "Select a school from the list"},
            **kwargs,
        )

    def valid_value(self, value: Any) -> bool:
        # Checked against the register in clean() with one query, not by walking every choice.
        return True

    def clean(self, value: Any) -> School | None:
        urn = super().clean(value)
        if urn in self.empty_values:
            return None
        school = school_get(urn=int(urn)) if str(urn).isascii() and str(urn).isdigit() and len(urn) <= 9 else None
        if school is None:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return school

    def prepare_value(self, value: Any) -> Any:
        return str(value.urn) if isinstance(value, School) else value


class FormBlock(forms.Form):
    """A part of a larger page: no <form> tag or CSRF token of its own, and the service's messages."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper(self)
        self.helper.form_tag = False
        self.helper.disable_csrf = True

    def remove(self, *names: str) -> None:
        for name in names:
            self.fields.pop(name, None)

    def value(self, name: str, default: Any = "") -> Any:
        """A cleaned value, or ``default`` if this block does not ask for it."""
        return self.cleaned_data.get(name, default) if name in self.fields else default


class SubmissionKeyForm(FormBlock):
    """The one-time key that makes a double submit create one referral (``referral_submit``'s
    ``submission_key``). A new key is made when the form is first shown; an error re-render keeps it."""

    submission_key = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "key")
        kwargs.setdefault("initial", {"submission_key": str(uuid.uuid4())})
        super().__init__(*args, **kwargs)
        if self.is_bound:
            name = self.add_prefix("submission_key")
            try:
                key = uuid.UUID(str(self.data.get(name, ""))[:100])
            except ValueError:
                # Missing or altered: this POST, and the page shown again after an error, get a fresh key.
                key = uuid.uuid4()
            # This form reads only its key, so a plain dict of the posted values is enough.
            self.data = {**dict(self.data.items()), name: str(key)}

    def key(self) -> uuid.UUID:
        return uuid.UUID(str(self.cleaned_data["submission_key"]))


class ChildDetailsForm(FormBlock):
    """Who the child is and where they live.

    ``require_surname`` / ``require_date_of_birth``: schools and admissions know them; the public may not.
    ``ask_age``: offer "age, if you do not know the date of birth". ``require_whereabouts``: at least one
    of address, town or postcode (the public form's "something about where the child lives").
    ``ask_identifiers``: UPN and NHS number.
    """

    forenames = text_field(
        "First name",
        100,
        required=True,
        error_messages={"required": "Enter the child's first name"},
        help_text="If you do not know it, tell us what the child is called.",
    )
    surname = text_field("Last name", 100, error_messages={"required": "Enter the child's last name"})
    other_names = text_field(
        "Other or previous names", 300, help_text="For example, a different spelling or a previous last name."
    )
    date_of_birth = DateOfBirthField(required=False)
    age_description = text_field("Age, if you do not know the date of birth", 100, help_text="For example, about 9")
    sex = forms.ChoiceField(
        label="Sex",
        choices=Sex.choices,
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Select the child's sex, or Not known"},
    )
    upn = UPNField(help_text="The child's unique pupil number, if you know it. 13 characters, like B801200005001")
    nhs_number = NHSNumberField()
    address_line_1 = text_field("Address line 1", 200, help_text="House number or name, and street")
    address_line_2 = text_field("Address line 2", 200)
    town = text_field("Town", 100)
    postcode = PostcodeField(label="Postcode", required=False)

    def __init__(
        self,
        *args: Any,
        require_surname: bool = False,
        require_date_of_birth: bool = False,
        ask_age: bool = True,
        require_whereabouts: bool = False,
        ask_identifiers: bool = True,
        heading: str = "About the child",
        address_heading: str = "Where the child lives",
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("prefix", "child")
        super().__init__(*args, **kwargs)
        self.require_whereabouts = require_whereabouts
        self.fields["surname"].required = require_surname
        self.fields["date_of_birth"].required = require_date_of_birth
        if not ask_age or require_date_of_birth:
            self.remove("age_description")
        if not ask_identifiers:
            self.remove("upn", "nhs_number")
        if require_whereabouts:
            self.fields[
                "address_line_1"
            ].help_text = "Give as much of the address as you know: a street, a town or a postcode is enough."
        for name in ("forenames", "surname", "other_names"):
            self.fields[name].widget.attrs.update(autocomplete="off", spellcheck="false")
        self.fields["address_line_1"].widget.attrs["autocomplete"] = "off"
        self.fields["address_line_2"].widget.attrs["autocomplete"] = "off"
        self.fields["town"].widget.attrs["autocomplete"] = "off"
        self.fields["postcode"].widget.attrs["autocomplete"] = "off"
        about = [
            section_heading(heading),
            Field.text("forenames", field_width=Fluid.TWO_THIRDS),
            Field.text("surname", field_width=Fluid.TWO_THIRDS),
            Field.text("other_names", field_width=Fluid.TWO_THIRDS),
            Field("date_of_birth"),
        ]
        if "age_description" in self.fields:
            about.append(Field.text("age_description", field_width=Fixed.TEN))
        about.append(Field.radios("sex", legend_size=Size.SMALL, inline=True))
        if ask_identifiers:
            about += [Field.text("upn", field_width=Fixed.TEN), Field.text("nhs_number", field_width=Fixed.TEN)]
        self.helper.layout = Layout(
            *about,
            section_heading(address_heading),
            Field.text("address_line_1", field_width=Fluid.TWO_THIRDS),
            Field.text("address_line_2", field_width=Fluid.TWO_THIRDS),
            Field.text("town", field_width=Fluid.ONE_HALF),
            Field.text("postcode", field_width=Fixed.TEN),
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        where = ("address_line_1", "address_line_2", "town", "postcode")
        told = any(cleaned.get(name) or name in self.errors for name in where)
        if self.require_whereabouts and not told:
            self.add_error("address_line_1", "Enter the child's address, town or postcode, or what you know of it")
        return cleaned


class SchoolHistoryForm(FormBlock):
    """The school the child last went to, from the register or typed in, and (optionally) when they last
    attended."""

    last_school = SchoolChoiceField(
        label="School the child goes to, or last went to",
        help_text="Schools in Hertfordshire, open schools first. Leave it if you do not know.",
    )
    last_school_name = text_field(
        "If the school is not in the list, its name and town",
        200,
        what="The school's name and town",
    )
    date_last_attended = PastDateField(label="Date the child last attended school", required=False)

    def __init__(
        self,
        *args: Any,
        ask_date_last_attended: bool = True,
        heading: str = "School",
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("prefix", "school")
        super().__init__(*args, **kwargs)
        if not ask_date_last_attended:
            self.remove("date_last_attended")
        layout: list[Any] = [
            section_heading(heading),
            Field.select("last_school"),
            Field.text("last_school_name", field_width=Fluid.TWO_THIRDS),
        ]
        if ask_date_last_attended:
            layout.append(Field("date_last_attended"))
        self.helper.layout = Layout(*layout)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("last_school") is not None and cleaned.get("last_school_name"):
            self.add_error(
                "last_school_name", "Choose a school from the list or type the name of one that is not listed, not both"
            )
        return cleaned


class ConcernForm(FormBlock):
    """Why the referrer is worried: the concern in their words and, where the channel asks, the date the
    child was last seen, risk factors (policy 3.4) and an immediate safeguarding concern (urgent)."""

    concern = textarea_field(
        "What is your concern?",
        5000,
        what="Your concern",
        required=True,
        error_messages={"required": "Tell us why you think the child is missing education"},
        help_text="For example, when and where you last saw the child, and why you think they are not in school.",
        rows=8,
    )
    date_last_seen = PastDateField(label="Date the child was last seen", required=False)
    risk_factors = forms.MultipleChoiceField(
        label="Do any of these apply to the child or family?",
        help_text="Select all that apply.",
        choices=RiskFactor.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Select risk factors from the list"},
    )
    urgent = forms.BooleanField(
        label="There is an immediate safeguarding concern about this child",
        required=False,
        help_text="The CME officer will be told at once and the referral marked urgent. "
        "If a child is in immediate danger, call 999.",
    )
    urgent_reason = textarea_field(
        "If so, describe the safeguarding concern",
        2000,
        what="The safeguarding concern",
        rows=4,
    )

    def __init__(
        self,
        *args: Any,
        concern_label: str | None = None,
        concern_help: str | None = None,
        concern_required: bool = True,
        ask_date_last_seen: bool = True,
        ask_risk_factors: bool = True,
        ask_urgent: bool = True,
        heading: str = "Your concern",
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("prefix", "concern")
        super().__init__(*args, **kwargs)
        if concern_label is not None:
            self.fields["concern"].label = concern_label
        if concern_help is not None:
            self.fields["concern"].help_text = concern_help
        self.fields["concern"].required = concern_required
        if not ask_date_last_seen:
            self.remove("date_last_seen")
        if not ask_risk_factors:
            self.remove("risk_factors")
        if not ask_urgent:
            self.remove("urgent", "urgent_reason")
        layout: list[Any] = [section_heading(heading), Field.textarea("concern")]
        if ask_date_last_seen:
            layout.append(Field("date_last_seen"))
        if ask_risk_factors:
            layout.append(Field.checkboxes("risk_factors", legend_size=Size.SMALL, small=True))
        if ask_urgent:
            layout += [Field.checkbox("urgent"), Field.textarea("urgent_reason")]
        self.helper.layout = Layout(*layout)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if "urgent" in self.fields:
            if cleaned.get("urgent") and not cleaned.get("urgent_reason") and "urgent_reason" not in self.errors:
                self.add_error("urgent_reason", "Describe the safeguarding concern")
            if cleaned.get("urgent_reason") and not cleaned.get("urgent"):
                self.add_error(
                    "urgent", "Tick the box if there is an immediate safeguarding concern, or clear its description"
                )
        return cleaned


class ReferrerForm(FormBlock):
    """The person making the referral, as they describe themselves (public) or as the CME team was told
    (staff-keyed). ``allow_anonymous`` adds "I want to stay anonymous": then nothing identifying is kept."""

    referrer_anonymous = forms.BooleanField(
        label="I want to stay anonymous",
        required=False,
        help_text="If you tick this, we will not keep your name or contact details, and cannot email you a reference.",
    )
    referrer_name = text_field("Your name", 150, error_messages={"required": "Enter your name"})
    referrer_relationship = text_field(
        "How do you know the child?", 150, what="How you know the child", help_text="For example, neighbour or aunt."
    )
    referrer_email = email_field("Email address", what="Email address")
    referrer_phone = PhoneField(label="Phone number")

    def __init__(
        self,
        *args: Any,
        allow_anonymous: bool = True,
        about_someone_else: bool = False,
        heading: str = "About you",
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("prefix", "referrer")
        super().__init__(*args, **kwargs)
        self.allow_anonymous = allow_anonymous
        self.about_someone_else = about_someone_else
        if about_someone_else:
            fields = self.fields
            fields["referrer_anonymous"].label = "The referrer wants to stay anonymous"
            fields["referrer_anonymous"].help_text = "Their name and contact details will not be recorded."
            fields["referrer_name"].label = "Referrer's name"
            fields["referrer_relationship"].label = "Their relationship to the child, or their role and organisation"
            fields["referrer_relationship"].help_text = "For example, neighbour, or health visitor at a GP surgery."
            fields["referrer_email"].label = "Referrer's email address"
            fields["referrer_phone"].label = "Referrer's phone number"
        else:
            self.fields["referrer_email"].help_text = "We will email you a reference number."
            self.fields["referrer_name"].widget.attrs["autocomplete"] = "name"
            self.fields["referrer_email"].widget.attrs["autocomplete"] = "email"
            self.fields["referrer_phone"].widget.attrs["autocomplete"] = "tel"
        layout: list[Any] = [section_heading(heading)]
        if allow_anonymous:
            layout.append(Field.checkbox("referrer_anonymous"))
        else:
            self.remove("referrer_anonymous")
        layout += [
            Field.text("referrer_name", field_width=Fluid.TWO_THIRDS),
            Field.text("referrer_relationship", field_width=Fluid.TWO_THIRDS),
            Field.text("referrer_email", field_width=Fluid.TWO_THIRDS),
            Field.text("referrer_phone", field_width=Fixed.TWENTY),
        ]
        self.helper.layout = Layout(*layout)

    @property
    def anonymous(self) -> bool:
        return bool(self.value("referrer_anonymous", False))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if (
            not cleaned.get("referrer_anonymous")
            and not cleaned.get("referrer_name")
            and "referrer_name" not in self.errors
        ):
            if self.allow_anonymous:
                message = (
                    "Enter the referrer's name, or say they want to stay anonymous"
                    if self.about_someone_else
                    else "Enter your name, or choose to stay anonymous"
                )
            else:
                message = "Enter the referrer's name" if self.about_someone_else else "Enter your name"
            self.add_error("referrer_name", message)
        return cleaned

    def details(self) -> dict[str, Any]:
        """The referrer fields of ``ReferralDetails``: all blank for an anonymous referrer."""
        if self.anonymous:
            return {"referrer_anonymous": True}
        return {
            "referrer_anonymous": False,
            "referrer_name": self.cleaned_data["referrer_name"],
            "referrer_relationship": self.cleaned_data["referrer_relationship"],
            "referrer_email": self.cleaned_data["referrer_email"],
            "referrer_phone": self.cleaned_data["referrer_phone"],
        }


# Parents, carers and siblings: a fixed number of optional rows.


class _PersonForm(FormBlock):
    kind: str = ""
    noun: str = ""

    def __init__(self, *args: Any, number: int = 1, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.number = number
        #: How the error summary names this row ("Parent or carer 1: …").
        self.summary_prefix = f"{self.noun.capitalize()} {number}"
        self.fields["name"].error_messages["required"] = "Enter their name"
        self.fields["name"].widget.attrs.update(autocomplete="off", spellcheck="false")
        self.helper.layout = Layout(
            Fieldset(*self.row_layout(), legend=self.summary_prefix, legend_size=Size.SMALL),
        )

    def row_layout(self) -> list[Any]:
        raise NotImplementedError

    def person(self) -> PersonDetails | None:
        raise NotImplementedError


class CarerForm(_PersonForm):
    kind = ReferralPerson.Kind.CARER
    noun = "parent or carer"

    name = text_field("Name", 150, required=True)
    relationship = text_field(
        "Relationship to the child", 100, help_text="For example, mother, grandfather or foster carer."
    )
    phone = PhoneField(label="Phone number")
    email = email_field("Email address", what="Email address")
    address = text_field("Address, if different from the child's", 300, what="Address")
    lives_with_child = forms.ChoiceField(
        label="Does the child live with them?",
        choices=_YES_NO_UNKNOWN,
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Select whether the child lives with them"},
    )

    def row_layout(self) -> list[Any]:
        return [
            Field.text("name", field_width=Fluid.TWO_THIRDS),
            Field.text("relationship", field_width=Fluid.TWO_THIRDS),
            Field.text("phone", field_width=Fixed.TWENTY),
            Field.text("email", field_width=Fluid.TWO_THIRDS),
            Field.text("address", field_width=Fluid.TWO_THIRDS),
            Field.radios("lives_with_child", legend_size=Size.SMALL, inline=True),
        ]

    def person(self) -> PersonDetails | None:
        data = self.cleaned_data
        if not data.get("name"):
            return None
        lives = {"yes": True, "no": False}.get(data.get("lives_with_child") or "")
        return PersonDetails(
            kind=self.kind,
            name=data["name"],
            relationship=data["relationship"],
            phone=data["phone"],
            email=data["email"],
            address=data["address"],
            lives_with_child=lives,
        )


class SiblingForm(_PersonForm):
    kind = ReferralPerson.Kind.SIBLING
    noun = "sibling"

    name = text_field("Name", 150, required=True)
    date_of_birth = DateOfBirthField(required=False, earliest=date(1950, 1, 1))
    school_name = text_field("School", 200, help_text="If you know it.", what="School")

    def row_layout(self) -> list[Any]:
        return [
            Field.text("name", field_width=Fluid.TWO_THIRDS),
            Field("date_of_birth"),
            Field.text("school_name", field_width=Fluid.TWO_THIRDS),
        ]

    def person(self) -> PersonDetails | None:
        data = self.cleaned_data
        if not data.get("name"):
            return None
        return PersonDetails(
            kind=self.kind, name=data["name"], date_of_birth=data["date_of_birth"], school_name=data["school_name"]
        )


class _PeopleFormSet(BaseFormSet):
    """Rows left blank are ignored; a row with anything in it needs a name."""

    heading: str = ""
    intro: str = ""

    def get_form_kwargs(self, index: int | None) -> dict[str, Any]:
        kwargs = super().get_form_kwargs(index)
        kwargs["number"] = (index or 0) + 1
        return kwargs

    def people(self) -> list[PersonDetails]:
        return [person for form in self.forms if (person := form.person()) is not None]


class _CarerFormSet(_PeopleFormSet):
    heading = "Parents or carers"
    intro = "Tell us about anyone who looks after the child, if you know. Leave the rest blank."


class _SiblingFormSet(_PeopleFormSet):
    heading = "Brothers and sisters"
    intro = "Tell us about the child's brothers and sisters, if you know. Leave the rest blank."


CarerFormSet = formset_factory(
    CarerForm, formset=_CarerFormSet, extra=CARER_ROWS, max_num=CARER_ROWS, absolute_max=CARER_ROWS
)
SiblingFormSet = formset_factory(
    SiblingForm, formset=_SiblingFormSet, extra=SIBLING_ROWS, max_num=SIBLING_ROWS, absolute_max=SIBLING_ROWS
)


# A page of blocks


Part = forms.Form | BaseFormSet


class FormGroup:
    """The blocks one page posts together: validated together, their errors summarised together in
    page order (``referrals/includes/error_summary.html``), rendered with
    ``referrals/includes/form_parts.html``. Truthy ``errors`` so base.html titles the page "Error: …"."""

    def __init__(self, parts: Mapping[str, Part]) -> None:
        self.parts = dict(parts)
        self.non_field_errors: list[str] = []

    def __getitem__(self, name: str) -> Any:
        return self.parts[name]

    def __contains__(self, name: str) -> bool:
        return name in self.parts

    def __iter__(self) -> Iterator[Part]:
        return iter(self.parts.values())

    def is_valid(self) -> bool:
        results = [part.is_valid() for part in self.parts.values()]  # every part, so every error shows
        return all(results) and not self.non_field_errors

    def forms(self) -> list[forms.Form]:
        """Every form on the page, formset rows included, in page order."""
        found: list[forms.Form] = []
        for part in self.parts.values():
            if isinstance(part, BaseFormSet):
                found.extend(part.forms)
            else:
                found.append(part)
        return found

    def formset_errors(self) -> list[str]:
        return [
            str(error)
            for part in self.parts.values()
            if isinstance(part, BaseFormSet)
            for error in part.non_form_errors()
        ]

    def sections(self) -> list[tuple[bool, Part]]:
        """(is it a formset?, part) in page order, for referrals/includes/form_parts.html."""
        return [(isinstance(part, BaseFormSet), part) for part in self.parts.values()]

    def summary(self) -> list[tuple[str, str]]:
        """(id of the input to jump to, or "", message) for every error, in page order."""
        items: list[tuple[str, str]] = [("", message) for message in self.non_field_errors]
        items += [("", message) for message in self.formset_errors()]
        for form in self.forms():
            prefix = getattr(form, "summary_prefix", "")
            visible = form.visible_fields()
            for message in form.non_field_errors():
                items.append((_input_id(visible[0])[0] if visible else "", str(message)))
            for bound in visible:
                for target, messages in _error_targets(bound):
                    items += [(target, f"{prefix}: {message}" if prefix else message) for message in messages]
        return items

    @property
    def errors(self) -> bool:
        return bool(self.non_field_errors or self.formset_errors() or any(form.errors for form in self.forms()))

    def add_application_error(self, error: ApplicationError, *, field_map: Mapping[str, str] | None = None) -> None:
        """Show a service's refusal on the field it names (``error.field``, renamed by ``field_map`` where a
        page calls it something else), or above the form when it names no field on this page."""
        name = (field_map or {}).get(error.field or "", error.field)
        for form in self.forms():
            if name and name in form.fields:
                form.add_error(name, error.message)
                return
        self.non_field_errors.append(error.message)


def _input_id(bound: forms.BoundField) -> list[str]:
    """The id of the first input of a field, where the error summary's link should land."""
    if is_radios(bound) or is_checkboxes(bound):
        return [f"id_{bound.html_name}_1"]
    if isinstance(bound.field, forms.MultiValueField):
        return [f"{bound.auto_id}_0"]
    return [bound.auto_id]


def _error_targets(bound: forms.BoundField) -> list[tuple[str, list[str]]]:
    if not bound.errors:
        return []
    if isinstance(bound.field, forms.MultiValueField):
        # Errors about one part (day, month or year) link to that input; the rest to the first.
        targets = [(key, list(errors)) for key, errors in field_errors(bound) if errors]
        return [(key if key != bound.auto_id else f"{bound.auto_id}_0", errors) for key, errors in targets]
    return [(_input_id(bound)[0], [str(error) for error in bound.errors])]


def add_application_error(forms_: Iterable[forms.Form], error: ApplicationError) -> None:
    """Put a service's ``ApplicationError`` on the field it names in the first of ``forms_`` that has it,
    else on the first form as a non-field error. For pages that are a single form or a plain list."""
    forms_ = list(forms_)
    for form in forms_:
        if error.field and error.field in form.fields:
            form.add_error(error.field, error.message)
            return
    if forms_:
        forms_[0].add_error(None, error.message)


# From cleaned blocks to the service's arguments


def to_details(
    *,
    child: ChildDetailsForm,
    school: SchoolHistoryForm | None = None,
    concern: ConcernForm | None = None,
    referrer: ReferrerForm | None = None,
    **overrides: Any,
) -> ReferralDetails:
    """``ReferralDetails`` from cleaned blocks (call after ``is_valid()``); ``overrides`` sets any other
    field, such as a school channel's ``last_school`` or ``agreed_start_date``."""
    values: dict[str, Any] = {
        "forenames": child.value("forenames"),
        "surname": child.value("surname"),
        "other_names": child.value("other_names"),
        "date_of_birth": child.value("date_of_birth", None),
        "age_description": child.value("age_description"),
        "sex": child.value("sex") or Sex.NOT_KNOWN,
        "upn": child.value("upn"),
        "nhs_number": child.value("nhs_number"),
        "address_line_1": child.value("address_line_1"),
        "address_line_2": child.value("address_line_2"),
        "town": child.value("town"),
        "postcode": child.value("postcode"),
    }
    if school is not None:
        values.update(
            last_school=school.value("last_school", None),
            last_school_name=school.value("last_school_name"),
            date_last_attended=school.value("date_last_attended", None),
        )
    if concern is not None:
        values.update(
            concern=concern.value("concern"),
            date_last_seen=concern.value("date_last_seen", None),
            risk_factors=list(concern.value("risk_factors", [])),
            urgent=bool(concern.value("urgent", False)),
            urgent_reason=concern.value("urgent_reason") if concern.value("urgent", False) else "",
        )
    if referrer is not None:
        values.update(referrer.details())
    values.update(overrides)
    return ReferralDetails(**values)


def people_details(*formsets: Any) -> list[PersonDetails]:
    """The parents, carers and siblings typed into the given formsets (blank rows left out)."""
    return [person for formset in formsets for person in formset.people()]


def carers_and_siblings(data: Any = None) -> dict[str, Part]:
    """The two people formsets, ready to add to a ``FormGroup``."""
    return {"carers": CarerFormSet(data, prefix="carers"), "siblings": SiblingFormSet(data, prefix="siblings")}
