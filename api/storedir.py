"""The store directory: one finished, never-rewritten sub-directory per input, and a `current`
symlink switched atomically to the one being served.

    build/store/
      current -> 3f2a…-20261124T100102     (replaced with os.replace: readers never see a gap)
      3f2a…-20261124T100102/
        oxigraph/        the pyoxigraph store (opened read-only by the service)
        labels.sqlite    the label index (gongyun.api.search)
        manifest.json    key, inputs, counts; written last, so its presence means "finished"

The key hashes what the store is made of: the build's input_fingerprint() when the built graph is
served, and the bytes and target graph of each --data file. A start with the same key reuses the
store; a different key builds a new directory beside it, switches `current`, and removes the
directories no longer current.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from gongyun import __version__
from gongyun.api import release, retired_records, search
from gongyun.api.negotiation import file_format
from gongyun.namespaces import RESOURCE
from gongyun.settings import Settings

log = logging.getLogger("gongyun.api.store")

LAYOUT_VERSION = "1"
CURRENT = "current"
MANIFEST = "manifest.json"
OXIGRAPH = "oxigraph"
LABELS = "labels.sqlite"

# The extensions --data accepts (docs/service.md); their formats are pyoxigraph's own.
DATA_EXTENSIONS = (".ttl", ".nt", ".nq", ".trig", ".rdf", ".owl", ".xml", ".jsonld", ".n3")


class StoreSetupError(Exception):
    """A problem the user can fix (a missing file, an unknown extension); shown in one line."""


@dataclass(frozen=True)
class DataFile:
    path: Path
    graph: str | None

    @classmethod
    def parse(cls, spec: str) -> DataFile:
        """FILE or FILE=GRAPH-IRI."""
        path, sep, graph = spec.partition("=")
        data = cls(Path(path), graph if sep else None)
        fmt = data.format
        if data.graph is not None and fmt.supports_datasets:
            raise StoreSetupError(f"{spec}: {fmt.name} holds its own graphs; drop '={graph}'")
        return data

    @property
    def format(self) -> ox.RdfFormat:
        fmt = file_format(self.path) if self.path.suffix.lower() in DATA_EXTENSIONS else None
        if fmt is None:
            raise StoreSetupError(
                f"{self.path}: unknown RDF extension; use one of {', '.join(DATA_EXTENSIONS)}"
            )
        return fmt


def _file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _code_hash() -> str:
    """The code that decides what a store holds: a change to it means a new store."""
    digest = hashlib.sha256()
    for module in (__file__, search.__file__, retired_records.__file__, release.__file__):
        digest.update(Path(module).read_bytes())
    return digest.hexdigest()


def store_key(data: list[DataFile], built_fingerprint: str | None) -> str:
    parts = {
        "layout": LAYOUT_VERSION,
        "code": _code_hash(),
        "gongyun": __version__,
        "built": built_fingerprint,
        "data": [[_file_hash(d.path), d.path.suffix.lower(), d.graph] for d in data],
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()


def current_dir(root: Path) -> Path | None:
    """The finished store `current` points at, or None."""
    link = root / CURRENT
    if not link.is_symlink() and not link.exists():
        return None
    target = link.resolve()
    return target if (target / MANIFEST).is_file() else None


def read_manifest(store_dir: Path) -> dict:
    return json.loads((store_dir / MANIFEST).read_text(encoding="utf-8"))


def _built_graph(settings: Settings) -> tuple[Callable[[], Path], str]:
    try:
        from gongyun.graph.build import build, input_fingerprint
    except ModuleNotFoundError as exc:
        if exc.name != "gongyun.graph.build":
            raise
        raise StoreSetupError(
            "the graph build (gongyun.graph.build) is not available; serve files with --data"
        ) from None

    def run_build() -> Path:
        log.info("building the graph into %s", settings.build_dir)
        try:
            report = build(out_dir=settings.build_dir)
        except Exception as exc:  # the build's own errors; it prints the details itself
            raise StoreSetupError(
                f"the graph build failed ({type(exc).__name__}: {exc}); run `gongyun build`"
                " to see the problems, or serve files with --data"
            ) from exc
        return Path(report.nquads)

    return run_build, input_fingerprint()


def prepare(settings: Settings) -> Path:
    """The store directory to serve for `settings`, built (and switched to) when needed."""
    data = [DataFile.parse(spec) for spec in settings.data]
    for d in data:
        if not d.path.is_file():
            raise StoreSetupError(f"{d.path}: no such file")
    wants_built = not data or settings.with_built_graph
    run_build, fingerprint = _built_graph(settings) if wants_built else (None, None)
    key = store_key(data, fingerprint)
    root = settings.store_dir
    root.mkdir(parents=True, exist_ok=True)
    current = current_dir(root)
    if current is not None and read_manifest(current).get("key") == key:
        log.info("reusing the store %s", current)
        cleanup(root, keep=current)
        return current
    nquads = run_build() if run_build else None
    built = build_store(root, key, data, nquads, fingerprint)
    switch(root, built)
    cleanup(root, keep=built)
    return built


def build_store(root: Path, key: str, data: list[DataFile], nquads: Path | None,
                fingerprint: str | None) -> Path:
    """Load everything into a new directory under `root`; returns it once finished."""
    stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime())
    work = root / f".building-{key[:16]}-{os.getpid()}"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    started = time.monotonic()
    store = ox.Store(str(work / OXIGRAPH))
    inputs = []
    if nquads is not None:
        # The build's own dump: every IRI in it went through pyoxigraph's NamedNode when the
        # build made it, so re-validating them on load is wasted work (5-8 % of the load's CPU
        # at 10^6 quads on a quiet machine, more under load). Users' --data files stay strict.
        store.bulk_load(path=str(nquads), format=ox.RdfFormat.N_QUADS, lenient=True)
        inputs.append({"path": str(nquads), "graph": None, "built": True})
    for d in data:
        to_graph = ox.NamedNode(d.graph) if d.graph else None
        try:
            # Relative IRIs in a file resolve against the graph it is loaded into (the W3C
            # suites rely on this), else against the file's own location.
            base = d.graph or Path(d.path).resolve().as_uri()
            store.bulk_load(path=str(d.path), format=d.format, to_graph=to_graph, base_iri=base)
        except SyntaxError as exc:
            shutil.rmtree(work, ignore_errors=True)
            raise StoreSetupError(f"{d.path}: {exc}") from None
        inputs.append({"path": str(d.path), "graph": d.graph, "built": False})
    store.flush()
    store.optimize()
    counts = compute_counts(store)
    indexed = search.build_index(store, work / LABELS)
    manifest = {
        "key": key,
        "input_fingerprint": fingerprint,
        "inputs": inputs,
        "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "load_seconds": round(time.monotonic() - started, 3),
        "labels_indexed": indexed,
        "counts": counts,
        "release": release.release_of(store),
        "retired": retired_records.records(store),
    }
    del store  # closes the store: from here on it is only ever opened read-only
    (work / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False),
                                 encoding="utf-8")
    final = root / f"{key[:16]}-{stamp}"
    shutil.rmtree(final, ignore_errors=True)
    os.rename(work, final)
    log.info("store ready in %s (%.1f s)", final, manifest["load_seconds"])
    return final


def switch(root: Path, target: Path) -> None:
    """Point `current` at `target` in one step (a new symlink renamed over the old one)."""
    tmp = root / f".current-{os.getpid()}"
    tmp.unlink(missing_ok=True)
    tmp.symlink_to(target.name)
    os.replace(tmp, root / CURRENT)


def cleanup(root: Path, keep: Path) -> None:
    """Remove finished stores that are no longer current and abandoned partial builds."""
    for entry in root.iterdir():
        if entry.name == CURRENT or entry.resolve() == keep.resolve():
            continue
        if entry.name.startswith(".building-") and _pid_alive(entry.name.rsplit("-", 1)[-1]):
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        elif entry.name.startswith(".current-"):
            entry.unlink(missing_ok=True)


def _pid_alive(pid: str) -> bool:
    if not pid.isdigit() or int(pid) == os.getpid():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


# One pass over all the triples for the four counts that need every triple (a query each
# read the whole store four times: at 10^6 quads on disk the counts took longer than the load).
WHOLE_STORE_COUNTS = """SELECT (COUNT(*) AS ?triples) (COUNT(DISTINCT ?s) AS ?distinct_subjects)
  (COUNT(DISTINCT ?o) AS ?distinct_objects) (COUNT(DISTINCT ?p) AS ?properties)
{ SELECT DISTINCT ?s ?p ?o { ?s ?p ?o } }"""
COUNT_QUERIES = {
    "classes": "SELECT (COUNT(DISTINCT ?c) AS ?n) { ?s a ?c }",
    "entities": f"SELECT (COUNT(DISTINCT ?s) AS ?n) {{ ?s a ?c . FILTER(STRSTARTS(STR(?s),"
    f" \"{RESOURCE}\")) }}",
}


PER_GRAPH_AND_PROPERTY = (
    "SELECT ?g ?p (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ?p")


def compute_counts(store: ox.Store) -> dict:
    """Counts for /void and /health; triples are DISTINCT over all graphs (a triple stated in
    two graphs counts once)."""
    row = next(iter(store.query(WHOLE_STORE_COUNTS, use_default_graph_as_union=True)))
    counts: dict = {name: int(row[name].value) for name in
                    ("triples", "distinct_subjects", "distinct_objects", "properties")}
    for name, query in COUNT_QUERIES.items():
        row = next(iter(store.query(query, use_default_graph_as_union=True)))
        counts[name] = int(row["n"].value)
    # per graph and predicate in the pass that counted per graph: the sums give the graphs'
    # sizes, and the triples of each predicate for VoID's property partitions
    graphs: dict[str, int] = {}
    per_property: dict[str, int] = {}
    for row in store.query(PER_GRAPH_AND_PROPERTY):
        g, p, n = row["g"].value, row["p"].value, int(row["n"].value)
        graphs[g] = graphs.get(g, 0) + n
        per_property[p] = per_property.get(p, 0) + n
    default = sum(1 for _ in store.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    # every quad is in a named graph or in the default graph: no third pass for len(store)
    counts["quads"] = sum(graphs.values()) + default
    counts["graphs"] = dict(sorted(graphs.items()))
    counts["default_graph_triples"] = default
    if default == 0 and counts["quads"] == counts["triples"]:
        # No triple in two graphs (the build's rule), so the sums over the graphs are the
        # DISTINCT counts /void states; otherwise they would not be, and none is stated.
        counts["property_triples"] = dict(sorted(per_property.items()))
    counts["example_resources"] = _examples(store)
    return counts


EXAMPLE_KINDS = ("org/", "place/", "event/", "person/", "claim/")

# One pass over the typed resources, the first IRI of each kind by MIN: a query per kind with
# ORDER BY ?s LIMIT 1 read and sorted every typed resource five times (at 10^5 quads it was
# three quarters of the counts' time, and it grows as n log n).
EXAMPLES_QUERY = f"""SELECT ?kind (MIN(STR(?s)) AS ?first) {{
  ?s a ?c .
  FILTER(STRSTARTS(STR(?s), "{RESOURCE}"))
  BIND(CONCAT(STRBEFORE(SUBSTR(STR(?s), {len(RESOURCE) + 1}), "/"), "/") AS ?kind)
  FILTER(?kind IN ({", ".join(f'"{kind}"' for kind in EXAMPLE_KINDS)}))
}} GROUP BY ?kind"""


def _examples(store: ox.Store) -> list[str]:
    """One typed resource of each main kind (first by IRI), for void:exampleResource."""
    first = {row["kind"].value: row["first"].value
             for row in store.query(EXAMPLES_QUERY, use_default_graph_as_union=True)}
    return [first[kind] for kind in EXAMPLE_KINDS if kind in first]
