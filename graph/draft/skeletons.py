"""Claim skeletons for the most frequent fact kinds (ontology/INVENTORY.md), sentence by sentence.

Each rule reads a sentence as its names (known and new, `Ref`), its figures and dates, and the
words between them; what it proposes is a claim in the curated form with the rule and the words
that matched as its reason. The kinds:

- founding: X成立 / 成立了X (组成, 组建, 建立, 组织) -> a Founding event that `founds` X, with
  `occurredWithin` the sentence's date before the verb and `tookPlaceAt` a place after 在 / 于;
- renaming: X (后)改称 / 改名为 / 更名为 Y -> a Renaming event: `renames` X, `oldName`, `newName`;
- lists: A、B、C(等) -> one claim per item with `position` and, after 等, `completeness:
  partial-list`; the predicate from the words around (下辖 subOrganizationOf, 由…组成 memberOf,
  迁往 destination), else `hasParticipant` (bodies) or `tookPlaceAt` (places) of the sentence's
  event;
- counts: 有N人的X, X…会员N人 (队员, 成员, 人数达) -> `size` of X; N人参加, 参加者N人 ->
  `participantCount` of the sentence's event;
- relocation: 迁往 / 迁至 / 内迁 / 运往 / 转移到 P -> a Relocation event: `destination` P (each
  place, in order), `origin` (从 / 由 P), `relocated` the body before the verb;
- sabotage: 炸毁 / 破坏 / 拆毁 / 捣毁 X -> a Sabotage event with `target` X;
- enlistment: 参加(了)八路军 / 新四军 (an armed unit) -> an Enlistment event with `target`;
- occupation and liberation: P失守 / 沦陷, 攻占 / 占领 P -> Occupation; 解放 / 收复 P, P解放 ->
  Liberation; `target` P and the sentence's date;
- membership and subordination: X下辖A、B -> subOrganizationOf; X隶属(于) / 属于 Y ->
  subOrganizationOf; X参加Y (a body) -> memberOf.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from gongyun.graph.draft.figures import Figure
from gongyun.namespaces import new_local_id

BODIES = {"Organization", "OrganizationalUnit", "ArmedUnit", "Enterprise", "Facility"}
PLACES = {"Place"}
ROUTES = {"RailwayLine", "RailwaySection", "TransportRoute", "Road"}
SENTENCE = re.compile(r"[^。！？；\n]+[。！？；]?")
_CLAUSE_END = "，。；！？：,"


@dataclass(frozen=True)
class Ref:
    """A name in the text and the thing it names (a known id or a new one)."""

    start: int
    end: int
    id: str
    cls: str
    text: str


@dataclass
class Proposal:
    s: str
    p: str
    key: str  # o | date | quantity | text
    value: str
    rule: str
    matched: str
    start: int  # the sentence the claim stands in
    end: int
    extra: dict = field(default_factory=dict)
    kind: str = ""  # founding, renaming, list, count, relocation, …


@dataclass(frozen=True)
class NewEvent:
    id: str
    cls: str
    zh: str


@dataclass
class Sentence:
    start: int
    end: int
    text: str
    refs: list[Ref]
    figures: list[Figure]
    source: str
    paragraph: int
    index: int
    inner: list[Ref] = field(default_factory=list)  # names inside longer names (泉州 in 泉州总工会)
    proposals: list[Proposal] = field(default_factory=list)
    events: list[NewEvent] = field(default_factory=list)

    def words(self, a: int, b: int) -> str:
        return self.text[a - self.start:b - self.start]

    def event(self, cls: str, key: str, zh: str, prefix: str = "event") -> NewEvent:
        """The sentence's event (or unnamed group or set, by `prefix`) of this class, one per
        key, minted on first use."""
        ident = new_local_id(prefix, f"p{self.paragraph:02d}-s{self.index:02d}-{key}",
                             source=self.source)
        for e in self.events:
            if e.id == ident:
                return e
        made = NewEvent(ident, cls, zh)
        self.events.append(made)
        return made

    def claim(self, s: str, p: str, key: str, value: str, rule: str, matched: str, kind: str,
              **extra: object) -> None:
        self.proposals.append(Proposal(s, p, key, value, rule, matched, self.start, self.end,
                                       {k: v for k, v in extra.items() if v is not None}, kind))


def _clause_bounds(s: Sentence, at: int) -> tuple[int, int]:
    a, b = at, at
    while a > s.start and s.text[a - 1 - s.start] not in _CLAUSE_END:
        a -= 1
    while b < s.end and s.text[b - s.start] not in _CLAUSE_END:
        b += 1
    return a, b


def _dates(s: Sentence, before: int | None = None) -> list[Figure]:
    out = [f for f in s.figures if f.kind == "date" and f.parsed and f.part is None]
    if before is not None:
        earlier = [f for f in out if f.end <= before]
        return earlier or out
    return out


def _date_claim(s: Sentence, subject: str, verb_at: int, rule: str, kind: str) -> None:
    dates = _dates(s, verb_at)
    if dates:
        d = dates[-1] if dates[-1].end <= verb_at else dates[0]
        s.claim(subject, "occurredWithin", "date", d.words, rule, d.words, kind, context=d.context)


def _place_after_prep(s: Sentence, limit: int) -> Ref | None:
    for ref in s.refs:
        if ref.cls in PLACES and ref.end <= limit and s.words(ref.start - 1, ref.start) in "在于":
            return ref
    return None


def _founding_place(s: Sentence, body: Ref, verb_at: int) -> Ref | None:
    """Where a body was founded: a place after 在 / 于 in the clause of the verb; else the
    place its name begins with (泉州总工会); else a place after 在 earlier in the sentence."""
    clause_start, _ = _clause_bounds(s, verb_at)
    near = [r for r in s.refs if r.cls in PLACES and clause_start <= r.start
            and r.end <= max(verb_at, body.start) and s.words(r.start - 1, r.start) in "在于"]
    if near:
        return near[-1]
    inside = [r for r in s.inner if r.cls in PLACES and r.start == body.start]
    if inside:
        return inside[0]
    return _place_after_prep(s, max(verb_at, body.start))


def _body_before(s: Sentence, at: int, classes: set[str] = BODIES) -> Ref | None:
    found = [r for r in s.refs if r.cls in classes and r.end <= at]
    return found[-1] if found else None


# --- founding ----------------------------------------------------------------------------------

# X成立, with what may stand between: where and when (在徐州, 于1938年8月5日) and adverbs.
_FOUNDED_AFTER = re.compile(
    r"”?(?:(?:于|在)[^，。；、等]{1,16}?)?(?:也|都|即|就|相继|纷纷|先后|正式|宣告|宣布)*成立")
_FOUNDING_BEFORE = re.compile(
    r"(?:成立|组成|组建|建立|组织|创建|创立)(?:了|起|起了)?"
    r"(?:有[^，。；]{1,12}的|以[^，。；]{1,12}为[^，。；]{1,6}的)?“?$")


def _founding(s: Sentence) -> None:
    for ref in s.refs:
        if ref.cls not in BODIES:
            continue
        after = _FOUNDED_AFTER.match(s.text, ref.end - s.start)
        between_refs = after and any(
            r is not ref and ref.end <= r.start < s.start + after.end() for r in s.refs
            if r.cls in BODIES)
        before = _FOUNDING_BEFORE.search(s.text[:ref.start - s.start])
        if after and not between_refs:
            verb_at, pattern = s.start + after.end(), "X成立"
        elif before:
            verb_at, pattern = s.start + before.start(), "成立了X"
        else:
            continue
        rule = f"skeleton/founding: {pattern}"
        event = s.event("Founding", f"founding-{s.refs.index(ref)}", f"{ref.text}成立")
        matched = s.words(min(ref.start, verb_at), max(ref.end, verb_at + 2))
        s.claim(event.id, "founds", "o", ref.id, rule, matched, "founding", **{"as": ref.text})
        _date_claim(s, event.id, verb_at, rule, "founding")
        place = _founding_place(s, ref, verb_at)
        if place is not None:
            s.claim(event.id, "tookPlaceAt", "o", place.id, rule, s.words(place.start - 1,
                    place.end), "founding", **{"as": place.text})


# --- renaming ----------------------------------------------------------------------------------

_RENAMED = re.compile(r"(?:后来|后)?(?:改称|改名为|改名|更名为|更名|改为)")


def _renaming(s: Sentence) -> None:
    chain: Ref | None = None
    original: Ref | None = None
    for m in _RENAMED.finditer(s.text):
        at = s.start + m.start()
        old = chain or _body_before(s, at)
        if old is None:
            continue
        new = next((r for r in s.refs if r.start >= s.start + m.end()
                    and r.start - (s.start + m.end()) <= 1 and r.cls in BODIES), None)
        if new is None:
            continue
        original = original or old
        rule = "skeleton/renaming: X改称Y"
        event = s.event("Renaming", f"renaming-{m.start()}", f"{old.text}改称{new.text}")
        matched = s.words(old.start, new.end) if old.end <= at else s.words(at, new.end)
        s.claim(event.id, "renames", "o", original.id, rule, matched, "renaming",
                **{"as": original.text})
        s.claim(event.id, "oldName", "text", old.text, rule, matched, "renaming")
        s.claim(event.id, "newName", "text", new.text, rule, matched, "renaming")
        chain = new


# --- lists -------------------------------------------------------------------------------------

_LIST_SEP = ("、", "和", "及", "与", "以及")


def _family(cls: str) -> str:
    if cls in BODIES:
        return "body"
    if cls in PLACES:
        return "place"
    if cls in ROUTES:
        return "route"
    return cls


def lists(s: Sentence) -> list[list[Ref]]:
    """Runs of two or more names of one family separated by 、 (和 / 及 before the last)."""
    refs = [r for r in s.refs if _family(r.cls) in {"body", "place", "route"}]
    runs: list[list[Ref]] = []
    current: list[Ref] = []
    for ref in refs:
        if current:
            gap = s.words(current[-1].end, ref.start)
            if gap in _LIST_SEP and _family(ref.cls) == _family(current[-1].cls):
                current.append(ref)
                continue
            if len(current) >= 2:
                runs.append(current)
        current = [ref]
    if len(current) >= 2:
        runs.append(current)
    return runs


def _list_context(s: Sentence, run: list[Ref]) -> tuple[str, str | None, str]:
    """(predicate, the other end's id or None for the sentence's event, pattern)."""
    before = s.text[:run[0].start - s.start]
    after = s.text[run[-1].end - s.start:]
    owner = _body_before(s, run[0].start)
    if re.search(r"下辖[^，。；]{0,4}$", before) and owner is not None:
        return "subOrganizationOf", owner.id, "X下辖A、B"
    if re.search(r"由$", before) and re.match(r"[^，。；]{0,16}?组成", after):
        subject = _body_before(s, run[0].start)
        if subject is not None:
            return "memberOf", subject.id, "X由A、B…组成"
    if re.search(r"(?:迁往|迁至|迁到|迁入|运往|运至|转移到|撤至|撤往|移至|内迁至|内迁到)$", before):
        return "destination", None, "迁往A、B"
    if re.search(r"(?:从|由|自)$", before) and _family(run[0].cls) == "place":
        return "origin", None, "从A、B"
    if re.search(r"由$", before) and re.match(
            r"等?[^，。；]{0,6}?(?:发起|组织|领导|主持|召集)", after):
        return "organisedBy", None, "由A、B等发起"
    if re.search(r"(?:设立|设|成立|建立|组建|组织|创办|编为|分为)(?:了)?$", before) \
            and _family(run[0].cls) == "body":
        return "founds", None, "设立A、B"
    if _family(run[0].cls) == "place":
        return "tookPlaceAt", None, "A、B (places)"
    return "hasParticipant", None, "A、B (bodies)"


def _lists(s: Sentence) -> None:
    for run in lists(s):
        predicate, other, pattern = _list_context(s, run)
        owner = _body_before(s, run[0].start)
        if predicate == "destination":
            continue  # the relocation rule writes these, in order
        if predicate in ("organisedBy", "founds", "origin"):
            other = None
        partial = s.text[run[-1].end - s.start:].startswith("等")
        rule = f"skeleton/list: {pattern}"
        matched = s.words(run[0].start, run[-1].end + (1 if partial else 0))
        if other is None:
            founding = next((e for e in s.events if e.cls == "Founding"), None)
            if predicate == "founds" or founding is None:
                subject = s.event("Founding" if predicate == "founds" else "Event",
                                  "list-founding" if predicate == "founds" else "event",
                                  s.text.strip("。；！？")[:40]).id
            else:
                subject = founding.id
        for position, ref in enumerate(run, start=1):
            extra = {"as": ref.text, "position": position,
                     "completeness": "partial-list" if partial else None}
            if predicate in ("subOrganizationOf", "memberOf"):
                s.claim(ref.id, predicate, "o", other, rule, matched, "list", **extra)
            else:
                s.claim(subject, predicate, "o", ref.id, rule, matched, "list", **extra)
            if predicate == "founds" and owner is not None and owner.end <= run[0].start:
                # The sections a body sets up (设立总务股、组织股) are its units.
                s.claim(owner.id, "hasUnit", "o", ref.id, rule, matched, "list",
                        **{"as": ref.text, "position": position})


# --- counts ------------------------------------------------------------------------------------

_PEOPLE = {"person"}
# Units that count bodies or things rather than people (家, 个): a count of a set.
_THINGS = {"enterprise", "count"}
_GATHERING = re.compile(r"召开|举行|集会|游行|大会|参加|出席")
_MEMBERS = re.compile(r"(?:会员|队员|成员|人数)(?:达到|达|有|共|约|计|为)?$")
_PARTICIPANTS_AFTER = re.compile(r"^(?:参加|出席|与会)")
_PARTICIPANTS_BEFORE = re.compile(
    r"(?:参加者|参加的有|出席者|与会者|参加人数)(?:达到|达|有|共|约|为)?$")


def _counts(s: Sentence) -> None:
    for fig in s.figures:
        if fig.kind != "quantity" or not fig.parsed or fig.quantity is None:
            continue
        if fig.quantity.unit in _THINGS and fig.quantity.qualifier != "exact" or \
                fig.quantity.unit in _THINGS and fig.end < s.end and \
                "\u4e00" <= s.text[fig.end - s.start] <= "\u9fff":
            start, _ = _clause_bounds(s, fig.start)
            things = s.event("Collection", f"set-{fig.start - s.start}",
                             s.words(start, min(fig.end + 6, s.end)).strip("，、 "), prefix="set")
            s.claim(things.id, "count", "quantity", fig.words,
                    "skeleton/count: N家 / N个 (a set)",
                    s.words(fig.start, min(fig.end + 4, s.end)), "count")
            continue
        if fig.quantity.unit not in _PEOPLE:
            continue
        before = s.text[:fig.start - s.start]
        after = s.text[fig.end - s.start:]
        target = next((r for r in s.refs if r.cls in BODIES and r.start - fig.end in (1, 2)
                       and s.words(fig.end, r.start) in ("的", "之")), None)
        if target is not None and before.endswith("有"):
            s.claim(target.id, "size", "quantity", fig.words, "skeleton/count: 有N人的X",
                    s.words(fig.start - 1, target.end), "count")
            continue
        owner = _body_before(s, fig.start)
        if _MEMBERS.search(before) and owner is not None:
            s.claim(owner.id, "size", "quantity", fig.words, "skeleton/count: X…会员N人",
                    s.words(owner.start, fig.end), "count")
            continue
        if _PARTICIPANTS_AFTER.match(after) or _PARTICIPANTS_BEFORE.search(before):
            event = next((e for e in s.events if e.cls != "Event"), None) or s.event(
                "Event", "event", s.text.strip("。；！？")[:40])
            s.claim(event.id, "participantCount", "quantity", fig.words,
                    "skeleton/count: N人参加", s.words(fig.start, min(fig.end + 2, s.end)),
                    "count")
            continue
        # Otherwise the people counted are a group the text does not name (太原市各业工人7万
        # 余人): a Group with its size, and the participants of a gathering in the sentence.
        start, end = _clause_bounds(s, fig.start)
        group = s.event("Group", f"group-{fig.start - s.start}", s.words(start, fig.end)
                        .strip("，、 "), prefix="group")
        s.claim(group.id, "size", "quantity", fig.words, "skeleton/count: N人 (a group)",
                s.words(start, fig.end), "count")
        if _GATHERING.search(s.text):
            event = next((e for e in s.events if e.cls != "Event" and not
                          e.id.startswith("group/")), None) or s.event(
                "Event", "event", s.text.strip("。；！？")[:40])
            s.claim(event.id, "participantCount", "quantity", fig.words,
                    "skeleton/count: N人 at a gathering", s.words(start, end), "count")


# --- relocation --------------------------------------------------------------------------------

# A move and where to: 迁往, 迁移至, 运到, 西运到, 抢运到, 运进, 转移到, 撤至, 分赴, 西移….
# Also the moves of people: 派往, 开到, 挺进, 北上, 开赴, 前往 (a dispatch, a march).
_MOVED = re.compile(
    r"(?:迁移|内迁|西迁|迁|抢运|西运|运|转移|撤退|撤|移|搬|派|开|调)(?:往|至|到|进|入)"
    r"|迁川|西迁|西移|分赴|开赴|奔赴|前往|挺进|北上|南下|西进|东进|派人到|上溯[^，。；]{0,6}?到")
# What may stand between two destinations: a separator, or a parenthesis that details the one
# before (湖南 (湘西、湘南)、广西).
_DEST_GAP = re.compile(r"\s*(?:[(（][^()（）]*[)）]\s*)?(?:、|和|及|与|以及)?\s*")


def _relocation(s: Sentence) -> None:
    for m in _MOVED.finditer(s.text):
        verb_at, verb_end = s.start + m.start(), s.start + m.end()
        _, clause_end = _clause_bounds(s, verb_at)
        destinations: list[Ref] = []
        cursor = verb_end
        for ref in s.refs:
            if ref.start < cursor or ref.cls not in PLACES and ref.cls not in ROUTES:
                continue
            gap = s.words(cursor, ref.start)
            if destinations and not _DEST_GAP.fullmatch(gap) \
                    or not destinations and len(gap) > 2 or not destinations \
                    and ref.start >= clause_end:
                break
            if ref.cls in ROUTES and not destinations:
                break
            destinations.append(ref)
            cursor = ref.end
        clause_start, _ = _clause_bounds(s, verb_at)
        origin = next((r for r in s.refs if r.cls in PLACES and clause_start <= r.start < verb_at
                       and s.words(r.start - 1, r.start) in ("从", "由", "自")), None)
        moved = _body_before(s, verb_at)
        if not destinations and origin is None:
            continue
        event = s.event("Relocation", f"relocation-{m.start()}", s.words(clause_start, clause_end))
        rule = f"skeleton/relocation: {m.group()}P"
        partial = s.text[cursor - s.start:].startswith("等")
        for position, ref in enumerate(destinations, start=1):
            extra = {"as": ref.text}
            if len(destinations) > 1:
                extra.update(position=position,
                             completeness="partial-list" if partial else None)
            s.claim(event.id, "destination", "o", ref.id, rule, s.words(verb_at, ref.end),
                    "relocation", **extra)
        if origin is not None:
            s.claim(event.id, "origin", "o", origin.id, rule, s.words(origin.start - 1, verb_end),
                    "relocation", **{"as": origin.text})
        if moved is not None and moved.start >= clause_start - 20:
            s.claim(event.id, "relocated", "o", moved.id, rule, s.words(moved.start, verb_end),
                    "relocation", **{"as": moved.text})
        _date_claim(s, event.id, verb_at, rule, "relocation")


# --- sabotage, enlistment, occupation, liberation ----------------------------------------------

_SABOTAGE = re.compile(r"炸毁|破坏了?|拆毁|捣毁|烧毁|毁坏")
_ENLIST = re.compile(r"参加(?:了)?")
_LOST = re.compile(r"(?:相继|先后)?(?:失守|沦陷)")
_TAKEN = re.compile(r"攻占|占领|侵占")
_FREED = re.compile(r"解放(?:了)?|收复(?:了)?")


def _ref_at(s: Sentence, at: int, classes: set[str] | None = None, slack: int = 1) -> Ref | None:
    return next((r for r in s.refs if 0 <= r.start - at <= slack
                 and (classes is None or r.cls in classes)), None)


def _events(s: Sentence) -> None:
    for m in _SABOTAGE.finditer(s.text):
        target = _ref_at(s, s.start + m.end(), slack=2)
        if target is None:
            continue
        event = s.event("Sabotage", f"sabotage-{m.start()}", m.group() + target.text)
        rule = f"skeleton/sabotage: {m.group()}X"
        s.claim(event.id, "target", "o", target.id, rule, s.words(s.start + m.start(),
                target.end), "sabotage", **{"as": target.text})
        _date_claim(s, event.id, s.start + m.start(), rule, "sabotage")
    for m in _ENLIST.finditer(s.text):
        army = _ref_at(s, s.start + m.end(), {"ArmedUnit"}, slack=0)
        if army is None:
            continue
        event = s.event("Enlistment", f"enlistment-{m.start()}", "参加" + army.text)
        s.claim(event.id, "target", "o", army.id, "skeleton/enlistment: 参加X",
                s.words(s.start + m.start(), army.end), "enlistment", **{"as": army.text})
    for pattern, cls, kind in ((_LOST, "Occupation", "occupation"),
                               (_FREED, "Liberation", "liberation")):
        for m in pattern.finditer(s.text):
            at = s.start + m.start()
            place = next((r for r in s.refs if r.cls in PLACES and r.end == at), None)
            if place is None and cls == "Liberation":
                place = _ref_at(s, s.start + m.end(), PLACES, slack=0)
            if place is None:
                continue
            _occupation(s, place, cls, kind, m.group(), at)
    for m in _TAKEN.finditer(s.text):
        place = _ref_at(s, s.start + m.end(), PLACES, slack=0)
        if place is not None:
            _occupation(s, place, "Occupation", "occupation", m.group(), s.start + m.start())


def _occupation(s: Sentence, place: Ref, cls: str, kind: str, verb: str, at: int) -> None:
    zh = place.text + verb if place.start < at else verb + place.text
    event = s.event(cls, f"{kind}-{place.start - s.start}", zh)
    rule = f"skeleton/{kind}: {verb}"
    s.claim(event.id, "target", "o", place.id, rule, s.words(min(place.start, at),
            max(place.end, at + len(verb))), kind, **{"as": place.text})
    _date_claim(s, event.id, at, rule, kind)


# --- membership and subordination --------------------------------------------------------------

_UNDER = re.compile(r"隶属于?|属于")
_JOINS = re.compile(r"参加(?:了)?")


def _membership(s: Sentence) -> None:
    for m in _UNDER.finditer(s.text):
        at = s.start + m.start()
        child = _body_before(s, at, {"Organization", "OrganizationalUnit", "ArmedUnit"})
        parent = _ref_at(s, s.start + m.end(), {"Organization", "OrganizationalUnit", "ArmedUnit"})
        if child is not None and parent is not None and child.id != parent.id:
            s.claim(child.id, "subOrganizationOf", "o", parent.id, "skeleton/subordination: "
                    "X隶属Y", s.words(child.start, parent.end), "subordination",
                    **{"as": parent.text})
    for m in _JOINS.finditer(s.text):
        at = s.start + m.start()
        body = _ref_at(s, s.start + m.end(), {"Organization"}, slack=0)
        member = _body_before(s, at, {"Organization", "OrganizationalUnit", "Enterprise"})
        if body is None or member is None or member.id == body.id:
            continue
        if s.words(member.end, at).strip("也都均还先后") == "":
            s.claim(member.id, "memberOf", "o", body.id, "skeleton/membership: X参加Y",
                    s.words(member.start, body.end), "membership", **{"as": body.text})


RULES = (_founding, _renaming, _lists, _counts, _relocation, _events, _membership)


def sentences(text: str, paragraph_start: int, paragraph: str) -> list[tuple[int, int, str]]:
    """The paragraph's sentences (up to and with 。；！？) as (start, end, text) in the text."""
    out = []
    for m in SENTENCE.finditer(paragraph):
        chunk = m.group()
        lead = len(chunk) - len(chunk.lstrip())
        body = chunk.strip()
        if body:
            start = paragraph_start + m.start() + lead
            out.append((start, start + len(body), body))
    return out


def skeletons(sentence: Sentence) -> Sentence:
    for rule in RULES:
        rule(sentence)
    return sentence
