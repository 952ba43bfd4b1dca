"""Every drafting rule on small texts: lexicon variants, longest match and ambiguity, new names
by shape, places, figures and dates with their context, and each claim skeleton."""

from __future__ import annotations

import pytest

from gongyun.graph.draft.draft import draft_text
from gongyun.graph.draft.figures import find_figures
from gongyun.graph.draft.lexicon import Knowledge, Known, Lexicon, descriptive, short_forms
from gongyun.graph.draft.mentions import find_mentions
from gongyun.graph.draft.newnames import find_new_names
from gongyun.graph.draft.tokens import boundaries, tokens
from gongyun.graph.sources import Source


def lexicon(*things: tuple[str, str, str, list[str]]) -> Lexicon:
    knowledge = Knowledge()
    for ident, cls, zh, aliases in things:
        knowledge.add(Known(ident, (cls,), zh), [(zh, "label")] + [(a, "alias") for a in aliases])
    return Lexicon(knowledge)


LEX = lexicon(
    ("place/taiyuan", "Place", "太原", ["太原市"]),
    ("place/datong", "Place", "大同", []),
    ("org/shanxi-gtu", "Organization", "山西省总工会", ["省总工会"]),
    ("armed/205th-brigade", "ArmedUnit", "二○五旅", ["工卫旅"]),
    ("line/pinghan-railway", "RailwayLine", "平汉铁路", []),
    ("org/fifth-war-zone-federation", "Organization", "第五战区职工抗日联合总会", ["总会", "该会"]),
    ("org/a-union", "Organization", "海员工会", []),
    ("org/b-union", "Organization", "香港海员工会", ["海员工会"]),
    ("armed/eighth-route-army", "ArmedUnit", "八路军", []),
    ("armed/new-fourth-army", "ArmedUnit", "新四军", []),
)


def source(text: str, ident: str = "900") -> Source:
    return Source(ident, None, "", "zh-Hans", "测试", "test", "", None, False, text, None)


def mentions(text: str, lex: Lexicon = LEX) -> list[tuple[str, tuple[str, ...]]]:
    return [(m.text, m.candidates) for m in find_mentions(text, lex, boundaries(tokens(text)))]


# --- lexicon and mentions ----------------------------------------------------------------------

def test_unit_numbers_match_in_every_written_form():
    for written in ("二○五旅", "二〇五旅", "二零五旅", "205旅", "２０５旅"):
        assert mentions(f"后来发展成{written}。") == [(written, ("armed/205th-brigade",))]


def test_traditional_characters_match_their_simplified_name():
    assert mentions("平漢鐵路工人") == [("平漢鐵路", ("line/pinghan-railway",))]


def test_short_forms_of_railways_and_provinces():
    assert short_forms("平汉铁路") == {"平汉路", "平汉线", "平汉"}
    assert short_forms("山西省") == {"山西"}
    assert mentions("破坏平汉线。") == [("平汉线", ("line/pinghan-railway",))]


def test_longest_match_wins_and_a_name_inside_is_nested():
    found = find_mentions("太原市各业工人", LEX, boundaries(tokens("太原市各业工人")))
    assert [(m.text, m.nested) for m in found] == [("太原市", False)]
    found = find_mentions("山西省总工会成立", LEX)
    assert [(m.text, m.candidates) for m in found] == [("山西省总工会", ("org/shanxi-gtu",))]


def test_an_ambiguous_mention_lists_its_candidates():
    found = find_mentions("海员工会号召罢工。", LEX)
    assert [(m.text, m.candidates, m.rule) for m in found] == [
        ("海员工会", ("org/a-union", "org/b-union"), "lexicon/ambiguous")]


def test_descriptive_aliases_are_not_matched():
    assert descriptive("总会") and descriptive("该会") and descriptive("敌人")
    assert not descriptive("工卫旅")
    assert mentions("该会与总会。") == []


def test_a_short_name_must_stand_on_word_boundaries():
    # 大同 inside 大同盟 (a word of its own) is no mention of Datong.
    assert mentions("成立了各界工人联合反日大同盟。") == []
    assert mentions("日军攻占大同。") == [("大同", ("place/datong",))]


# --- new names ---------------------------------------------------------------------------------

def new_names(text: str, lex: Lexicon = LEX) -> list[tuple[str, str]]:
    words = tokens(text)
    known = [(m.start, m.end, m.surfaces[0].known.classes[0])
             for m in find_mentions(text, lex, boundaries(words))]
    return [(n.zh, n.cls) for n in find_new_names(text, words, lex, known)]


