"""What the reconciliation endpoints answer, as plain dicts (the router only parses and sends):
the manifest, a batch of queries, a data extension, suggestions and proposed properties.

Requests are checked here and refused with a 400 that says what to fix; ids that are not the
index's own never reach a query (`values` only takes locals the index knows).
"""

from __future__ import annotations

import json

from gongyun import __version__
from gongyun.api import errors
from gongyun.api.entity import public_resource_base
from gongyun.api.reconcile import names as nm
from gongyun.api.reconcile import properties as props
from gongyun.api.reconcile.index import (
    DEFAULT_TYPES,
    MATCH_GAP,
    MATCH_MIN,
    TYPES,
    Candidate,
    ReconIndex,
    division_code,
    type_local,
)
from gongyun.api.store import GraphStore
from gongyun.namespaces import RESOURCE, VOCAB, local_id

MAX_QUERIES = 200  # per batch; OpenRefine sends 10 by default
MAX_LIMIT = 50
DEFAULT_LIMIT = 5
MAX_EXTEND_IDS = 500
AGREE_BONUS, DISAGREE_PENALTY = 5, 20


def manifest(base: str, index: ReconIndex) -> dict:
    service = f"{base}/reconcile"
    return {
        "versions": ["0.2"],
        "name": "Gongyun: the Chinese workers' movement 1937-1945",
        "identifierSpace": RESOURCE,
        "schemaSpace": VOCAB,
        "documentation": f"{base}/docs",
        "serviceVersion": __version__,
        "defaultTypes": [type_json(t, index) for t in DEFAULT_TYPES],
        "view": {"url": public_resource_base(base) + "{{id}}"},
        "preview": {"url": f"{service}/preview?id={{{{id}}}}", "width": 430, "height": 300},
        "suggest": {
            "entity": {"service_url": service, "service_path": "/suggest/entity"},
            "type": {"service_url": service, "service_path": "/suggest/type"},
            "property": {"service_url": service, "service_path": "/suggest/property"},
        },
        "extend": {
            "propose_properties": {"service_url": service,
                                   "service_path": "/propose_properties"},
            "property_settings": [],
        },
    }


def type_json(local: str, index: ReconIndex) -> dict:
    return {"id": local, "name": index.type_name(local)}


def _entity_types(entity, index: ReconIndex) -> list[dict]:
    return [type_json(t, index) for t in TYPES if t in entity.types]


def parse_json(text: str, what: str) -> object:
    try:
        return json.loads(text)
    except ValueError as exc:
        raise errors.bad_request(f"{what} is not JSON: {exc}") from None


def reconcile(store: GraphStore, index: ReconIndex, raw: str) -> dict:
    batch = parse_json(raw, "queries")
    if not isinstance(batch, dict):
        raise errors.bad_request("queries must be a JSON object of {key: query}")
    if len(batch) > MAX_QUERIES:
        raise errors.bad_request(f"at most {MAX_QUERIES} queries per batch")
    return {key: {"result": [_candidate_json(c, index) for c in _one(store, index, key, q)]}
            for key, q in batch.items()}


def _one(store: GraphStore, index: ReconIndex, key: str, q: object) -> list[Candidate]:
    if not isinstance(q, dict):
        raise errors.bad_request(f"query {key!r} must be an object")
    text = q.get("query", "")
    types = q.get("type")
    types = [types] if isinstance(types, str) else types
    limit = q.get("limit", DEFAULT_LIMIT)
    strict = q.get("type_strict", "any")
    checks = q.get("properties") or []
    if not isinstance(text, str) or (types is not None and not (
            isinstance(types, list) and all(isinstance(t, str) for t in types))):
        raise errors.bad_request(f"query {key!r}: query must be a string, type a string or list")
    if not isinstance(limit, int | float) or not 1 <= limit <= MAX_LIMIT:
        raise errors.bad_request(f"query {key!r}: limit must be between 1 and {MAX_LIMIT}")
    if strict not in ("any", "should", "all"):
        raise errors.bad_request(f"query {key!r}: type_strict must be any, should or all")
    if not isinstance(checks, list) or not all(
            isinstance(c, dict) and isinstance(c.get("pid"), str) and "v" in c for c in checks):
        raise errors.bad_request(f"query {key!r}: properties must be a list of {{pid, v}}")
    for check in checks:
        if check["pid"].removesuffix(props.SOURCE_SUFFIX) not in props.BY_ID:
            raise errors.bad_request(f"unknown property {check['pid']!r}; see"
                                     " /reconcile/suggest/property")
    codes = _codes(text, checks)
    if codes:
        name = "" if division_code(text) else text
        cands = index.by_code(codes, name, types, strict, limit=int(limit))
    elif text.strip():
        cands = index.candidates(text, types, strict, limit=int(limit) + 5)
    else:
        return []
    others = [c for c in checks if c["pid"] != "adcode"]  # the code was used to find them
    if others and cands:
        cands = _with_properties(store, index, cands, others)
    return cands[:int(limit)]


def _codes(text: str, checks: list[dict]) -> list[str]:
    """Present-day division codes in a query: the query itself ("130427") or the `adcode`
    property (OpenRefine's "use as identifier")."""
    codes = [division_code(text)] if division_code(text) else []
    for check in checks:
        if check["pid"] == "adcode":
            values = check["v"] if isinstance(check["v"], list) else [check["v"]]
            for value in values:
                if isinstance(value, dict):
                    value = value.get("id") or value.get("str") or value.get("name") or ""
                if code := division_code(str(value)):
                    codes.append(code)
    return list(dict.fromkeys(codes))


