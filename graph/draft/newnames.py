"""New named things, from the shapes of Chinese names.

A name ends in a generic that says its class (…工会 an organisation, …游击队 an armed unit, …厂
an enterprise, …铁路 a railway line); its start is found by walking back over the words before
the generic while they can stand in a name (nouns, place and proper names, abbreviations, the
verbs names are made of: 抗日, 救国, 联合…), stopping at punctuation, a function word, a verb of
the sentence, a number or a date. A name needs at least one specific word before its generic
(a place, a proper noun, an abbreviation, a known name, an ordinal): 工人抗日救亡团体 is a
description, 太原工人自卫队 a name.

Places: a word that GeoNames knows as a populated place in China (graph/draft/geonames-zh.tsv),
or a word with an administrative generic (…省, …县), where the word is not an ordinary word of
the language used as one (胜利, 建设 are also village names): it must be tagged a place name, or
stand where places stand (在…, 到…, …一带, …等地, in a list with other places), or be the name
of a large place (100,000 people or more) and not a verb or adjective.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from gongyun.graph.draft.lexicon import Lexicon
from gongyun.graph.draft.tokens import Token
from gongyun.graph.names import GENERICS
from gongyun.normalise.chinese import fold

GEONAMES_FILE = Path(__file__).parent / "geonames-zh.tsv"


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Generic endings and the class they give, longest first where one ends another.
SUFFIXES: tuple[tuple[str, str], ...] = (
    # armed units
    ("游击大队", "ArmedUnit"), ("游击队", "ArmedUnit"), ("自卫队", "ArmedUnit"),
    ("破坏队", "ArmedUnit"), ("别动队", "ArmedUnit"), ("支队", "ArmedUnit"),
    ("大队", "ArmedUnit"), ("纵队", "ArmedUnit"), ("义勇军", "ArmedUnit"), ("旅", "ArmedUnit"),
    ("军", "ArmedUnit"), ("营", "ArmedUnit"),
    # organisations
    ("总工会", "Organization"), ("工会", "Organization"), ("总会", "Organization"),
    ("分会", "Organization"), ("联合会", "Organization"), ("协会", "Organization"),
    ("救国会", "Organization"), ("后援会", "Organization"), ("救援会", "Organization"),
    ("委员会", "Organization"), ("同盟会", "Organization"), ("同盟", "Organization"),
    ("同学会", "Organization"), ("俱乐部", "Organization"), ("党部", "Organization"),
    ("服务团", "Organization"), ("救国团", "Organization"), ("团", "Organization"),
    ("先锋队", "Organization"), ("宣传队", "Organization"), ("服务队", "Organization"),
    ("队", "Organization"), ("股", "OrganizationalUnit"), ("政府", "Organization"),
    ("党委", "Organization"), ("市委", "Organization"),
    ("省委", "Organization"), ("县委", "Organization"), ("工委", "Organization"),
    ("署", "Organization"), ("部", "Organization"),
    # enterprises and facilities
    ("公司", "Enterprise"), ("煤矿", "Enterprise"), ("铁矿", "Enterprise"),
    ("纱厂", "Enterprise"), ("厂", "Enterprise"), ("矿", "Enterprise"),
    ("局", "Enterprise"), ("银行", "Enterprise"),
    ("矿区", "Place"), ("车站", "Facility"), ("站", "Facility"), ("码头", "Facility"),
    ("仓库", "Facility"),
    # lines
    ("铁路", "RailwayLine"), ("路", "RailwayLine"), ("线", "RailwayLine"), ("公路", "Road"),
    ("段", "RailwaySection"),
)
# Words that end like a name but are ordinary words (沿线 "along the line", 当局 "the
# authorities"): a one-character generic inside them is no generic.
NOT_GENERIC = _words("""
沿线 全线 前线 路线 一线 战线 防线 干线 道路 马路 集团 兵团 全团 当局 时局 战局
大局 结局 格局 全军 我军 敌军 友军 全部 内部 外部 本部 干部 局部 各部 全段 地段
阶段 手段
""")
_SUFFIX = dict(SUFFIXES)
_SUFFIX_ORDER = sorted(_SUFFIX, key=len, reverse=True)
# A one-character generic is an ending only after a proper name (正太路, 二○五旅, 西北制造厂),
# never after a common word (前线, 道路, 集团).
_WEAK = {s for s in _SUFFIX if len(s) == 1}
_SUFFIX_LAST = {s[-1] for s in _SUFFIX}

# Words that can stand inside a name, by part of speech (jieba's tags).
NAME_POS = {"n", "ns", "nr", "nrt", "nrfg", "nt", "nz", "ng", "j", "l", "b", "an", "eng"}
SPECIFIC_POS = {"ns", "nr", "nrt", "nrfg", "nt", "nz", "j", "eng"}
# Verbs that names are made of.
NAME_VERBS = _words("""
抗日 抗敌 救国 救亡 联合 保卫 护厂 护矿 服务 后援 救护 运输 慰劳 慰问 宣传 破坏
自卫 游击 抗战 训练 建设 生产 合作 互助 支援 制造 炼钢 纺织 发电 印刷 牺牲 统一
民众 动员 工作 解放 迁移
""")
# Other words names are made of that the tagger reads as pronouns or time words.
NAME_WORDS = _words("各界 战时 青年 地下 海外")
# Words that open a phrase, never a name.
NOT_IN_NAME = _words("""
各 该 此 这 那 其 全体 一些 部分 许多 所有 各地 各业 当地 全市 全国各地
本 原 新 旧 成立 组织 组成 参加 建立 领导 建成 改称 改名 称为 即 和
与 及 或 的 了 等 在 由 为 被 把 将 向 利用 通过 根据
嘉奖 支持 号召
""")
_DESCRIPTION_PARTS = ("各地", "各业", "全省", "全市")
NAME_MAX = 18
# The provinces of the period (1937-1945) and the regions written as a province's one-character
# name and a direction (晋南, 苏北, 鲁中, 晋东南).
PROVINCES = _words("""
江苏 浙江 安徽 江西 湖北 湖南 四川 西康 福建 广东 广西 云南 贵州 河北 山东 河南
山西 陕西 甘肃 宁夏 青海 绥远 察哈尔 热河 辽宁 吉林 黑龙江 新疆 西藏 台湾 华北 华南
华东 华中 东北 西北 西南 关内 关外
""")
_REGION = re.compile("[晋冀鲁豫苏浙皖赣湘鄂粤桂川滇黔陕甘宁青闽辽吉黑热察绥]"
                     "(?:东南|东北|西南|西北|[东西南北中])")
LARGE_PLACE = 100_000
_ADMIN = re.compile(r"^(?P<stem>.{2,})(?:省|市|县|镇)$")
# Words around a place: 在太原, 到汉口, 文水一带, 大连等地, 迁往重庆.
_BEFORE_PLACE = ("在", "到", "往", "至", "从", "赴", "驻", "经", "抵", "于")
_AFTER_PLACE = ("一带", "地区", "等地", "附近", "方面", "沦陷", "失守", "解放", "收复")
_LIST_JOINS = ("、", "和", "及", "与")
_NOT_PLACE_POS = {"v", "vd", "a", "ad", "an", "m", "t"}


@dataclass(frozen=True)
class NewName:
    start: int
    end: int
    zh: str  # as written
    cls: str
    rule: str  # new-name/<class>-suffix | new-name/place
    matched: str  # the generic or the evidence for a place
    geonames: int | None = None


@lru_cache(maxsize=1)
def geonames() -> dict[str, tuple[int, int]]:
    """Chinese place name -> (GeoNames id, population) of the most populous bearer."""
    out = {}
    with GEONAMES_FILE.open(encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#"):
                continue
            name, geonameid, population, _ = line.rstrip("\n").split("\t")
            out[name] = (int(geonameid), int(population))
    return out


# A word the dictionary counts this rarely, or not at all, is more likely a proper name
# (北票, 峰峰, 清风店) than an ordinary word.
RARE = 50


def _rare(token: Token) -> bool:
    return len(token.word) >= 2 and token.pos != "m" and _frequency(token.word) <= RARE


def generic_only(name: str) -> bool:
    """A name that is only a generic, with at most the verbs names are made of before it
    (抗敌后援会, 工会): it describes a kind of body, it names none."""
    suffix = next((x for x in _SUFFIX_ORDER if name.endswith(x)), None)
    if suffix is None:
        return False
    stem = name[: -len(suffix)]
    return not stem or stem in NAME_VERBS


def _specific(token: Token, lexicon: Lexicon) -> bool:
    return (token.pos in SPECIFIC_POS or fold(token.word) in lexicon
            or fold(token.word) in geonames() or token.word.startswith("第")
            or token.word in NAME_VERBS or _rare(token))


def _can_stand_in_name(token: Token) -> bool:
    if token.word in NOT_IN_NAME or any(p in token.word for p in _DESCRIPTION_PARTS) or (
            token.word[0] in "各该此这那" and token.word != "各界"):
        return False
    if token.word in NAME_VERBS or token.word in NAME_WORDS or token.pos in NAME_POS:
        return True
    if len(token.word) >= 2 and fold(token.word) in geonames() and token.pos not in {
            "p", "c", "u", "uj", "ul", "r", "m", "q", "f", "t"}:
        return True  # a place name the tagger read as another word (大同/d, 营口/vn)
    # Numbers written digit by digit (二○五) and ordinals (第五) belong to unit names.
    return token.pos == "m" and (token.word.startswith("第") or re.fullmatch(
        r"[〇○零一二三四五六七八九0-9]{2,}", token.word) is not None)


def _suffix_of(words: list[Token], k: int) -> tuple[str, int] | None:
    """The generic that ends at token k, and the index of the token it starts in."""
    if words[k].word[-1] not in _SUFFIX_LAST:
        return None
    end = words[k].end
    for suffix in _SUFFIX_ORDER:
        start = end - len(suffix)
        j = k
        text = words[k].word
        while len(text) < len(suffix) and j > 0 and words[j - 1].end == words[j].start:
            j -= 1
            text = words[j].word + text
        if text.endswith(suffix) and words[j].start <= start:
            return suffix, j
    return None


def _org_names(words: list[Token], lexicon: Lexicon) -> list[NewName]:
    out: list[NewName] = []
    for k, token in enumerate(words):
        found = _suffix_of(words, k)
        if found is None:
            continue
        suffix, j = found
        # The generic's own word may carry name characters before it (救国团, 自来水厂).
        head_start = words[j].start
        begin = j
        while begin > 0 and words[begin - 1].end == words[begin].start \
                and _can_stand_in_name(words[begin - 1]) \
                and token.end - words[begin - 1].start <= NAME_MAX:
            begin -= 1
        zh_start = words[begin].start
        if begin == j and head_start == token.end - len(suffix):
            continue  # the generic alone
        parts = words[begin:j]
        text = "".join(w.word for w in words[begin:k + 1])
        if len(text) < len(suffix) + 2:
            continue
        if words[j].word in NOT_GENERIC or token.word in NOT_GENERIC:
            continue
        # A one-character generic needs a specific word before it; a longer one (工会, 同学会)
        # says enough by itself when nouns stand before it (海员工会, 艺徒同学会).
        if suffix in _WEAK and not any(_specific(w, lexicon) for w in parts or [words[j]]):
            continue
        if suffix in _WEAK and not parts and words[j].pos not in SPECIFIC_POS:
            continue
        begin = _drop_leading_place(words, begin, j, lexicon)
        zh_start = words[begin].start
        text = "".join(w.word for w in words[begin:k + 1])
        out.append(NewName(zh_start, token.end, text, _SUFFIX[suffix],
                           f"new-name/{_SUFFIX[suffix]}-suffix", suffix))
    return _outermost(out)


def _is_place_word(token: Token, lexicon: Lexicon) -> bool:
    key = fold(token.word)
    stem = _ADMIN.match(key)
    return (token.pos == "ns" or key in geonames() or key in PROVINCES or (stem is not None and (
        stem["stem"] in geonames() or stem["stem"] in PROVINCES))
        or any("Place" in s.known.classes for s in lexicon.lookup(key)))


def _drop_leading_place(words: list[Token], begin: int, j: int, lexicon: Lexicon) -> int:
    """唐山开滦煤矿, 河北省井陉煤矿: a place word followed by a proper name says where the named
    thing is; the name begins at the proper name. A verb of the sentence that names are also
    made of (慰问国民党第二十九军) is not the name's first word when a proper name follows it."""
    following = words[begin + 1] if begin < j else None
    proper = following is not None and following.word not in NAME_VERBS and (
        following.pos in {"ns", "nt", "nz"} or following.pos == "nr" and _rare(following))
    if proper and (words[begin].word in NAME_VERBS or _is_place_word(words[begin], lexicon)) \
            and not (words[begin].word in NAME_VERBS and begin + 1 == j):
        return begin + 1
    return begin


