"""Form fields for facts about a child that many forms ask for: a UPN and a date of birth.

Both give GOV.UK Design System error messages and keep what the user typed when they re-render.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any, Final

from crispy_forms_gds.fields import DateInputField
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format

from cme.core.upn import normalise_upn, upn_error

__all__ = ["EARLIEST_DATE_OF_BIRTH", "DateOfBirthField", "UPNField"]

#: Dates of birth before this are taken to be typing mistakes (a child born then is well past school age).
EARLIEST_DATE_OF_BIRTH: Final = date(1990, 1, 1)

_MONTH_NAMES: Final[dict[str, int]] = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}


class UPNField(forms.CharField):
    """A unique pupil number, optional unless ``required=True``.

    Cleans to the normalised UPN (spaces removed, upper case; "" when left blank) and refuses a UPN with the
    wrong format or check letter with a specific message from ``cme.core.upn.upn_error``.
    """

    def __init__(self, *, required: bool = False, **kwargs: Any) -> None:
        kwargs.setdefault("label", "Unique pupil number (UPN)")
        kwargs.setdefault("help_text", "13 characters, for example B801200005001")
        kwargs.setdefault("error_messages", {"required": "Enter a UPN"})
        super().__init__(required=required, **kwargs)
        self.widget.attrs.setdefault("autocomplete", "off")
        self.widget.attrs.setdefault("spellcheck", "false")

    def to_python(self, value: Any) -> str:
        return normalise_upn(str(super().to_python(value)))

    def validate(self, value: Any) -> None:
        super().validate(value)
        if value in self.empty_values:
            return
        error = upn_error(value)
        if error is not None:
            raise ValidationError(error, code="invalid")


class DateOfBirthField(DateInputField):
    """A date of birth as GOV.UK day, month and year inputs.

    Refuses dates that are not real, today or later ("Date of birth must be in the past") and dates before
    ``earliest`` (default 1 January 1990: a child's date of birth; pass an earlier one when asking about an
    adult such as a parent). Months may be typed as numbers or names ("3", "Mar", "March"). Each part left
    out gets its own message, and the inputs in error are highlighted.
    """

    def __init__(self, *, earliest: date = EARLIEST_DATE_OF_BIRTH, **kwargs: Any) -> None:
        kwargs.setdefault("label", "Date of birth")
        kwargs.setdefault("help_text", "For example, 27 3 2015")
        # require_all_fields=False: each missing part gets its own error rather than one for the whole date.
        super().__init__(require_all_fields=False, **kwargs)
        self.earliest = earliest
        self.error_messages["required"] = "Enter the date of birth"
        for part, field in zip(("day", "month", "year"), self.fields, strict=True):
            field.error_messages["incomplete"] = f"Date of birth must include a {part}"
            field.validators = [self._check_part(part)]
        for widget in self.widget.widgets:
            widget.attrs.setdefault("inputmode", "numeric")

    @staticmethod
    def _check_part(part: str) -> Callable[[str], None]:
        def check(value: str) -> None:
            if value.isascii() and value.isdigit():
                return
            if part == "month" and value.lower() in _MONTH_NAMES:
                return
            raise ValidationError("Date of birth must be a real date", code="invalid")

        return check

    def _part_error(self, index: int, message: str) -> ValidationError:
        """An error for one of the inputs (0 day, 1 month, 2 year), so only that input is highlighted."""
        self.fields[index].widget.errors = [message]
        return ValidationError(message, code="invalid")

    def compress(self, data_list: Sequence[object]) -> date | None:
        # Cleaned strings normally; the ints of a decompressed date when the field is disabled.
        day, month, year = ("" if part is None else str(part).strip() for part in data_list)
        if not (day and month and year):
            return None
        if len(year) != 4:
            raise self._part_error(2, "Year must include 4 numbers")
        month_number = _MONTH_NAMES.get(month.lower()) or int(month)
        try:
            return date(int(year), month_number, int(day))
        except (ValueError, OverflowError) as error:
            raise ValidationError("Date of birth must be a real date", code="invalid") from error

    def validate(self, value: Any) -> None:
        super().validate(value)
        if value is None:
            return
        if value >= timezone.localdate():
            raise ValidationError("Date of birth must be in the past", code="future")
        if value < self.earliest:
            earliest = date_format(self.earliest, "j F Y")
            raise ValidationError(f"Date of birth must be the same as or after {earliest}", code="too_early")
