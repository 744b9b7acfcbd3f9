"""Form fields for facts about a child that many forms ask for: a UPN, a date of birth and other past dates.

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

__all__ = ["EARLIEST_DATE_OF_BIRTH", "CalendarDateField", "DateOfBirthField", "PastDateField", "UPNField"]

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


class _DayMonthYearField(DateInputField):
    """GOV.UK day, month and year inputs for a date in the past, with messages that name the date.

    ``subject`` is how the messages name the date ("Date of birth" gives "Date of birth must be a real
    date"; "The date last seen" gives "The date last seen must be a real date"). ``allow_today`` says
    whether today counts as the past (``allow_future`` accepts any date, for ``CalendarDateField``);
    ``earliest`` (optional) refuses dates before it. Months may be typed
    as numbers or names ("3", "Mar", "March"). Each part left out gets its own message, and the inputs in
    error are highlighted.
    """

    def __init__(
        self,
        *,
        subject: str,
        required_message: str,
        future_message: str,
        allow_today: bool,
        earliest: date | None = None,
        allow_future: bool = False,
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("help_text", "For example, 27 3 2015")
        # require_all_fields=False: each missing part gets its own error rather than one for the whole date.
        super().__init__(require_all_fields=False, **kwargs)
        self.subject = subject
        self.allow_today = allow_today
        self.allow_future = allow_future
        self.earliest = earliest
        self.future_message = future_message
        self.error_messages["required"] = required_message
        for part, field in zip(("day", "month", "year"), self.fields, strict=True):
            field.error_messages["incomplete"] = f"{subject} must include a {part}"
            field.validators = [self._check_part(part)]
        for widget in self.widget.widgets:
            widget.attrs.setdefault("inputmode", "numeric")

    @property
    def not_real_message(self) -> str:
        return f"{self.subject} must be a real date"

    def _check_part(self, part: str) -> Callable[[str], None]:
        def check(value: str) -> None:
            if value.isascii() and value.isdigit():
                return
            if part == "month" and value.lower() in _MONTH_NAMES:
                return
            raise ValidationError(self.not_real_message, code="invalid")

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
            raise ValidationError(self.not_real_message, code="invalid") from error

    def validate(self, value: Any) -> None:
        super().validate(value)
        if value is None:
            return
        today = timezone.localdate()
        if not self.allow_future and (value > today or (value == today and not self.allow_today)):
            raise ValidationError(self.future_message, code="future")
        if self.earliest is not None and value < self.earliest:
            earliest = date_format(self.earliest, "j F Y")
            raise ValidationError(f"{self.subject} must be the same as or after {earliest}", code="too_early")


class DateOfBirthField(_DayMonthYearField):
    """A date of birth as GOV.UK day, month and year inputs.

    Refuses dates that are not real, today or later ("Date of birth must be in the past") and dates before
    ``earliest`` (default 1 January 1990: a child's date of birth; pass an earlier one when asking about an
    adult such as a parent). Months may be typed as numbers or names ("3", "Mar", "March"). Each part left
    out gets its own message, and the inputs in error are highlighted.
    """

    def __init__(self, *, earliest: date = EARLIEST_DATE_OF_BIRTH, **kwargs: Any) -> None:
        kwargs.setdefault("label", "Date of birth")
        super().__init__(
            subject="Date of birth",
            required_message="Enter the date of birth",
            future_message="Date of birth must be in the past",
            allow_today=False,
            earliest=earliest,
            **kwargs,
        )


class PastDateField(_DayMonthYearField):
    """A date on or before today, such as the date a child was last seen, as GOV.UK day, month and year inputs.

    The messages are built from the label: ``PastDateField(label="Date last seen")`` says "Enter the date
    last seen", "The date last seen must be a real date", "The date last seen must include a month" and
    "The date last seen must be today or in the past". Pass ``earliest`` to refuse implausibly old dates.
    """

    def __init__(self, *, label: str, earliest: date | None = None, **kwargs: Any) -> None:
        noun = label[:1].lower() + label[1:]
        kwargs.setdefault("help_text", "For example, 27 3 2025")
        super().__init__(
            label=label,
            subject=f"The {noun}",
            required_message=f"Enter the {noun}",
            future_message=f"The {noun} must be today or in the past",
            allow_today=True,
            earliest=earliest,
            **kwargs,
        )


class CalendarDateField(_DayMonthYearField):
    """A date that may be in the past or the future, such as the day a pupil starts at a new school, as
    GOV.UK day, month and year inputs. Messages are built from the label as for ``PastDateField``."""

    def __init__(self, *, label: str, earliest: date | None = None, **kwargs: Any) -> None:
        noun = label[:1].lower() + label[1:]
        kwargs.setdefault("help_text", "For example, 27 3 2025")
        super().__init__(
            label=label,
            subject=f"The {noun}",
            required_message=f"Enter the {noun}",
            future_message="",
            allow_today=True,
            allow_future=True,
            earliest=earliest,
            **kwargs,
        )
