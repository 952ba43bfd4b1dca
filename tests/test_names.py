"""Pinyin for Gongyun names (gongyun.graph.names) and the `fill` command."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from gongyun.graph import names
from gongyun.graph.names import fill_text, pinyin_for, pinyin_label, pinyin_person

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


BLOCK = """\
source: "001"
paragraph: 2
entities:                # first introduced here
  - id: armed/taiyuan-workers-self-defence-corps
    class: ArmedUnit
    zh: 太原工人自卫队     # the name as the text writes it
    en: Taiyuan Workers' Self-Defence Corps
  - id: person/zheng-lianjin-wife
    class: Person
    zh: 郑廉金之妻
    en: the wife of Zheng Lianjin
    named: false
  - id: person/yan-xishan
    class: Person
    zh: 阎锡山
  - id: org/has-one
    zh: 山西省总工会
    pinyin: Shānxī Shěng Zǒnggōnghuì
concepts:
  - id: concept/thing/locomotive
    zh: 机车
    en: locomotive
"""

FLOW = """\
# shared
- {id: org/ccp, class: Organization, zh: 中国共产党, en: Chinese Communist Party, aliases: [中共]}
- {id: org/x, class: Organization, zh: "长辛店铁路工人", en: "Changxindian, railway"}   # note
- {id: person/y, class: Person, zh: 某某, named: false}
- {id: org/z, zh: 重庆, pinyin: Chóngqìng}
"""


def test_fill_block_style() -> None:
    new, n = fill_text(BLOCK)
    assert n == 2
    assert (
        "    zh: 太原工人自卫队     # the name as the text writes it\n"
        "    pinyin: Tàiyuán Gōngrén Zìwèiduì\n" in new
    )
    assert "    zh: 阎锡山\n    pinyin: Yán Xīshān\n" in new
    assert new.count("pinyin:") == 3  # the unnamed wife and the concept get none
    # nothing else changed: removing the inserted lines gives back the input
    stripped = "".join(
        line
        for line in new.splitlines(keepends=True)
        if not line.lstrip().startswith("pinyin: ") or "Shānxī Shěng" in line
    )
    assert stripped == BLOCK
    data = yaml.safe_load(new)
    assert data["entities"][0]["pinyin"] == "Tàiyuán Gōngrén Zìwèiduì"
    assert "pinyin" not in data["entities"][1]
    assert "pinyin" not in data["concepts"][0]


def test_fill_flow_style() -> None:
    new, n = fill_text(FLOW)
    assert n == 2
    lines = new.splitlines()
    assert lines[1] == (
        "- {id: org/ccp, class: Organization, zh: 中国共产党, pinyin: Zhōngguó Gòngchǎndǎng, "
        "en: Chinese Communist Party, aliases: [中共]}"
    )
    assert lines[2].startswith(
        '- {id: org/x, class: Organization, zh: "长辛店铁路工人", '
        "pinyin: Chángxīndiàn Tiělù Gōngrén, en:"
    )
    assert lines[2].endswith("# note")
    assert lines[3] == FLOW.splitlines()[3]
    data = yaml.safe_load(new)
    assert data[1]["en"] == "Changxindian, railway"
    assert data[3]["pinyin"] == "Chóngqìng"


def test_fill_is_idempotent() -> None:
    once, _ = fill_text(BLOCK + "")
    twice, n = fill_text(once)
    assert n == 0
    assert twice == once


def test_fill_last_line_without_newline() -> None:
    new, n = fill_text("- id: place/x\n  zh: 太原")
    assert n == 1
    assert yaml.safe_load(new)[0]["pinyin"] == "Tàiyuán"


def test_fill_command(tmp_path: Path) -> None:
    f = tmp_path / "p01.yaml"
    f.write_text(BLOCK, encoding="utf-8")
    g = tmp_path / "shared.yaml"
    g.write_text(FLOW, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "gongyun.graph.names", "fill", str(f), str(g)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "4 entries filled" in result.stderr
    assert yaml.safe_load(f.read_text(encoding="utf-8"))["entities"][2]["pinyin"] == "Yán Xīshān"
    assert yaml.safe_load(g.read_text(encoding="utf-8"))[0]["pinyin"] == "Zhōngguó Gòngchǎndǎng"


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


def test_fill_uses_label_reading_for_events() -> None:
    text = "- {id: event/x, class: Event, zh: 第五战区职工抗日联合总会配合台儿庄会战的破袭}\n"
    new, n = fill_text(text)
    assert n == 1
    assert " de " in yaml.safe_load(new)[0]["pinyin"]
