"""For the hooks: this checkout's core/ first on sys.path, so that a build
says the words, rules and figures of the code beside it, never those of a
gouji installed elsewhere.  Imported by each hook (MkDocs puts a hook's own
folder on sys.path while it loads it); the path is set once."""
from __future__ import annotations

import sys
from pathlib import Path

CORE = Path(__file__).resolve().parents[2] / "core"
if str(CORE) not in sys.path:
    sys.path.insert(0, str(CORE))
