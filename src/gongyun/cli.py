"""The one `gongyun` command. Each subcommand lives in its own module, which exposes
`add_arguments(parser)` and `run(args) -> int`; this table is the only place they are listed."""

from __future__ import annotations

import argparse
import importlib
import sys

from gongyun import __version__

# name -> (module, one-line help). Modules are imported only when their command runs.
COMMANDS: dict[str, tuple[str, str]] = {
    "check": ("gongyun.ontology.check", "check ontology and shapes (parse, reason, meta-shapes)"),
    "docs": ("gongyun.ontology.docs", "render HTML documentation of the ontology into build/docs"),
    "build": ("gongyun.graph.build", "build the graph from sources and annotations into build/"),
    "source": ("gongyun.graph.source_add", "add a new text to the corpus (source add FILE)"),
    "draft": ("gongyun.graph.draft.cli", "draft annotations for a text; --evaluate: leave-one-out"),
    "validate": ("gongyun.graph.validate", "validate a built graph against the SHACL shapes"),
    "query": ("gongyun.graph.query", "run a SPARQL query against the built graph"),
    "serve": ("gongyun.api.serve", "serve the SPARQL endpoint, REST API and pages"),
    "export": ("gongyun.export", "write the graph as CSV tables (entities, claims, disagreements)"),
    "fill": ("gongyun.graph.fill", "add pinyin after zh: to the YAML entries that lack it"),
    "diff": ("gongyun.graph.diff", "what changed between two builds or releases (text or JSON)"),
    "curate": ("gongyun.curate.cli", "the curator's workbench in the browser (local, 127.0.0.1)"),
    "release": ("gongyun.graph.publish",
                "make release X.Y.Z: versioned dumps with checksums, IRI list, changelog"),
}


def build_parser(selected: str | None = None) -> argparse.ArgumentParser:
    """The parser; only the selected command's module is imported (start-up stays fast)."""
    parser = argparse.ArgumentParser(
        prog="gongyun", description="Gongyun: build, check and serve the workers' movement graph."
    )
    parser.add_argument("--version", action="version", version=f"gongyun {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name, (module_name, help_text) in COMMANDS.items():
        sub_parser = sub.add_parser(name, help=help_text, description=help_text)
        sub_parser.set_defaults(_module=module_name)
        if name != selected:
            continue
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name != module_name:
                raise
            sub_parser.set_defaults(_missing=True)
            continue
        module.add_arguments(sub_parser)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    selected = next((a for a in argv if not a.startswith("-")), None)
    args = build_parser(selected).parse_args(argv)
    if getattr(args, "_missing", False):
        print(f"gongyun {args.command}: not available in this version", file=sys.stderr)
        return 2
    module = importlib.import_module(args._module)
    return int(module.run(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
