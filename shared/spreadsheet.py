"""CSV files that a spreadsheet opens as text, never as formulas.

Excel, LibreOffice and Google Sheets run a cell that starts with ``=``, ``+``, ``-`` or ``@``
as a formula (``=HYPERLINK(...)`` leaks data, ``=cmd|...`` ran programs), and a leading tab
or carriage return hides such a start. Every text cell that starts with one of them gets a
leading apostrophe, the OWASP advice: spreadsheets show it as text, and a reader of the raw
file still sees the original after the apostrophe. Numbers are left alone (``-3`` is data).
Every CSV the platform writes goes through ``writer()``.
"""

import csv
from numbers import Number

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """The value as a spreadsheet should read it: text starting like a formula is quoted."""
    if value is None or isinstance(value, (bool, Number)):
        return value
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


class _SafeWriter:
    def __init__(self, fileobj, **kwargs):
        self._writer = csv.writer(fileobj, **kwargs)

    def writerow(self, row):
        return self._writer.writerow([safe_cell(cell) for cell in row])

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


def writer(fileobj, **kwargs) -> _SafeWriter:
    """Like ``csv.writer``, with every cell passed through ``safe_cell``."""
    return _SafeWriter(fileobj, **kwargs)
