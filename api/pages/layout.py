"""What every page's template receives: language, words, base URL, navigation, the language
switcher's link (this very URL in the other language) and the page's own shareable URL."""

from __future__ import annotations

import json

from fastapi import Request
from fastapi.templating import Jinja2Templates
from starlette.responses import Response

from gongyun.api.pages import i18n, windows

NAV = [("home", "/"), ("query", "/sparql"), ("map", "/map"), ("timeline", "/timeline"),
       ("sources", "/sources/000"), ("api", "/docs")]


def script_json(value) -> str:
    """JSON safe inside a <script> element: no `<`, `>` or `&` can end it early."""
    text = json.dumps(value, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def with_lang(request: Request, lang: str) -> str:
    params = dict(request.query_params)
    params["lang"] = lang
    return str(request.url.include_query_params(**params))


def context(request: Request, base: str, title: str, **extra) -> dict:
    lang = i18n.choose(request)
    other = "en" if lang == "zh" else "zh"
    return {
        "lang": lang,
        "w": i18n.words(lang),
        "base": base,
        "title": title,
        "nav": [(i18n.WORDS[key][lang], f"{base}{path}") for key, path in NAV],
        "switch_url": with_lang(request, other),
        "self_url": with_lang(request, lang),
        "label": lambda names, fallback="": i18n.zh_part(i18n.label(names, lang, fallback), lang),
        "label_text": lambda names, fallback="": i18n.label(names, lang, fallback),
        "zh": lambda text: i18n.zh_part(text, lang),
        "lang_tags": i18n.TAGS,
        "window_text": windows.iso_span,
        "in_lang": lambda values: i18n.in_lang(values, lang),
        "search_q": request.query_params.get("q") if request.url.path.endswith("/search")
        else None,
        **extra,
    }


def render(request: Request, templates: Jinja2Templates, name: str, ctx: dict,
           status_code: int = 200) -> Response:
    response = templates.TemplateResponse(request, name, ctx, status_code=status_code,
                                          headers={"Vary": "Accept, Accept-Language, Cookie"})
    if request.query_params.get("lang") in i18n.LANGS:
        response.set_cookie(i18n.COOKIE, ctx["lang"], max_age=365 * 86400, samesite="lax")
    return response
