"""The workbench's web app: pages, the actions that change the files, the chooser, the builds.

Built by create_app for one data folder; `gongyun curate` serves it on 127.0.0.1 only, behind
gongyun.curate.guard (token and same-origin checks). Never part of `gongyun serve`."""

from __future__ import annotations

import difflib
import os
import subprocess
import sys
import threading
import uuid
from pathlib import Path

import jinja2
from fastapi import FastAPI, Request
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from markupsafe import Markup
from starlette.types import ASGIApp

from gongyun.curate import chooser
from gongyun.curate.builds import Builds
from gongyun.curate.edits import (
    Conflict,
    NeedsClaim,
    Refused,
    Workbench,
    edit_text,
    mark_review,
)
from gongyun.curate.guard import Guard
from gongyun.curate.model import (
    Paragraph,
    file_version,
    has_draft_keys,
    read_paragraph,
    read_source,
)
from gongyun.curate.terms import vocabulary
from gongyun.curate.views import item_json, paragraph_context, summary
from gongyun.graph import yamlfile
from gongyun.graph.curation import DISAGREEMENT_TYPES
from gongyun.graph.problems import Problems
from gongyun.graph.sources import load_sources

HERE = Path(__file__).parent
STATIC = {"workbench.js": "text/javascript", "workbench.css": "text/css"}
READING_KINDS = ("correction", "refinement", "identification", "conversion", "conjecture")
COMPLETENESS = ("complete", "incomplete", "partial-list")
RANKS = ("normal", "preferred", "deprecated")


class State:
    def __init__(self, graph_dir: Path, work: Path, token: str):
        self.graph_dir = graph_dir
        self.work = work
        self.token = token
        self.bench = Workbench(graph_dir)
        self.builds = Builds(graph_dir, work / "builds")
        self.index = work / "labels.sqlite"
        self.index_status = "building"
        self.checks: dict[str, dict] = {}
        self.templates = jinja2.Environment(
            loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True)

    def build_index(self) -> None:
        """The label index of the published graph, in its own process (the chooser works from
        this source's own declarations until it is ready)."""
        env = {**os.environ, "GONGYUN_GRAPH_DIR": str(self.graph_dir)}
        self.work.mkdir(parents=True, exist_ok=True)
        done = subprocess.run([sys.executable, "-m", "gongyun.curate.rebuild", "--index",
                               str(self.index)], capture_output=True, text=True, env=env,
                              cwd=self.work, check=False)
        self.index_status = "ready" if done.returncode == 0 else "failed: " + done.stderr[-500:]


