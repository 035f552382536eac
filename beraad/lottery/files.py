"""Reading the CSV files of the command line (the format of the Nature 2021 replication data)."""

from __future__ import annotations

import csv
from pathlib import Path

from .model import Person, Quota

HEADERS = (("category", "feature"), ("feature", "value"))


def read_categories(path: Path) -> list[Quota]:
    """Quotas from `category,feature,min,max` (or `feature,value,min,max`) rows."""
    with open(path, newline="", encoding="utf-8-sig") as file:
        reader = csv.DictReader(file)
        fields = [f.strip() for f in reader.fieldnames or []]
        keys = next((pair for pair in HEADERS if set(pair) <= set(fields)), None)
        if keys is None or not {"min", "max"} <= set(fields):
            raise ValueError(f"{path}: expected the header category,feature,min,max")
        quotas = []
        for line, row in enumerate(reader, start=2):
            row = {k.strip(): (v or "").strip() for k, v in row.items() if k}
            quotas.append(
                Quota(
                    row[keys[0]],
                    row[keys[1]],
                    _integer(row, "min", path, line),
                    _integer(row, "max", path, line),
                )
            )
    if not quotas:
        raise ValueError(f"{path}: no quotas")
    return quotas


def read_respondents(path: Path, categories: set[str]) -> list[Person]:
    """People with an `id` column (else the row number from 0) and optional `household`."""
    with open(path, newline="", encoding="utf-8-sig") as file:
        reader = csv.DictReader(file)
        fields = {f.strip() for f in reader.fieldnames or []}
        missing = sorted(categories - fields)
        if missing:
            raise ValueError(f"{path}: no column for the categories {', '.join(missing)}")
        people = []
        for number, row in enumerate(reader):
            row = {k.strip(): (v or "").strip() for k, v in row.items() if k}
            person_id = row.get("id") or str(number)
            household = row.get("household") or None
            people.append(Person(person_id, {c: row[c] for c in categories}, household))
    return people


def _integer(row: dict, key: str, path: Path, line: int) -> int:
    try:
        return int(row[key])
    except ValueError:
        raise ValueError(
            f"{path}, line {line}: {key} must be a whole number, not {row[key]!r}"
        ) from None
