"""Locating quotes: code-point offsets, uniqueness, one sentence, nearest match on a typo."""

import pytest

from gongyun.graph.evidence import QuoteError, locate

TEXT = "甲乙丙。𠮷丁戊己；庚辛𠮷丁戊。\n第二段𠮷丁戊己。"


def para(number: int) -> tuple[int, str]:
    lines = TEXT.split("\n")
    return sum(len(p) + 1 for p in lines[: number - 1]), lines[number - 1]


def test_offsets_count_code_points_outside_the_bmp():
    start, paragraph = para(1)
    found = locate(TEXT, start, paragraph, "丁戊己；")
    assert TEXT[found.start:found.end] == "丁戊己；"
    assert (found.start, found.end) == (5, 9)  # 𠮷 is one code point, not two


def test_quote_in_second_paragraph_gets_whole_text_offsets():
    start, paragraph = para(2)
    found = locate(TEXT, start, paragraph, "第二段𠮷")
    assert TEXT[found.start:found.end] == "第二段𠮷"
    assert found.start == TEXT.index("第二段")


def test_repeated_quote_needs_prefix_or_suffix():
    start, paragraph = para(1)
    with pytest.raises(QuoteError, match="2 times"):
        locate(TEXT, start, paragraph, "𠮷丁戊")
    found = locate(TEXT, start, paragraph, "𠮷丁戊", prefix="庚辛")
    assert TEXT[found.start - 2:found.start] == "庚辛"


def test_selector_context_is_unique_in_the_whole_source():
    start, paragraph = para(2)
    found = locate(TEXT, start, paragraph, "𠮷丁戊己")
    assert TEXT.count(found.prefix + "𠮷丁戊己" + found.suffix) == 1


def test_more_than_one_sentence_is_refused():
    start, paragraph = para(1)
    with pytest.raises(QuoteError, match="more than one sentence"):
        locate(TEXT, start, paragraph, "甲乙丙。𠮷丁")


def test_missing_quote_reports_the_nearest_passage():
    start, paragraph = para(1)
    with pytest.raises(QuoteError, match="nearest: .戊己；"):
        locate(TEXT, start, paragraph, "戊巳；")
