"""The wheel installs everything under the one `gongyun` namespace, data included."""

from __future__ import annotations

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


@pytest.mark.wheel
def test_wheel_installs_one_namespace_in_a_clean_virtualenv(tmp_path: Path):
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                    "-q", "-w", str(wheels), str(ROOT)], check=True)
    (wheel,) = wheels.glob("gongyun-*.whl")
    env = tmp_path / "venv"
    venv.create(env, with_pip=True)
    python = env / "bin" / "python"
    subprocess.run([python, "-m", "pip", "install", "-q", "--no-deps", str(wheel)], check=True)
    site = Path(subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True, capture_output=True, text=True).stdout.strip())
    top_level = sorted(p.name for p in site.iterdir()
                       if not p.name.endswith((".dist-info", ".pth")) and p.name not in
                       {"pip", "_distutils_hack", "setuptools", "pkg_resources", "__pycache__"})
    assert top_level == ["gongyun"]
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
