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

import codecs

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


class _Traditional(Exception):
    pass


def _note_traditional(exc: UnicodeError) -> tuple[str, int]:
    """A codec error handler: a character GB2312 lacks is either traditional
    (stop: the text needs mapping) or something else (a dash, an emoji: go on)."""
    assert isinstance(exc, UnicodeEncodeError)
    table = _load()
    if any(ord(ch) in table for ch in exc.object[exc.start:exc.end]):
        raise _Traditional
    return "?", exc.end


codecs.register_error("gouji-t2s", _note_traditional)
# The few characters of the table that GB2312 itself holds (乾, 於, 後 …).
_IN_GB2312: str | None = None


def _in_gb2312() -> str:
    global _IN_GB2312
    if _IN_GB2312 is None:
        try:  # built with the table (finding them costs 20–30 ms in the browser)
            from ._t2s_table import IN_GB2312
        except ImportError:
            IN_GB2312 = _find_in_gb2312(_load())
        _IN_GB2312 = IN_GB2312
    return _IN_GB2312


def _find_in_gb2312(table: dict[int, int]) -> str:
    found = []
    for code in table:
        try:
            chr(code).encode("gb2312")
            found.append(chr(code))
        except UnicodeEncodeError:
            pass
    return "".join(found)


_BMP: list[int] | None = None
_ASTRAL: dict[int, int] | None = None


def _bmp_table(table: dict[int, int]) -> list[int]:
    """The table as a list indexed by code point, for the whole BMP: what each
    character becomes.

    A list of ints, not a string: str.translate makes a new one-character
    string of every character it looks up in a string, where it takes the int
    a list holds as it is; translating costs half as much (0.9 against 1.8 ms
    for 10,000 characters in the browser).  The list holds an int for each
    code point (2 MB in CPython), and is quicker to make than the string was
    (list(range) at C speed, then the 3,751 characters that change)."""
    codes = list(range(0x10000))
    # A lone surrogate becomes U+FFFD here, as normalize makes it anyway.
    codes[0xD800:0xE000] = [0xFFFD] * 0x800
    for src, dst in table.items():
        if src < 0x10000:
            codes[src] = dst
    return codes


def _translate(text: str) -> str:
    """The text mapped character by character (a character beyond the BMP is
    past the list's end: str.translate keeps it as it is).  The few
    traditional characters beyond the BMP go through a dict of their own,
    only when the text has any."""
    global _BMP, _ASTRAL
    if _BMP is None or _ASTRAL is None:
        table = _load()
        _BMP = _bmp_table(table)
        _ASTRAL = {src: dst for src, dst in table.items() if src >= 0x10000}
    text = text.translate(_BMP)
    # beyond the BMP: its characters take two UTF-16 units (max() over the text would cost 20× this)
    if len(text.encode("utf-16-le", "surrogatepass")) > 2 * len(text):
        text = text.translate(_ASTRAL)
    return text


def to_simplified(text: str) -> str:
    # Most pastes are simplified script: encoding to GB2312 (which holds no
    # traditional character but a handful) finds that out at C speed, where a
    # translate of every character costs ~0.1 ms a report and a regex class of
    # 4,000 characters ~1 ms.
    # The em dash (U+2014) is no traditional character, and GB2312 lacks it:
    # tables write it for empty cells, ten times a report, and each one cost
    # a call of the error handler.  It is left out of the test, not the text.
    probe = text.replace("\u2014", "") if "\u2014" in text else text
    try:
        probe.encode("gb2312", "gouji-t2s")
    except _Traditional:
        return _translate(text)
    # Only traditional characters GB2312 also holds (於, 後): those alone are
    # replaced, not every character mapped (the same text, a tenth of the time).
    for ch in _in_gb2312():
        if ch in text:
            text = text.replace(ch, chr(_load()[ord(ch)]))
    return text


def render_table_module() -> str:
    """Python source of ``_t2s_table.py`` (called by setup.py at build time)."""
    src, dst = _pairs_from_opencc()
    return (
        '"""Generated at build time from OpenCC\'s TSCharacters dictionary; do not edit."""\n'
        f"SRC = {src!r}\n"
        f"DST = {dst!r}\n"
        f"IN_GB2312 = {_find_in_gb2312(str.maketrans(src, dst))!r}\n"
    )
