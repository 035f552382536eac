"""The floors of ../shared/STYLE.md, read from the source with the ast module.

Dependencies run one way: the top floor (``ledendemocratie``) over the feature apps over
``members`` over the shared floor; feature apps reach each other only through their
``selectors`` and ``services``, never in a circle; the pure algorithms import no Django and
no app of ours; and no module of ours is loaded by a string, which would hide an edge from
this test, from a reader and from a linter.
"""

import ast
from collections import defaultdict
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FLOORS = {
    "shared": 0,
    "members": 1,
    "preferendum": 2,
    "beraad": 2,
    "events": 2,
    "votes": 2,
    "forum": 2,
    "ledendemocratie": 3,
}
# Pure algorithms: plain Python, no Django, no app of ours (beyond their own package).
PURE = [
    "beraad/lottery",
    "beraad/invitations.py",
    "events/tables.py",
    "preferendum/stats.py",
    "forum/participation.py",
    "forum/opinion_map",
    "forum/polis_export.py",
]
DOORS = {"selectors", "services"}  # how one feature app may reach another
BY_STRING = {"importlib", "import_module", "import_string", "__import__"}


def modules(top: Path = ROOT) -> dict[str, ast.Module]:
    """{dotted name: parsed source} of every module of our apps, migrations left out."""
    found = {}
    for app in FLOORS:
        for path in sorted((top / app).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            name = ".".join(path.relative_to(top).with_suffix("").parts)
            found[name.removesuffix(".__init__")] = ast.parse(path.read_text(encoding="utf-8"))
    return found


def imports(tree: ast.Module) -> list[str]:
    """Absolute names a module imports (``from a.b import c`` gives ``a.b`` and ``a.b.c``)."""
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            if "." in node.module:  # "from app import module" names just app.module
                names.append(node.module)
            names += [f"{node.module}.{alias.name}" for alias in node.names]
    return names


def app_of(name: str) -> str:
    return name.split(".")[0]


def upward_imports(found: dict[str, ast.Module]) -> list[str]:
    problems = []
    for name, tree in found.items():
        for target in imports(tree):
            here, there = app_of(name), app_of(target)
            upward = there in FLOORS and there != here and FLOORS[there] >= FLOORS[here]
            if upward and not _through_door(here, target):
                problems.append(f"{name} imports {target}")
    return problems


def _through_door(here: str, target: str) -> bool:
    """A feature app may import another's selectors or services, nothing else of it."""
    parts = target.split(".")
    same_floor = FLOORS[here] == FLOORS[parts[0]] == 2
    return same_floor and len(parts) > 1 and parts[1] in DOORS


def feature_cycle(found: dict[str, ast.Module]) -> list[str]:
    graph = defaultdict(set)
    for name, tree in found.items():
        for target in imports(tree):
            here, there = app_of(name), app_of(target)
            if there != here and FLOORS.get(here) == FLOORS.get(there) == 2:
                graph[here].add(there)
    try:
        list(TopologicalSorter(graph).static_order())
    except CycleError as error:
        return list(error.args[1])
    return []


def impure_imports(found: dict[str, ast.Module]) -> list[str]:
    problems = []
    for name, tree in found.items():
        path = name.replace(".", "/")
        pure = next(
            (p.removesuffix(".py") for p in PURE if path.startswith(p.removesuffix(".py"))), None
        )
        if pure is None:
            continue
        own = pure.replace("/", ".")
        for target in imports(tree):
            ours = app_of(target) in FLOORS and not target.startswith(own)
            if ours or app_of(target) == "django":
                problems.append(f"{name} imports {target}")
    return problems


def loaded_by_string(found: dict[str, ast.Module]) -> list[str]:
    problems = []
    for name, tree in found.items():
        if name == "ledendemocratie.settings":
            continue  # settings name classes by string for Django itself (backends, middleware)
        for node in ast.walk(tree):
            if isinstance(node, ast.Name | ast.Attribute | ast.alias):
                word = getattr(node, "id", None) or getattr(node, "attr", None)
                word = word or getattr(node, "name", "")
                if word.split(".")[-1] in BY_STRING or word == "importlib":
                    problems.append(f"{name}: {word}")
    return problems


@pytest.fixture(scope="module")
def found():
    return modules()


def test_no_floor_imports_a_higher_one(found):
    assert upward_imports(found) == []


def test_feature_apps_import_each_other_without_a_circle(found):
    assert feature_cycle(found) == []


def test_pure_algorithms_import_no_django_and_no_app(found):
    assert impure_imports(found) == []


def test_no_module_of_ours_is_loaded_by_a_string(found):
    assert loaded_by_string(found) == []


def test_the_checks_see_every_app():
    assert {app_of(name) for name in modules()} >= {
        "shared",
        "members",
        "preferendum",
        "beraad",
        "events",
        "ledendemocratie",
    }


# The checks themselves catch what they are for.
def _tree(source: str) -> ast.Module:
    return ast.parse(source)


def test_an_upward_import_is_caught():
    found = {"members.views": _tree("from ledendemocratie.feedback import models")}
    assert upward_imports(found) == [
        "members.views imports ledendemocratie.feedback",
        "members.views imports ledendemocratie.feedback.models",
    ]


def test_a_feature_app_reaching_past_the_door_is_caught():
    found = {"events.views": _tree("from beraad.models import Panel")}
    assert upward_imports(found) != []


def test_a_feature_app_through_the_door_passes():
    found = {"events.topics": _tree("import beraad.selectors")}
    assert upward_imports(found) == []


def test_a_circle_between_feature_apps_is_caught():
    found = {
        "events.topics": _tree("import beraad.selectors"),
        "beraad.selectors": _tree("from events import selectors"),
    }
    assert feature_cycle(found) != []


def test_django_in_the_lottery_is_caught():
    found = {"beraad.lottery.engine": _tree("from django.conf import settings")}
    assert impure_imports(found) == [
        "beraad.lottery.engine imports django.conf",
        "beraad.lottery.engine imports django.conf.settings",
    ]


def test_importlib_is_caught():
    found = {"events.topics": _tree("import importlib\nimportlib.import_module('beraad')")}
    assert loaded_by_string(found) != []
