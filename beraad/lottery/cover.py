"""A panel on a face by depth-first search: which free types get their extra seat.

On a face of the walk (`faces.py`) every free type count is its floor or one more, so a
panel is a set of free types whose seats bring every row within its bounds. Late in the
walk most rows are tight and few types are free: seat moves and exchanges no longer fit,
and an integer programme takes 100-200 ms for what a search with the right branching
settles in a few hundred nodes (a few thousand at worst). The search branches on the row
that has the fewest candidates per seat it needs, tries its candidates in the
caller's order (the face's LP vertex first), and prunes by counting: a row that needs
more seats than it has candidates, or a category whose rows need more seats than are
left, fails at once.

Types are bits of plain Python integers and rows their sets, so a node is a few dozen
popcounts (about 12 us, three times faster than with NumPy arrays). No solver and no
clock: the same inputs give the same panel on any machine. The search stops after
NODE_LIMIT nodes (a count); the caller then asks the integer programme.
"""

from __future__ import annotations

import numpy as np

NODE_LIMIT = 20_000


class _OutOfNodes(Exception):
    pass


def _bits(column_flags: np.ndarray) -> int:
    return int.from_bytes(np.packbits(column_flags, bitorder="little").tobytes(), "little")


class SeatSearch:
    """Search over one matrix of 0/1 rows (rows x free types)."""

    def __init__(self, matrix: np.ndarray, categories: list[np.ndarray], limit: int = NODE_LIMIT):
        """`categories`: groups of rows in which each type counts exactly once (a
        category's quota rows); they sharpen the pruning. `limit`: nodes at most."""
        self.limit = limit
        self.matrix = np.asarray(matrix, dtype=np.int32)
        self.categories = [
            [int(r) for r in group]
            for group in categories
            if len(group) and np.all(self.matrix[group].sum(axis=0) == 1)
        ]
        self.sized = bool(len(self.matrix)) and bool(np.all(self.matrix[0] == 1))
        self.nodes = 0
        self.exhausted = False

    def find(self, need: np.ndarray, room: np.ndarray, weights: np.ndarray) -> np.ndarray | None:
        """A 0/1 choice of the types whose rows total at least `need` and at most `room`
        (heaviest types tried first); None if there is none, or the node limit was hit
        (see `exhausted`)."""
        self.nodes = 0
        self.exhausted = False
        n = len(weights)
        # Types as bits, heaviest first: the lowest bit of a set is its heaviest type.
        order = np.lexsort((np.arange(n), -np.asarray(weights)))
        ranked = self.matrix[:, order] > 0
        self.row_bits = [_bits(row) for row in ranked]
        self.rows_of = [np.flatnonzero(ranked[:, i]).tolist() for i in range(n)]
        need, room = [int(x) for x in need], [int(x) for x in room]
        open_ = (1 << n) - 1
        for bits, left in zip(self.row_bits, room, strict=True):
            if left <= 0:
                open_ &= ~bits  # a type in a full row is out
        try:
            chosen = self._search(need, room, open_)
        except _OutOfNodes:
            self.exhausted = True
            return None
        if chosen is None:
            return None
        picked = np.zeros(n, dtype=np.int64)
        picked[order[chosen]] = 1
        return picked

    def _search(self, need: list[int], room: list[int], open_: int) -> list[int] | None:
        """Bits of a choice from the `open_` types that meets `need` and `room`."""
        self.nodes += 1
        if self.nodes > self.limit:
            raise _OutOfNodes
        short = [r for r, n in enumerate(need) if n > 0]
        if not short:
            return []
        row_bits = self.row_bits
        available = [(bits & open_).bit_count() for bits in row_bits]
        for r in short:
            if available[r] < need[r]:
                return None
        if self.sized:
            # Each seat counts in one row of a category: the rows short of seats cannot
            # need more than are left, and the rows with room must take the seats needed.
            seats = need[0]
            for group in self.categories:
                if sum([need[r] for r in group if need[r] > 0]) > room[0]:
                    return None
                if sum([min(room[r], available[r]) for r in group]) < seats:
                    return None
        # Branch on the row with the fewest candidates per seat it needs.
        row = min(short, key=lambda r: available[r] / need[r])
        candidates = row_bits[row] & open_
        spare = available[row] - need[row]
        while candidates:
            low = candidates & -candidates
            candidates ^= low
            open_ &= ~low
            t = low.bit_length() - 1
            need_t, room_t, open_t = need[:], room[:], open_
            for r in self.rows_of[t]:
                need_t[r] -= 1
                room_t[r] -= 1
                if room_t[r] == 0:
                    open_t &= ~row_bits[r]
            found = self._search(need_t, room_t, open_t)
            if found is not None:
                return [t, *found]
            # Without t: the row must still find its seats among the rest.
            if spare == 0:
                return None
            spare -= 1
        return None