def _outermost(names: list[NewName]) -> list[NewName]:
    """A name inside a longer name ending at the same place is the longer one's head word; one
    that ends before it names what the longer one belongs to (中华海员工会 in 中华海员工会福州
    分会) and stays."""
    keep = []
    for name in names:
        if not any(o is not name and o.start <= name.start and name.end == o.end
                   and o.start < name.start for o in names):
            keep.append(name)
    return keep


def _strong_cue(text: str, start: int, end: int, places: set[tuple[int, int]]) -> bool:
    """In a list with another place (文水、交城), or before 一带, 地区, 失守…."""
    if text.startswith(_AFTER_PLACE, end):
        return True
    ends = {b for _, b in places if (_, b) != (start, end)}
    starts = {a for a, _ in places if (a, _) != (start, end)}
    return any(text[start - len(sep):start] == sep and start - len(sep) in ends
               or text[end:end + len(sep)] == sep and end + len(sep) in starts
               for sep in _LIST_JOINS)


def _weak_cue(text: str, start: int) -> bool:
    return text[max(0, start - 1):start].endswith(_BEFORE_PLACE)


def _frequency(word: str) -> int:
    from gongyun.graph.draft.tokens import frequency

    return frequency(word)


def _place_reason(token: Token, text: str, candidates: set[tuple[int, int]]) -> str | None:
    """Why a word is a place, or None. The tests, in order: a province of the period or a
    region (晋南, 苏北); a word with an administrative generic whose stem is a place (…省, …县);
    a word tagged a place name that GeoNames has, unless it is an ordinary word (the dictionary
    counts it 3,000 times or more, as 南北 or 爱国) of a small place; a word tagged a place name
    that GeoNames lacks, when it is rare (100 times at most) or stands where places stand; a
    GeoNames name that is not a verb, adjective, number or time word and is a large place
    (100,000 people; the word counted 2,000 times at most), or is rare as a word (1,000 times
    at most) and in a list with other places, or after 在 / 到 / 往… when rarer still (100)."""
    word = fold(token.word)
    table = geonames()
    if word in PROVINCES or _REGION.fullmatch(word):
        return "a province or region of the period"
    admin = _ADMIN.match(word)
    if admin and (admin["stem"] in table or admin["stem"] in PROVINCES):
        return "administrative generic"
    entry = table.get(word)
    population = entry[1] if entry else 0
    frequency = _frequency(word)
    cue = _strong_cue(text, token.start, token.end, candidates) or _weak_cue(text, token.start)
    if token.pos == "ns":
        if entry is not None and (frequency < 3000 or population >= LARGE_PLACE):
            return "tagged a place name, and GeoNames has it"
        if entry is None and (frequency <= 100 or cue and frequency < 3000):
            return "tagged a place name, rare as a word"
        return None
    if token.pos in _NOT_PLACE_POS:
        return None
    if entry is None:
        if _rare(token) and len(word) <= 3 and not word.endswith(tuple(_SUFFIX)) \
                and _strong_cue(text, token.start, token.end, candidates):
            return "a rare word in a list with places, or before 一带 / 地区 / 失守…"
        return None
    if population >= LARGE_PLACE and frequency <= 2000:
        return f"a place of {population:,} people"
    if frequency > 1000:
        return None
    if _strong_cue(text, token.start, token.end, candidates):
        return "in a list with places, or before 一带 / 地区 / 失守…"
    if _weak_cue(text, token.start) and frequency <= 100:
        return "after 在 / 到 / 往…"
    return None


