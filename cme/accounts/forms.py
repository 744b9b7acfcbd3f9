from __future__ import annotations

from typing import TYPE_CHECKING, Any

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Button, Field, Fixed, Fluid, Layout, Size, Submit
from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.forms import PasswordChangeForm as DjangoPasswordChangeForm
from django.contrib.auth.forms import SetPasswordForm as DjangoSetPasswordForm
from django.core.exceptions import ValidationError

from cme.accounts.roles import Role
from cme.accounts.selectors import area_list
from cme.organisations.models import Organisation
from cme.organisations.selectors import organisation_list_active


class SignInForm(AuthenticationForm):
    username = forms.EmailField(
        label="Email address",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "username", "spellcheck": "false"}),
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
        },
    )
    password = forms.CharField(
        label="Password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": "Enter your password"},
    )

    error_messages = {
        "invalid_login": "Enter a correct email address and password",
        "inactive": "This account has been deactivated. Ask your system administrator to reactivate it.",
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.text("username", field_width=Fluid.TWO_THIRDS),
            Field.text("password", field_width=Fluid.TWO_THIRDS),
            Submit("submit", "Sign in"),
        )

    def clean_username(self) -> str:
        return str(self.cleaned_data["username"]).strip().lower()


# User administration -----------------------------------------------------------------------------


class OrganisationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.get_kind_display()})"


class UserForm(forms.Form):
    """The details of an account. The rules that link role, area and organisation are checked by
    the service (cme/accounts/services.py), which the view turns into errors on these fields."""

    full_name = forms.CharField(
        label="Full name", max_length=150, error_messages={"required": "Enter the user's full name"}
    )
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        help_text="They sign in with this address, and we send the link to set their password to it.",
        widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        error_messages={
            "required": "Enter the user's email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
        },
    )
    job_title = forms.CharField(label="Job title (optional)", max_length=150, required=False)
    role = forms.ChoiceField(
        label="Role",
        choices=Role.choices,
        widget=forms.RadioSelect,
        help_text="The role decides what the user can see and do (see the permissions table).",
        error_messages={"required": "Select the user's role"},
    )
    area = forms.ModelChoiceField(
        label="Area",
        queryset=area_list(),
        required=False,
        blank=True,
        empty_label="Not applicable",
        widget=forms.RadioSelect,
        help_text="Only CME officers and attendance duty officers work for one area.",
    )
    organisation = OrganisationChoiceField(
        label="Organisation",
        queryset=organisation_list_active(),
        required=False,
        empty_label="Select an organisation",
        help_text="A council team for council staff, the school for a school user, the agency for a partner user.",
    )

    def __init__(self, *args: Any, submit_label: str, current_organisation: Organisation | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        # "Not applicable" after the areas (Django puts the empty choice first).
        self.fields["area"].choices = [(area.pk, area.name) for area in area_list()] + [("", "Not applicable")]  # type: ignore[attr-defined]
        if current_organisation is not None:
            self.fields["organisation"].queryset = organisation_list_active(  # type: ignore[attr-defined]
                include_id=current_organisation.pk
            )
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.text("full_name", field_width=Fluid.TWO_THIRDS),
            Field.text("email", field_width=Fluid.TWO_THIRDS),
            Field.text("job_title", field_width=Fluid.TWO_THIRDS),
            Field.radios("role", legend_size=Size.MEDIUM),
            Field.radios("area", legend_size=Size.MEDIUM),
            Field.select("organisation"),
            Submit("submit", submit_label),
        )


class UserFilterForm(forms.Form):
    STATUS_CHOICES = (("active", "Active"), ("deactivated", "Deactivated"), ("all", "All"))

    q = forms.CharField(label="Name or email", required=False, max_length=100)
    role = forms.ChoiceField(label="Role", required=False, choices=[("", "All roles"), *Role.choices])
    status = forms.ChoiceField(label="Status", required=False, choices=STATUS_CHOICES, initial="active")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.layout = Layout(
            Field.text("q", field_width=Fluid.TWO_THIRDS),
            Field.select("role"),
            Field.select("status"),
            Button.secondary("filter", "Show users"),
        )

    def active_filter(self) -> bool | None:
        status = self.cleaned_data.get("status") or "active"
        return None if status == "all" else status == "active"


# Passwords ---------------------------------------------------------------------------------------


def minimum_password_length() -> int:
    for validator in password_validation.get_default_password_validators():
        if isinstance(validator, password_validation.MinimumLengthValidator):
            return validator.min_length
    return 0


