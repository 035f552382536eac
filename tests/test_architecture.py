"""The floors of ../shared/STYLE.md, read from the source with the ast module.

Dependencies run one way: the top floor (``ledendemocratie``) over the feature apps over
``members`` over the shared floor; feature apps reach each other only through their
``selectors`` and ``services``, never in a circle; the pure algorithms import no Django and
no app of ours; and no module of ours is loaded by a string, which would hide an edge from
this test, from a reader and from a linter.
"""

import ast
import os
import subprocess
import sys
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
    "events/seating.py",
    "preferendum/stats.py",
    "votes/counting",
    "votes/recount.py",
    "forum/participation.py",
    "forum/opinion_map",
    "forum/polis_export.py",
]
DOORS = {"selectors", "services"}  # how one feature app may reach another
BY_STRING = {"importlib", "import_module", "import_string", "__import__"}
# Security-relevant glue that the shared floor writes once for every app: no other module
# defines a function of the same name, or reaches past it for what it wraps.
SHARED_ONCE = ["shared/http.py", "shared/forms.py", "shared/links.py", "shared/chunks.py"]
WRAPPED = {
    "django.contrib.auth.decorators.login_required": "shared.http.login_required_htmx",
    "django.contrib.auth.views.redirect_to_login": "shared.http.login_redirect",
    "django.core.signing": "shared.links",
}
CLIENT_ADDRESS = {"REMOTE_ADDR", "HTTP_X_FORWARDED_FOR", "get_client_ip"}  # shared.http.client_ip
# Signing that is no personal link: events.forms signs a guest form's start time (a timestamp
# against bots, not a link for a member): plain django.core.signing is the right tool there,
# and a wrapper on the shared floor would add nothing.
SIGNS_NO_LINK = {"events.forms"}


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
            # a pure module may import another pure one of its own app (votes.recount)
            sibling = _pure(target) and app_of(target) == app_of(name)
            ours = app_of(target) in FLOORS and not target.startswith(own) and not sibling
            if ours or app_of(target) == "django":
                problems.append(f"{name} imports {target}")
    return problems


def _pure(target: str) -> bool:
    path = target.replace(".", "/")
    return any(path.startswith(p.removesuffix(".py")) for p in PURE)


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


def shared_helper_names(top: Path = ROOT) -> set[str]:
    """The public functions of the shared floor's glue modules."""
    names = set()
    for path in SHARED_ONCE:
        tree = ast.parse((top / path).read_text(encoding="utf-8"))
        names |= {
            node.name
            for node in tree.body
            if isinstance(node, ast.FunctionDef) and not node.name.startswith("_")
        }
    return names


def shared_glue_elsewhere(found: dict[str, ast.Module], helpers: set[str]) -> list[str]:
    """Modules outside the shared floor that write its glue again, or bypass it."""
    problems = []
    for name, tree in found.items():
        if app_of(name) == "shared":
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name in helpers:
                problems.append(f"{name} defines {node.name}")
            if isinstance(node, ast.Constant) and node.value in CLIENT_ADDRESS:
                problems.append(f"{name} reads {node.value}")
            if isinstance(node, ast.Attribute) and node.attr in CLIENT_ADDRESS:
                problems.append(f"{name} calls {node.attr}")
        for target in imports(tree):
            bypassed = target in WRAPPED and not (
                target == "django.core.signing" and name in SIGNS_NO_LINK
            )
            if bypassed:
                problems.append(f"{name} imports {target}: use {WRAPPED[target]}")
    return problems


# Refusing access: a 403, a login. A bare 404 is left out: "no such page" is no access rule.
ACCESS = {"PermissionDenied", "login_redirect", "login_required_htmx"}


def _refuses(node: ast.AST) -> str | None:
    """The access word a statement uses to refuse (raise 403, send to the login)."""
    if isinstance(node, ast.Raise) and node.exc is not None:
        exc = node.exc.func if isinstance(node.exc, ast.Call) else node.exc
        word = getattr(exc, "id", getattr(exc, "attr", ""))
        return word if word in ACCESS else None
    if isinstance(node, ast.Call):
        word = getattr(node.func, "id", getattr(node.func, "attr", ""))
        return word if word in ACCESS else None
    return None