def _places(text: str, words: list[Token], lexicon: Lexicon) -> list[NewName]:
    # Place words anchor the list cue (文水、交城); a rare word accepted as a place anchors the
    # next one in the list (烈山、贾汪、砀山), so the test runs until nothing new is found.
    anchors = {(t.start, t.end) for t in words
               if len(t.word) >= 2 and _is_place_word(t, lexicon)}
    tested = [t for t in words if (t.start, t.end) in anchors or _rare(t)]
    found: dict[tuple[int, int], NewName] = {}
    while True:
        before = len(found)
        for token in tested:
            if (token.start, token.end) in found:
                continue
            reason = _place_reason(token, text, anchors)
            if reason is None:
                continue
            entry = geonames().get(fold(token.word))
            matched = f"GeoNames {entry[0]}; {reason}" if entry else reason
            found[(token.start, token.end)] = NewName(
                token.start, token.end, token.word, "Place", "new-name/place", matched,
                entry[0] if entry else None)
            anchors.add((token.start, token.end))
        if len(found) == before:
            return sorted(found.values(), key=lambda n: n.start)


_CLAUSE = re.compile(r"[^，。；：！？\n（）()]+")
_BODY_CLASSES = {"Organization", "OrganizationalUnit", "ArmedUnit", "Enterprise", "Facility"}
def _is_location(words: str, lexicon: Lexicon) -> bool:
    """Words before a known name that say where it is (晋察冀根据地, 华北地区的, 山东)."""
    words = fold(words.removesuffix("的"))
    if words.endswith(("根据地", "边区", "地区", "一带")):
        return True
    stem = _ADMIN.match(words)
    return (words in geonames() or words in PROVINCES or bool(stem and stem["stem"] in geonames())
            or any("Place" in s.known.classes for s in lexicon.lookup(words)))


