import csv
import io

import pytest

from shared import spreadsheet


@pytest.mark.parametrize(
    "cell", ['=HYPERLINK("https://x.example")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]
)
def test_a_text_cell_that_starts_like_a_formula_is_written_as_text(cell):
    out = io.StringIO()
    spreadsheet.writer(out).writerow([cell])
    assert next(csv.reader(io.StringIO(out.getvalue()))) == ["'" + cell]


def test_ordinary_text_and_numbers_are_written_unchanged():
    out = io.StringIO()
    spreadsheet.writer(out).writerows([["Meer groen", -3, 2.5, "a=b", None]])
    assert next(csv.reader(io.StringIO(out.getvalue()))) == ["Meer groen", "-3", "2.5", "a=b", ""]