@pytest.mark.parametrize(("text", "name", "cls"), [
    ("1938年2月，陇海铁路员工抗日先锋队成立。", "陇海铁路员工抗日先锋队", "Organization"),
    ("天津工人救国团成立大会召开。", "天津工人救国团", "Organization"),
    ("组成了有六七百人的太原工人自卫队。", "太原工人自卫队", "ArmedUnit"),
    ("成立正太铁路工人游击队。", "正太铁路工人游击队", "ArmedUnit"),
    ("晋华纺织厂的工人罢工。", "晋华纺织厂", "Enterprise"),
    ("上海英商公共汽车公司的工人开出汽车。", "上海英商公共汽车公司", "Enterprise"),
    ("转移到同蒲线。", "同蒲线", "RailwayLine"),
])
def test_a_generic_ending_gives_the_class(text: str, name: str, cls: str):
    assert (name, cls) in new_names(text)


def test_descriptions_ending_in_a_generic_are_no_names():
    found = [n for n, _ in new_names("各地的工会纷纷成立，工人到前线去，当局不许。")]
    assert found == []


def test_a_place_word_before_a_proper_name_is_not_part_of_it():
    assert ("开滦煤矿", "Enterprise") in new_names("唐山开滦煤矿的工人举行罢工。")


def test_a_new_name_beginning_inside_a_known_one_takes_it_in():
    lex = lexicon(("ent/liuhegou", "Enterprise", "六河沟", []))
    found = new_names("组成了六河沟工人第四游击支队。", lex)
    assert ("六河沟工人第四游击支队", "ArmedUnit") in found


def test_places_from_geonames_provinces_and_regions():
    found = new_names("工人们从营口到抚顺，又去了晋南和浙江。")
    assert {("营口", "Place"), ("抚顺", "Place"), ("晋南", "Place"),
            ("浙江", "Place")} <= set(found)


def test_ordinary_words_that_are_also_village_names_are_not_places():
    found = [n for n, c in new_names("抗战胜利了，民主和团结是建设的基础。") if c == "Place"]
    assert found == []


def test_the_items_of_a_list_of_names_share_their_class():
    found = new_names("华新纱厂、裕大纱厂、电车厂、邮政局等单位代表参加了大会。")
    assert {("电车厂", "Enterprise"), ("邮政局", "Enterprise")} <= set(found)


def test_a_quoted_name_ending_in_a_generic():
    assert ("天津工人救国联合会", "Organization") in new_names("年底，“天津工人救国联合会”成立。")


def test_a_known_name_is_a_mention_not_a_new_name():
    assert ("山西省总工会", "Organization") not in new_names("山西省总工会成立。")


# --- figures and dates -------------------------------------------------------------------------

def figure(text: str, words: str):
    return next(f for f in find_figures(text) if f.words == words)


def test_a_full_date_reads_without_context():
    f = figure("1937年9月18日，山西省总工会成立。", "1937年9月18日")
    assert (f.window.earliest.isoformat(), f.window.precision, f.context) == (
        "1937-09-18", "day", None)


def test_an_incomplete_date_takes_the_preceding_dates_year_and_names_its_anchor():
    text = "1937年9月18日，总工会成立。9月下旬，游击队成立；10日，又开大会。"
    late = figure(text, "9月下旬")
    assert (late.context, late.anchor) == ("1937", "1937年9月18日")
    assert (late.window.earliest.isoformat(), late.window.latest.isoformat()) == (
        "1937-09-21", "1937-09-30")
    tenth = figure(text, "10日")
    assert (tenth.context, tenth.window.earliest.isoformat()) == ("1937-09", "1937-09-10")


def test_relative_days_and_years_resolve_against_the_anchor():
    text = "1937年11月5日召开大会，次日游行。同年冬，工会解散。"
    assert figure(text, "次日").window.earliest.isoformat() == "1937-11-06"
    assert figure(text, "次日").context == "1937-11-05"
    assert figure(text, "同年冬").window.earliest.isoformat() == "1937-11-01"


def test_words_that_only_say_after_are_open_windows_from_the_anchor():
    f = figure("1937年7月18日开会，随后组织了救护队。", "随后")
    assert (f.window.earliest.isoformat(), f.window.latest.year, f.context) == (
        "1937-07-18", 9999, "1937-07-18")
    g = figure("七七事变后，工人纷纷组织起来。", "七七事变后")
    assert g.window.earliest.isoformat() == "1937-07-07"


def test_a_named_date_does_not_move_the_running_date():
    text = "1937年9月18日，召开纪念“九一八”大会，次日游行。"
    assert figure(text, "次日").window.earliest.isoformat() == "1937-09-19"


def test_a_period_is_proposed_whole_and_as_its_two_ends():
    found = [(f.words, f.part) for f in find_figures("1941年到1945年8月，工人坚持斗争。")]
    assert ("1941年到1945年8月", None) in found
    assert ("1941年", "start") in found and ("1945年8月", "end") in found


