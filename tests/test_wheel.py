"""The wheel installs everything under the one `gongyun` namespace, data included."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


PACKAGE_ROOTS = {"gongyun": ROOT / "src" / "gongyun", "gongyun.graph": ROOT / "graph",
                 "gongyun.api": ROOT / "api", "gongyun.ontology": ROOT / "ontology",
                 "gongyun.shapes": ROOT / "shapes"}


def test_every_package_folder_is_listed_in_pyproject():
    """A folder with an __init__.py that pyproject does not list would be missing from the wheel."""
    import tomllib

    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
                 ["packages"])
    found = set()
    for name, folder in PACKAGE_ROOTS.items():
        for init in folder.rglob("__init__.py"):
            if "node_modules" in init.parts:
                continue
            rel = init.parent.relative_to(folder).parts
            found.add(".".join((name, *rel)))
    assert found == listed


def test_installed_code_never_imports_the_benchmarks():
    """The benchmarks live in the top-level bench/ of the repository, outside the wheel: code
    that the wheel installs must not import them (it would fail for every user)."""
    imports_bench = re.compile(r"^\s*(?:from|import)\s+bench\b", re.MULTILINE)
    offenders = [str(path.relative_to(ROOT)) for folder in PACKAGE_ROOTS.values()
                 for path in folder.rglob("*.py") if "node_modules" not in path.parts
                 and imports_bench.search(path.read_text(encoding="utf-8"))]
    assert offenders == []
    assert not (ROOT / "src" / "gongyun" / "bench").exists()


@pytest.fixture(scope="module")
def wheel_env(tmp_path_factory) -> Path:
    """A clean virtualenv with the built wheel installed (no dependencies): its python."""
    tmp_path = tmp_path_factory.mktemp("wheel")
    wheels = tmp_path / "wheels"
    # Built from a copy without build/: setuptools reuses build/lib and keeps what an older
    # layout left there (a removed module would ride along into the wheel).
    source = tmp_path / "source"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(
        ".git", ".venv", "build", "node_modules", "__pycache__", "*.egg-info", ".*_cache"))
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                    "-q", "-w", str(wheels), str(source)], check=True)
    (wheel,) = wheels.glob("gongyun-*.whl")
    env = tmp_path / "venv"
    venv.create(env, with_pip=True)
    python = env / "bin" / "python"
    subprocess.run([python, "-m", "pip", "install", "-q", "--no-deps", str(wheel)], check=True)
    return python


def site_packages(python: Path) -> Path:
    return Path(subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True, capture_output=True, text=True).stdout.strip())


@pytest.mark.wheel
def test_wheel_installs_one_namespace_in_a_clean_virtualenv(wheel_env: Path):
    python = wheel_env
    site = site_packages(python)
    top_level = sorted(p.name for p in site.iterdir()
                       if not p.name.endswith((".dist-info", ".pth")) and p.name not in
                       {"pip", "_distutils_hack", "setuptools", "pkg_resources", "__pycache__"})
    assert top_level == ["gongyun"]
    assert not (site / "gongyun" / "bench").exists()  # the benchmarks stay in the repository
    probe = ("import gongyun, gongyun.graph, gongyun.api, gongyun.ontology, gongyun.shapes;"
             "import gongyun.api.routers, gongyun.api.pages, gongyun.api.reconcile;"
             "from pathlib import Path;"
             "g = Path(gongyun.graph.__file__).parent;"
             "assert len(list((g / 'corpus').glob('*.txt'))) == 3;"
             "assert (Path(gongyun.ontology.__file__).parent / 'gongyun.ttl').exists();"
             "assert list((g / 'annotations').glob('*/p*.yaml'));"
             "print('ok')")
    out = subprocess.run([python, "-c", probe], check=True, capture_output=True, text=True)
    assert out.stdout.strip() == "ok"


@pytest.mark.wheel
def test_wheel_serves_the_query_page_without_node(wheel_env: Path, tmp_path: Path):
    """The wheel alone gives a working web interface: the query page and every script and
    style sheet it loads come from the installed package (no frontend/node_modules, no Node).
    The dependencies are this environment's, added to the clean one by a .pth line after its
    own site-packages, so `gongyun` itself can only come from the wheel."""
    import httpx

    from tests.serving import start_serve

    python = wheel_env
    site = site_packages(python)
    (site / "zz-test-dependencies.pth").write_text(str(site_packages(Path(sys.executable))))
    where = subprocess.run([python, "-c", "import gongyun.api; print(gongyun.api.__file__)"],
                           check=True, capture_output=True, text=True).stdout.strip()
    assert Path(where).is_relative_to(site), where
    data = ROOT / "tests" / "browser" / "data"
    served = start_serve(
        ["--store", str(tmp_path / "store"), "--build-dir", str(tmp_path / "build"),
         "--data", str(data / "pages.trig"), "--workers", "1"],
        tmp_path / "serve.log", env={"GONGYUN_CORPUS_DIR": str(data / "corpus")},
        cwd=tmp_path, python=python, wait=90)
    try:
        page = httpx.get(served.url + "/sparql?lang=en", headers={"Accept": "text/html"})
        assert page.status_code == 200 and "SPARQL" in page.text
        loaded = re.findall(r'<(?:script|link)[^>]*(?:src|href)="([^"]+)"', page.text)
        assert any(u.endswith("/static/vendor/codemirror.min.js") for u in loaded)
        for url in loaded:
            r = httpx.get(url)
            assert r.status_code == 200 and len(r.content) > 100, url
        for doc in ("/docs", "/redoc"):
            local = re.findall(r'(?:src|href)="(/static/vendor/[^"]+)"', httpx.get(
                served.url + doc).text)
            assert len(local) >= 2 if doc == "/docs" else local, doc
            for url in local:
                assert httpx.get(served.url + url).status_code == 200, url
    finally:
        served.stop()
