"""Splitting fused digits ("640020470" for seven cells) only where the rules allow one way.

When a page was flattened to one line, adjacent numeric cells fuse. A run of
digits is split into cells with no leading zeros (a cell is "0" or starts with
1–9) and a space always ends a cell. Of all such splits, those that break the
table's own sums are dropped (a row's total column, and for table 三 the column
sums and the balance of every column); a cell gets a value only when every
remaining split agrees on it. A wrong number is worse than a missing one.
"""

from __future__ import annotations

import itertools
import re
from functools import lru_cache
from typing import Iterator, Sequence

_DIGITS = re.compile(r"^\d+$")

MAX_CANDIDATES = 5000
MAX_COMBINATIONS = 200_000


@lru_cache(maxsize=4096)
def _splits(token: str, parts: int) -> tuple[tuple[int, ...], ...]:
    """Every way to cut ``token`` into ``parts`` numbers without leading zeros."""
    if parts <= 0 or parts > len(token):
        return ()
    if parts == 1:
        return ((int(token),),) if token == "0" or token[0] != "0" else ()
    if token[0] == "0":  # a cell starting with 0 is the cell "0"
        return tuple((0, *rest) for rest in _splits(token[1:], parts - 1))
    result = []
    for cut in range(1, len(token) - parts + 2):
        head = int(token[:cut])
        result.extend((head, *rest) for rest in _splits(token[cut:], parts - 1))
    return tuple(result)


def candidates(tokens: Sequence[str], count: int) -> list[tuple[int, ...]]:
    """Every way to read digit tokens as ``count`` cells; [] if any token is not digits."""
    if not tokens or any(not _DIGITS.match(t) for t in tokens):
        return []
    if len(tokens) > count or sum(len(t) for t in tokens) < count:
        return []
    results: list[tuple[int, ...]] = []

    def place(index: int, remaining: int, prefix: tuple[int, ...]) -> None:
        if len(results) > MAX_CANDIDATES:
            return
        if index == len(tokens):
            if remaining == 0:
                results.append(prefix)
            return
        left = len(tokens) - index - 1
        for parts in range(1, remaining - left + 1):
            for split in _splits(tokens[index], parts):
                place(index + 1, remaining - parts, prefix + split)

    place(0, count, ())
    return results


def satisfies(values: Sequence[int], constraints: Sequence[tuple[int, Sequence[int]]]) -> bool:
    return all(values[total] == sum(values[i] for i in parts) for total, parts in constraints)


def agreed(options: Sequence[Sequence[int]]) -> list[int | None]:
    """Per position: the value every option agrees on, or None."""
    return [column[0] if len(set(column)) == 1 else None for column in zip(*options)]


def solve_joint(
    rows: dict[str, list[tuple[int, ...]]],
    relations: Sequence[tuple[Sequence[tuple[str, int]], Sequence[tuple[str, int]]]],
    fixed: dict[str, tuple[int | None, ...]],
) -> dict[str, list[tuple[int, ...]]]:
    """Keep only the candidates of ambiguous rows that some consistent assignment uses.

    ``rows``: row → candidate tuples (rows with several need choosing). ``fixed``:
    rows already known (None for an unknown cell). ``relations``: sum(left) = sum(right)
    over (row, column) cells; a relation with an unknown cell is not used.
    """
    ambiguous = [name for name, options in rows.items() if len(options) > 1]
    total = 1
    for name in ambiguous:
        total *= len(rows[name])
    if total > MAX_COMBINATIONS:
        return rows  # too many to search: leave them ambiguous
    used: dict[str, set[tuple[int, ...]]] = {name: set() for name in ambiguous}
    decided = {name: options[0] for name, options in rows.items() if len(options) == 1}

    def value(assignment: dict[str, tuple[int, ...]], cell: tuple[str, int]) -> int | None:
        row, column = cell
        if row in assignment:
            return assignment[row][column]
        if row in fixed:
            return fixed[row][column]
        return None

    checks = []
    for left, right in relations:
        involved = {row for row, _ in (*left, *right)}
        if involved & set(ambiguous):
            checks.append((left, right))
    for combination in itertools.product(*(rows[name] for name in ambiguous)):
        assignment = {**decided, **dict(zip(ambiguous, combination))}
        good = True
        for left, right in checks:
            lv = [value(assignment, c) for c in left]
            rv = [value(assignment, c) for c in right]
            if None in lv or None in rv:
                continue
            if sum(lv) != sum(rv):  # type: ignore[arg-type]
                good = False
                break
        if good:
            for name, option in zip(ambiguous, combination):
                used[name].add(option)
    result = dict(rows)
    for name in ambiguous:
        result[name] = [o for o in rows[name] if o in used[name]]
    return result
