"""Pinyin for Gongyun names (gongyun.graph.names)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from gongyun.graph import names
from gongyun.graph.names import pinyin_for, pinyin_label, pinyin_person

# Names from the three texts, with the reading a careful editor would write. Many contain a
# polyphonic character (长, 重, 行, 都, 尾, 漯, 干, 调, 藏…) that pypinyin alone may misread.
PLACE_READINGS = [
    ("长辛店", "Chángxīndiàn"),
    ("长沙", "Chángshā"),
    ("长江", "Chángjiāng"),
    ("重庆", "Chóngqìng"),
    ("漯河", "Luòhé"),
    ("望都", "Wàngdū"),
    ("马尾", "Mǎwěi"),
    ("太行", "Tàiháng"),
    ("莫干山路", "Mògānshān Lù"),
    ("娘子关", "Niángziguān"),
    ("磁县", "Cíxiàn"),
    ("阜新", "Fùxīn"),
    ("大同", "Dàtóng"),
    ("六河沟", "Liùhégōu"),
    ("盂县", "Yúxiàn"),
    ("绛县", "Jiàngxiàn"),
    ("南县", "Nánxiàn"),
    ("林县", "Línxiàn"),
    ("漳河", "Zhānghé"),
    ("黄河", "Huánghé"),
    ("黑龙江", "Hēilóngjiāng"),
    ("太原", "Tàiyuán"),
    ("太原市", "Tàiyuán Shì"),
    ("山西", "Shānxī"),
    ("陕西", "Shǎnxī"),
    ("北平", "Běipíng"),
    ("石家庄", "Shíjiāzhuāng"),
    ("台儿庄", "Tái'érzhuāng"),
    ("西安", "Xī'ān"),
    ("德安", "Dé'ān"),
    ("哈尔滨", "Hā'ěrbīn"),
    ("察哈尔", "Cháhā'ěr"),
    ("吕梁山区", "Lǚliáng Shānqū"),
    ("五台山区", "Wǔtái Shānqū"),
    ("淄博矿区", "Zībó Kuàngqū"),
    ("廊坊车站", "Lángfāng Chēzhàn"),
    ("张店车站", "Zhāngdiàn Chēzhàn"),
    ("雁门关", "Yànmén Guān"),
    ("风陵渡", "Fēnglíngdù"),
    ("厦门", "Xiàmén"),
    ("衢州", "Qúzhōu"),
    ("井陉", "Jǐngxíng"),
    ("蚌埠", "Bèngbù"),
    ("贾汪", "Jiǎwāng"),
    ("砀山", "Dàngshān"),
    ("沂水", "Yíshuǐ"),
    ("烈山", "Lièshān"),
    ("济南", "Jǐnán"),
    ("晋察冀边区", "Jìn-Chá-Jì Biānqū"),
    ("陕甘宁边区", "Shǎn-Gān-Níng Biānqū"),
    ("晋西北", "Jìnxīběi"),
    ("甘井子", "Gānjǐngzi"),
    ("国民统治区", "Guómín Tǒngzhìqū"),
    ("长江下游", "Chángjiāng Xiàyóu"),
]

ORG_READINGS = [
    ("山西省总工会", "Shānxī Shěng Zǒnggōnghuì"),
    ("长辛店铁路工人", "Chángxīndiàn Tiělù Gōngrén"),
    ("太原工人自卫队", "Tàiyuán Gōngrén Zìwèiduì"),
    ("重庆市总工会", "Chóngqìng Shì Zǒnggōnghuì"),
    ("中国人民解放军", "Zhōngguó Rénmín Jiěfàngjūn"),
    ("牺牲救国同盟会", "Xīshēng Jiùguó Tóngménghuì"),
    ("正太铁路", "Zhèngtài Tiělù"),
    ("行政院", "Xíngzhèngyuàn"),
    ("二○五旅", "Èrlíngwǔlǚ"),
    # gazetteer names inside longer names stand as words of their own
    ("中共香港市委", "Zhōnggòng Xiānggǎng Shìwěi"),
    ("国民党广州市党部", "Guómíndǎng Guǎngzhōu Shì Dǎngbù"),
    ("坚持华北抗战", "Jiānchí Huáběi Kàngzhàn"),
    ("鄂豫皖区新四军", "È-Yù-Wǎn Qū Xīnsìjūn"),
    # …but not where a longer word starts: 大同盟 is a grand alliance, not 大同 (Datong)
    ("全国各界工人联合反日大同盟", "Quánguó Gèjiè Gōngrén Liánhé Fǎnrì Dàtóngméng"),
]

PERSON_READINGS = [
    ("阎锡山", "Yán Xīshān"),
    ("康永和", "Kāng Yǒnghé"),
    ("林继庸", "Lín Jìyōng"),
    ("左友文", "Zuǒ Yǒuwén"),
    ("郑廉金", "Zhèng Liánjīn"),
    ("余祥庚", "Yú Xiánggēng"),
    ("童三和", "Tóng Sānhé"),
    ("蒋介石", "Jiǎng Jièshí"),
    ("单雄信", "Shàn Xióngxìn"),
    ("曾国藩", "Zēng Guófān"),
    ("欧阳修", "Ōuyáng Xiū"),
]


@pytest.mark.parametrize(("zh", "expected"), PLACE_READINGS + ORG_READINGS)
def test_pinyin_for(zh: str, expected: str) -> None:
    assert pinyin_for(zh) == expected


@pytest.mark.parametrize(("zh", "expected"), PERSON_READINGS)
def test_pinyin_person(zh: str, expected: str) -> None:
    assert pinyin_person(zh) == expected


def test_table_is_large_enough() -> None:
    assert len(PLACE_READINGS) + len(ORG_READINGS) >= 40


def test_overrides_are_used_and_needed(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every override is applied, and each changes what the rule alone gives: no dead entries."""
    table = dict(names.overrides())
    assert table
    for zh, reading in table.items():
        assert pinyin_for(zh) == reading
    monkeypatch.setattr(names, "overrides", lambda: {})
    for zh, reading in table.items():
        assert pinyin_for(zh) != reading, f"override for {zh} is not needed"


def test_gazetteer_pinyin_agrees_with_the_rule() -> None:
    places = yaml.safe_load(
        (Path(names.__file__).parent / "gazetteer" / "places.yaml").read_text(encoding="utf-8")
    )
    wrong = [(p["zh"], p["pinyin"]) for p in places if p["pinyin"] != pinyin_for(p["zh"])]
    assert wrong == []


def test_ordinals_and_one_character_generics() -> None:
    assert pinyin_for("第二十九军") == "Dì-èrshíjiǔ Jūn"
    assert pinyin_for("八路军") == "Bālùjūn"  # 路 inside a name is not the generic 'road'
    assert pinyin_for("平汉路北段") == "Pínghàn Lù Běiduàn"


def test_punctuation_in_labels() -> None:
    assert pinyin_label("“武装保卫平津，保卫华北”") == '"Wǔzhuāng Bǎowèi Píng-Jīn, Bǎowèi Huáběi"'
    assert pinyin_label("《告工人书》") == '"Gào Gōngrén Shū"'


def test_label_division_and_particle() -> None:
    got = pinyin_label("太原工人自卫队的成立")
    assert got.startswith("Tàiyuán Gōngrén Zìwèiduì de ")
    assert "Chénglì" in got
