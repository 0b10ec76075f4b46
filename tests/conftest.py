"""Test setup: import gouji from core/ when it is not installed."""
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures"

if (REPO / "core" / "gouji").is_dir():
    sys.path.insert(0, str(REPO / "core"))