_QUOTED = re.compile(r"“([^“”\n]{2,20})”")


def _quoted_names(text: str) -> list[NewName]:
    """A name in quotation marks (“天津工人救国联合会”) whose words end in a generic."""
    out = []
    for m in _QUOTED.finditer(text):
        inner = m.group(1)
        suffix = next((x for x in _SUFFIX_ORDER if inner.endswith(x)), None)
        if suffix is None or len(inner) < len(suffix) + 2 or suffix in _WEAK:
            continue
        out.append(NewName(m.start(1), m.end(1), inner, _SUFFIX[suffix], "new-name/quoted",
                           f"“…{suffix}”"))
    return out


def _segment_words(words: list[Token], start: int, end: int) -> list[Token]:
    return [w for w in words if start <= w.start and w.end <= end]


def _list_members(text: str, words: list[Token], names: list[tuple[int, int, str]]
                  ) -> list[NewName]:
    """In a list (A、B、C等) where some items are names of a body class, the other items are
    names of that class too: a middle item is all the words between its 、, the first the
    name words before its 、, the last the words up to 等."""
    classes = {(a, b): c for a, b, c in names if c in _BODY_CLASSES}
    out = []
    for clause in _CLAUSE.finditer(text):
        parts = clause.group().split("、")
        if len(parts) < 2:
            continue
        spans, offset = [], clause.start()
        for part in parts:
            spans.append((offset, offset + len(part)))
            offset += len(part) + 1
        items: list[tuple[int, int]] = []
        for i, (a, b) in enumerate(spans):
            seg = text[a:b]
            if i == 0:
                inner = [w for w in _segment_words(words, a, b)]
                k = len(inner)
                while k > 0 and _can_stand_in_name(inner[k - 1]):
                    k -= 1
                a = inner[k].start if k < len(inner) else b
            elif i == len(spans) - 1:
                cut = seg.find("等")
                named = [x for x in classes if x[0] == a]
                if named:
                    b = named[0][1]
                elif cut > 0:
                    b = a + cut
                elif not any(seg.endswith(x) for x in _SUFFIX_ORDER):
                    continue  # the clause goes on past the last item: no end is known
            lead = re.match(r"(?:和|及|与|以及)", text[a:b])
            if lead:
                a += lead.end()
            items.append((a, b))
        found = [classes[x] for x in items if x in classes]
        if not found or len(set(found)) > 1:
            continue
        cls = found[0]
        for a, b in items:
            zh = text[a:b]
            if (a, b) in classes or not 2 <= len(zh) <= NAME_MAX or zh in _SUFFIX \
                    or zh in GENERICS or zh[0] in "各该此这那":
                continue
            inner = _segment_words(words, a, b)
            ends_generic = any(zh.endswith(x) for x in _SUFFIX_ORDER)
            if not ends_generic and not all(_can_stand_in_name(w) for w in inner):
                continue
            out.append(NewName(a, b, zh, cls, "new-name/list-member",
                               "an item of a list of names of this class"))
    return out


