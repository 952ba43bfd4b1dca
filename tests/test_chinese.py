"""The Chinese-text helpers (gongyun.normalise.chinese): what is Han, tone marks, traditional
characters, and the folding that makes every spelling of a name one matching key."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongyun.normalise import chinese
from gongyun.normalise.chinese import (
    HAN_CLASS,
    HAN_RE,
    fold,
    fold_with_offsets,
    has_han,
    strip_tones,
    to_simplified,
    variants,
)

ROOT = Path(__file__).resolve().parents[1]


def test_the_public_api_is_the_contract() -> None:
    assert sorted(chinese.__all__) == sorted([
        "HAN_CLASS", "HAN_RE", "has_han", "strip_tones", "to_simplified", "fold",
        "fold_with_offsets", "variants"])


@pytest.mark.parametrize(("text", "han"), [
    ("山西", True), ("總工會", True), ("𠮷", True),  # beyond the BMP (Extension B)
    ("㐀", True),  # Extension A
    ("〇", True),  # U+3007 is Han
    ("○", False),  # U+25CB, the ring the texts print, is a shape
    ("Shānxī", False), ("カタカナ", False), ("한국", False), ("", False), ("，。", False),
    ("Taiyuan 太原", True),
])
def test_has_han(text: str, han: bool) -> None:
    assert has_han(text) is han
    assert bool(re.search(HAN_CLASS, text)) is han
    assert bool(HAN_RE.search(text)) is han


def test_han_re_matches_one_character() -> None:
    assert HAN_RE.fullmatch("山")
    assert not HAN_RE.fullmatch("山西")
    assert HAN_RE.findall("a山b𠮷") == ["山", "𠮷"]


@pytest.mark.parametrize(("pinyin", "toneless", "bare"), [
    ("Shānxī", "Shanxi", "Shanxi"),
    ("Shǎnxī", "Shanxi", "Shanxi"),
    ("Lǚliáng Shānqū", "Lüliang Shanqu", "Luliang Shanqu"),
    ("Tái'érzhuāng", "Tai'erzhuang", "Tai'erzhuang"),
    ("Chóngqìng Shì", "Chongqing Shi", "Chongqing Shi"),
    ("plain", "plain", "plain"),
])
def test_strip_tones(pinyin: str, toneless: str, bare: str) -> None:
    assert strip_tones(pinyin) == toneless
    assert strip_tones(pinyin, all_marks=True) == bare


def test_all_marks_drops_every_combining_mark() -> None:
    assert strip_tones("Café Pétain", all_marks=True) == "Cafe Petain"


def test_to_simplified() -> None:
    assert to_simplified("山西省總工會") == "山西省总工会"
    assert to_simplified("漢口") == "汉口"
    assert to_simplified("Hankow") == "Hankow"
    assert to_simplified("总工会") == "总工会"


@pytest.mark.parametrize(("text", "folded"), [
    ("二○五旅", "205旅"),  # the ring U+25CB, as printed
    ("二〇五旅", "205旅"),  # U+3007
    ("二零五旅", "205旅"),
    ("205旅", "205旅"),
    ("２０５旅", "205旅"),  # full-width digits
    ("一二九师", "129师"),
    ("第三五九旅", "第359旅"),
    ("一九三七年", "1937年"),
    ("總工會", "总工会"),
    ("二○", "20"),  # two digits with a zero: written digit by digit
    ("三四月间", "三四月间"),  # two digits, no zero: "three or four"
    ("二三百人", "二三百人"),
    ("一千零五十", "一千零五十"),  # place values: not digit by digit
    ("二〇五十", "二〇五十"),
    ("统一战线", "统一战线"),
    ("零星", "零星"),
    ("ＡＢＣ（一）", "ABC(一)"),
    ("a\u3000b", "a b"),
])
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_every_spelling_of_the_brigade_folds_to_one_key() -> None:
    spellings = ["二○五旅", "二〇五旅", "二零五旅", "205旅", "２０５旅"]
    assert {fold(s) for s in spellings} == {"205旅"}
    assert fold("工衛旅") == fold("工卫旅")


def test_fold_with_offsets_maps_back_to_the_source() -> None:
    text = "即二○五旅，亦称工衛旅"
    folded, offsets = fold_with_offsets(text)
    assert folded == fold(text) == "即205旅,亦称工卫旅"
    i = folded.index("205旅")
    j = i + len("205旅")
    assert text[offsets[i]:offsets[j - 1] + 1] == "二○五旅"
    i = folded.index("工卫旅")
    assert text[offsets[i]:offsets[i + 2] + 1] == "工衛旅"


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from(list("二○〇零五一九三七十百千年旅總工會山西２０５ＡＢa （）𠮷"))
               | st.characters(), max_size=30))
def test_fold_with_offsets_is_fold_with_a_map(text: str) -> None:
    folded, offsets = fold_with_offsets(text)
    assert folded == fold(text)
    assert len(offsets) == len(folded)
    assert offsets == sorted(offsets)
    assert all(0 <= o < len(text) for o in offsets)
    assert fold(folded) == folded  # folding twice changes nothing


def test_variants_of_a_unit_number() -> None:
    assert variants("二○五旅") == {"二○五旅", "205旅", "二〇五旅", "二零五旅"}
    assert variants("205旅") == {"205旅", "二○五旅", "二〇五旅", "二零五旅"}
    assert variants("一二九师") == {"一二九师", "129师"}
    assert variants("山西省总工会") == {"山西省总工会"}
    assert variants("總工會") == {"總工會", "总工会"}
    for form in variants("二○五旅"):
        assert fold(form) == "205旅"


def test_one_home_for_chinese_text() -> None:
    """The Han range, the OpenCC converter and tone stripping are defined only here."""
    own = Path(chinese.__file__).resolve()
    patterns = {
        "a Han range": re.compile(r"\\u4e00|\\u9fff|\\u3400|一-龥"),
        "an OpenCC converter": re.compile(r"OpenCC\("),
        "tone stripping": re.compile(r"normalize\(\s*\"NFD\""),
    }
    found = []
    for folder in ("src", "graph", "api", "scripts"):
        for path in (ROOT / folder).rglob("*.py"):
            if path.resolve() == own:
                continue
            text = path.read_text(encoding="utf-8")
            found += [f"{path.relative_to(ROOT)}: {what}" for what, pattern in patterns.items()
                      if pattern.search(text)]
    assert found == []
