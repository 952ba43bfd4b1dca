"""`gongyun fill` (gongyun.graph.fill): pinyin written into YAML files, the rest of each file
untouched."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

from gongyun.graph.fill import fill_text

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
        [sys.executable, "-m", "gongyun.cli", "fill", str(f), str(g)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "4 entries filled" in result.stderr
    assert yaml.safe_load(f.read_text(encoding="utf-8"))["entities"][2]["pinyin"] == "Yán Xīshān"
    assert yaml.safe_load(g.read_text(encoding="utf-8"))[0]["pinyin"] == "Zhōngguó Gòngchǎndǎng"


def test_fill_uses_label_reading_for_events() -> None:
    text = "- {id: event/x, class: Event, zh: 第五战区职工抗日联合总会配合台儿庄会战的破袭}\n"
    new, n = fill_text(text)
    assert n == 1
    assert " de " in yaml.safe_load(new)[0]["pinyin"]
