"""Every English catalog in the repository is complete, consistent and compiled.

Reads each ``locale/en/LC_MESSAGES/django.po`` with a small parser (no polib) and loads the
committed ``django.mo`` with the standard library's ``gettext``, so a stale .mo (someone
translated but forgot ``make messages``) fails here; mtimes are useless because git does
not keep them. Django merges all catalogs into one at runtime, so the same msgid must
also get the same English in every catalog. And each app catalog holds every string its
code marks (found with Django's own templatize and the ast module, no gettext tools), so
a new {% translate %} without `make messages` fails here rather than showing Dutch.
"""

import ast
import gettext
import re
from pathlib import Path

import pytest
from django.utils.translation.template import templatize

ROOT = Path(__file__).resolve().parent.parent
SKIP = {".venv", "node_modules", "bench", ".git"}
PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sdif]|\{\w*\}")


def catalogs() -> list[Path]:
    found = ROOT.glob("**/locale/en/LC_MESSAGES/django.po")
    return sorted(p for p in found if not SKIP & set(p.relative_to(ROOT).parts))


def parse_po(path: Path) -> list[dict]:
    """Entries as dicts: flags, msgctxt, msgid, msgid_plural, msgstr {index or None: text}."""
    entries = []
    for block in re.split(r"\n\s*\n", path.read_text(encoding="utf-8").strip()):
        entry = {"flags": "", "msgctxt": None, "msgid_plural": None, "msgstr": {}}
        key = None
        for line in block.splitlines():
            if line.startswith("#,"):
                entry["flags"] += line
            if line.startswith("#"):
                continue
            match = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+(".*")$', line)
            key, text = (match[1], match[2]) if match else (key, line.strip())
            value = ast.literal_eval(text)
            if key.startswith("msgstr"):
                index = int(key[7:-1]) if "[" in key else None
                entry["msgstr"][index] = entry["msgstr"].get(index, "") + value
            else:
                entry[key] = (entry.get(key) or "") + value
        if entry.get("msgid"):
            entries.append(entry)
    return entries


GETTEXT_CALLS = {
    "_": ("msgid",),
    "gettext": ("msgid",),
    "gettext_lazy": ("msgid",),
    "gettext_noop": ("msgid",),
    "pgettext": ("msgctxt", "msgid"),
    "pgettext_lazy": ("msgctxt", "msgid"),
    "ngettext": ("msgid", "msgid_plural"),
    "ngettext_lazy": ("msgid", "msgid_plural"),
    "npgettext": ("msgctxt", "msgid", "msgid_plural"),
    "npgettext_lazy": ("msgctxt", "msgid", "msgid_plural"),
}


def marked_strings(source: str) -> set[tuple]:
    """(msgctxt, msgid) of every gettext call with literal arguments in Python source."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name | ast.Attribute):
            continue
        name = node.func.id if isinstance(node.func, ast.Name) else node.func.attr
        fields = GETTEXT_CALLS.get(name, ())
        args = [a.value if isinstance(a, ast.Constant) else None for a in node.args]
        values = dict(zip(fields, args, strict=False))
        if isinstance(values.get("msgid"), str):
            found.add((values.get("msgctxt"), values["msgid"]))
    return found


def app_strings(app: Path) -> set[tuple]:
    """What makemessages would extract from an app: its Python code and its templates."""
    found = set()
    for path in app.rglob("*"):
        parts = set(path.relative_to(app).parts)
        if parts & {"migrations", "locale", "static", "__pycache__"} or not path.is_file():
            continue
        if path.suffix == ".py":
            found |= marked_strings(path.read_text(encoding="utf-8"))
        elif path.suffix in (".html", ".txt") and "templates" in parts:
            text = templatize(path.read_text(encoding="utf-8"), origin=str(path))
            found |= marked_strings(_calls_only(text))
    return found


def _calls_only(templatized: str) -> str:
    """templatize() output blanks out everything but the gettext calls: keep just those."""
    calls = re.findall(
        r" ((?:n?p?gettext|_)\((?:'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|[^()'\"])*\)) ",
        templatized,
    )
    return "\n".join(calls)


def mo_lookup(mo: gettext.GNUTranslations, entry: dict, n: int = 1) -> str:
    context = entry["msgctxt"]
    if entry["msgid_plural"] is None:
        if context:
            return mo.pgettext(context, entry["msgid"])
        return mo.gettext(entry["msgid"])
    if context:
        return mo.npgettext(context, entry["msgid"], entry["msgid_plural"], n)
    return mo.ngettext(entry["msgid"], entry["msgid_plural"], n)


def test_every_feature_app_has_an_english_catalog():
    apps = {po.relative_to(ROOT).parts[0] for po in catalogs()}
    assert {"members", "preferendum", "events"} <= apps


@pytest.mark.parametrize("po", catalogs(), ids=lambda p: str(p.relative_to(ROOT).parts[0]))
def test_catalog_is_complete_and_compiled(po):
    assert po.with_suffix(".mo").exists(), "no compiled .mo: run make messages"
    with po.with_suffix(".mo").open("rb") as file:
        mo = gettext.GNUTranslations(file)
    problems = []
    for entry in parse_po(po):
        msgid, strings = entry["msgid"], entry["msgstr"]
        if "fuzzy" in entry["flags"]:
            problems.append(f"fuzzy: {msgid!r}")
        if not strings or not all(strings.values()):
            problems.append(f"untranslated: {msgid!r}")
            continue
        sources = [msgid] if entry["msgid_plural"] is None else [msgid, entry["msgid_plural"]]
        for source, text in zip(sources, strings.values(), strict=False):
            if set(PLACEHOLDER.findall(source)) != set(PLACEHOLDER.findall(text)):
                problems.append(f"placeholders differ: {source!r} -> {text!r}")
        for n, index in ((1, 0), (2, 1)) if entry["msgid_plural"] else ((1, None),):
            if mo_lookup(mo, entry, n) != strings.get(index):
                problems.append(f".mo is stale (run make messages): {msgid!r}")
    assert problems == []


@pytest.mark.parametrize("po", catalogs(), ids=lambda p: str(p.relative_to(ROOT).parts[0]))
def test_catalog_has_every_marked_string_of_its_app(po):
    """A string marked in the code but missing from the .po shows in Dutch: run make messages."""
    app = po.parents[3]
    if app == ROOT:
        pytest.skip("the project catalog collects what no app catalog holds")
    in_catalog = {(entry["msgctxt"], entry["msgid"]) for entry in parse_po(po)}
    assert sorted(app_strings(app) - in_catalog, key=str) == []


def test_catalogs_agree_on_shared_msgids():
    """One runtime catalog: a msgid translated differently in two apps would show one of them."""
    seen: dict[tuple, tuple[str, str]] = {}
    clashes = []
    for po in catalogs():
        for entry in parse_po(po):
            key = (entry["msgctxt"], entry["msgid"], entry["msgid_plural"])
            text = tuple(entry["msgstr"].values())
            if not all(text):
                continue  # reported by test_catalog_is_complete_and_compiled
            where = str(po.relative_to(ROOT).parts[0])
            if key in seen and seen[key][0] != text:
                clashes.append(
                    f"{entry['msgid']!r}: {seen[key][1]} {seen[key][0]} vs {where} {text}"
                )
            seen.setdefault(key, (text, where))
    assert clashes == []
