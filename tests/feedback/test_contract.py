"""Every feature app that runs participation processes keeps the contract of the top floor.

``members/processes.py`` states it as two Protocols; the roof (``ledendemocratie/processes.py``)
calls these functions directly, so a missing or misspelled one, or one whose keyword
arguments drifted, fails here instead of hiding a process from feedback or the data export.
"""

import inspect

import pytest

from ledendemocratie.processes import PROCESS_SOURCES
from members.processes import ProcessPublic, ProcessSelectors, ProcessServices

CONTRACT = [
    (ProcessSelectors, "selectors"),
    (ProcessServices, "services"),
    (ProcessPublic, "public"),
]


def _contract_functions():
    for protocol, side in CONTRACT:
        for name, function in inspect.getmembers(protocol, inspect.isfunction):
            if not name.startswith("_"):
                yield protocol, side, name, function


def _parameters(function) -> list[tuple[str, object]]:
    """(name, kind) of each parameter, without the Protocol's ``self``."""
    params = inspect.signature(function).parameters.values()
    return [(p.name, p.kind) for p in params if p.name != "self"]


@pytest.mark.parametrize("kind", list(PROCESS_SOURCES))
@pytest.mark.parametrize(
    ("side", "name", "function"),
    [(side, name, function) for _, side, name, function in _contract_functions()],
)
def test_every_process_app_offers_the_contract(kind, side, name, function):
    module = getattr(PROCESS_SOURCES[kind], side)
    offered = getattr(module, name, None)
    assert callable(offered), f"{module.__name__} lacks {name}"
    assert _parameters(offered) == _parameters(function), f"{module.__name__}.{name}"


def test_the_contract_is_not_empty():
    assert len(list(_contract_functions())) >= 10
