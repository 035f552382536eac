"""Refresh the figures in docs/performance.md from what the benchmarks wrote to bench/results/.

The report is written by hand, one section per benchmark (what, how, machine, target);
inside a section, the block between ``<!-- bench:NAME -->`` and ``<!-- /bench:NAME -->`` is
replaced by bench/results/NAME.md without its heading. Everything else is left as it is.
"""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT / "docs/performance.md"
BLOCK = re.compile(r"(<!-- bench:([\w-]+) -->\n).*?(\n<!-- /bench:\2 -->)", re.DOTALL)


def figures(path: Path) -> str:
    """A benchmark's latest figures, without the heading it gives them."""
    return re.sub(r"\A#+ [^\n]*\n+", "", path.read_text().strip())


def refresh(report: str, results: Path) -> str:
    """The report with every marked block replaced by its benchmark's latest figures."""

    def fill(match: re.Match) -> str:
        path = results / f"{match[2]}.md"
        return f"{match[1]}{figures(path)}{match[3]}" if path.exists() else match[0]

    return BLOCK.sub(fill, report)


def main() -> None:
    REPORT.write_text(refresh(REPORT.read_text(), ROOT / "bench/results"))


if __name__ == "__main__":
    main()
