"""Files the new apps write open in spreadsheets as text, never as formulas."""

import pytest
from django.core.exceptions import ValidationError

from forum.selectors import polis_export_files
from tests.forum.factories import StatementFactory
from tests.votes.factories import BallotItemFactory

pytestmark = pytest.mark.django_db


def test_a_forum_statement_that_looks_like_a_formula_is_text_in_the_polis_export():
    statement = StatementFactory(text='=HYPERLINK("https://x.example")')
    comments = polis_export_files(statement.conversation)["comments.csv"]
    assert "'=HYPERLINK" in comments


@pytest.mark.parametrize("option", ["=SUM(A1)", "@cmd", "A > B", "A | B"])
def test_a_ballot_option_that_would_break_ballots_csv_is_refused(option):
    item = BallotItemFactory(options=f"Anna\n{option}")
    with pytest.raises(ValidationError) as refused:
        item.clean()
    assert "options" in refused.value.error_dict


def test_ordinary_candidate_names_are_accepted():
    BallotItemFactory(options="Anna de Vries\nBas-Jan Smit\nO'Neill").clean()
