"""The published files and the recount command (votes.recount): pure, no database."""

import subprocess
import sys
from pathlib import Path

import pytest

from votes.counting import ItemDefinition, count_item
from votes.counting.files import (
    BallotRow,
    ballot_row,
    ballots_csv,
    read_ballots_csv,
    result_document,
    result_json,
    rounds_csv,
)
from votes.recount import main, recount

ROOT = Path(__file__).resolve().parents[2]
FOOD = ["Oranges", "Pears", "Chocolate", "Strawberries", "Hamburgers"]
DEFINITIONS = [
    ItemDefinition("statutes", "motion"),
    ItemDefinition("chair", "choice", "single", ["Ans", "Bert"], tie_seed="seed"),
    ItemDefinition("themes", "choice", "approval", ["climate", "housing", "care"]),
    ItemDefinition("name", "choice", "schulze", ["A", "B", "C"], tie_seed="seed"),
    ItemDefinition("list", "ranking", "stv", FOOD, seats=3, tie_seed="seed", full_order=True),
]
# Twenty voters; each answers every item (the last answers one of them blank).
ANSWERS = {
    "statutes": [["voor"]] * 12 + [["tegen"]] * 7 + [["blanco"]],
    "chair": [["Ans"]] * 10 + [["Bert"]] * 9 + [[]],
    "themes": [["climate", "care"]] * 8 + [["housing"]] * 11 + [[]],
    "name": [["A", "B", "C"]] * 9 + [["B", "C", "A"]] * 6 + [["C", "A"]] * 4 + [[]],
    "list": [["Oranges"]] * 4
    + [["Pears", "Oranges"]] * 2
    + [["Chocolate", "Strawberries"]] * 8
    + [["Chocolate", "Hamburgers"]] * 4
    + [["Strawberries"]]
    + [["Hamburgers"]],
}


def publish(folder: Path) -> Path:
    rows = [ballot_row(d, answer) for d in DEFINITIONS for answer in ANSWERS[d.item]]
    results = [(d, count_item(d, ANSWERS[d.item])) for d in DEFINITIONS]
    document = result_document(
        items=results, turnout=20, eligible=50, quorum_met=True, rules={"quorum": "0.2"}
    )
    (folder / "ballots.csv").write_text(ballots_csv(rows))
    (folder / "result.json").write_text(result_json(document))
    return folder / "ballots.csv"


def run_recount(*args) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "votes.recount", *map(str, args)],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip


def test_the_recount_command_reproduces_result_json(tmp_path):
    done = run_recount(publish(tmp_path))
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_recount_prints_the_elected(tmp_path, capsys):
    main([str(publish(tmp_path)), str(tmp_path / "result.json")])
    assert "elected: Chocolate, Oranges, Strawberries" in capsys.readouterr().out


def test_one_tampered_row_makes_the_recount_fail(tmp_path):
    ballots = publish(tmp_path)
    text = ballots.read_text()
    ballots.write_text(text.replace("chair,Bert,", "chair,Ans,", 1))
    done = run_recount(ballots)
    assert done.returncode == 1
    assert "chair: counts differ" in done.stdout


def test_a_missing_row_makes_the_recount_fail(tmp_path):
    ballots = publish(tmp_path)
    ballots.write_text(ballots.read_text().replace("statutes,tegen,\n", "", 1))
    assert main([str(ballots)]) == 1


def test_a_published_result_that_differs_from_the_ballots_fails(tmp_path):
    ballots = publish(tmp_path)
    result = tmp_path / "result.json"
    result.write_text(result.read_text().replace('"Pears": 2', '"Pears": 3', 1))
    assert main([str(ballots)]) == 1


def test_the_recount_runs_without_django(tmp_path):
    code = (
        "import sys; from votes.recount import main; code = main(sys.argv[1:]); "
        "assert not any(m.startswith('django') for m in sys.modules), 'django imported'; "
        "sys.exit(code)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(publish(tmp_path))],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr


def test_a_wrong_quorum_is_found():
    rows = read_ballots_csv(ballots_csv([BallotRow("m", ("voor",))]))
    result = count_item(ItemDefinition("m", "motion"), [["voor"]])
    document = result_document(
        items=[(ItemDefinition("m", "motion"), result)], turnout=1, eligible=10,
        quorum_met=True, rules={"quorum": "0.5"},
    )  # fmt: skip
    _, problems = recount(rows, document)
    assert problems == ["quorum_met is True, the rules give False"]


def test_ballots_csv_round_trips_approvals_and_rankings():
    rows = [BallotRow("a", choice=("x", "y")), BallotRow("r", ranking=("p", "q")), BallotRow("b")]
    assert read_ballots_csv(ballots_csv(rows)) == rows


def test_ballots_csv_joins_approvals_with_a_bar_and_rankings_with_a_chevron():
    rows = [BallotRow("a", choice=("x", "y")), BallotRow("r", ranking=("p", "q"))]
    assert ballots_csv(rows).splitlines() == ["item,choice,ranking", "a,x|y,", "r,,p>q"]


def test_a_candidate_name_with_a_separator_is_refused():
    with pytest.raises(ValueError):
        ballot_row(ItemDefinition("r", "ranking", "stv", ["a>b"]), ["a>b"])


def test_result_json_carries_what_a_recount_needs():
    item = result_document(
        items=[(DEFINITIONS[-1], count_item(DEFINITIONS[-1], ANSWERS["list"]))],
        turnout=20, eligible=50, quorum_met=True,
    )["items"][0]  # fmt: skip
    needed = {"item", "kind", "method", "options", "seats", "tie_seed", "full_order"}
    assert needed | {"counts", "elected", "rounds"} <= item.keys()


def test_the_rounds_as_csv_show_each_candidates_votes_and_outcome():
    result = count_item(DEFINITIONS[-1], ANSWERS["list"])
    lines = rounds_csv([("list", result.rounds)]).splitlines()
    assert lines[0] == "item,round,quota,candidate,votes,outcome,why,transfer_value,exhausted"
    assert any(
        row.startswith("list,1,6,Chocolate,12.00000,elected,quota,0.50000,") for row in lines
    )
    assert any(
        row.startswith("list,2,6,Pears,2.00000,excluded,fewest_votes,1.00000,") for row in lines
    )