def find_new_names(text: str, words: list[Token], lexicon: Lexicon,
                   known: list[tuple[int, int, str]] | None = None) -> list[NewName]:
    """New names in text order; names the lexicon knows are mentions, not new. A name that
    begins inside a known name takes that name in (六河沟 + 工人第四游击支队); a new place
    inside a new organisation's name stays a proposal of its own (the body is based there)."""
    known = known or []
    out = []
    bodies = _org_names(words, lexicon) + _quoted_names(text)
    spans = [(n.start, n.end, n.cls) for n in bodies]
    spans += known
    bodies += _list_members(text, words, spans)
    for name in sorted(bodies + _places(text, words, lexicon),
                       key=lambda n: (n.start, -n.end)):
        for a, b, _ in known:
            if a < name.start < b and name.cls != "Place":
                name = NewName(a, name.end, text[a:name.end], name.cls, name.rule, name.matched)
        if fold(name.zh) in lexicon or any((o.start, o.end) == (name.start, name.end)
                                           for o in out):
            continue
        if name.cls != "Place" and any(
                b == name.end and a > name.start and cls in _BODY_CLASSES
                and _is_location(text[name.start:a], lexicon) for a, b, cls in known):
            continue  # 晋察冀根据地八路军: a known body and where it is, not a new one
        if name.cls == "Place" and name.matched.startswith("a rare word") and any(
                o.start <= name.start and name.end <= o.end for o in out):
            continue  # a rare word inside a new name is that name's part, not a place
        if name.cls == "Place" and any(a <= name.start and name.end <= b
                                       and (a, b) != (name.start, name.end) for a, b, _ in known):
            continue  # a place inside a known name (山西省 in 山西省总工会) is that name's part
        out.append(name)
    return out
