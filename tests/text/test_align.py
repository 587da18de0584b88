"""Offsets found in normalised text map back to the same characters of the original."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from fazhi.text import fold_width, normalize
from fazhi.text.align import offset_map, to_original

_WORDS = st.sampled_from(["原告张三", "被告人李四", "，", "。", "\r\n", "\n", "\u200b", "\ufeff", "　", " ", "２０２３年",
                          "本院认为", "判决如下：", "一、", "审判长", "（2023）京0105民初1号", "abc def"])


def _strip(s: str) -> str:
    return re.sub(r"[\s\u200b\ufeff]", "", fold_width(s))


@settings(max_examples=500, deadline=None)
@given(st.lists(_WORDS, min_size=1, max_size=80), st.data())
def test_spans_map_back_to_the_same_text(words: list[str], data: st.DataObject) -> None:
    original = "".join(words)
    norm = normalize(original)
    mapping = offset_map(original, norm)
    if not norm:
        return
    start = data.draw(st.integers(0, len(norm) - 1))
    end = data.draw(st.integers(start + 1, len(norm)))
    s, e = to_original(mapping, start, end)
    assert 0 <= s <= e <= len(original)
    piece = _strip(norm[start:end])
    if piece and norm[start] not in " \n" and norm[end - 1] not in " \n":
        assert _strip(original[s:e]) == piece


def test_identical_or_same_length_text_needs_no_map() -> None:
    assert offset_map("原告张三", "原告张三") is None
    assert offset_map("２０２３年", "2023年") is None
