"""`manage.py lottery` is the command line of the engine, reachable through Django."""

from __future__ import annotations

import json

import pytest
from django.core.management import CommandError, call_command

from beraad.lottery.cli import json_lines


def _files(tmp_path, minimum: int):
    (tmp_path / "c.csv").write_text(f"category,feature,min,max\ng,a,{minimum},3\ng,b,0,3\n")
    (tmp_path / "r.csv").write_text("id,g\n1,a\n2,a\n3,b\n4,b\n5,b\n")
    return ["--categories", str(tmp_path / "c.csv"), "--respondents", str(tmp_path / "r.csv")]


def test_command_writes_the_result(tmp_path):
    out = tmp_path / "result.json"
    call_command("lottery", *_files(tmp_path, 1), "--panel-size", "3", "--seed", "s", "--out", out)
    result = json.loads(out.read_text())
    assert len(result["panel"]) == 3
    assert result["min_probability"] == pytest.approx(0.6)  # 3 seats shared equally by 5


def test_command_fails_with_exit_code_2_on_infeasible_quotas(tmp_path, capsys):
    out = tmp_path / "result.json"
    with pytest.raises(CommandError) as error:
        call_command(
            "lottery", *_files(tmp_path, 3), "--panel-size", "3", "--seed", "s", "--out", out
        )
    assert error.value.returncode == 2
    assert "lower the minimum of g=a from 3 to 2" in capsys.readouterr().err
    assert json.loads(out.read_text())["feasible"] is False


@pytest.mark.parametrize(
    "document",
    [
        {"panel": ["p1", "p2"], "probabilities": {"p1": 0.1, "p2": 1 / 3}, "empty": [], "none": {}},
        {"portfolio": [{"panel": ["a", "b"], "probability": 0.25}], "seed": 'with "quotes"'},
        {"nested": {"M": 1000, "slots": [1, 2, 3]}, "flag": True, "bound": None},
    ],
)
def test_result_json_reads_back_as_the_document_it_was_written_from(document):
    assert json.loads(json_lines(document)) == document


def test_result_json_puts_each_portfolio_panel_on_a_line_of_its_own():
    document = {"portfolio": [{"panel": ["a"], "probability": 0.5}] * 3, "seed": "s"}
    lines = json_lines(document).splitlines()
    assert lines.count('  {"panel": ["a"], "probability": 0.5},') == 2
