"""Is there a panel at all? If not, the smallest change of the quotas that makes one exist."""

from __future__ import annotations

import highspy
import numpy as np

from . import solver
from .instance import Instance, build_instance
from .model import Person, Quota, Relaxation
from .solver import INF, new_highs, node_limit_reached, pass_model


def check_feasibility(
    people: list[Person], quotas: list[Quota], panel_size: int
) -> list[Relaxation]:
    """The smallest relaxation of the quotas (least total change in seats); [] when feasible."""
    return relaxations_for(build_instance(people, quotas, panel_size))


def relaxations_for(inst: Instance) -> list[Relaxation]:
    """`check_feasibility` on a built instance."""
    n_types, n_quotas = len(inst.sizes), len(inst.quotas)
    eye = np.eye(n_quotas)
    zeros = np.zeros((n_quotas, n_quotas))
    # Columns: type counts, then slack below each minimum, then slack above each maximum.
    matrix = np.vstack(
        [
            np.hstack([np.ones((1, n_types)), np.zeros((1, 2 * n_quotas))]),
            np.hstack([inst.quota_matrix, eye, zeros]),
            np.hstack([inst.quota_matrix, zeros, -eye]),
            _household_rows(inst, n_types + 2 * n_quotas),
        ]
    )
    mins = np.array([q.min for q in inst.quotas], float)
    maxs = np.array([q.max for q in inst.quotas], float)
    n_households = len(inst.households)
    row_lower = np.concatenate(
        [[inst.panel_size], mins, np.full(n_quotas, -INF), np.zeros(n_households)]
    )
    row_upper = np.concatenate(
        [[inst.panel_size], np.full(n_quotas, INF), maxs, np.ones(n_households)]
    )
    cost = np.concatenate([np.zeros(n_types), np.ones(2 * n_quotas)])
    col_upper = np.concatenate([inst.sizes, mins, np.full(n_quotas, inst.panel_size)])
    # Without presolve: on 10,000 respondents it takes three times as long as the solve.
    highs = new_highs(mip_max_nodes=solver.IP_NODE_LIMIT, presolve="off")
    pass_model(
        highs,
        cost,
        np.zeros(len(cost)),
        col_upper,
        matrix,
        row_lower,
        row_upper,
        [True] * len(cost),
        highspy.ObjSense.kMinimize,
    )
    highs.run()
    if highs.getModelStatus() == highspy.HighsModelStatus.kInfeasible:
        raise ValueError("no panel of this size exists even without quotas (households?)")
    if highs.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        raise node_limit_reached("checking the quotas")
    slack = np.rint(highs.getSolution().col_value[n_types:]).astype(int)
    return _describe(inst, slack[:n_quotas], slack[n_quotas:])


def _household_rows(inst: Instance, n_columns: int) -> np.ndarray:
    rows = np.zeros((len(inst.households), n_columns))
    for row, group in zip(rows, inst.households, strict=True):
        row[group] = 1
    return rows


def _describe(inst: Instance, below: np.ndarray, above: np.ndarray) -> list[Relaxation]:
    result = []
    for quota, down, up in zip(inst.quotas, below, above, strict=True):
        if down > 0:
            result.append(
                Relaxation(quota.category, quota.value, "min", quota.min, int(quota.min - down))
            )
        if up > 0:
            result.append(
                Relaxation(quota.category, quota.value, "max", quota.max, int(quota.max + up))
            )
    return result
