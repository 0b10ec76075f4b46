"""The shape the code keeps: each concept spelled once, small units.

- The template's words (row and column labels, header words) and its ids
  (table, row and column ids) are spelled in ``gouji/formats.py`` only; other
  modules read them from there.  Docstrings and rule titles, which document
  the rules for clerks, may quote the template.
- The checker's own words (severities, categories) are spelled in
  ``gouji/vocabulary.py`` only; the page and the build read them from the core.
- No function in the core is longer than 60 lines.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

from conftest import REPO
from gouji import formats, vocabulary

CORE = REPO / "core" / "gouji"
MAX_FUNCTION_LINES = 60
# A string that equals a template id but means something else there.
OTHER_MEANING = {("cli.py", "rules")}  # the command `gouji rules`


def _template_words() -> tuple[set[str], set[str]]:
    ids, labels = set(), set(formats.HEADER_WORDS)
    for fmt in formats.FORMATS.values():
        for t in fmt.tables.values():
            ids.add(t.id)
            labels.add(t.title)
            for r in t.rows:
                ids.add(r.id)
                labels.add(r.label)
            for c in t.columns:
                ids.add(c.id)
                labels.add(c.label)
    return ids, {w for w in labels if len(w) >= 4}


def _documentation(tree: ast.AST) -> set[int]:
    """The ids of the string nodes that document: docstrings and @rule(...) titles."""
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                out.add(id(first.value))
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "rule":
            out.update(id(a) for a in node.args)
    return out


def _strings(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    documentation = _documentation(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in documentation:
            yield node.lineno, node.value


def test_no_module_but_formats_spells_a_label_or_an_id_of_the_template():
    ids, labels = _template_words()
    found = []
    for path in sorted(CORE.rglob("*.py")):
        if path.name == "formats.py":
            continue
        for line, value in _strings(path):
            if value in ids and (path.name, value) not in OTHER_MEANING:
                found.append((path.name, line, value))
            found += [(path.name, line, w) for w in labels if w in value]
    assert not found, f"spelled outside formats.py (read them from gouji.formats): {found}"


def test_the_checkers_own_words_are_spelled_in_the_vocabulary_only():
    words = set(vocabulary.SEVERITIES.values()) | set(vocabulary.CATEGORIES.values())
    found = []
    for path in sorted(CORE.rglob("*.py")):
        if path.name in ("vocabulary.py", "formats.py"):  # formats: the template's words (勾稽关系 in its header)
            continue
        found += [(path.name, line, v) for line, v in _strings(path) if v in words]
    quoted = re.compile("[\"'`](" + "|".join(map(re.escape, words)) + ")[\"'`]")
    for path in sorted((REPO / "site" / "app").glob("*.js")) + sorted((REPO / "scripts").iterdir()):
        if path.is_file():
            found += [(path.name, m.group(0)) for m in quoted.finditer(path.read_text(encoding="utf-8"))]
    assert not found, f"copies of the core's words (read them from gouji.vocabulary or manifest.json): {found}"


def test_no_function_in_the_core_is_longer_than_sixty_lines():
    long = []
    for path in sorted(CORE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                n = node.end_lineno - node.lineno + 1
                if n > MAX_FUNCTION_LINES:
                    long.append((path.name, node.name, n))
    assert not long, long
