"""The page language (zh or en) and the few words the pages need in both.

The language comes from `?lang=` (so every page has a shareable URL in either language), else
the `lang` cookie the switcher sets, else Chinese when Accept-Language starts with zh, else English.
"""

from __future__ import annotations

from fastapi import Request

LANGS = ("zh", "en")
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
    "routes": {"zh": "迁移路线（线宽按吨位）", "en": "relocation routes (width by tonnage)"},
    "kind": {"zh": "类型", "en": "Kind"},
    "place": {"zh": "地点", "en": "Place"},
    "organisation": {"zh": "组织", "en": "Organisation"},
    "all": {"zh": "全部", "en": "all"},
    "loading": {"zh": "加载中…", "en": "loading…"},
    "spans": {"zh": "标注", "en": "annotated spans"},
    "click_span": {"zh": "点击高亮文字，查看图谱在此处的陈述。",
                   "en": "Click a highlighted passage to see what the graph says there."},
    "disagreement": {"zh": "分歧", "en": "Disagreement"},
    "rank": {"zh": "等级", "en": "rank"},
    "author_judgement": {"zh": "作者评价", "en": "author's judgement"},
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
