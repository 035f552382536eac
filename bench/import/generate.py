"""Write a realistic member export of N rows (default 150,000) to a CSV file."""

import random
import sys
from datetime import date, timedelta

HEADER = (
    "lidnummer;voornaam;tussenvoegsel;achternaam;email;telefoon;geboortedatum;"
    "geslacht;postcode;afdeling;lid_sinds;soort"
)
FIRST = ["Anna", "Sem", "Fatima", "Daan", "Noor", "Mohamed", "Lotte", "Jan", "Sanne", "Aylin"]
LAST = [("", "Jansen"), ("de", "Vries"), ("van", "Dijk"), ("", "Bakker"), ("", "Yılmaz")]
BRANCHES = [f"Gemeente {n}" for n in range(1, 343)]


def rows(count: int, seed: int = 150, changed_every: int = 0):
    """The export; with ``changed_every`` = n, every n-th member has a new phone number."""
    rng = random.Random(seed)
    for n in range(1, count + 1):
        infix, last = rng.choice(LAST)
        born = date(2008, 1, 1) - timedelta(days=rng.randint(0, 25000))
        since = date(2026, 1, 1) - timedelta(days=rng.randint(0, 9000))
        email = f"lid{n}@voorbeeld.nl" if n % 20 else ""
        born_text = born.isoformat() if n % 3 else born.strftime("%d-%m-%Y")
        yield (
            f"{n:07d};{rng.choice(FIRST)};{infix};{last};{email};"
            f"{'07' if changed_every and n % changed_every == 0 else '06'}{n:08d};{born_text};"
            f"{rng.choice('vmvmx')};{rng.randint(1000, 9999)} AB;{rng.choice(BRANCHES)};"
            f"{since.isoformat()};{'lid' if n % 7 else 'sympathisant'}"
        )


def write(path: str, count: int, changed_every: int = 0) -> None:
    with open(path, "w", encoding="utf-8", newline="") as file:
        file.write(HEADER + "\r\n")
        for row in rows(count, changed_every=changed_every):
            file.write(row + "\r\n")


if __name__ == "__main__":
    write(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 150_000)
