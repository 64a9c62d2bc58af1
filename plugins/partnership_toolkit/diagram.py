"""The geometry of the cycle diagram: ring segments with arrow points, and
where each stage's label goes. Pure arithmetic; the SVG is the template
``cycle.svg``, drawn by the renderer with these numbers."""

from __future__ import annotations

import math


def point(cx: float, cy: float, r: float, degrees: float) -> tuple[float, float]:
    a = math.radians(degrees)
    return round(cx + r * math.cos(a), 2), round(cy + r * math.sin(a), 2)


def segment_path(
    cx: float, cy: float, outer: float, inner: float, start: float, end: float, tip: float
) -> str:
    """A ring segment from ``start`` to ``end`` degrees whose end is an arrow point."""
    if end - start >= 359:
        return (
            f"M {cx - outer} {cy} a {outer} {outer} 0 1 0 {2 * outer} 0 "
            f"a {outer} {outer} 0 1 0 {-2 * outer} 0 Z "
            f"M {cx - inner} {cy} a {inner} {inner} 0 1 1 {2 * inner} 0 "
            f"a {inner} {inner} 0 1 1 {-2 * inner} 0 Z"
        )
    large = 1 if end - start - tip > 180 else 0
    mid = (outer + inner) / 2
    o1, o2 = point(cx, cy, outer, start), point(cx, cy, outer, end - tip)
    arrow = point(cx, cy, mid, end)
    i2, i1 = point(cx, cy, inner, end - tip), point(cx, cy, inner, start)
    notch = point(cx, cy, mid, start + tip)
    return (
        f"M {o1[0]} {o1[1]} A {outer} {outer} 0 {large} 1 {o2[0]} {o2[1]} "
        f"L {arrow[0]} {arrow[1]} L {i2[0]} {i2[1]} "
        f"A {inner} {inner} 0 {large} 0 {i1[0]} {i1[1]} L {notch[0]} {notch[1]} Z"
    )


def label_position(cx: float, cy: float, r: float, degrees: float) -> tuple[float, float]:
    return point(cx, cy, r, degrees)


def wrap(text: str, width: int) -> list[str]:
    """Split a short title into lines of about ``width`` characters for the diagram."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines
