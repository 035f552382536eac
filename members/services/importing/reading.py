"""Reading the member administration's export: encoding, delimiter and rows, streamed."""

import codecs
import csv
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
# Optional: an export without them still imports (the address fields are then left empty).
OPTIONAL_COLUMNS = ("straat", "huisnummer", "toevoeging", "woonplaats")
_CHUNK = 1 << 20


class HeaderError(ValueError):
    """The first line is not the expected header; the message is Dutch and shown as is."""


def detect_encoding(path: Path) -> str:
    """UTF-8 (with or without BOM) when every byte decodes as such, else Windows-1252."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    with open(path, "rb") as file:
        try:
            while chunk := file.read(_CHUNK):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return "cp1252"
    return "utf-8-sig"


def detect_delimiter(header_line: str) -> str:
    return ";" if header_line.count(";") >= header_line.count(",") else ","


@contextmanager
def open_rows(path: Path) -> Iterator[Iterator[tuple[int, list[str] | None]]]:
    """Yield ``(line_number, values)`` per data row, in the order of COLUMNS + OPTIONAL_COLUMNS.

    Raises HeaderError when a column is missing. Blank lines are skipped; a row with
    the wrong number of values comes as ``(line_number, None)``, for the validator.
    """
    encoding = detect_encoding(path)
    with open(path, encoding=encoding, errors="replace", newline="") as file:
        delimiter = detect_delimiter(file.readline())
        file.seek(0)
        reader = csv.reader(file, delimiter=delimiter)
        header = [name.strip().lower() for name in next(reader, [])]
        missing = [name for name in COLUMNS if name not in header]
        if missing:
            raise HeaderError(_missing_columns_message(missing))
        order = [header.index(name) for name in COLUMNS]
        order += [header.index(name) if name in header else None for name in OPTIONAL_COLUMNS]
        yield _rows(reader, order, len(header))


def _rows(reader, order: list[int | None], width: int) -> Iterator[tuple[int, list[str] | None]]:
    for values in reader:
        if not any(value.strip() for value in values):
            continue
        if len(values) != width:
            yield reader.line_num, None
            continue
        yield reader.line_num, [values[i] if i is not None else "" for i in order]


def _missing_columns_message(missing: list[str]) -> str:
    return _("kolom ontbreekt in de eerste regel: %(columns)s") % {"columns": ", ".join(missing)}
