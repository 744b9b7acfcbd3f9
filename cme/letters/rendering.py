"""Turning a template body and a context into a letter: the sandbox, the layout and the PDF.

The body a manager edits is Django template language run by an engine of its own:

- only the letter's placeholders reach it (plain strings, dates, lists of strings: no model objects);
- autoescape is on, and the body's own text is escaped too, so nothing a manager types becomes HTML;
- only ``if``/``elif``/``else``/``for``/``empty`` tags and a short list of filters are accepted;
- no template loaders, so ``include``/``extends`` find nothing;
- WeasyPrint may fetch nothing (no images, stylesheets or fonts from URLs).

The result is split into paragraphs (a blank line), headings (``# ``) and bullet lists (``- ``), then
placed in the trusted layout ``letters/letter.html`` with the letterhead, the addressee and the date.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.template import Context, Engine, TemplateSyntaxError
from django.template.base import Lexer, TokenType
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from cme.core.exceptions import ApplicationError
from cme.letters.templates_registry import AUTOMATIC_PLACEHOLDERS, LetterKind, PlaceholderType

ALLOWED_TAGS = frozenset({"if", "elif", "else", "endif", "for", "empty", "endfor"})
ALLOWED_FILTERS = frozenset(
    {"default", "upper", "lower", "title", "capfirst", "join", "length", "first", "last", "pluralize", "yesno"}
)
_IF_WORDS = frozenset({"and", "or", "not", "in", "is", "None", "True", "False", "==", "!=", "<", ">", "<=", ">="})
_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")

# WeasyPrint reports each step of every render at INFO; only its warnings and errors matter here.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

_ENGINE = Engine(
    dirs=[],
    app_dirs=False,
    loaders=[],
    libraries={},
    autoescape=True,
    debug=False,
    string_if_invalid="",
)


class LongDate(date):
    """A date that prints as letters write it: 14 March 2015."""

    def __str__(self) -> str:
        return f"{self.day} {self:%B %Y}"

    @classmethod
    def of(cls, value: date) -> LongDate:
        return cls(value.year, value.month, value.day)


# The body's source -------------------------------------------------------------------------------


def _names_in(expression: str) -> Iterable[str]:
    """The variable names an ``{{ }}`` expression or an ``if``/``for`` clause reads."""
    for word in expression.split():
        if word in _IF_WORDS:
            continue
        root = word.split("|")[0].split(".")[0]
        if _IDENTIFIER.match(root):
            yield root
        for argument in word.split("|")[1:]:
            if ":" in argument:
                value = argument.split(":", 1)[1]
                if _IDENTIFIER.match(value.split(".")[0]):
                    yield value.split(".")[0]


def _filters_in(expression: str) -> Iterable[str]:
    for word in expression.split():
        for part in word.split("|")[1:]:
            yield part.split(":", 1)[0].strip()


def _check(expression: str, known: set[str]) -> None:
    for name in _filters_in(expression):
        if name not in ALLOWED_FILTERS:
            raise ApplicationError(f"The template uses the filter “{name}”, which letters do not allow.", field="body")
    for name in _names_in(expression):
        if name not in known:
            raise ApplicationError(
                f"The template uses {{{{ {name} }}}}, which is not a placeholder of this letter.", field="body"
            )
    for word in expression.split():
        variable = word.split("|")[0]
        if "." in variable and not variable.startswith("forloop.") and not variable.replace(".", "").isdigit():
            raise ApplicationError(
                f"The template uses {{{{ {variable} }}}}: use each placeholder as it is, without a dot.", field="body"
            )


def _checked_tag(contents: str, known: set[str]) -> str:
    tag, _, expression = contents.partition(" ")
    if tag not in ALLOWED_TAGS:
        raise ApplicationError(
            f"The template uses {{% {tag} %}}, which letters do not allow. Use only if, elif, else and for.",
            field="body",
        )
    if tag == "for":
        loop_vars, _, expression = expression.partition(" in ")
        known.update(name.strip() for name in loop_vars.split(",") if name.strip())
        expression = expression.removesuffix(" reversed")
    _check(expression, known)
    return "{% " + contents + " %}"


def compile_body(source: str, *, kind: LetterKind) -> Any:
    """Check a template body and compile it. ``ApplicationError`` names the first problem found."""
    rebuilt: list[str] = []
    known = set(kind.placeholder_names) | {"forloop"}
    for token in Lexer(source).tokenize():
        if token.token_type == TokenType.TEXT:
            rebuilt.append(escape(token.contents))
        elif token.token_type == TokenType.VAR:
            _check(token.contents, known)
            rebuilt.append("{{ " + token.contents + " }}")
        elif token.token_type == TokenType.BLOCK:
            rebuilt.append(_checked_tag(token.contents, known))
    try:
        return _ENGINE.from_string("".join(rebuilt))
    except TemplateSyntaxError as error:
        raise ApplicationError(f"The template cannot be read: {error}", field="body") from error


_BLOCKS = re.compile(r"\n[ \t]*\n")


def paragraphs_to_html(text: str) -> SafeString:
    """Escaped text → paragraphs, ``# `` headings and ``- `` bullet lists (GOV.UK classes)."""
    parts: list[str] = []
    for block in _BLOCKS.split(text.replace("\r\n", "\n")):
        lines = [line.rstrip() for line in block.strip("\n").split("\n") if line.strip()]
        if not lines:
            continue
        if lines[0].startswith("# "):
            heading = " ".join(line.strip() for line in lines).removeprefix("# ")
            parts.append(f'<h2 class="govuk-heading-m">{heading}</h2>')
        elif all(line.lstrip().startswith("- ") for line in lines):
            items = "".join(f"<li>{line.lstrip().removeprefix('- ')}</li>" for line in lines)
            parts.append(f'<ul class="govuk-list govuk-list--bullet">{items}</ul>')
        else:
            parts.append('<p class="govuk-body">' + "<br>".join(line.strip() for line in lines) + "</p>")
    return mark_safe("\n".join(parts))  # noqa: S308 - every part was escaped by the sandbox's autoescape


