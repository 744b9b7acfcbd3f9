"""Form fields for areas' reference data, for any form that asks for a postcode."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from cme.areas.services import POSTCODE_ERROR, postcode_normalise
from cme.core.exceptions import ApplicationError


class PostcodeField(forms.CharField):
    """A UK postcode, cleaned to its normal form ("al11aa" → "AL1 1AA")."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 10)
        kwargs.setdefault("error_messages", {"required": "Enter a postcode", "max_length": POSTCODE_ERROR})
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("autocomplete", "postal-code")
        self.widget.attrs.setdefault("spellcheck", "false")

    def clean(self, value: Any) -> str:
        cleaned = super().clean(value)
        if cleaned in self.empty_values:
            return ""
        try:
            return postcode_normalise(str(cleaned))
        except ApplicationError as error:
            raise ValidationError(error.message, code="invalid") from error