def _password_hint() -> str:
    return (
        f"Must be at least {minimum_password_length()} characters. A good way to make a strong password that is "
        "easy to remember is to put 3 random words together."
    )


def _govuk_password_message(error: ValidationError) -> str:
    """Django's validators speak in their own words; the service uses GOV.UK-style messages."""
    messages = {
        "password_too_short": f"Password must be {minimum_password_length()} characters or more",
        "password_too_common": "Enter a password that is harder to guess: this one is on a list of common passwords",
        "password_entirely_numeric": "Password must include letters or symbols, not only numbers",
        "password_too_similar": "Enter a password that is not like your name or email address",
    }
    return messages.get(error.code or "", " ".join(error.messages))


class GovukPasswordFieldsMixin:
    """Shared by the set-password and change-password forms: labels, hints and messages in the
    service's words, with the validators' errors shown on the first password field."""

    if TYPE_CHECKING:
        fields: dict[str, forms.Field]
        cleaned_data: dict[str, Any]
        error_messages: dict[str, str]

        def add_error(self, field: str | None, error: ValidationError | str) -> None: ...

    def _style_password_fields(self) -> None:
        self.fields["new_password1"].label = "New password"
        self.fields["new_password1"].help_text = _password_hint()
        self.fields["new_password1"].error_messages["required"] = "Enter a new password"
        self.fields["new_password2"].label = "Confirm new password"
        self.fields["new_password2"].help_text = ""
        self.fields["new_password2"].error_messages["required"] = "Enter the new password again"
        self.error_messages = {
            **self.error_messages,
            "password_mismatch": "The passwords do not match: enter the same password twice",
        }

    def validate_password_for_user(self, user: Any, password_field_name: str = "new_password2") -> None:  # noqa: S107
        password = self.cleaned_data.get("new_password1")
        if not password:
            return
        try:
            password_validation.validate_password(password, user)
        except ValidationError as errors:
            for error in errors.error_list:
                self.add_error("new_password1", _govuk_password_message(error))


class SetPasswordForm(GovukPasswordFieldsMixin, DjangoSetPasswordForm):  # type: ignore[misc]
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._style_password_fields()
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.text("new_password1", field_width=Fluid.TWO_THIRDS),
            Field.text("new_password2", field_width=Fluid.TWO_THIRDS),
            Submit("submit", "Set password"),
        )


class PasswordChangeForm(GovukPasswordFieldsMixin, DjangoPasswordChangeForm):  # type: ignore[misc]
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._style_password_fields()
        self.fields["old_password"].label = "Current password"
        self.fields["old_password"].error_messages["required"] = "Enter your current password"
        self.error_messages = {**self.error_messages, "password_incorrect": "Your current password is not correct"}
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.text("old_password", field_width=Fluid.TWO_THIRDS),
            Field.text("new_password1", field_width=Fluid.TWO_THIRDS),
            Field.text("new_password2", field_width=Fluid.TWO_THIRDS),
            Submit("submit", "Change password"),
        )


class ForgottenPasswordForm(forms.Form):
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        help_text="The address you sign in with.",
        widget=forms.EmailInput(attrs={"autocomplete": "username", "spellcheck": "false"}),
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.text("email", field_width=Fluid.TWO_THIRDS), Submit("submit", "Send me a link")
        )


# Two-factor authentication -----------------------------------------------------------------------


class TwoFactorSetupForm(forms.Form):
    code = forms.CharField(
        label="Enter the 6-digit code from your authenticator app",
        max_length=10,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"}),
        error_messages={"required": "Enter the 6-digit code from your authenticator app"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.layout = Layout(Field.text("code", field_width=Fixed.TEN), Submit("submit", "Continue"))

    def clean_code(self) -> str:
        code = "".join(str(self.cleaned_data["code"]).split())
        if not (code.isdigit() and len(code) == 6):
            raise ValidationError("Enter the code as 6 digits, like 123456")
        return code


class TwoFactorVerifyForm(forms.Form):
    code = forms.CharField(
        label="Security code",
        max_length=20,
        help_text="The 6-digit code from your authenticator app, or one of your backup codes.",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "spellcheck": "false", "autofocus": True}),
        error_messages={"required": "Enter the code from your authenticator app or a backup code"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.layout = Layout(Field.text("code", field_width=Fixed.TEN), Submit("submit", "Continue"))

    def clean_code(self) -> str:
        return "".join(str(self.cleaned_data["code"]).split()).lower()


class ConfirmForm(forms.Form):
    """An empty form for the confirmation pages: the CSRF token and one button."""
