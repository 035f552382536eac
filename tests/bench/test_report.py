"""bench/report.py refreshes the marked figures of docs/performance.md and nothing else."""

from bench.report import refresh

REPORT = """## Import

Written by hand.

<!-- bench:import -->
old figures
<!-- /bench:import -->

## Seating

<!-- bench:seating -->
figures without a results file
<!-- /bench:seating -->
"""


def _results(tmp_path, **files):
    for name, text in files.items():
        (tmp_path / f"{name}.md").write_text(text)
    return tmp_path


def test_a_marked_block_gets_the_latest_figures_without_their_heading(tmp_path):
    figures = "## Member import\n\n| run | s |\n|---|---|\n| 1 | 23 |\n"
    results = _results(tmp_path, **{"import": figures})
    report = refresh(REPORT, results)
    block = "<!-- bench:import -->\n| run | s |\n|---|---|\n| 1 | 23 |\n<!-- /bench:import -->"
    assert block in report
    assert "old figures" not in report and "## Member import" not in report


def test_text_outside_the_blocks_is_left_as_written(tmp_path):
    results = _results(tmp_path, **{"import": "new"})
    report = refresh(REPORT, results)
    assert report.startswith("## Import\n\nWritten by hand.\n") and "## Seating" in report


def test_a_block_without_a_results_file_is_kept(tmp_path):
    assert "figures without a results file" in refresh(REPORT, tmp_path)