def create_app(graph_dir: Path, work: Path, token: str, port: int,
               index: bool = True) -> ASGIApp:
    """The workbench for the data in `graph_dir` (its builds and label index under `work`),
    behind its guard."""
    state = State(graph_dir, work, token)
    app = FastAPI(title="Gongyun workbench", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.curate = state
    if index:
        threading.Thread(target=state.build_index, daemon=True, name="curate-index").start()
    else:
        state.index_status = "off"

    def render(name: str, **context) -> HTMLResponse:
        html = state.templates.get_template(name).render(token=token, **context)
        return HTMLResponse(html, headers={"Cache-Control": "no-store"})

    def source_info(source_id: str) -> tuple[list[Paragraph], dict]:
        _, paragraphs = read_source(graph_dir, source_id)
        return paragraphs, summary(source_id, paragraphs, state.builds.state(source_id),
                                   trial_problems(source_id, paragraphs))

    def trial_problems(source_id: str, paragraphs: list[Paragraph]) -> list[dict]:
        """The problems of each paragraph's last failed check, while its file is unchanged."""
        versions = {p.number: p.version for p in paragraphs}
        latest: dict[int, dict] = {}
        for check in state.checks.values():
            if check["source"] == source_id:
                latest[check["paragraph"]] = check
        return [problem for n, check in latest.items()
                if check["status"] == "failed" and check.get("version") == versions.get(n)
                for problem in check.get("problems", [])]

    def render_paragraph(para: Paragraph, info: dict) -> str:
        state.bench.remember(para.file)
        return state.templates.get_template("paragraph.html").render(
            item_json=item_json, token=token, **paragraph_context(para, info))

    def paragraph_payload(source_id: str, number: int) -> dict:
        paragraphs, info = source_info(source_id)
        para = paragraphs[number - 1]
        return {"number": number, "version": para.version,
                "html": render_paragraph(para, info), "review": para.review,
                "proposals": para.proposals}

    def answer(source_id: str, number: int, extra: dict | None = None) -> JSONResponse:
        state.builds.schedule(source_id)
        return JSONResponse({"ok": True, "paragraph": paragraph_payload(source_id, number),
                             **(extra or {})})

    def act(source_id: str, number: int, run) -> JSONResponse:  # noqa: ANN001
        try:
            value = run()
        except Conflict as conflict:
            return conflict_answer(conflict, str(conflict))
        except NeedsClaim as needs:
            return JSONResponse({"ok": False, "needs": "claim", "prefill": needs.prefill})
        except (Refused, KeyError, ValueError) as refused:
            return JSONResponse(status_code=422, content={"error": "refused",
                                                          "message": str(refused)})
        return answer(source_id, number, {"value": value})

    @app.get("/")
    def index_page() -> HTMLResponse:
        sources = load_sources(Problems(), graph_dir / "sources.yaml")
        rows = []
        for sid, source in sources.items():
            folder = graph_dir / "annotations" / sid
            states = [str((yamlfile.load_plain(p) or {}).get("review"))
                      for p in sorted(folder.glob("p*.yaml"))] if folder.is_dir() else []
            rows.append({"id": sid, "title": source.title_zh, "en": source.title_en,
                         "paragraphs": sum(1 for p in source.paragraphs if p.strip()),
                         "draft": states.count("draft"),
                         "checked": sum(s in ("checked", "reviewed") for s in states),
                         "complete": source.complete})
        return render("index.html", sources=rows)

    @app.get("/source/{source_id}")
    def source_page(source_id: str) -> HTMLResponse:
        try:
            source = state.bench.source(source_id)
        except KeyError:
            return HTMLResponse(f"no source {source_id}", status_code=404)
        paragraphs, info = source_info(source_id)
        if state.builds.state(source_id).runs == 0:
            state.builds.schedule(source_id)
        return render("source.html", source=source, paragraphs=paragraphs,
                      render_paragraph=lambda p: Markup(render_paragraph(p, info)),
                      vocab=vocabulary(), disagreement_types=sorted(DISAGREEMENT_TYPES),
                      reading_kinds=READING_KINDS, completeness=COMPLETENESS, ranks=RANKS,
                      place_types=_place_types(graph_dir))

    @app.get("/static/{name}")
    def static(name: str) -> Response:
        if name not in STATIC:
            return Response(status_code=404)
        return FileResponse(HERE / "static" / name, media_type=STATIC[name],
                            headers={"Cache-Control": "no-cache"})

    @app.get("/api/source/{source_id}/paragraph/{number}")
    def get_paragraph(source_id: str, number: int) -> JSONResponse:
        return JSONResponse(paragraph_payload(source_id, number))

    @app.get("/api/source/{source_id}/paragraphs")
    def get_paragraphs(source_id: str) -> JSONResponse:
        paragraphs, info = source_info(source_id)
        return JSONResponse({"paragraphs": [
            {"number": p.number, "version": p.version, "html": render_paragraph(p, info)}
            for p in paragraphs if p.text.strip()]})

    @app.get("/api/source/{source_id}/status")
    def status(source_id: str) -> JSONResponse:
        source = state.bench.source(source_id)
        paragraphs, info = source_info(source_id)
        info["checks"] = {k: v for k, v in state.checks.items() if v["source"] == source_id}
        info["complete"] = source.complete
        info["index"] = state.index_status
        info["undo"] = [s.label for s in state.bench.undo_list[-5:]]
        return JSONResponse(info)

    @app.post("/api/source/{source_id}/paragraph/{number}/{action}")
    async def change(source_id: str, number: int, action: str, request: Request) -> Response:
        body = await request.json()
        version = str(body.get("version", ""))
        bench = state.bench
        actions = {
            "accept": lambda: bench.accept(source_id, number, version, body["id"]),
            "reject": lambda: bench.reject(source_id, number, version, body["id"],
                                           body.get("reason")),
            "entity": lambda: bench.save_entity(source_id, number, version, body["values"],
                                                body.get("id")),
            "claim": lambda: bench.save_claim(source_id, number, version, body["values"],
                                              body.get("id"), body.get("evidence"),
                                              body.get("quote"), body.get("from")),
            "place": lambda: bench.place_to_gazetteer(source_id, number, version, body["id"],
                                                      body.get("type", "")),
            "raw": lambda: bench.save_raw(source_id, number, version, str(body["text"])),
            "draft": lambda: bench.set_review(source_id, number, version, "draft"),
        }
        if action == "check":
            return start_check(source_id, number, version)
        if action not in actions:
            return JSONResponse(status_code=404, content={"error": "unknown action"})
        return act(source_id, number, actions[action])

    def start_check(source_id: str, number: int, version: str) -> JSONResponse:
        """A trial build with the paragraph checked; written only if it passes and the file
        is still the version that was tried."""
        para = read_paragraph(graph_dir, state.bench.source(source_id), number)
        if para.version != version:
            return act(source_id, number, lambda: state.bench.set_review(
                source_id, number, version, "checked"))  # the conflict, both versions
        try:
            def flip(data) -> None:  # noqa: ANN001
                if has_draft_keys(yamlfile.to_plain(data)):
                    raise Refused(f"{para.proposals} proposal(s) left in p{number:02d}: accept "
                                  "or reject each before marking it checked")
                mark_review(data, "checked")

            trial_text = edit_text(para.file, para.raw, flip)
        except Refused as refused:
            return JSONResponse(status_code=422, content={"error": "refused",
                                                          "message": str(refused)})
        job = uuid.uuid4().hex[:12]
        state.checks[job] = {"source": source_id, "paragraph": number, "status": "running",
                             "version": version}

        def run() -> None:
            result = state.builds.trial(source_id, para.file.name, trial_text)
            errors = [p for p in result.get("problems", []) if p["severity"] == "error"]
            check = state.checks[job]
            check["problems"] = errors
            if not result.get("ok") or errors:
                check["status"] = "failed"
                return
            try:
                state.bench.set_review(source_id, number, version, "checked")
            except Conflict:
                check["status"] = "stale"
                return
            check["status"] = "passed"
            check["coverage"] = (result.get("coverage") or {}).get("percent")
            _complete_if_done(source_id, result)
            state.builds.schedule(source_id)

        threading.Thread(target=run, daemon=True, name=f"curate-check-{job}").start()
        return JSONResponse(status_code=202, content={"ok": True, "job": job})

    def _complete_if_done(source_id: str, result: dict) -> None:
        source, paragraphs = read_source(graph_dir, source_id)
        info = summary(source_id, paragraphs, state.builds.state(source_id))
        coverage = (result.get("coverage") or {}).get("percent")
        if len(info["checked"]) == info["paragraphs"] and coverage == 100.0:
            state.bench.mark_complete(source_id)

    @app.post("/api/source/{source_id}/attach")
    async def attach(source_id: str, request: Request) -> JSONResponse:
        body = await request.json()
        try:
            ident = state.bench.attach(source_id, body.get("kind", ""), body.get("values", {}))
        except (Refused, ValueError) as refused:
            return JSONResponse(status_code=422, content={"error": "refused",
                                                          "message": str(refused)})
        state.builds.schedule(source_id)
        return JSONResponse({"ok": True, "value": ident})

    @app.post("/api/source/{source_id}/excuse")
    async def excuse(source_id: str, request: Request) -> JSONResponse:
        body = await request.json()
        try:
            state.bench.excuse(source_id, int(body["paragraph"]), str(body.get("text", "")),
                               str(body.get("reason", "")))
        except (Refused, ValueError, KeyError) as refused:
            return JSONResponse(status_code=422, content={"error": "refused",
                                                          "message": str(refused)})
        state.builds.schedule(source_id)
        return JSONResponse({"ok": True})

    @app.post("/api/undo")
    async def undo(request: Request) -> JSONResponse:
        body = await request.json() if await request.body() else {}
        try:
            step = state.bench.undo()
        except Conflict as conflict:
            return conflict_answer(conflict, f"{conflict.path.name} changed since: not undone")
        except Refused as refused:
            return JSONResponse(status_code=422, content={"error": "refused",
                                                          "message": str(refused)})
        files = [c.path.name for c in step.changes]
        source_id = str(body.get("source") or "")
        if source_id:
            state.builds.schedule(source_id)
        return JSONResponse({"ok": True, "undone": step.label, "files": files})

    @app.get("/api/search")
    def search(q: str, source: str) -> JSONResponse:
        index = state.index if state.index_status == "ready" else None
        return JSONResponse({"hits": chooser.search(q, graph_dir, source, index),
                             "index": state.index_status})

    @app.get("/api/pinyin")
    def pinyin(zh: str) -> JSONResponse:
        from gongyun.graph.names import pinyin_label

        return JSONResponse({"pinyin": pinyin_label(zh) if zh else ""})

    @app.get("/api/version/{source_id}/{number}")
    def version(source_id: str, number: int) -> JSONResponse:
        para = read_paragraph(graph_dir, state.bench.source(source_id), number)
        return JSONResponse({"version": file_version(para.file)})

    return Guard(app, token, port)


def conflict_answer(conflict: Conflict, message: str) -> JSONResponse:
    """409 with both versions and, for each, the lines the other has not (difflib's matching
    blocks: the longest common runs first, so a moved `reason:` is not matched to another)."""
    mine, theirs = conflict.mine.split("\n"), conflict.theirs.split("\n")
    only_mine, only_theirs = [], []
    matcher = difflib.SequenceMatcher(None, mine, theirs, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            only_mine += range(i1, i2)
            only_theirs += range(j1, j2)
    return JSONResponse(status_code=409, content={
        "error": "conflict", "message": message, "file": conflict.path.name,
        "mine": conflict.mine, "theirs": conflict.theirs, "only_mine": only_mine,
        "only_theirs": only_theirs, "theirs_version": conflict.theirs_version})


def _place_types(graph_dir: Path) -> list[str]:
    path = graph_dir / "vocab" / "place-types.yaml"
    entries = yamlfile.load_plain(path) if path.exists() else []
    return [str(e["id"]).removeprefix("concept/place-type/") for e in entries or []]
