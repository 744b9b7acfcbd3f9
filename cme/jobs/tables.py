"""Writing a table (a header row and rows of values) to CSV or XLSX: the file formats of every
export. Shared by the case list export (cme.exports) and the dashboard's tables (cme.reporting).

Formula neutralisation: a spreadsheet treats a cell that starts with ``=``, ``+``, ``-`` or ``@``
(or a tab or carriage return, which some programs strip before looking) as a formula, so text typed
into cme by anyone (a referrer, a school) could run in the reader's spreadsheet. Every text value
that starts with one of them is written with a leading apostrophe, which spreadsheets show as text
(OWASP "CSV injection"). Numbers and dates are written as themselves.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import IO, Any

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

Cell = str | int | float | date | datetime | bool | None


class FileFormat(StrEnum):
    CSV = "csv"
    XLSX = "xlsx"

    @property
    def content_type(self) -> str:
        if self is FileFormat.CSV:
            return "text/csv; charset=utf-8"
        return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    @property
    def label(self) -> str:
        return self.value.upper()


def neutralise(value: Any) -> Cell:
    """A value safe to put in a spreadsheet cell: text that a spreadsheet would read as a formula
    gets a leading apostrophe; other types are kept; None stays empty."""
    if value is None or isinstance(value, bool | int | float | date):
        return value
    text = str(value)
    if text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


def _csv_value(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime):
        return _local(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _local(value: datetime) -> datetime:
    """Local wall-clock time without a zone (spreadsheets have no time zones)."""
    return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value


class _Echo:
    """A file-like object whose write returns what it was given (for streaming CSV)."""

    def write(self, value: str) -> str:
        return value


def csv_lines(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> Iterator[str]:
    """The CSV text of the table, line by line (for a streaming response). Starts with a byte order
    mark so Excel reads it as UTF-8."""
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow([_csv_value(neutralise(h)) for h in header])
    for row in rows:
        yield writer.writerow([_csv_value(neutralise(value)) for value in row])


def write_csv(out: IO[str], header: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    for line in csv_lines(header, rows):
        out.write(line)


def write_xlsx(out: IO[bytes] | Path, header: Sequence[str], rows: Iterable[Sequence[Any]], *, sheet: str) -> None:
    """Write the table as a one-sheet workbook, row by row (openpyxl's write-only mode keeps memory flat
    however many rows there are). Dates are real dates, shown as day month year."""
    workbook = Workbook(write_only=True)
    worksheet = workbook.create_sheet(title=sheet[:31])
    bold = Font(bold=True)
    header_cells = []
    for title in header:
        cell = WriteOnlyCell(worksheet, value=neutralise(title))
        cell.font = bold
        header_cells.append(cell)
    worksheet.append(header_cells)
    for row in rows:
        cells: list[Any] = []
        for value in row:
            safe = neutralise(value)
            if isinstance(safe, datetime):
                safe = _local(safe)
            if isinstance(safe, date):
                cell = WriteOnlyCell(worksheet, value=safe)
                cell.number_format = "dd/mm/yyyy hh:mm" if isinstance(safe, datetime) else "dd/mm/yyyy"
                cells.append(cell)
            else:
                cells.append(safe)
        worksheet.append(cells)
    workbook.save(out)


def table_bytes(file_format: FileFormat, header: Sequence[str], rows: Iterable[Sequence[Any]], *, sheet: str) -> bytes:
    """The whole file in memory: for small tables only (a dashboard table, a short case list)."""
    if file_format is FileFormat.CSV:
        text = io.StringIO()
        write_csv(text, header, rows)
        return text.getvalue().encode("utf-8")
    data = io.BytesIO()
    write_xlsx(data, header, rows, sheet=sheet)
    return data.getvalue()
