"""Pointy-top hexagon grid in HexJSON "odd-r" offset coordinates.

Conventions used throughout tools.data_prep:
  * q is the column, r the row; r grows NORTHWARDS (up), as in HexJSON renderers
    (d3-hexjson draws row r at screen row r_max - r).
  * odd-r: rows with odd r are shifted half a tile to the right.
  * Geometry in tile widths: centre x = q + 0.5 * (r & 1), y = r * sqrt(3) / 2.
"""

from __future__ import annotations

import math
from typing import Iterable

ROW_STEP = math.sqrt(3) / 2  # vertical distance between rows, in tile widths

Cell = tuple[int, int]


def centre(cell: Cell) -> tuple[float, float]:
    q, r = cell
    return (q + 0.5 * (r & 1), r * ROW_STEP)


def neighbours(cell: Cell) -> list[Cell]:
    q, r = cell
    if r & 1:
        deltas = ((1, 0), (-1, 0), (0, 1), (1, 1), (0, -1), (1, -1))
    else:
        deltas = ((1, 0), (-1, 0), (-1, 1), (0, 1), (-1, -1), (0, -1))
    return [(q + dq, r + dr) for dq, dr in deltas]


def to_cube(cell: Cell) -> tuple[int, int, int]:
    q, r = cell
    x = q - (r - (r & 1)) // 2
    z = r
    return (x, -x - z, z)


def distance(a: Cell, b: Cell) -> int:
    ax, ay, az = to_cube(a)
    bx, by, bz = to_cube(b)
    return max(abs(ax - bx), abs(ay - by), abs(az - bz))


def components(cells: Iterable[Cell]) -> list[list[Cell]]:
    """Connected components (6-neighbourhood), each sorted, largest first."""
    cells = sorted(set(cells))
    pool = set(cells)
    seen: set[Cell] = set()
    out = []
    for start in cells:
        if start in seen:
            continue
        comp = []
        stack = [start]
        seen.add(start)
        while stack:
            c = stack.pop()
            comp.append(c)
            for n in neighbours(c):
                if n in pool and n not in seen:
                    seen.add(n)
                    stack.append(n)
        out.append(sorted(comp))
    out.sort(key=lambda comp: (-len(comp), comp[0]))
    return out


def is_connected(cells: Iterable[Cell]) -> bool:
    return len(components(cells)) <= 1


def shift_one_row(cell: Cell) -> Cell:
    """Relabel a cell after translating the whole pattern one row up.

    Translating by the lattice vector (+1/2 tile, +1 row) keeps every shape
    identical while flipping the parity of all rows.
    """
    q, r = cell
    return (q + (r & 1), r + 1)


def normalise(cells: dict[str, Cell]) -> dict[str, Cell]:
    """Translate a layout (shape-preserving) so that min q == 0, min r in {0, 1}
    and max r is even.

    With max r even, renderers that take the row parity from r (HexJSON spec)
    and those that take it from r_max - r (d3-hexjson) draw the same picture.
    """
    cells = dict(cells)
    rmin = min(r for _, r in cells.values())
    rmax = max(r for _, r in cells.values())
    if (rmax - rmin) % 2 == 1:
        target_rmin = 1  # then rmax = rmin + odd span = even
    else:
        target_rmin = 0
    if (rmin - target_rmin) % 2 != 0:
        cells = {k: shift_one_row(c) for k, c in cells.items()}
        rmin += 1
    dr = target_rmin - rmin  # even
    cells = {k: (q, r + dr) for k, (q, r) in cells.items()}
    qmin = min(q for q, _ in cells.values())
    return {k: (q - qmin, r) for k, (q, r) in cells.items()}
