"""Run the calling script with the project's own Python (.venv).

scripts/test and scripts/serve make .venv (scripts/env.sh); the other
scripts (build-site, bench, bench-site, prose-eval) start over in it when
run with another python3, so that their tools are always the pinned ones.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"


def ensure(script: str) -> None:
    if Path(sys.prefix).resolve() == VENV.resolve():
        return
    python = VENV / "bin" / "python"
    if not python.exists():
        sys.exit("缺少项目自己的 Python 环境（.venv）。请先运行 scripts/test 或 scripts/serve，它们会自动创建。")
    os.execv(str(python), [str(python), str(Path(script).resolve()), *sys.argv[1:]])
