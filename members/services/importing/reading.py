"""Reading the member administration's export: encoding, delimiter and rows, streamed."""

import codecs
import csv
import itertools
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.utils.translation import gettext as _

COLUMNS = (
    "lidnummer",
    "voornaam",
    "tussenvoegsel",
    "achternaam",
    "email",
    "telefoon",
    "geboortedatum",
    "geslacht",
    "postcode",
    "afdeling",
    "lid_sinds",
    "soort",
)
# Optional columns: read when the file has them. "provincie" gives a branch the import
# creates its province (an existing branch keeps the one admins gave it).
# The address columns fill the member's postal address (printed on beraad letters).
ADDRESS_COLUMNS = ("straat", "huisnummer", "toevoeging", "woonplaats")
OPTIONAL_COLUMNS = ("provincie", *ADDRESS_COLUMNS)
ALL_COLUMNS = COLUMNS + OPTIONAL_COLUMNS


class HeaderError(ValueError):
    """The first line is not the expected header; the message is Dutch and shown as is."""


def decoded_lines(path: Path, fallback_lines: list[int] | None = None) -> Iterator[str]:
    """The file's lines as text: each line UTF-8 when it decodes as such, else Windows-1252.

    A file that is UTF-8 but for one line pasted from an old spreadsheet keeps its accents
    everywhere else. The numbers of the lines that needed the fallback go to
    ``fallback_lines`` (1-based physical lines), for the report.
    """
    with open(path, "rb") as file:
        for number, raw in enumerate(file, start=1):
            if number == 1 and raw.startswith(codecs.BOM_UTF8):
                raw = raw[len(codecs.BOM_UTF8) :]
            try:
                yield raw.decode("utf-8")
            except UnicodeDecodeError:
                if fallback_lines is not None:
                    fallback_lines.append(number)
                yield raw.decode("cp1252", errors="replace")


def header_columns(path: Path) -> set[str]:
    """The column names on the file's first line (lower case), to know which it lacks."""
    lines = decoded_lines(path)
    try:
        first = next(lines, "")
    finally:
        lines.close()
    row = next(csv.reader([first], delimiter=detect_delimiter(first)), [])
    return {name.strip().lower() for name in row}


def detect_delimiter(header_line: str) -> str:
    return ";" if header_line.count(";") >= header_line.count(",") else ","


@contextmanager
def open_rows(
    path: Path, fallback_lines: list[int] | None = None
) -> Iterator[Iterator[tuple[int, list[str] | None]]]:
    """Yield ``(line_number, values)`` per data row, values in the order of COLUMNS followed
    by OPTIONAL_COLUMNS (an optional column missing from the file gives "").

    Raises HeaderError when a column is missing. Blank lines are skipped; a row with
    the wrong number of values comes as ``(line_number, None)``, for the validator.
    """
    lines = decoded_lines(path, fallback_lines)
    first = next(lines, "")
    if not first.strip():
        lines.close()
        raise HeaderError(_("het bestand is leeg"))
    reader = csv.reader(itertools.chain([first], lines), delimiter=detect_delimiter(first))
    header = [name.strip().lower() for name in next(reader, [])]
    missing = [name for name in COLUMNS if name not in header]
    if missing:
        raise HeaderError(_missing_columns_message(missing))
    order = [header.index(name) if name in header else None for name in ALL_COLUMNS]
    try:
        yield _rows(reader, order, len(header))
    finally:
        lines.close()


def _rows(reader, order: list[int | None], width: int) -> Iterator[tuple[int, list[str] | None]]:
    for values in reader:
        if not any(value.strip() for value in values):
            continue
        if len(values) != width:
            yield reader.line_num, None
            continue
        yield reader.line_num, ["" if i is None else values[i] for i in order]


def _missing_columns_message(missing: list[str]) -> str:
    return _("kolom ontbreekt in de eerste regel: %(columns)s") % {"columns": ", ".join(missing)}
