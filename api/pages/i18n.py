"""The page language (zh or en) and the few words the pages need in both.

The language comes from `?lang=` (so every page has a shareable URL in either language), else
the `lang` cookie the switcher sets, else Chinese when Accept-Language starts with zh, else English.
"""

from __future__ import annotations

import re

from fastapi import Request
from markupsafe import Markup, escape

from gongyun.normalise.chinese import HAN_CLASS, has_han

LANGS = ("zh", "en")
TAGS = {"zh": "zh-Hans", "pinyin": "zh-Latn-pinyin", "en": "en"}  # lang= of each kind of label
COOKIE = "lang"

WORDS: dict[str, dict[str, str]] = {
    "site": {"zh": "工运知识图谱", "en": "Gongyun knowledge graph"},
    "home": {"zh": "首页", "en": "Home"},
    "query": {"zh": "查询", "en": "Query"},
    "map": {"zh": "地图", "en": "Map"},
    "timeline": {"zh": "时间轴", "en": "Timeline"},
    "sources": {"zh": "文献", "en": "Sources"},
    "conflicts": {"zh": "分歧", "en": "Disagreements"},
    "api": {"zh": "接口", "en": "API"},
    "switch": {"zh": "English", "en": "中文"},
    "labels": {"zh": "名称", "en": "Labels"},
    "aliases": {"zh": "别名", "en": "Also called"},
    "types": {"zh": "类别", "en": "Types"},
    "names_over_time": {"zh": "历史名称", "en": "Names over time"},
    "kinds_over_time": {"zh": "性质变化", "en": "Kinds over time"},
    "relations": {"zh": "关系", "en": "Relations"},
    "events": {"zh": "参与的事件", "en": "Events it took part in"},
    "evidence": {"zh": "证据", "en": "Evidence"},
    "claims": {"zh": "陈述", "en": "Claims"},
    "competing": {"zh": "相互竞争的陈述", "en": "Competing claims"},
    "formats": {"zh": "其他格式", "en": "Other formats"},
    "from": {"zh": "自", "en": "from"},
    "until": {"zh": "至", "en": "until"},
    "source": {"zh": "文献", "en": "source"},
    "read_in_source": {"zh": "在原文中阅读", "en": "read in the source"},
    "no_evidence": {"zh": "无原文证据的陈述", "en": "Claims without a quote"},
    "run": {"zh": "运行", "en": "Run"},
    "examples": {"zh": "示例问题", "en": "Example questions"},
    "results": {"zh": "结果", "en": "Results"},
    "download": {"zh": "下载", "en": "Download"},
    "rows": {"zh": "行", "en": "rows"},
    "counts": {"zh": "图谱内容", "en": "What the graph holds"},
    "class": {"zh": "类", "en": "Class"},
    "instances": {"zh": "数量", "en": "Instances"},
    "licence": {"zh": "许可", "en": "Licence"},
    "last_build": {"zh": "最近构建", "en": "Last build"},
    "triples": {"zh": "三元组", "en": "triples"},
    "how_to_query": {"zh": "如何查询", "en": "How to query"},
    "pages": {"zh": "页面", "en": "Pages"},
    "present_day": {"zh": "今日省界（仅供参考）", "en": "present-day boundaries"},
    "confirmed": {"zh": "已核实坐标（GeoNames 或今行政区划数据）",
                  "en": "confirmed coordinates (GeoNames or the GB/T 2260 data set)"},
    "approximate": {"zh": "近似坐标（编者估计）",
                    "en": "approximate coordinates (curator's estimate)"},
    "province_level": {"zh": "仅知省份", "en": "province level only"},
    "routes": {"zh": "迁移路线（线宽按该路线的吨位）",
               "en": "relocation routes (width by their own tonnage)"},
    "kind": {"zh": "类型", "en": "Kind"},
    "place": {"zh": "地点", "en": "Place"},
    "organisation": {"zh": "组织", "en": "Organisation"},
    "all": {"zh": "全部", "en": "all"},
    "loading": {"zh": "加载中…", "en": "loading…"},
    "spans": {"zh": "标注", "en": "annotated spans"},
    "click_span": {"zh": "点击高亮文字（或用 Tab 键选中后按回车），查看图谱在此处的陈述。",
                   "en": "Click a highlighted passage (or Tab to it and press Enter) to see what"
                         " the graph says there."},
    "no_tonnage": {"zh": "未载吨位", "en": "no tonnage given"},
    "route_list": {"zh": "迁移路线", "en": "Relocation routes"},
    "route": {"zh": "路线", "en": "Route"},
    "from_to": {"zh": "起点 → 终点", "en": "From → to"},
    "tonnage": {"zh": "吨位（原文·限定·出处）", "en": "Tonnage (as written, qualifier, source)"},
    "tonnage_rule": {"zh": "只有当某条陈述给出该路线本身的吨位时才显示吨位，线宽随之变化；"
                           "为所迁对象整体给出的数字不算在某一条路线上。",
                     "en": "A route shows a tonnage only when a claim gives it for that route"
                           " (the line's width follows it); a figure given for everything a"
                           " relocation moved is not counted on any one route."},
    "place_list": {"zh": "全部地点", "en": "All places"},
    "map_help": {"zh": "路线与地点也列在地图下方", "en": "the routes and places are also listed"
                 " below it"},
    "show_on_map": {"zh": "在地图上显示", "en": "show on the map"},
    "body": {"zh": "团体", "en": "Body"},
    "apply": {"zh": "筛选", "en": "Filter"},
    "events_drawn": {"zh": "图中的事件", "en": "Events on the chart"},
    "when": {"zh": "时间", "en": "When"},
    "event": {"zh": "事件", "en": "Event"},
    "undated": {"zh": "无日期的事件", "en": "Events without a date"},
    "undated_help": {"zh": "这些事件既无日期，也没有可据以定位的关系；按上面的筛选条件列出。",
                     "en": "These events have no date and no relation that places them; the"
                           " filters above apply."},
    "no_date": {"zh": "无日期", "en": "no date"},
    "across_sources": {"zh": "跨文献", "en": "across sources"},
    "within_a_source": {"zh": "同一文献内", "en": "within a source"},
    "back_to_text": {"zh": "回到原文", "en": "Back to the text"},
    "close": {"zh": "关闭", "en": "Close"},
    "claims_here": {"zh": "此处的陈述", "en": "What the graph says here"},
    "rank_PreferredRank": {"zh": "优先采信", "en": "preferred"},
    "rank_DeprecatedRank": {"zh": "不采信", "en": "deprecated"},
    "disagreement": {"zh": "分歧", "en": "Disagreement"},
    "rank": {"zh": "等级", "en": "rank"},
    "author_judgement": {"zh": "作者评价", "en": "author's judgement"},
    "skip": {"zh": "跳到正文", "en": "Skip to the content"},
    "search": {"zh": "搜索", "en": "Search"},
    "search_label": {"zh": "按名称搜索", "en": "Search by name"},
    "search_placeholder": {"zh": "名称：中文、拼音或英文",
                           "en": "A name: Chinese, pinyin or English"},
    "search_help": {"zh": "可输入中文名称、别名或旧名，拼音（声调可省，如 shanxi 或 Shānxī），"
                          "或英文名称。",
                    "en": "Type a Chinese name, an alias or a former name, pinyin (with or without"
                          " tones: shanxi or Shānxī) or an English name."},
    "no_results": {"zh": "没有找到名称相符的条目。", "en": "Nothing has a name that matches."},
    "results_of": {"zh": "第 {first}–{last} 条，共 {total} 条", "en": "{first}–{last} of {total}"},
    "previous": {"zh": "上一页", "en": "Previous"},
    "next": {"zh": "下一页", "en": "Next"},
    "page_n": {"zh": "第 {page} / {pages} 页", "en": "page {page} of {pages}"},
    "all_of_class": {"zh": "全部", "en": "All"},
    "label_zh": {"zh": "中文名称", "en": "Chinese"},
    "label_pinyin": {"zh": "拼音", "en": "Pinyin"},
    "label_en": {"zh": "英文名称", "en": "English"},
    "sorted_by_label": {"zh": "按名称的拼音排序", "en": "sorted by name"},
    "as_query": {"zh": "用 SPARQL 查询", "en": "as a SPARQL query"},
    "match": {"zh": "匹配", "en": "match"},
    "in_class": {"zh": "类别", "en": "class"},
}


