"""The wheel ships every package: an unlisted subpackage is silently left out of a wheel while the
editable install still imports it (style-anchors §7.2), so development would pass and the
installed tool would fail.

1. Every folder with an ``__init__.py`` under ``screening/``, ``plugins/`` (→ ``screening_plugins``)
   and ``lexicons/`` (→ ``screening_lexicons``) is listed in ``[tool.setuptools] packages``, and
   every listed package exists.
2. The wheel, built from a copy of the checkout without network (``--no-isolation``, with the
   setuptools and wheel of the dev extra), holds every listed package's ``.py`` files and every
   lexicon ``.txt``, and declares the console script and the entry points.
"""

from __future__ import annotations

import configparser
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
PACKAGES = PYPROJECT["tool"]["setuptools"]["packages"]
PACKAGE_DIR = {"screening": "screening",
               **PYPROJECT["tool"]["setuptools"].get("package-dir", {})}


def source_dir(package: str) -> Path:
    """The folder a listed package is built from (``screening_plugins.x`` → ``plugins/x``)."""
    top, _, rest = package.partition(".")
    base = ROOT / PACKAGE_DIR.get(top, top)
    return base.joinpath(*rest.split(".")) if rest else base


def package_folders() -> dict[str, Path]:
    """Every folder with an ``__init__.py`` under the three roots, by its installed name."""
    out = {}
    for top, folder in PACKAGE_DIR.items():
        base = ROOT / folder
        for init in base.rglob("__init__.py"):
            rel = init.parent.relative_to(base)
            if "__pycache__" in rel.parts:
                continue
            out[".".join((top, *rel.parts))] = init.parent
    return out


def test_package_dir_maps_the_two_data_folders():
    assert PACKAGE_DIR == {"screening": "screening", "screening_plugins": "plugins",
                           "screening_lexicons": "lexicons"}


def test_every_package_folder_is_listed():
    unlisted = sorted(set(package_folders()) - set(PACKAGES))
    assert not unlisted, f"add to [tool.setuptools] packages in pyproject.toml: {unlisted}"


def test_every_listed_package_exists():
    for package in PACKAGES:
        assert (source_dir(package) / "__init__.py").is_file(), package


def test_entry_points_name_the_builtin_plugins():
    from screening.plugins import BUILTIN_PLUGINS

    declared = PYPROJECT["project"]["entry-points"]["screening"]
    assert declared == dict(BUILTIN_PLUGINS)  # same names: entry-point loading skips them
    assert PYPROJECT["project"]["scripts"] == {"screen": "screening.cli:main"}


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """Build the wheel from a clean copy of the sources (never touching the checkout)."""
    pytest.importorskip("build", reason="the dev extra (pip install -e '.[dev]') provides build")
    src = tmp_path_factory.mktemp("src")
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, src / name)
    for folder in set(PACKAGE_DIR.values()):
        shutil.copytree(ROOT / folder, src / folder, ignore=ignore)
    out = tmp_path_factory.mktemp("dist")
    done = subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out)],
        cwd=src, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    wheels = list(out.glob("screening-*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0]


def test_wheel_contains_every_package_and_lexicon(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    missing = []
    for package in PACKAGES:
        prefix = package.replace(".", "/")
        for py in source_dir(package).glob("*.py"):
            if f"{prefix}/{py.name}" not in names:
                missing.append(f"{prefix}/{py.name}")
    lexicons = sorted((ROOT / "lexicons").glob("*.txt"))
    for txt in lexicons:
        if f"screening_lexicons/{txt.name}" not in names:
            missing.append(f"screening_lexicons/{txt.name}")
    assert not missing, f"missing from the wheel: {missing}"
    assert not any(n.startswith(("plugins/", "lexicons/", "tests/", "samples/")) for n in names)


def test_wheel_declares_script_and_entry_points(wheel):
    with zipfile.ZipFile(wheel) as zf:
        ep_name = next(n for n in zf.namelist() if n.endswith(".dist-info/entry_points.txt"))
        parser = configparser.ConfigParser()
        parser.read_string(zf.read(ep_name).decode("utf-8"))
    assert parser["console_scripts"]["screen"] == "screening.cli:main"
    assert dict(parser["screening"]) == PYPROJECT["project"]["entry-points"]["screening"]
