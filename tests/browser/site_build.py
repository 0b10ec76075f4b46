"""Shared by the site tests: where the built site is, and building it when
it is missing or older than its sources (scripts/test builds it first)."""
from __future__ import annotations

import importlib.machinery
import importlib.util
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SITE = REPO / "build" / "site"
APP = SITE / "app"
FIXTURES = REPO / "tests" / "fixtures"
SOURCES = [REPO / "site", REPO / "core", REPO / "mkdocs.yml", REPO / "scripts" / "build-site",
           REPO / "package.json", REPO / "requirements-site.txt", REPO / "setup.py", REPO / "pyproject.toml"]


def _newest(paths) -> float:
    newest = 0.0
    for p in paths:
        if p.is_dir():
            for f in p.rglob("*"):
                if f.is_file() and "__pycache__" not in f.parts and not (
                        f.parent.name == "rules" and f.parent.parent.name == "site"):
                    newest = max(newest, f.stat().st_mtime)
        elif p.exists():
            newest = max(newest, p.stat().st_mtime)
    return newest


_checked = False


def ensure_site() -> Path:
    """Build once per test run at most (others may edit the sources meanwhile)."""
    global _checked
    manifest = APP / "manifest.json"
    if not _checked and (not manifest.exists() or manifest.stat().st_mtime < _newest(SOURCES)):
        subprocess.run([sys.executable, str(REPO / "scripts" / "build-site")], check=True)
    _checked = True
    return SITE


def _load_script(name: str, module: str):
    """One of scripts/ (a file without .py, or with) as a module."""
    loader = importlib.machinery.SourceFileLoader(module, str(REPO / "scripts" / name))
    spec = importlib.util.spec_from_loader(module, loader)
    mod = importlib.util.module_from_spec(spec)
    loader.exec_module(mod)
    return mod


def load_serve():
    """scripts/server.py (what scripts/serve runs) as a module."""
    return _load_script("server.py", "gouji_serve")


def load_build_site():
    """scripts/build-site as a module (its steps, for a test to run one of them)."""
    return _load_script("build-site", "gouji_build_site")