# The context -------------------------------------------------------------------------------------


def _as_date(name: str, value: Any) -> LongDate:
    if isinstance(value, date):
        return LongDate.of(value)
    if isinstance(value, str):
        try:
            return LongDate.of(date.fromisoformat(value))
        except ValueError:
            pass
    raise ValueError(f"Letter placeholder {name} must be a date, not {value!r}.")


def _as_lines(value: Any) -> list[str]:
    if isinstance(value, str):
        return [line.strip() for line in value.splitlines() if line.strip()]
    return [str(line).strip() for line in value if str(line).strip()]


def _is_empty(value: Any) -> bool:
    return value is None or value == "" or (isinstance(value, list | tuple) and not any(value))


def prepare_context(kind: LetterKind, given: Mapping[str, Any], automatic: Mapping[str, Any]) -> dict[str, Any]:
    """The values the template sees: the caller's placeholders checked and typed, and cme's own.

    An unknown key is a programming error (``ValueError``); a required value that is missing is
    something the user can put right (``ApplicationError``).
    """
    unknown = set(given) - {p.name for p in kind.placeholders}
    if unknown:
        raise ValueError(f"{kind.key} has no placeholders {sorted(unknown)}.")
    missing = [p.label for p in kind.placeholders if p.required and _is_empty(given.get(p.name))]
    if missing:
        raise ApplicationError(f"The {kind.title.lower()} needs: {', '.join(missing)}.")
    values: dict[str, Any] = {}
    for placeholder in kind.placeholders:
        value = given.get(placeholder.name)
        if _is_empty(value):
            values[placeholder.name] = [] if placeholder.type == PlaceholderType.LIST else ""
        elif placeholder.type == PlaceholderType.DATE:
            values[placeholder.name] = _as_date(placeholder.name, value)
        elif placeholder.type == PlaceholderType.ADDRESS:
            values[placeholder.name] = ", ".join(_as_lines(value))
            values[f"_{placeholder.name}_lines"] = _as_lines(value)
        elif placeholder.type == PlaceholderType.LIST:
            values[placeholder.name] = _as_lines(value)
        else:
            values[placeholder.name] = str(value).strip()
    for name in AUTOMATIC_PLACEHOLDERS:
        value = automatic.get(name, "")
        values[name] = LongDate.of(value) if isinstance(value, date) else value
    return values