def choose(request: Request) -> str:
    asked = request.query_params.get("lang")
    if asked in LANGS:
        return asked
    cookie = request.cookies.get(COOKIE)
    if cookie in LANGS:
        return cookie
    accept = (request.headers.get("accept-language") or "").lower()
    return "zh" if accept.startswith("zh") else "en"


def words(lang: str) -> dict[str, str]:
    return {key: both[lang] for key, both in WORDS.items()}


def label(names: dict | None, lang: str, fallback: str = "") -> str:
    """The label of a term in the page language, else the other one, else pinyin."""
    names = names or {}
    other = "en" if lang == "zh" else "zh"
    return names.get(lang) or names.get(other) or names.get("pinyin") or fallback


# Han characters with the CJK punctuation and full-width forms that sit between them.
_HAN_RUN = re.compile("[\u3000-\u303f\uff00-\uffef" + HAN_CLASS[1:-1] + "]+")
_LATIN = re.compile(r"[A-Za-z]{2}")


def zh_part(text, lang: str):
    """Text for a page in `lang`: Chinese inside an English page marked lang="zh-Hans" (so
    screen readers and fonts treat it as Chinese), the whole text when it is Chinese, each
    Chinese run of an English sentence ("section (五)") on its own; escaped."""
    if text is None:
        return ""
    text = str(text)
    if lang == "zh" or not has_han(text):
        return escape(text)
    if not _LATIN.search(text):
        return Markup('<span lang="zh-Hans">%s</span>') % text
    out, last = [], 0
    for m in _HAN_RUN.finditer(text):
        out.append(escape(text[last:m.start()]))
        out.append(Markup('<span lang="zh-Hans">%s</span>') % m.group())
        last = m.end()
    out.append(escape(text[last:]))
    return Markup("").join(out)


def in_lang(values: list[dict], lang: str) -> list[dict]:
    """Of texts given in several languages ({value, lang}), those in the page language, else
    the English ones, else all: a curator's rationale in Chinese on a Chinese page."""
    def key(tag: str | None) -> str:
        tag = (tag or "").lower()
        return "zh" if tag.startswith("zh") and "latn" not in tag else tag or "en"

    for wanted in (lang, "en"):
        chosen = [v for v in values if key(v.get("lang")) == wanted]
        if chosen:
            return chosen
    return list(values)
