from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from preferendum.models import RoundFigures, RoundState
from preferendum.results import round_results
from preferendum.services.rounds import round_figures_freeze
from tests.preferendum.factories import AnswerFactory
from tests.preferendum.helpers import bulk_answers

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed_round(round_factory):
    return round_factory(state=RoundState.CLOSED, statements=1)


def _results(client, round_, **params):
    return client.get(reverse("preferendum:round-results", args=[round_.pk]), params)


def test_results_show_counts_percentages_chart_and_table(client, member, closed_round):
    statement = closed_round.statements.get()
    bulk_answers(statement, 30, value=5)
    bulk_answers(statement, 10, value=1)
    client.force_login(member)
    html = _results(client, closed_round).content.decode()
    assert "<svg" in html and "<table" in html and "75,0%" in html and "25,0%" in html
    assert "style=" not in html.split("<main", 1)[1]


def test_members_see_results_only_after_closing(client, member, open_round):
    client.force_login(member)
    assert _results(client, open_round).status_code == 403


def test_admins_see_results_live(client, admin_member, open_round):
    client.force_login(admin_member)
    response = _results(client, open_round)
    assert response.status_code == 200 and "Tussenstand" in response.content.decode()


def test_small_groups_are_shown_as_too_few_answers(
    client, member, closed_round, member_factory, branch_factory
):
    for province, n in (("utrecht", 50), ("zuid-holland", 30), ("zeeland", 10)):
        member_factory.create_batch(n, branch=branch_factory(province=province))
    statement = closed_round.statements.get()
    bulk_answers(statement, 40, province="utrecht")
    bulk_answers(statement, 25, province="zuid-holland")
    bulk_answers(statement, 4, province="zeeland")
    client.force_login(member)
    html = _results(client, closed_round, uitsplitsing="province").content.decode()
    # Zeeland (4) is hidden, and so is Zuid-Holland, or the total would reveal Zeeland;
    # every province is listed, so the unanswered ones look the same.
    table = html[html.index("Uitgesplitst naar") :].split("</table>", 1)[0]
    rows = table.count('<th scope="row">')
    assert table.count('<td colspan="8">te weinig reacties</td>') == rows - 1
    assert "Zeeland" in html and "Groningen" in html


def test_branch_breakdown_hides_branches_a_province_total_would_reveal(
    closed_round, branch_factory, stay_away
):
    statement = closed_round.statements.get()
    big, small = branch_factory(province="zeeland"), branch_factory(province="zeeland")
    bulk_answers(statement, 12, province="zeeland", branch_id=big.pk)
    bulk_answers(statement, 5, province="zeeland", branch_id=small.pk)
    bulk_answers(statement, 40, province="utrecht", branch_id=branch_factory().pk)
    stay_away(closed_round)
    groups = round_results(closed_round, dimension="branch_id").statements[0].groups
    shown = {g.key for g in groups if g.distribution is not None}
    assert {big.pk, small.pk} <= {g.key for g in groups} and big.pk not in shown


def test_combined_filters_are_not_possible(client, member, closed_round, stay_away):
    statement = closed_round.statements.get()
    bulk_answers(statement, 40, province="utrecht", gender="man")
    bulk_answers(statement, 12, province="zeeland", gender="vrouw")
    stay_away(closed_round)
    client.force_login(member)
    one = _results(client, closed_round, uitsplitsing="province").content
    combined = _results(
        client, closed_round, uitsplitsing="province", gender="vrouw", age_band="16-29"
    ).content
    assert _main(one) == _main(combined)


def _main(content: bytes) -> str:
    html = content.decode()
    return html[html.index("<main") : html.index("</main>")].split("<form", 1)[1].split(">", 1)[1]


def test_results_page_query_count_does_not_grow_with_answers(client, admin_member, closed_round):
    client.force_login(admin_member)
    statement = closed_round.statements.get()
    bulk_answers(statement, 10)
    cache.clear()  # count the queries of computing, not of cached results
    with CaptureQueriesContext(connection) as few:
        _results(client, closed_round, uitsplitsing="branch_id")
    bulk_answers(statement, 300, province="zeeland", age_band="65+")
    cache.clear()
    with CaptureQueriesContext(connection) as many:
        _results(client, closed_round, uitsplitsing="branch_id")
    assert len(few) == len(many) <= 14


def test_closed_round_results_are_computed_once_per_breakdown(
    closed_round, django_assert_num_queries
):
    bulk_answers(closed_round.statements.get(), 12)
    first = round_results(closed_round, dimension="gender")
    with django_assert_num_queries(0):
        again = round_results(closed_round, dimension="gender")
    assert again.statements[0].raw.counts == first.statements[0].raw.counts
    assert again.round is closed_round


def test_representativeness_compares_respondents_with_eligible_members(
    member_factory, round_factory
):
    round_ = round_factory(statements=1)
    men = member_factory.create_batch(15, gender="man")
    member_factory.create_batch(15, gender="vrouw")
    for man in men[:12]:
        AnswerFactory(statement=round_.statements.get(), member=man, gender="man")
    rows = round_results(round_).representativeness["gender"]
    shares = {str(r["label"]): (r["respondents"], r["members"], r["too_few"]) for r in rows}
    assert shares["man"] == (100.0, 50.0, False) and shares["vrouw"] == (0.0, 50.0, True)