def access_helpers_in_views(found: dict[str, ast.Module]) -> list[str]:
    """Functions of a views module that are no view (their first argument is not the
    request) and refuse access: such helpers belong in the app's permissions.py."""
    problems = []
    for name, tree in found.items():
        if "views" not in name.split("."):
            continue
        for node in tree.body:
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            first = node.args.args[0].arg if node.args.args else ""
            if first == "request":
                continue
            words = {_refuses(inner) for inner in ast.walk(node)} - {None}
            if words:
                problems.append(f"{name}.{node.name} refuses access: move it to permissions.py")
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


def test_shared_glue_is_written_once_on_the_shared_floor(found):
    assert shared_glue_elsewhere(found, shared_helper_names()) == []


def test_access_helpers_live_in_permissions_not_in_views(found):
    assert access_helpers_in_views(found) == []


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


def test_the_recount_reaching_the_votes_models_is_caught():
    found = {"votes.recount": _tree("from votes.models import Ballot")}
    assert impure_imports(found) == [
        "votes.recount imports votes.models",
        "votes.recount imports votes.models.Ballot",
    ]


def test_the_recount_may_run_the_pure_counting():
    found = {"votes.recount": _tree("from votes.counting import count_item")}
    assert impure_imports(found) == []


def test_importlib_is_caught():
    found = {"events.topics": _tree("import importlib\nimportlib.import_module('beraad')")}
    assert loaded_by_string(found) != []


def test_a_copied_login_decorator_is_caught():
    found = {"events.views.helpers": _tree("def login_required_htmx(view):\n    return view")}
    assert shared_glue_elsewhere(found, shared_helper_names()) == [
        "events.views.helpers defines login_required_htmx"
    ]


def test_plain_login_required_is_caught():
    found = {"events.views": _tree("from django.contrib.auth.decorators import login_required")}
    assert shared_glue_elsewhere(found, set()) == [
        "events.views imports django.contrib.auth.decorators.login_required:"
        " use shared.http.login_required_htmx"
    ]


def test_reading_the_client_address_by_hand_is_caught():
    found = {"events.views.public": _tree("ip = request.META['REMOTE_ADDR']")}
    assert shared_glue_elsewhere(found, set()) == ["events.views.public reads REMOTE_ADDR"]


def test_signing_a_link_outside_the_shared_floor_is_caught():
    found = {"preferendum.tokens": _tree("from django.core import signing")}
    assert shared_glue_elsewhere(found, set()) == [
        "preferendum.tokens imports django.core.signing: use shared.links"
    ]


def test_an_access_helper_in_views_is_caught():
    source = "def _to_join(user, pk):\n    if not user:\n        raise PermissionDenied\n"
    found = {"forum.views.statements": _tree(source)}
    assert access_helpers_in_views(found) == [
        "forum.views.statements._to_join refuses access: move it to permissions.py"
    ]


def test_an_access_decorator_in_views_is_caught():
    source = "def member_or_link_required(view):\n    return login_required_htmx(view)\n"
    found = {"preferendum.views.answering": _tree(source)}
    assert access_helpers_in_views(found) != []


def test_a_view_that_refuses_is_no_access_helper():
    source = "def detail(request, pk):\n    raise PermissionDenied\n"
    assert access_helpers_in_views({"events.views.public": _tree(source)}) == []


HEAVY = ["pref_voting", "stvpoll", "sklearn", "scipy", "numba", "matplotlib"]


def test_a_worker_starts_without_the_counting_and_clustering_libraries():
    """Celery imports every app's tasks at start: pref_voting (numba, SciPy, matplotlib) and
    scikit-learn are imported inside the counting and clustering functions, else every
    worker and web process carries some 300 MB it rarely uses."""
    script = (
        "import sys, django; django.setup()\n"
        "from ledendemocratie.celery import app\n"
        "app.loader.import_default_modules()\n"
        f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))\n"
    )
    env = {**os.environ, "DEBUG": "True", "DJANGO_SETTINGS_MODULE": "ledendemocratie.settings"}
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"
