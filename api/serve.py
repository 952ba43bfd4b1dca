"""`gongyun serve`: parse flags, build the settings, prepare the store, hand the app to uvicorn."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path
from types import UnionType
from typing import Any, Literal, Union, get_args, get_origin

from gongyun.settings import Settings, describe_settings, shown_default


def _on_off(value: str) -> bool:
    if value not in ("on", "off"):
        raise argparse.ArgumentTypeError("use on or off")
    return value == "on"


METAVARS = {int: "N", float: "SECONDS"}  # every float setting is a time limit


def flag_of(name: str) -> str:
    """The `gongyun serve` flag of setting `name`: --<name> with hyphens, unless the field
    names its own."""
    extra = Settings.model_fields[name].json_schema_extra or {}
    return str(extra.get("flag", "--" + name.replace("_", "-")))


def _argument(name: str) -> dict[str, Any]:
    """argparse's keywords for setting `name`, from its type, default and description."""
    field = Settings.model_fields[name]
    extra = field.json_schema_extra or {}
    kind = field.annotation
    if get_origin(kind) in (Union, UnionType):  # X | None: the flag takes an X
        kind = next(k for k in get_args(kind) if k is not type(None))
    listed = get_origin(kind) is list
    help_text = (f"{field.description}{' Repeatable.' if listed else ''}"
                 f" (default: {shown_default(name)})").replace("%", "%%")
    out: dict[str, Any] = {"dest": name, "default": None, "help": help_text}
    if kind is bool and field.default is False:
        return out | {"action": "store_true"}
    if kind is bool:
        return out | {"type": _on_off, "metavar": "on|off"}
    if get_origin(kind) is Literal:
        return out | {"choices": list(get_args(kind))}
    if listed:
        return out | {"action": "append", "metavar": extra.get("metavar", "VALUE")}
    metavar = extra.get("metavar") or METAVARS.get(kind) or name.upper()
    if kind is Path:
        metavar = "DIR" if name.endswith("_dir") else "FILE"
    return out | {"type": kind, "metavar": metavar}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    # Every setting, generated from the settings model; only the flags given on the command
    # line override the settings from the environment (their argparse default is None).
    for name in Settings.model_fields:
        parser.add_argument(flag_of(name), **_argument(name))
    parser.add_argument("--log-level", default="info",
                        choices=["critical", "error", "warning", "info", "debug"])
    parser.add_argument("--help-settings", action="store_true",
                        help="print every setting with its environment variable and exit")


def settings_from_args(args: argparse.Namespace) -> Settings:
    overrides = {name: getattr(args, name) for name in Settings.model_fields
                 if getattr(args, name, None) is not None}
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


def server_choices() -> dict[str, str]:
    """uvloop's event loop and httptools' HTTP parser when installed (they are dependencies):
    measured 0.1-0.2 ms less per request than asyncio + h11 (docs/performance.md)."""
    choices = {}
    for module, option, value in (("uvloop", "loop", "uvloop"), ("httptools", "http", "httptools")):
        try:
            __import__(module)
        except ImportError:
            continue
        choices[option] = value
    return choices
