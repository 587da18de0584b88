"""Offsets back into the input: map a position in normalised text to the same place in the original.

:func:`fazhi.text.normalize` only deletes characters (invisible ones, \\r, line breaks and spaces
it repairs) or replaces one character by one (width folding, a line break joined into a space),
so the normalised text is a subsequence of the input up to those one-for-one replacements. A
single greedy pass therefore aligns them.
"""

from __future__ import annotations

from fazhi.text.normalize import fold_width

_SPACE = frozenset(" \t\n\r\u3000\u00a0")


def offset_map(original: str, normalised: str) -> list[int] | None:
    """``m[i]`` = index in ``original`` of normalised character ``i`` (plus one entry for the end).

    Returns None when the texts are identical (offsets already agree).
    """
    if original == normalised:
        return None
    folded = fold_width(original)
    out: list[int] = []
    j = 0
    n = len(folded)
    for ch in normalised:
        space = ch in _SPACE
        while j < n and folded[j] != ch and not (space and folded[j] in _SPACE):
            j += 1
        out.append(min(j, n))
        if j < n:
            j += 1
    out.append(len(original))
    return out


def to_original(mapping: list[int] | None, start: int, end: int) -> tuple[int, int]:
    """The (start, end) in the original text of the normalised span ``[start, end)``."""
    if mapping is None:
        return start, end
    last = len(mapping) - 1
    s = mapping[min(start, last)]
    e = mapping[min(end - 1, last)] + 1 if end > start else s
    return s, min(e, mapping[last])
