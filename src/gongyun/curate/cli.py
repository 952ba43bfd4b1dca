"""`gongyun curate`: start the workbench on 127.0.0.1 and print its URL (with the token)."""

from __future__ import annotations

import argparse
import os
import socket
from pathlib import Path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--port", type=int, default=0,
                        help="port on 127.0.0.1 (default: a free one); never another address")
    parser.add_argument("--graph-dir", type=Path, default=None,
                        help="the data folder to curate (default: this clone's graph/, or "
                             "GONGYUN_GRAPH_DIR)")
    parser.add_argument("--work", type=Path, default=Path("build") / "curate",
                        help="where the workbench keeps its builds and label index "
                             "(default build/curate)")
    parser.add_argument("--source", help="open this source's page first (e.g. 003)")
    parser.add_argument("--no-index", action="store_true",
                        help="no label index of the graph (the chooser searches this text's "
                             "own entities only)")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def run(args: argparse.Namespace) -> int:
    import uvicorn

    from gongyun.curate.app import create_app
    from gongyun.curate.guard import new_token
    from gongyun.paths import GRAPH_DIR

    graph_dir = (args.graph_dir or GRAPH_DIR).resolve()
    os.environ["GONGYUN_GRAPH_DIR"] = str(graph_dir)  # the builds' processes read it
    port = args.port or free_port()
    token = new_token()
    app = create_app(graph_dir, args.work.resolve(), token, port, index=not args.no_index)
    page = f"source/{args.source}" if args.source else ""
    print(f"Gongyun workbench for {graph_dir}", flush=True)
    print(f"open http://127.0.0.1:{port}/{page}?token={token}", flush=True)
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning")
    return 0