def _with_properties(store: GraphStore, index: ReconIndex, cands: list[Candidate],
                     checks: list[dict]) -> list[Candidate]:
    """Candidates whose property values agree with the table's gain, those that disagree lose;
    a property the candidate has no value for changes nothing. `match` is decided again."""
    locals_ = [c.entity.local for c in cands]
    scores = {c.entity.local: c.score for c in cands}
    for check in checks:
        pid = check["pid"].removesuffix(props.SOURCE_SUFFIX)
        wanted = check["v"] if isinstance(check["v"], list) else [check["v"]]
        wanted_keys = {_key(w) for w in wanted} - {""}
        for local, pairs in props.values(store, index, pid, locals_).items():
            have = {_key(v) for v, _ in pairs} - {""}
            if have and wanted_keys:
                scores[local] += AGREE_BONUS if have & wanted_keys else -DISAGREE_PENALTY
    rescored = sorted((Candidate(c.entity, min(100.0, round(scores[c.entity.local], 1)), c.how,
                                 c.ambiguous) for c in cands),
                      key=lambda c: (-c.score, c.entity.local))
    top = rescored[0]
    trusted = (top.score >= MATCH_MIN and not top.ambiguous
               and (len(rescored) == 1 or rescored[1].score <= top.score - MATCH_GAP))
    if trusted:
        rescored[0] = Candidate(top.entity, top.score, top.how, False, True)
    return rescored


def _key(value: object) -> str:
    if isinstance(value, dict):
        return str(value.get("id") or nm.fold(str(value.get("name") or value.get("str") or "")))
    return nm.fold(str(value))


def _candidate_json(c: Candidate, index: ReconIndex) -> dict:
    return {
        "id": c.entity.local,
        "name": c.entity.name,
        "description": c.entity.description,
        "score": c.score,
        "match": c.match,
        "type": _entity_types(c.entity, index),
        "features": [{"id": "adcode" if c.how == "code" else f"name_{c.how}", "value": True},
                     {"id": "toneless_ambiguous", "value": c.ambiguous}],
    }


def extend(store: GraphStore, index: ReconIndex, raw: str) -> dict:
    request = parse_json(raw, "extend")
    if not isinstance(request, dict) or not isinstance(request.get("ids"), list) \
            or not isinstance(request.get("properties"), list):
        raise errors.bad_request("extend must be {\"ids\": [...], \"properties\": [{\"id\": ...}]}")
    ids = [str(i) for i in request["ids"]]
    if len(ids) > MAX_EXTEND_IDS:
        raise errors.bad_request(f"at most {MAX_EXTEND_IDS} ids per extension request")
    locals_ = [_local(i) for i in ids]
    wanted = []
    for p in request["properties"]:
        pid = p.get("id") if isinstance(p, dict) else None
        if not isinstance(pid, str) or props.find(pid) is None:
            raise errors.bad_request(f"unknown property {pid!r}; see /reconcile/propose_properties")
        wanted.append(pid)
    rows: dict[str, dict[str, list[dict]]] = {i: {} for i in ids}
    cache: dict[str, dict] = {}
    for pid in wanted:
        base = pid.removesuffix(props.SOURCE_SUFFIX)
        if base not in cache:
            cache[base] = props.values(store, index, base, locals_)
        pick = 1 if pid.endswith(props.SOURCE_SUFFIX) else 0
        for ident, local in zip(ids, locals_, strict=True):
            rows[ident][pid] = [pair[pick] for pair in cache[base].get(local, [])]
    meta = []
    for pid in wanted:
        prop = props.find(pid)
        entry = {"id": pid, "name": prop.name + (" (source)" if pid != prop.id else "")}
        meta.append(entry)
    return {"meta": meta, "rows": rows}


def _local(ident: str) -> str:
    return local_id(ident) or ident


def propose(index: ReconIndex, type_id: str | None, limit: int) -> dict:
    wanted = type_local(type_id) if type_id else None
    found = props.proposed(wanted)
    out = []
    for p in found:
        out.append({"id": p.id, "name": p.name})
        out.append({"id": p.id + props.SOURCE_SUFFIX, "name": p.name + " (source)"})
    body: dict = {"properties": out[:limit], "limit": limit}
    if type_id:
        body["type"] = type_id
    return body


def suggest_entities(index: ReconIndex, prefix: str, type_id: str | None) -> dict:
    types = [type_id] if type_id else None
    return {"result": [{"id": e.local, "name": e.name, "description": e.description,
                        "notable": _entity_types(e, index)}
                       for e in index.suggest(prefix, types)]}


def suggest_types(index: ReconIndex, prefix: str) -> dict:
    q = nm.fold(prefix)
    out = []
    for t in TYPES:
        labels = index.class_labels.get(t, {})
        if not q or any(nm.fold(x).startswith(q) or q in nm.fold(x)
                        for x in [t, *labels.values()]):
            item = {"id": t, "name": index.type_name(t)}
            if labels.get("zh"):
                item["description"] = labels["zh"]
            out.append(item)
    return {"result": out}


def suggest_properties(prefix: str) -> dict:
    q = nm.fold(prefix)
    out = []
    for p in props.PROPERTIES:
        for pid, name in ((p.id, p.name), (p.id + props.SOURCE_SUFFIX, p.name + " (source)")):
            if not q or q in nm.fold(pid) or q in nm.fold(name):
                out.append({"id": pid, "name": name, "description": p.description})
    return {"result": out}