def context_snapshot(values: Mapping[str, Any]) -> dict[str, Any]:
    """What was rendered, as JSON: dates as ISO strings, addresses as lists of lines."""
    encoder = DjangoJSONEncoder()
    snapshot: dict[str, Any] = {}
    for name, value in values.items():
        if name.startswith("_"):
            continue
        lines = values.get(f"_{name}_lines")
        if lines is not None:
            snapshot[name] = list(lines)
        elif isinstance(value, date):
            snapshot[name] = encoder.default(date(value.year, value.month, value.day))
        else:
            snapshot[name] = value
    return snapshot


def letterhead() -> dict[str, Any]:
    """The council's details from settings (.env.example lists them)."""
    return {
        "council_name": settings.COUNCIL_NAME,
        "team_name": settings.CME_LETTERS_TEAM_NAME,
        "council_address": ", ".join(settings.CME_LETTERS_ADDRESS),
        "council_address_lines": list(settings.CME_LETTERS_ADDRESS),
        "council_phone": settings.CME_LETTERS_PHONE,
        "council_email": settings.CME_LETTERS_EMAIL,
    }


# The letter --------------------------------------------------------------------------------------


def render_body(compiled: Any, values: Mapping[str, Any]) -> SafeString:
    # Django would print a date in its short DATE_FORMAT; letters write dates out in full.
    shown = {name: str(LongDate.of(v)) if isinstance(v, date) else v for name, v in values.items()}
    text = compiled.render(Context(shown, autoescape=True))
    return paragraphs_to_html(text)


def letter_layout_context(*, kind: LetterKind, body_html: SafeString, values: Mapping[str, Any]) -> dict[str, Any]:
    """What the layout shows around the body: letterhead, addressee, date and reference."""
    if kind.addressee == "parent":
        addressee_name, address_lines = values.get("parent_name", ""), values.get("_parent_address_lines", [])
    else:
        addressee_name, address_lines = values.get("recipient_name", ""), values.get("_recipient_address_lines", [])
    head = letterhead()
    reference = values.get("case_reference", "")
    return {
        "kind": kind,
        "body_html": body_html,
        "letterhead": head,
        "letter_date": values.get("letter_date"),
        "case_reference": reference,
        "addressee_name": addressee_name,
        "address_lines": address_lines,
        "footer_css": css_string(head["council_name"] + (f" · Reference {reference}" if reference else "")),
    }


def render_letter_html(*, kind: LetterKind, body_html: SafeString, values: Mapping[str, Any]) -> str:
    """The whole letter as an HTML document for WeasyPrint (trusted layout, sandboxed body)."""
    return render_to_string(
        "letters/pdf/letter.html", letter_layout_context(kind=kind, body_html=body_html, values=values)
    )


def _refuse_fetch(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    raise ValueError(f"Letters do not load anything from outside: {url}")


def html_to_pdf(html: str) -> bytes:
    from weasyprint import HTML  # imported here: loading Pango takes a moment and most requests need no PDF

    pdf: bytes = HTML(string=html, base_url=None, url_fetcher=_refuse_fetch).write_pdf()
    return pdf


def css_string(value: str) -> SafeString:
    """``value`` as a quoted CSS string: anything but letters, digits and spaces as a CSS escape."""
    escaped = "".join(c if c.isalnum() or c == " " else f"\\{ord(c):x} " for c in value)
    return mark_safe(f'"{escaped}"')  # noqa: S308 - only letters, digits, spaces and CSS escapes
