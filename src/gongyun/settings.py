"""Every setting of the HTTP service, defined once with its default and help text.

Built once (by `gongyun serve` or a test) and passed to `create_app(settings)`; no handler reads
the environment. Each field can be set as `GONGYUN_<NAME>` (lists as JSON) or by the matching
`gongyun serve` flag, which api/serve.py generates from the field (name, type, default, this
description; `flag` and `metavar` in a field's json_schema_extra where the generated ones would
not do); `gongyun serve --help-settings` prints this table.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from gongyun import paths

# Measured (docs/performance.md, "Our per-request overhead"): the copy adds ~0.37 GB of RSS and
# ~7.5 s of start-up per 10^6 quads to each worker, for 2-4x faster joins and aggregates.
STORE_MEMORY_MAX_TRIPLES = 2_000_000


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="GONGYUN_", extra="forbid", frozen=True)

    host: str = Field("127.0.0.1", description="Address the server listens on.")
    port: int = Field(8000, ge=0, le=65535, description="TCP port the server listens on.")
    public_base: str | None = Field(
        None,
        description="Public base URL the service is reached at (e.g. https://gongyun.example.org)."
        " Canonical IRIs https://w3id.org/gongyun/resource/<local> map to <public_base>/resource/"
        "<local>. Unset: the base URL of each request.",
        json_schema_extra={"metavar": "URL"},
    )
    store_dir: Path = Field(
        Path("build/store"),
        description="Directory holding the persistent stores (one sub-directory per input"
        " fingerprint, `current` points at the one being served). Outside git.",
        json_schema_extra={"flag": "--store"},
    )
    build_dir: Path = Field(
        Path("build"), description="Where `gongyun build` writes the graph when serve builds it."
    )
    data: list[str] = Field(
        default_factory=list,
        description="RDF files to serve, each FILE or FILE=GRAPH-IRI (format from the extension:"
        " .ttl .nt .trig .nq .rdf/.owl/.xml .jsonld). Empty: serve the built graph.",
        json_schema_extra={"metavar": "FILE[=GRAPH]"},
    )
    with_built_graph: bool = Field(
        False, description="Serve the built graph as well as the `data` files."
    )
    union_default_graph: bool = Field(
        True,
        description="The default graph is the union of all graphs unless a request names graphs"
        " (default-graph-uri / named-graph-uri / FROM).",
    )
    workers: int = Field(2, ge=1, le=64, description="Number of SPARQL query worker processes.")
    query_timeout: float = Field(
        10.0, gt=0, description="Seconds a query may run in a worker (queue time not counted)."
    )
    queue_timeout: float = Field(
        30.0, gt=0, description="Seconds a query may wait for a free worker before a 503."
    )
    max_rows: int = Field(
        10000,
        ge=1,
        description="Largest number of result rows (SELECT) or triples (CONSTRUCT/DESCRIBE)"
        " returned; more are cut and the response says so (Gongyun-Truncated header).",
    )
    max_body_bytes: int = Field(
        1_000_000, ge=1024, description="Largest request body accepted (413 above)."
    )
    max_page_size: int = Field(
        100, ge=1, le=10000, description="Largest `per_page` accepted by paginated REST routes."
    )
    cors_origins: list[str] = Field(
        default_factory=lambda: ["*"],
        description="Origins allowed by CORS for GET and POST; never with credentials.",
        json_schema_extra={"metavar": "ORIGIN"},
    )
    corpus_dir: Path = Field(
        paths.CORPUS_DIR,
        description="Directory of the source texts <nnn>_<hash>.txt shown by /api/sources/{id}.",
    )
    ontology_file: Path = Field(
        paths.ONTOLOGY_FILE, description="The ontology (Turtle) served at /ontology."
    )
    shapes_dir: Path = Field(paths.SHAPES_DIR, description="Directory of *.ttl shapes for /shapes.")
    docs_dir: Path = Field(
        Path("build/docs"),
        description="HTML documentation of the ontology (from `gongyun docs`); used by /ontology"
        " and /shapes for browsers when it exists.",
    )
    dumps_dir: Path | None = Field(
        None, description="Directory served at /dumps/{file}. Unset: <build_dir>/dumps."
    )
    store_memory: Literal["auto", "on", "off"] = Field(
        "auto",
        description="Where the query workers read the graph: `on` copies the read-only on-disk"
        " store into an in-memory store in each worker at start (2-4x faster joins and aggregates;"
        " about 0.4 GB of RAM and 7.5 s of start-up per 10^6 triples per worker); `off` reads"
        " the on-disk store; `auto` copies when the graph has at most `store_memory_max_triples`"
        " triples.",
    )
    store_memory_max_triples: int = Field(
        STORE_MEMORY_MAX_TRIPLES, ge=0,
        description="Largest graph (triples) that `store_memory = auto` copies into memory.",
    )
    worker_start_timeout: float = Field(
        60.0, gt=0, description="Seconds a new query worker may take to open the store."
    )
    service_allowlist: list[str] = Field(
        default_factory=list,
        description="SPARQL endpoints a query may reach with SERVICE <endpoint> (federation"
        " between archives). Empty (default): SERVICE is refused. When set, the query workers"
        " keep the network (no network namespace) and SERVICE to any other IRI is still refused.",
        json_schema_extra={"metavar": "URL"},
    )
    store_url: str | None = Field(
        None,
        description="A SPARQL 1.1 endpoint (e.g. Virtuoso's http://127.0.0.1:8890/sparql) that"
        " holds the same graphs and answers every query instead of the embedded store; the store"
        " directory still keeps the label index and counts. Unset: the embedded store.",
        json_schema_extra={"metavar": "URL"},
    )

    @field_validator("public_base")
    @classmethod
    def _strip_slash(cls, value: str | None) -> str | None:
        return value.rstrip("/") if value else value

    def workers_in_memory(self, triples: int) -> bool:
        """Whether the query workers copy a graph of `triples` triples into memory."""
        if self.store_memory == "auto":
            return triples <= self.store_memory_max_triples
        return self.store_memory == "on"

    @property
    def effective_dumps_dir(self) -> Path:
        return self.dumps_dir if self.dumps_dir is not None else self.build_dir / "dumps"


def default_of(name: str) -> Any:
    """The default of setting `name`."""
    field = Settings.model_fields[name]
    return field.default_factory() if field.default_factory else field.default


def shown_default(name: str) -> str:
    """The default of setting `name` as the help texts show it: a switch as on or off, no
    default as unset."""
    default = default_of(name)
    if isinstance(default, bool):
        return "on" if default else "off"
    if default is None:
        return "unset"
    return str(default) if isinstance(default, Path) else repr(default)


def describe_settings() -> str:
    """The settings as text, for `gongyun serve --help-settings`."""
    lines = ["Settings (environment variable GONGYUN_<NAME>, or the serve flag of the same name):"]
    for name, field in Settings.model_fields.items():
        lines.append(f"  {name} (GONGYUN_{name.upper()}, default {shown_default(name)})")
        lines.append(f"      {field.description}")
    return "\n".join(lines)
