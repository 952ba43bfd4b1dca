"""Pinyin for the Chinese names in Gongyun (`gongyun fill`, in gongyun.graph.fill, writes it
into the YAML files).

`pinyin_for("山西省总工会")` gives "Shānxī Shěng Zǒnggōnghuì": tone marks from pypinyin, corrected
by graph/names-overrides.yaml where pypinyin misreads a name (长辛店 is Chángxīndiàn, not
Zhǎngxīndiàn), and syllables joined into words by a small rule after GB/T 16159: a generic part
(省, 市, 县, 铁路, 车站, 总工会 …) is a word of its own, except that a one-syllable proper name is
joined to its generic (磁县 Cíxiàn, 黄河 Huánghé), and the rest is joined.

    python -m gongyun.graph.names pinyin [--person] NAME...

prints the reading of each name.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from pypinyin import Style, pinyin

from gongyun.graph import yamlfile
from gongyun.normalise.chinese import HAN_CLASS
from gongyun.paths import PLACES_FILE

OVERRIDES_FILE = Path(__file__).parent / "names-overrides.yaml"


def _longest_first(words: str) -> tuple[str, ...]:
    return tuple(sorted(words.split(), key=len, reverse=True))


# Generic parts of names (通名), longest first so 总工会 wins over 工会 and 车站 over 站. A
# one-syllable proper name joins its generic: 磁县 Cíxiàn. A one-character generic only counts
# at the end of the name or before another word (太原市总工会, but 八路军 stays one word).
GENERICS = _longest_first(
    """
    总工会 工会 铁路 公路 车站 矿区 山区 地区 边区 根据地 煤矿 铁矿 金矿 云母矿 码头
    省 市 县 区 镇 路 站 关 河 江 厂 委员会 公司 总会 分会 协会 联合会 后援会 救国会 同盟会
    同学会 服务团 游击队 自卫队 支队 纵队 大队 中队 政府 纱厂 兵工厂 新军 事变 会战 大会战
    成立 失守 沦陷 迁移 北段 南段 东段 西段 大会 会议 团 局 股 部 馆 班 队 社 所 署
    """
)
# Common words inside organisation and event names that stand as words of their own wherever
# they occur (人民 in 惠宝人民抗日游击纵队). Region words such as 西北 are left out on purpose:
# they also end place names (晋西北 Jìnxīběi).
WORDS = _longest_first(
    """
    工人 人民 抗日 抗战 胜利 救国 救亡 职工 员工 海员 各界 各业 战区 中共 中国 中华 全国 同盟
    联合 配合 日本 陆军 仓库 海外 实业 制造 发电 电力 轮船 面粉 自来水 纺织 炼钢 邮务 邮政
    劳动 印刷 职业 国民党 共产党 党组织 义勇军 红军 解放军 青年 民众 中央 失业 难民 学生
    武装 保卫 组织 建立 参加 支援 破坏 发动 宣传 救护 运输 慰问 慰劳 工作 前线 战地 代表
    号召 斗争 活动 捐款 捐献 训练 迁往 迁入 内迁 护厂 护矿 罢工 起义 收复 解放 占领 解放区 沦陷区
    大同盟 党部
    """
)
# An ordinal (第二十九) is one word, written with a hyphen after 第: Dì-èrshíjiǔ.
_ORDINAL = re.compile(r"第[一二三四五六七八九十百千零〇○两]+")

# A run of Han characters, with the ring ○ the texts print for the zero of 二○五 (read líng).
_HAN = re.compile(rf"(?:{HAN_CLASS}|○)+")
_VOWEL_START = re.compile(r"^[aoeāáǎàōóǒòēéěè]", re.IGNORECASE)


@lru_cache(maxsize=1)
def overrides() -> dict[str, str]:
    """The override table: Chinese string -> pinyin with tone marks."""
    data = yamlfile.load_plain(OVERRIDES_FILE) or {}
    return {zh: entry["pinyin"] for zh, entry in (data.get("overrides") or {}).items()}


def _syllables(run: str) -> list[str]:
    """One toned syllable per Han character; pypinyin sees the whole run for phrase context."""
    out = [item[0] for item in pinyin(run, style=Style.TONE, errors="default")]
    if len(out) != len(run):  # pypinyin grouped something it could not read; go char by char
        out = [pinyin(ch, style=Style.TONE)[0][0] for ch in run]
    return [s.replace("○", "líng").replace("〇", "líng") for s in out]


def _join(syllables: Iterable[str]) -> str:
    word = ""
    for syl in syllables:
        if word and _VOWEL_START.match(syl):
            word += "'"
        word += syl
    return word


@lru_cache(maxsize=1)
def place_names() -> frozenset[str]:
    """The gazetteer's Chinese names (two characters or more): inside a longer name or label
    each is read as the place's own name and stands as its own word (日军进犯娘子关 ->
    Rìjūn Jìnfàn Niángziguān)."""
    if not PLACES_FILE.exists():
        return frozenset()
    places = yamlfile.load_plain(PLACES_FILE) or []
    return frozenset(str(p["zh"]) for p in places if len(str(p.get("zh", ""))) >= 2)


def _tokens(zh: str, lexicon: bool = False, places: bool = True) -> list[tuple[str, str, str]]:
    """Split `zh` into (text, pinyin, kind) tokens, kind one of plain, fixed (an override or a
    gazetteer name: its own word or words), word (a common word) and generic."""
    table = overrides()
    names = place_names() if places and zh not in place_names() else frozenset()
    keys = sorted(set(table) | names, key=len, reverse=True)
    # Mark override and place-name spans first (longest key at each position); a place name
    # is read as the place alone is, so 五台山区 inside a label keeps "Wǔtái Shānqū".
    spans: list[tuple[int, int, str]] = []
    i = 0
    while i < len(zh):
        key = next((k for k in keys if zh.startswith(k, i)), "")
        longer_word = max((len(w) for w in (*WORDS, *GENERICS) if zh.startswith(w, i)), default=0)
        if key and key not in table and longer_word > len(key):
            i += longer_word  # 大同盟 (a word) is not 大同 (a place) + 盟
        elif key:
            reading = table[key] if key in table else pinyin_for(key, places=False)
            spans.append((i, i + len(key), reading))
            i += len(key)
        else:
            i += 1
    tokens: list[tuple[str, str, str]] = []
    pos = 0
    for start, end, reading in [*spans, (len(zh), len(zh), "")]:
        if pos < start:
            tokens.extend(_plain_tokens(zh[pos:start], at_start=not tokens, lexicon=lexicon))
        if end > start:
            tokens.append((zh[start:end], reading, "fixed"))
        pos = end
    return tokens


@lru_cache(maxsize=1)
def _lexicon() -> frozenset[str]:
    """pypinyin's phrase list (words of two to four characters): used to divide descriptive
    labels (slogans, event descriptions) into words."""
    from pypinyin.phrases_dict import phrases_dict

    return frozenset(w for w in phrases_dict if 2 <= len(w) <= 4)


def _lexicon_word_at(text: str, i: int) -> str:
    words = _lexicon()
    for n in (4, 3, 2):
        if text[i : i + n] in words and len(text[i : i + n]) == n:
            return text[i : i + n]
    return ""


def _plain_tokens(text: str, at_start: bool, lexicon: bool = False) -> list[tuple[str, str, str]]:
    """Tokens for text without overrides: words and generics split off, the rest per
    character."""
    out: list[tuple[str, str, str]] = []
    for piece in re.split(f"({_HAN.pattern})", text):
        if not piece:
            continue
        if not _HAN.fullmatch(piece):
            out.append((piece, piece, "plain"))
            continue
        syls = _syllables(piece)
        i = 0
        while i < len(piece):
            ordinal = _ORDINAL.match(piece, i)
            if ordinal:
                n = ordinal.end() - i
                out.append((ordinal.group(), "Dì-" + _join(syls[i + 1 : i + n]), "word"))
                i += n
                continue
            word = next((w for w in WORDS if piece.startswith(w, i)), "")
            generic = _generic_at(piece, i, first=at_start and not out) or ""
            if lexicon and piece[i] == "的" and not word and not generic:
                out.append(("的", "de", "particle"))
                i += 1
                continue
            if lexicon and len(_lexicon_word_at(piece, i)) > max(len(word), len(generic)):
                word = _lexicon_word_at(piece, i)
            found = max(word, generic, key=len)  # 同盟会 (generic) beats 同盟 (word)
            if found:
                reading = _join(syls[i : i + len(found)])
                out.append((found, reading, "generic" if found == generic else "word"))
                i += len(found)
            else:
                out.append((piece[i], syls[i], "plain"))
                i += 1
    return out


def _generic_at(text: str, i: int, first: bool) -> str | None:
    if first and i == 0:
        return None  # a name does not start with its generic part
    for g in GENERICS:
        if text.startswith(g, i):
            rest = text[i + len(g) :]
            if len(g) == 1 and rest and not _starts_word(rest):
                continue
            return g
    return None


def _starts_word(text: str) -> bool:
    """Whether `text` begins with a common word or a generic of two or more characters."""
    return any(text.startswith(w) for w in WORDS) or any(
        len(g) > 1 and text.startswith(g) for g in GENERICS
    )


# Chinese punctuation in labels, as Latin punctuation; opening marks glue to the next word,
# the others to the previous one.
_PUNCT = {
    "，": ",",
    "。": ".",
    "、": ",",
    "；": ";",
    "：": ":",
    "！": "!",
    "？": "?",
    "“": '"',
    "”": '"',
    "‘": "'",
    "’": "'",
    "（": "(",
    "）": ")",
    "《": '"',
    "》": '"',
    "(": "(",
    ")": ")",
    "·": "-",
    "—": "-",
    "…": "...",
}
_OPENING = {"“", "‘", "（", "(", "《"}


def pinyin_for(zh: str, lexicon: bool = False, places: bool = True) -> str:
    """The name `zh` in Hanyu Pinyin with tone marks, one capitalised word per name part.

    With `lexicon`, runs that are not names are also divided at the words of pypinyin's phrase
    list, for descriptive labels ("武装保卫平津" -> "Wǔzhuāng Bǎowèi Píngjīn")."""
    # (pinyin, kind, syllable count); kind: name, generic, word, open, close
    words: list[tuple[str, str, int]] = []
    current: list[str] = []
    count = 0

    def flush() -> None:
        nonlocal current, count
        if current:
            words.append((_join(current), "name", count))
            current, count = [], 0

    for text, reading, kind in _tokens(zh, lexicon=lexicon, places=places):
        if kind == "fixed":
            # an override or a place name is a word of its own (words, if it has spaces)
            flush()
            words.append((reading, "fixed", len(text)))
        elif kind in ("generic", "word", "particle"):
            flush()
            words.append((reading, kind, len(text)))
        elif not _HAN.search(text):
            flush()
            for ch in text:
                if ch.isspace():
                    continue
                if ch in _PUNCT:
                    words.append((_PUNCT[ch], "open" if ch in _OPENING else "close", 0))
                elif words and words[-1][1] == "latin":
                    words[-1] = (words[-1][0] + ch, "latin", 0)
                else:
                    words.append((ch, "latin", 0))
        else:
            current.append(reading)
            count += len(text)
    flush()
    merged: list[tuple[str, str]] = []
    prev_mono_name = False
    for reading, kind, syl_count in words:
        if kind == "generic" and prev_mono_name and merged:
            # one-syllable proper name + generic form one word: 磁县 Cíxiàn, 漳河 Zhānghé
            merged[-1] = (_join([merged[-1][0], reading.lower()]), "name")
            prev_mono_name = False
            continue
        merged.append((reading, kind))
        prev_mono_name = kind == "name" and syl_count == 1
    out = ""
    glue = True  # no space before the first word or after an opening mark
    for reading, kind in merged:
        if kind == "close":
            out += reading
            glue = False
            continue
        if not glue:
            out += " "
        out += reading if kind in ("open", "latin", "particle") else _capitalise(reading)
        glue = kind == "open"
    return out


def pinyin_label(zh: str) -> str:
    """Pinyin for a descriptive label (an event, a slogan): names as in `pinyin_for`, the rest
    divided into words."""
    return pinyin_for(zh, lexicon=True)


# Surnames whose reading differs from the character's commonest one, and two-character surnames.
_SURNAME_READINGS = {
    "单": "Shàn",
    "曾": "Zēng",
    "区": "Ōu",
    "仇": "Qiú",
    "解": "Xiè",
    "查": "Zhā",
    "朴": "Piáo",
    "乐": "Yuè",
    "盖": "Gě",
    "华": "Huà",
    "任": "Rén",
    "覃": "Qín",
    "缪": "Miào",
    "召": "Shào",
    "秘": "Bì",
    "尉": "Yù",
    "员": "Yùn",
    "宓": "Fú",
    "沈": "Shěn",
    "柏": "Bǎi",
    "翟": "Zhái",
    "贲": "Bēn",
    "隗": "Wěi",
    "句": "Gōu",
    "繁": "Pó",
    "那": "Nā",
    "卜": "Bǔ",
}
_COMPOUND_SURNAMES = {
    "欧阳",
    "司马",
    "诸葛",
    "上官",
    "司徒",
    "东方",
    "夏侯",
    "皇甫",
    "尉迟",
    "公孙",
    "慕容",
    "长孙",
    "令狐",
    "宇文",
    "独孤",
    "端木",
    "澹台",
    "轩辕",
    "西门",
    "南宫",
    "百里",
    "呼延",
    "万俟",
}
_COMPOUND_READINGS = {"长孙": "Zhǎngsūn", "尉迟": "Yùchí", "万俟": "Mòqí", "单于": "Chányú"}


def pinyin_person(zh: str) -> str:
    """A Chinese personal name: surname and given name as two words (阎锡山 -> Yán Xīshān),
    with the surname readings of polyphonic characters (单 Shàn, 曾 Zēng). Overrides apply to
    the whole name first."""
    table = overrides()
    if zh in table:
        return table[zh]
    if not zh or not _HAN.fullmatch(zh) or len(zh) < 2:
        return pinyin_for(zh)
    split = 2 if zh[:2] in _COMPOUND_SURNAMES and len(zh) > 2 else 1
    surname = zh[:split]
    syls = _syllables(zh)
    if surname in _COMPOUND_READINGS:
        sur = _COMPOUND_READINGS[surname]
    elif surname in _SURNAME_READINGS:
        sur = _SURNAME_READINGS[surname]
    else:
        sur = _join(syls[:split])
    return f"{_capitalise(sur)} {_capitalise(_join(syls[split:]))}"


def _capitalise(word: str) -> str:
    return word[:1].upper() + word[1:] if word else word


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m gongyun.graph.names")
    sub = parser.add_subparsers(dest="command", required=True)
    show = sub.add_parser("pinyin", help="print the pinyin of each name")
    show.add_argument("--person", action="store_true", help="read the names as personal names")
    show.add_argument("names", nargs="+")
    args = parser.parse_args(argv)
    for name in args.names:
        reading = pinyin_person(name) if args.person else pinyin_for(name)
        print(f"{name}\t{reading}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
