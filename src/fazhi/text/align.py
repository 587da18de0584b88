"""Offsets back into the input: map a position in normalised text to the same place in the original.

:func:`fazhi.text.normalize` only deletes characters (invisible ones, \\r, line breaks and spaces
it repairs) or replaces one character by one (width folding, a line break joined into a space),
so the normalised text is a subsequence of the input up to those one-for-one replacements. One
greedy pass aligns them; matching runs are compared as slices (in C), so the pass costs little
more than a copy, and the map is kept as runs, not one integer per character.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from fazhi.text.normalize import fold_width

_SPACE = frozenset(" \t\n\r\u3000\u00a0")


@dataclass(frozen=True, slots=True)
class OffsetMap:
    """Runs (normalised start, original start, length) of text that is the same in both."""

    norm_starts: tuple[int, ...]
    orig_starts: tuple[int, ...]
    lengths: tuple[int, ...]
    original_length: int

    def position(self, i: int) -> int:
        """Index in the original of normalised character ``i`` (clamped to the text)."""
        k = bisect_right(self.norm_starts, i) - 1
        if k < 0:
            return 0
        return min(self.orig_starts[k] + min(i - self.norm_starts[k], max(self.lengths[k] - 1, 0)),
                   self.original_length)


def _run_length(a: str, i: int, b: str, j: int) -> int:
    """Length of the common run a[i:] / b[j:], found by galloping slice comparisons."""
    limit = min(len(a) - i, len(b) - j)
    lo, step = 0, 64
    while lo < limit:
        hi = min(limit, lo + step)
        if a[i + lo:i + hi] == b[j + lo:j + hi]:
            lo, step = hi, step * 2
        elif step == 1:
            break
        else:
            step //= 2
    return lo


def offset_map(original: str, normalised: str) -> OffsetMap | None:
    """The map from ``normalised`` back to ``original``; None when no offset moved."""
    if original == normalised or len(original) == len(normalised):
        return None  # same length: nothing was deleted, only replaced one for one
    folded = fold_width(original)
    norm_starts: list[int] = []
    orig_starts: list[int] = []
    lengths: list[int] = []
    i = j = 0
    n, m = len(normalised), len(folded)
    while i < n and j < m:
        run = _run_length(normalised, i, folded, j)
        if run:
            norm_starts.append(i)
            orig_starts.append(j)
            lengths.append(run)
            i += run
            j += run
            continue
        ch = normalised[i]
        if ch in _SPACE and folded[j] in _SPACE:  # a line break joined into a space
            norm_starts.append(i)
            orig_starts.append(j)
            lengths.append(1)
            i += 1
        j += 1  # a character normalisation deleted
    return OffsetMap(tuple(norm_starts), tuple(orig_starts), tuple(lengths), len(original))


def to_original(mapping: OffsetMap | None, start: int, end: int) -> tuple[int, int]:
    """The (start, end) in the original text of the normalised span ``[start, end)``."""
    if mapping is None:
        return start, end
    s = mapping.position(start)
    e = mapping.position(end - 1) + 1 if end > start else s
    return s, min(e, mapping.original_length)
