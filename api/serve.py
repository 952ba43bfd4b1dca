"""`gongyun serve`: parse flags, build the settings, prepare the store, hand the app to uvicorn."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from gongyun.settings import Settings, describe_settings

# flag -> settings field; only flags given on the command line override settings from the env.
FLAGS = {
    "host": "host", "port": "port", "store": "store_dir", "public_base": "public_base",
    "data": "data", "with_built_graph": "with_built_graph", "workers": "workers",
    "query_timeout": "query_timeout", "max_rows": "max_rows",
    "max_body_bytes": "max_body_bytes", "build_dir": "build_dir", "store_url": "store_url",
    "store_memory": "store_memory",
}


def _on_off(value: str) -> bool:
    if value not in ("on", "off"):
        raise argparse.ArgumentTypeError("use on or off")
    return value == "on"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, help="port to listen on (default 8000)")
    parser.add_argument("--store", type=Path, metavar="DIR",
                        help="directory of the persistent stores (default build/store)")
    parser.add_argument("--build-dir", type=Path, metavar="DIR",
                        help="where the graph is built when needed (default build)")
    parser.add_argument("--data", action="append", metavar="FILE[=GRAPH]",
                        help="serve this RDF file (repeatable), into GRAPH when given;"
                        " format from the extension")
    parser.add_argument("--with-built-graph", action="store_true", default=None,
                        help="serve the built graph as well as the --data files")
    parser.add_argument("--union-default-graph", type=_on_off, metavar="on|off",
                        help="default graph = union of all graphs (default on)")
    parser.add_argument("--public-base", metavar="URL",
                        help="public base URL canonical resource IRIs map to")
    parser.add_argument("--workers", type=int, help="query worker processes (default 2)")
    parser.add_argument("--query-timeout", type=float, metavar="SECONDS",
                        help="time limit of one query (default 10)")
    parser.add_argument("--max-rows", type=int, help="most rows/triples returned (default 10000)")
    parser.add_argument("--max-body-bytes", type=int, help="largest request body (default 1 MB)")
    parser.add_argument("--store-memory", choices=["auto", "on", "off"],
                        help="query workers copy the store into memory: on, off, or auto (when"
                        " the graph has at most store_memory_max_triples triples; default)")
    parser.add_argument("--store-url", metavar="URL",
                        help="answer queries from this SPARQL 1.1 endpoint holding the same"
                        " graphs (e.g. Virtuoso) instead of the embedded store")
    parser.add_argument("--log-level", default="info",
                        choices=["critical", "error", "warning", "info", "debug"])
    parser.add_argument("--help-settings", action="store_true",
                        help="print every setting with its environment variable and exit")


def settings_from_args(args: argparse.Namespace) -> Settings:
    overrides = {field: getattr(args, flag) for flag, field in FLAGS.items()
                 if getattr(args, flag, None) is not None}
    if getattr(args, "union_default_graph", None) is not None:
        overrides["union_default_graph"] = args.union_default_graph
    return Settings(**overrides)


def run(args: argparse.Namespace) -> int:
    if args.help_settings:
        print(describe_settings())
        return 0
    import uvicorn
    from pydantic import ValidationError
    from pydantic_settings import SettingsError

    from gongyun.api.app import create_app
    from gongyun.api.storedir import StoreSetupError, prepare

    logging.basicConfig(level=args.log_level.upper(), format="%(levelname)s: %(message)s")
    try:
        settings = settings_from_args(args)
        prepare(settings)
        app = create_app(settings)
    except (ValidationError, SettingsError) as exc:
        print(f"gongyun serve: invalid setting: {' '.join(str(exc).split())}", file=sys.stderr)
        return 2
    except StoreSetupError as exc:
        print(f"gongyun serve: {exc}", file=sys.stderr)
        return 2
    uvicorn.run(app, host=settings.host, port=settings.port, log_level=args.log_level,
                **server_choices())
    return 0


def server_choices() -> dict:
    """uvloop's event loop when installed (measured 0.1-0.2 ms less per request than asyncio,
    docs/performance.md) and our httptools protocol (gongyun.api.http_protocol: it declines
    Java's h2c upgrade offers and accepts raw UTF-8 in the request line)."""
    from gongyun.api.http_protocol import HttpProtocol

    choices: dict = {"http": HttpProtocol}
    try:
        __import__("uvloop")
    except ImportError:
        return choices
    choices["loop"] = "uvloop"
    return choices
