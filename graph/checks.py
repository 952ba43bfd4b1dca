"""The build's checks of the whole graph, each in a forked process while the build writes its
dumps: SHACL validation (pyshacl) and the consistency of ontology and data (HermiT).

SHACL is the longest step of the build, and HermiT's Python half in a thread held the GIL
against it (docs/performance.md); forked, the children inherit the built quads (nothing is
pickled) and the dumps are written meanwhile. Their findings come back as the build's problems,
each traced to the file and line the node was curated at."""

from __future__ import annotations

import multiprocessing
import time
import traceback
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any

from pyoxigraph import Quad

from gongyun.graph import terms as t
from gongyun.graph.annotations import AnnotationSet
from gongyun.graph.entities import Declarations
from gongyun.graph.problems import Problems
from gongyun.namespaces import PREFIXES
from gongyun.paths import ONTOLOGY_FILE, SHAPES_DIR


class Forked:
    """`fn(*args)` in a forked child process; `result()` waits for its return value. Forking
    hands the child the built quads for free (pickling 56k quads would cost seconds)."""

    def __init__(self, fn: Callable[..., Any], *args: Any) -> None:
        context = multiprocessing.get_context("fork")
        self._receive, send = context.Pipe(duplex=False)
        self._process = context.Process(target=_run_and_send, args=(send, fn, args),
                                         name=f"gongyun-build-{fn.__name__}")
        self._process.start()
        send.close()
        self._name = fn.__name__

    def result(self) -> Any:
        try:
            ok, value = self._receive.recv()
        except EOFError:
            self._process.join()
            raise RuntimeError(f"{self._name} died (exit code {self._process.exitcode})") from None
        self._process.join()
        if not ok:
            raise RuntimeError(f"{self._name} failed in its process:\n{value}")
        return value

    def close(self) -> None:
        """Stop the child if the build gave up before reading its result."""
        if self._process.is_alive():
            self._process.terminate()
        self._process.join()
        self._receive.close()


def _run_and_send(send: Connection, fn: Callable[..., Any], args: tuple) -> None:
    try:
        result = (True, fn(*args))
    except BaseException:  # noqa: BLE001 - reported to the parent, which raises
        result = (False, traceback.format_exc())
    send.send(result)
    send.close()


class Checks:
    """The checks started on the built quads; `collect` turns their results into problems."""

    def __init__(self, quads: list[Quad], validate: bool, reason: bool) -> None:
        shapes_present = SHAPES_DIR.exists() and any(SHAPES_DIR.glob("*.ttl"))
        # Looked up on the module as they start, so a test can put a stand-in in their place.
        self.reasoning = Forked(reasoning_check, quads) if reason else None
        self.validation = (Forked(validation_findings, quads)
                           if validate and shapes_present else None)

    def collect(self, decl: Declarations, annotations: AnnotationSet, problems: Problems,
                timings: dict[str, float]) -> None:
        """Wait for each check; its findings become errors (warnings for SHACL's lesser
        severities), and its time goes into `timings` (validate, reason)."""
        if self.validation is not None:
            from gongyun.graph.validate import origin_key

            findings, timings["validate"] = self.validation.result()
            where = origins(decl, annotations)
            for finding in findings:
                origin = where.get(origin_key(finding.focus) or "", "")
                text = f"{origin + ': ' if origin else ''}<{finding.focus}> {finding.message}"
                if finding.severity == "Violation":
                    problems.error(None, None, f"SHACL: {text}")
                else:
                    problems.warning(None, None, f"SHACL {finding.severity}: {text}")
        if self.reasoning is not None:
            messages, timings["reason"] = self.reasoning.result()
            for message in messages:
                problems.error(ONTOLOGY_FILE, None, f"reasoning (HermiT, ontology + entities + "
                               f"direct graph): {message}")

    def close(self) -> None:
        for check in (self.validation, self.reasoning):
            if check is not None:
                check.close()


def origins(decl: Declarations, annotations: AnnotationSet) -> dict[str, str]:
    """Curated id -> 'file:line', to send a SHACL finding back to where it was written."""
    where: dict[str, str] = {}
    for entity in list(decl.entities.values()) + list(decl.concepts.values()):
        where[f"id:{entity.id}"] = f"{entity.file}:{entity.line}"
    for ev in annotations.evidence:
        where[f"evidence:{ev.id}"] = f"{ev.file}:{ev.line}"
        for claim in ev.claims:
            where[f"claim:{claim.id}"] = f"{claim.file}:{claim.line}"
    return where


def validation_findings(quads: list[Quad]) -> tuple[list, float]:
    """SHACL findings on the data graphs plus the ontology, and the seconds it took. The shapes
    of claims.shapes.ttl (~3.2 s CPU of ~5.3, measured per shape) are validated in a second
    forked process beside the others: it inherits the converted graph, so the split costs no
    second parse (docs/performance.md: full build 9.9 -> 8.0 s wall)."""
    import rdflib

    from gongyun.graph.validate import shapes_graph, to_rdflib

    started = time.perf_counter()
    name = t.graph("ontology").value
    # The ontology as built (the file's triples, blank nodes canonical): no second parse.
    data = to_rdflib(q for q in quads if q.graph_name.value != name)
    data += to_rdflib(q for q in quads if q.graph_name.value == name)
    shapes = shapes_graph()
    claims_file = SHAPES_DIR / "claims.shapes.ttl"
    sh = rdflib.Namespace(PREFIXES["sh"])
    kinds = {sh.targetClass, sh.targetNode, sh.targetSubjectsOf, sh.targetObjectsOf}
    targets = {s for s, p, _ in shapes if p in kinds}
    heavy = ({s for s, p, _ in rdflib.Graph().parse(claims_file, format="turtle") if p in kinds}
             if claims_file.exists() else set())
    other = Forked(_validate_part, data, shapes, sorted(heavy)) if heavy else None
    try:
        findings = _validate_part(data, shapes, sorted(targets - heavy))
        if other is not None:
            findings += other.result()
    finally:
        if other is not None:
            other.close()
    findings.sort(key=lambda f: (f.severity, f.focus, f.message))
    return findings, time.perf_counter() - started


def _validate_part(data: Any, shapes: Any, use: list) -> list:
    """pyshacl on the shapes `use` (targeted shapes; the shapes they reference come along)."""
    import rdflib

    from gongyun.graph.validate import validate

    return validate(data, shapes, ontology=rdflib.Graph(), use_shapes=use) if use else []


def reasoning_check(quads: list[Quad]) -> tuple[list[str], float]:
    """HermiT on the ontology plus what the data asserts of entities: their types and the
    direct graph's one-hop triples (disjointness, domains and ranges can clash there)."""
    from gongyun.graph.validate import to_rdflib
    from gongyun.ontology.check import load_ontology, reason

    wanted = {t.graph("entities").value, t.graph("direct").value}
    result = reason(load_ontology(), to_rdflib([q for q in quads if q.graph_name.value in wanted]))
    return result.problems, result.seconds