def test_weighted_results_appear_next_to_raw(member_factory, round_factory):
    round_ = round_factory(statements=1)
    statement = round_.statements.get()
    round_.state = RoundState.CLOSED
    round_.save()
    unknown = "onbekend"
    population = [
        ["utrecht", None, a, "vrouw", unknown, n] for a, n in [("65+", 75), ("16-29", 25)]
    ]
    by_person = [
        [statement.pk, v, "utrecht", a, "vrouw", 10] for v, a in [(4, "16-29"), (2, "65+")]
    ]
    RoundFigures.objects.create(round=round_, population=population, by_person=by_person)
    result = round_results(round_).statements[0]
    assert result.raw.percent(4) == 50.0
    assert result.weighted == pytest.approx({4: 25.0, 2: 75.0})


def test_statement_family_shows_a_trend_over_rounds(round_factory):
    earlier = round_factory(state=RoundState.CLOSED, statements=1)
    later = round_factory(state=RoundState.CLOSED, statements=1)
    earlier.opens_at -= timedelta(days=400)
    earlier.closes_at -= timedelta(days=380)
    earlier.save()
    later.statements.update(family=earlier.statements.get().family)
    bulk_answers(earlier.statements.get(), 10, value=4)
    bulk_answers(later.statements.get(), 10, value=1)
    trend = round_results(later).statements[0].trend
    assert [point["agree"] for point in trend] == [100.0, 0.0]


def test_admin_exports_aggregates_as_csv_without_members(
    client, admin_member, closed_round, stay_away
):
    statement = closed_round.statements.get()
    bulk_answers(statement, 12, province="utrecht")
    bulk_answers(statement, 3, province="zeeland")
    stay_away(closed_round)
    client.force_login(admin_member)
    response = client.get(reverse("preferendum:results-csv", args=[closed_round.pk]))
    text = response.content.decode()
    assert response["Content-Type"].startswith("text/csv")
    assert "te weinig reacties" in text and "@" not in text


def test_comments_are_readable_without_names_and_filterable(
    client, admin_member, member_factory, closed_round
):
    statement = closed_round.statements.get()
    author = member_factory(first_name="Geheime", last_name="Schrijver")
    AnswerFactory(statement=statement, member=author, value=1, comment="Te duur")
    AnswerFactory(statement=statement, value=5, comment="Prima plan")
    client.force_login(admin_member)
    url = reverse("preferendum:comments", args=[closed_round.pk])
    html = client.get(url, {"value": 1}).content.decode()
    assert "Te duur" in html and "Prima plan" not in html and "Schrijver" not in html


def test_cached_results_page_still_shows_each_reader_their_own_answer(
    client, member_factory, closed_round
):
    statement = closed_round.statements.get()
    bulk_answers(statement, 12, value=3)
    answered, other = member_factory(), member_factory()
    AnswerFactory(statement=statement, member=answered, value=5)
    pages = []
    for reader in (answered, other):  # the second reader gets the cached figures
        client.force_login(reader)
        pages.append(_results(client, closed_round).content.decode())
    assert "Jouw antwoord" in pages[0] and "Jouw antwoord" not in pages[1]
    assert pages[0].count("<svg") == pages[1].count("<svg") > 0


def test_cached_results_figures_follow_the_breakdown_and_the_language(
    client, member, closed_round, stay_away
):
    bulk_answers(closed_round.statements.get(), 30, value=5)
    stay_away(closed_round)
    client.force_login(member)
    dutch = _results(client, closed_round).content.decode()
    by_gender = _results(client, closed_round, uitsplitsing="gender").content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    english = _results(client, closed_round).content.decode()
    assert "Zoals geantwoord" in dutch and "Uitgesplitst naar" not in dutch
    assert "Uitgesplitst naar" in by_gender
    assert "As answered" in english and "Who took part?" in english


def _member_share(results, gender: str) -> float:
    rows = results.representativeness["gender"]
    return {str(r["label"]): r["members"] for r in rows}[gender]


def test_live_results_count_answers_every_time_and_members_every_ten_minutes(
    member_factory, round_factory
):
    round_ = round_factory(statements=1)
    member_factory.create_batch(15, gender="man"), member_factory.create_batch(15, gender="vrouw")
    statement = round_.statements.get()
    bulk_answers(statement, 12)
    first = round_results(round_)
    member_factory.create_batch(2, gender="man")
    bulk_answers(statement, 3)
    again = round_results(round_)
    assert again.statements[0].raw.total == first.statements[0].raw.total + 3
    assert _member_share(again, "man") == _member_share(first, "man") == 50.0


def test_closing_freezes_a_fresh_count_of_the_members(member_factory, round_factory):
    round_ = round_factory(statements=1)
    member_factory(gender="man"), member_factory(gender="vrouw")
    round_results(round_)  # a live view keeps the membership count for ten minutes
    member_factory.create_batch(2, gender="man")
    round_figures_freeze(round_=round_, on=timezone.localdate())
    men = sum(
        row[-1] for row in RoundFigures.objects.get(round=round_).population if row[3] == "man"
    )
    assert men == 3


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL statistics")
def test_postgresql_knows_how_answers_group():
    with connection.cursor() as cursor:
        cursor.execute("SELECT stxname FROM pg_statistic_ext ORDER BY stxname")
        names = [row[0] for row in cursor.fetchall()]
    assert {"answer_by_person", "answer_by_place"} <= set(names)
