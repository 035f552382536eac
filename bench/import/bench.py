"""Member import benchmark: 150,000 rows on PostgreSQL, then the same file again.

Writes bench/results/import.json and bench/results/import.md. The imports run in child
processes so that their peak memory (ru_maxrss) is the import's own.
"""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench/import"))
from generate import write  # noqa: E402

ROWS = int(os.environ.get("IMPORT_ROWS", "150000"))
DB_URL = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/ld_bench_import")
WORK = ROOT / "var/bench"
COPY_TABLE = """CREATE TEMP TABLE copy_target (
    lidnummer text, voornaam text, tussenvoegsel text, achternaam text, email text,
    telefoon text, geboortedatum text, geslacht text, postcode text, afdeling text,
    lid_sinds text, soort text)"""


def fresh_database() -> None:
    server, name = DB_URL.rsplit("/", 1)
    with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
    run_django(["manage.py", "migrate", "--noinput", "-v0"])


def run_django(args: list[str]) -> str:
    env = {
        **os.environ,
        "DATABASE_URL": DB_URL,
        "DJANGO_SETTINGS_MODULE": "ledendemocratie.settings",
        "DEBUG": os.environ.get("DEBUG", "True"),  # as before: the settings default to False
    }
    done = subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    return done.stdout


def import_once(path: Path) -> dict:
    return json.loads(run_django(["bench/import/measure.py", str(path)]).strip().splitlines()[-1])


def copy_seconds(path: Path) -> float:
    with psycopg.connect(DB_URL) as connection:
        connection.execute(COPY_TABLE)
        started = time.perf_counter()
        sql = "COPY copy_target FROM STDIN WITH (FORMAT csv, DELIMITER ';', HEADER true)"
        with connection.cursor().copy(sql) as copy, open(path, "rb") as file:
            while data := file.read(1 << 20):
                copy.write(data)
        return time.perf_counter() - started


def _row(name: str, run: dict) -> str:
    figures = [run["seconds"], run["peak_rss_mb"], *(f"{run[k]:,}" for k in COUNTS)]
    return f"| {name} | " + " | ".join(str(f) for f in figures) + " |"


COUNTS = ("created", "updated", "unchanged")


def markdown(result: dict) -> str:
    return f"""## Member import (`bench/import`)

{result["rows"]:,} generated rows, PostgreSQL, one process (`BENCH=import make bench`).

| run | time (s) | peak memory (MB) | created | updated | unchanged |
|---|---:|---:|---:|---:|---:|
{_row("first import", result["first_import"])}
{_row("second, identical import", result["second_import"])}
{_row("third import, 10% of the rows changed", result["import_with_10_percent_changed"])}
| PostgreSQL `COPY` of the same rows into a bare table | {result["copy_seconds"]} | – | | | |

First import / `COPY`: **{result["ratio_to_copy"]}×**. Targets: under 60 s and under 400 MB;
the second import changes nothing. On PostgreSQL new members are written with `COPY`, changed
ones by `COPY` into a temporary table and one `UPDATE … FROM` per chunk of 1,000; the file is
read twice (validate everything, then write).
Load average during the run: {result["load_average"]} (the machine is shared).
"""


def main() -> None:
    WORK.mkdir(parents=True, exist_ok=True)
    path = WORK / "members.csv"
    write(str(path), ROWS)
    fresh_database()
    first = import_once(path)
    second = import_once(path)
    changed_path = WORK / "members-changed.csv"
    write(str(changed_path), ROWS, changed_every=10)
    changed = import_once(changed_path)
    copy = copy_seconds(path)
    result = {
        "rows": ROWS,
        "first_import": first,
        "second_import": second,
        "import_with_10_percent_changed": changed,
        "copy_seconds": round(copy, 2),
        "ratio_to_copy": round(first["seconds"] / copy, 1),
        "load_average": round(os.getloadavg()[0], 1),
    }
    results = ROOT / "bench/results"
    (results / "import.json").write_text(json.dumps(result, indent=2) + "\n")
    (results / "import.md").write_text(markdown(result))
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