def test_quantities_keep_qualifier_bounds_and_unit():
    q = figure("全市参加工会的职工达2 万余人。", "达2 万余人").quantity
    assert (q.qualifier, q.lower, q.upper, q.unit) == ("more-than", 20000, None, "person")
    r = figure("组成了有六七百人的太原工人自卫队。", "六七百人").quantity
    assert (r.qualifier, r.lower, r.upper) == ("range", 600, 700)


def test_a_figure_that_does_not_read_says_why():
    f = next(f for f in find_figures("9月下旬，工人集会。") if f.words == "9月下旬")
    assert not f.parsed and "year" in f.error


# --- claim skeletons ---------------------------------------------------------------------------

def claims(text: str, lex: Lexicon = LEX) -> list[tuple[str, str, str, dict]]:
    draft = draft_text(source(text), lex)
    return [(p.s, p.p, p.value, p.extra) for s in draft.sentences for p in s.proposals]


def _objects(found: list, predicate: str) -> list[str]:
    return [value for _, p, value, _ in found if p == predicate]


def test_founding_x_cheng_li_with_date_and_place():
    found = claims("1937年9月18日，山西省总工会在太原成立。")
    founds = [(s, v) for s, p, v, _ in found if p == "founds"]
    assert founds and founds[0][1] == "org/shanxi-gtu"
    event = founds[0][0]
    assert (event, "occurredWithin", "1937年9月18日") in [(s, p, v) for s, p, v, _ in found]
    assert (event, "tookPlaceAt", "place/taiyuan") in [(s, p, v) for s, p, v, _ in found]


def test_founding_cheng_li_le_x():
    found = claims("1938年春，工人们成立了太原工人自卫队。")
    assert any(p == "founds" and v.startswith("armed/") for _, p, v, _ in found)


def test_renaming_chain():
    lex = lexicon(("armed/seamen", "ArmedUnit", "海员游击大队", []))
    text = "海员游击大队 (后改称惠宝人民抗日游击纵队，1941年后改称东江纵队) 坚持斗争。"
    found = claims(text, lex)
    assert _objects(found, "renames") == ["armed/seamen", "armed/seamen"]
    assert _objects(found, "oldName") == ["海员游击大队", "惠宝人民抗日游击纵队"]
    assert _objects(found, "newName") == ["惠宝人民抗日游击纵队", "东江纵队"]


def test_a_list_with_deng_gives_positions_and_partial_list():
    found = claims("下辖烈山、贾汪、砀山等矿区。")
    items = [(v, e.get("position"), e.get("completeness")) for _, p, v, e in found
             if "position" in e]
    assert [i[1] for i in items] == [1, 2, 3]
    assert {i[2] for i in items} == {"partial-list"}


def test_subordination_by_xia_xia():
    found = claims("第五战区职工抗日联合总会下辖八路军、新四军等。")
    assert [(s, v) for s, p, v, _ in found if p == "subOrganizationOf"] == [
        ("armed/eighth-route-army", "org/fifth-war-zone-federation"),
        ("armed/new-fourth-army", "org/fifth-war-zone-federation")]


def test_counts_size_and_participants():
    found = claims("组成了有六七百人的太原工人自卫队。")
    assert [(p, v) for s, p, v, _ in found if p == "size"] == [("size", "六七百人")]
    found = claims("1938年5月，山西省总工会召开大会，4000余人参加。")
    assert ("participantCount", "4000余人") in [(p, v) for _, p, v, _ in found]
    found = claims("第五战区职工抗日联合总会拥有会员两万余人。")
    assert [(s, v) for s, p, v, _ in found if p == "size"] == [
        ("org/fifth-war-zone-federation", "两万余人")]


def test_relocation_destinations_in_order_origin_and_what_moved():
    found = claims("山西省总工会从太原迁往大同、临汾等地。")
    dest = [(v, e.get("position")) for _, p, v, e in found if p == "destination"]
    assert dest[0] == ("place/datong", 1) and dest[1][1] == 2
    assert _objects(found, "origin") == ["place/taiyuan"]
    assert _objects(found, "relocated") == ["org/shanxi-gtu"]


def test_sabotage_enlistment_occupation_liberation():
    found = claims("工人炸毁平汉铁路。工人参加了八路军。"
                   "1937年11月8日，太原失守。1945年，解放大同。")
    targets = {(s.split("-")[-2], v) for s, p, v, _ in found if p == "target"}
    assert ("sabotage", "line/pinghan-railway") in targets
    assert ("enlistment", "armed/eighth-route-army") in targets
    assert ("occupation", "place/taiyuan") in targets
    assert ("liberation", "place/datong") in targets


def test_membership_x_can_jia_y():
    lex = lexicon(("org/a", "Organization", "某某工会", []), ("org/b", "Organization",
                                                              "全国总工会", []))
    found = claims("某某工会参加了全国总工会。", lex)
    assert [(s, v) for s, p, v, _ in found if p == "memberOf"] == [("org/a", "org/b")]
