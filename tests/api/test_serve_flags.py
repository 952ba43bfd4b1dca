"""`gongyun serve`'s flags are generated from the settings model: every setting has one, its help
shows the model's real default, and a flag given on the command line overrides the environment
while a flag left out does not."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from gongyun.api import serve
from gongyun.cli import build_parser
from gongyun.settings import Settings, default_of, shown_default


def _help() -> str:
    done = subprocess.run([sys.executable, "-m", "gongyun.cli", "serve", "--help"],
                          capture_output=True, text=True, check=True,
                          env={"COLUMNS": "1000", "PATH": ""})
    return done.stdout


def test_help_lists_every_setting_with_its_real_default():
    lines: dict[str, str] = {}  # flag -> its whole entry, wrapped lines joined
    flag = ""
    for line in _help().splitlines():
        if line.startswith("  -"):
            flag = line.split()[0]
            lines[flag] = line
        elif flag and line.startswith("    "):
            lines[flag] += " " + line.strip()
    for name, field in Settings.model_fields.items():
        flag = serve.flag_of(name)
        assert flag in lines, flag
        assert f"(default: {shown_default(name)})" in lines[flag], flag
        assert field.description.split(".")[0] in lines[flag], flag
    # the flags scripts and docs use keep their names
    for flag in ("--store", "--data", "--with-built-graph", "--union-default-graph",
                 "--public-base", "--store-memory", "--store-url", "--max-rows"):
        assert flag in lines
    assert "(default: 8000)" in lines["--port"] and "(default: on)" in lines[
        "--union-default-graph"] and "(default: 'auto')" in lines["--store-memory"]


def _settings(argv: list[str]) -> Settings:
    return serve.settings_from_args(build_parser("serve").parse_args(["serve", *argv]))


def test_flags_set_their_settings(tmp_path: Path):
    settings = _settings([
        "--store", str(tmp_path), "--port", "0", "--union-default-graph", "off",
        "--with-built-graph", "--data", "a.ttl", "--data", "b.nq", "--query-timeout", "2.5",
        "--store-memory", "off", "--cors-origins", "https://a.example", "--dumps-dir",
        str(tmp_path / "d"), "--public-base", "https://gongyun.example.org/"])
    assert settings.store_dir == tmp_path and settings.port == 0
    assert settings.union_default_graph is False and settings.with_built_graph is True
    assert settings.data == ["a.ttl", "b.nq"] and settings.query_timeout == 2.5
    assert settings.store_memory == "off" and settings.cors_origins == ["https://a.example"]
    assert settings.dumps_dir == tmp_path / "d"
    assert settings.public_base == "https://gongyun.example.org"


def test_flags_left_out_keep_the_environment(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("GONGYUN_WORKERS", "3")
    monkeypatch.setenv("GONGYUN_UNION_DEFAULT_GRAPH", "false")
    assert _settings([]).workers == 3
    assert _settings([]).union_default_graph is False
    assert _settings(["--workers", "5"]).workers == 5
    monkeypatch.delenv("GONGYUN_WORKERS")
    assert _settings([]).workers == default_of("workers") == 2


def test_a_bad_flag_value_is_refused():
    with pytest.raises(SystemExit):
        build_parser("serve").parse_args(["serve", "--union-default-graph", "maybe"])
    with pytest.raises(SystemExit):
        build_parser("serve").parse_args(["serve", "--store-memory", "sometimes"])
