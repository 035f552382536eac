"""The participation figures (pure) and their overview on the page."""

import pytest

from forum.participation import gini, participation, top_tenth_share


def test_gini_is_zero_when_everyone_wrote_as_much():
    assert gini([2, 2, 2, 2]) == 0


def test_gini_of_one_writer_among_four_is_three_quarters():
    assert gini([0, 0, 0, 8]) == pytest.approx(0.75)


def test_the_top_tenth_is_at_least_one_person():
    assert top_tenth_share([90, 5, 5]) == pytest.approx(0.9)


def test_the_top_tenth_of_twenty_people_is_two():
    assert top_tenth_share([10, 10] + [1] * 18) == pytest.approx(20 / 38)


def test_participation_counts_people_and_contributions():
    figures = participation({1: (2, 30), 2: (1, 30)})
    assert (figures.people, figures.contributions) == (2, 3)


def test_nobody_wrote_anything():
    assert participation({}).gini == 0 and participation({}).top_tenth_text_share == 0
