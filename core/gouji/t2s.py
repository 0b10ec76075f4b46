"""Traditional → simplified, one character at a time.

Labels and keywords are recognised after mapping characters, not phrases, so
a character table is enough and costs microseconds (OpenCC's phrase-level
``t2s`` costs 13–23 ms a report in CPython, far more in the browser).

The table is derived from OpenCC's ``TSCharacters`` dictionary.  The wheel
ships it pre-built as ``gouji/_t2s_table.py`` (written by setup.py), so
neither CPython nor Pyodide needs OpenCC at run time; in a source checkout,
where that module does not exist, the same table is built from the installed
``opencc`` package the first time a traditional character is seen.
"""

from __future__ import annotations

_table: dict[int, int] | None = None


def _pairs_from_opencc() -> tuple[str, str]:
    import importlib.util
    import os

    # Find OpenCC's data without importing the package (its import alone
    # costs ~19 ms); only a source checkout, without the built table, gets here.
    spec = importlib.util.find_spec("opencc")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("opencc-python-reimplemented is needed to build the character table")
    root = next(iter(spec.submodule_search_locations))
    path = os.path.join(root, "dictionary", "TSCharacters.txt")
    src, dst = [], []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            key, _, values = line.rstrip("\n").partition("\t")
            first = values.split(" ")[0] if values else ""
            # One character to one character, and only where the traditional
            # form is not itself the first simplified choice (乾, 覆 stay).
            if len(key) == 1 and len(first) == 1 and first != key:
                src.append(key)
                dst.append(first)
    return "".join(src), "".join(dst)


def _load() -> dict[int, int]:
    global _table
    if _table is None:
        try:
            from ._t2s_table import DST, SRC
        except ImportError:
            SRC, DST = _pairs_from_opencc()
        _table = str.maketrans(SRC, DST)
    return _table


def to_simplified(text: str) -> str:
    # str.translate over the whole text is cheaper (~0.1 ms for a report)
    # than first searching it for a traditional character with a regex class.
    return text.translate(_load())


def render_table_module() -> str:
    """Python source of ``_t2s_table.py`` (called by setup.py at build time)."""
    src, dst = _pairs_from_opencc()
    return (
        '"""Generated at build time from OpenCC\'s TSCharacters dictionary; do not edit."""\n'
        f"SRC = {src!r}\n"
        f"DST = {dst!r}\n"
    )
