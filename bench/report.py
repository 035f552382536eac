"""Assemble docs/performance.md from the tables the benchmarks wrote to bench/results/."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEADER = """# Performance

Measured with `make bench` on the project's reference machine (2 cores, 24 GiB). Each section
is written by one benchmark under `bench/`; raw figures are in `bench/results/*.json`.
"""


def main() -> None:
    sections = [path.read_text().strip() for path in sorted((ROOT / "bench/results").glob("*.md"))]
    (ROOT / "docs/performance.md").write_text("\n\n".join([HEADER.strip(), *sections]) + "\n")


if __name__ == "__main__":
    main()
