"""Every regular expression of the checker is compiled here, by ``regex()``.

Why not ``re.compile`` at each place: in the browser (Pyodide) the checker's
start-up is dominated by ``re``'s parser and compiler, which are pure Python
and run in WebAssembly: about half of ``import gouji`` went to compiling the
module-level patterns.  The site's build therefore compiles every pattern
once, inside the very runtime the page uses, and ships what the compiler
produced (the pattern's opcode list, groups and flags) as a table,
``gouji/_regex_table``, in the site's wheel only.  ``regex()`` builds a pattern
from that table when the table was made by this very interpreter, and
compiles it the usual way otherwise (the CLI, any other Python).  It is
what a ``.pyc`` is to source: a cache keyed to the interpreter, never a
different answer.  The build checks every table entry against ``re.compile``
(pattern objects compare equal only when their compiled code is the same),
and so does the test suite for the interpreter it runs on.  The table also
holds each look-ahead ``led_by_first_characters`` reads off a pattern's text,
so that the page does not read them at start-up.

CPython (the CLI) has no such table in the wheel: a table is only good for
the interpreter build that made it.  There ``re`` compiling the patterns was
two thirds of ``import gouji`` (about 40 ms of every CLI run).  So the first
run writes what the compiler produced to a file beside the modules' own
bytecode, in ``__pycache__`` (``regexes.<tag>.patterns``, marshal data),
keyed to the interpreter as the site's table is, and later runs build the
patterns from it.  It follows the rules of a ``.pyc``: not written when
bytecode is not (``-B``, ``PYTHONDONTWRITEBYTECODE``), under
``PYTHONPYCACHEPREFIX`` when that is set, silently left alone when the
folder is read-only; a file that is damaged or from another interpreter is
ignored, and a pattern it lacks is compiled as usual.
"""
from __future__ import annotations

import _sre
import atexit
import importlib
import marshal
import os
import re
import sys

# (pattern, flags) of every pattern asked for, in order: what a table must hold.
_asked: dict[tuple[str, int], None] = {}


def runtime_key() -> tuple:
    """What a table is only valid for: this interpreter build and its regex engine."""
    return (sys.implementation.cache_tag, sys.version, _sre.MAGIC, _sre.CODESIZE, _sre.MAXREPEAT,
            _sre.MAXGROUPS)


def _load_table() -> tuple[dict, dict]:
    """The compiled patterns, and the look-aheads (``led_by_first_characters``)."""
    try:
        from . import _regex_table  # type: ignore[attr-defined]
    except ImportError:
        return {}, {}
    if getattr(_regex_table, "RUNTIME", None) != runtime_key():
        return {}, {}
    return _regex_table.PATTERNS, getattr(_regex_table, "LED", {})


def cache_path() -> str | None:
    """Where this interpreter keeps the compiled patterns between runs (None: nowhere).

    Beside this module's bytecode, as ``importlib`` would place a ``.pyc``;
    not in the browser, whose file system is gone with the page.
    """
    if sys.platform == "emscripten" or sys.implementation.cache_tag is None:
        return None
    from importlib.util import cache_from_source

    try:
        return os.path.splitext(cache_from_source(__file__))[0] + ".patterns"
    except (NotImplementedError, ValueError):
        return None


def _load_cache(path: str | None) -> dict:
    """The entries a previous run of this interpreter wrote, or none."""
    if path is None:
        return {}
    try:
        with open(path, "rb") as fh:
            key, entries = marshal.loads(fh.read())
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    return entries if key == runtime_key() and isinstance(entries, dict) else {}


_table, _led_table = _load_table()
_cache_file = None if _table else cache_path()
if _cache_file is not None:
    _table = _load_cache(_cache_file)
#: The patterns this process compiled (not found in the table or the cache),
#: each with what the compiler produced (when a cache is to be written), and
#: every pattern it asked for: what the cache is written from, at exit.
_compiled_here: dict[tuple[str, int], tuple | None] = {}
_used: dict[tuple[str, int], None] = {}


def _capturing(patterns) -> dict[tuple[str, int], tuple[re.Pattern[str], tuple | None]]:
    """Each pattern compiled by re's compiler, with what it produced as a table
    entry (None when that could not be told: another thread compiled at once)."""
    captured: list[tuple] = []
    real = _sre.compile

    def capture(pattern, flags, code, groups, groupindex, indexgroup):
        # plain ints: re's opcodes are named int constants whose repr is their name
        captured.append((int(flags), tuple(map(int, code)), int(groups),
                         tuple(sorted((str(k), int(v)) for k, v in groupindex.items())), tuple(indexgroup)))
        return real(pattern, flags, code, groups, groupindex, indexgroup)

    out = {}
    compiler = importlib.import_module("re._compiler")  # CPython's own (private) pattern compiler
    _sre.compile = capture  # re's compiler calls _sre.compile(...) by attribute
    try:
        for pattern, flags in list(patterns):
            captured.clear()
            made = compiler.compile(pattern, flags)  # not re.compile: its cache would skip the compiler
            out[(pattern, flags)] = (made, captured[0] if len(captured) == 1 else None)
    finally:
        _sre.compile = real
    return out


def regex(pattern: str, flags: int | re.RegexFlag = 0, *, table: bool = True) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, from the build-time table (or this
    interpreter's cache) when it holds it.

    ``table=False``: a pattern of a module off the page's start-up path (the
    readers of files, gouji.extract), compiled when that module is first
    imported and kept out of the site's table, whose every entry the page
    loads at start-up.  (The CLI's cache holds it.)
    """
    key = (pattern, int(flags))
    if table:
        _asked[key] = None
    if _cache_file is not None:  # (what the cache is written from; not in the page)
        _used[key] = None
    entry = _table.get(key)
    if entry is not None:
        try:
            final_flags, code, groups, groupindex, indexgroup = entry
            return _sre.compile(pattern, final_flags, list(code), groups, dict(groupindex), indexgroup)
        except Exception:  # a table that does not fit: compile as usual
            pass
    if _cache_file is None or sys.dont_write_bytecode:
        _compiled_here[key] = None
        return re.compile(pattern, key[1])
    if not _compiled_here:
        atexit.register(_write_cache)
    # compiled once, what the compiler produced kept for the cache
    made, _compiled_here[key] = _capturing([key])[key]
    return made


def _write_cache() -> None:
    """At exit of a run that compiled patterns: the cache, of the patterns this
    run used (so that one left behind by an edit does not stay), written
    whole under a new name and then moved, as two runs may write at once."""
    if _cache_file is None or sys.dont_write_bytecode:
        return
    entries = {key: _table[key] for key in _used if key not in _compiled_here and key in _table}
    entries.update((key, entry) for key, entry in _compiled_here.items() if entry is not None)
    entries.update(compiled_forms(key for key in _used if key not in entries))  # (none, as a rule)
    partial = f"{_cache_file}.{os.getpid()}"
    try:
        os.makedirs(os.path.dirname(_cache_file), exist_ok=True)
        with open(partial, "wb") as fh:
            fh.write(marshal.dumps((runtime_key(), entries)))
        os.replace(partial, _cache_file)
    except OSError:  # a read-only install: every run compiles, as without the cache
        import contextlib  # (here: not on the page's start-up path)

        with contextlib.suppress(OSError):
            os.unlink(partial)


def led_by_first_characters(pattern: str) -> str:
    """``pattern`` behind a look-ahead for the characters a match of it can
    start with, or ``pattern`` itself when they cannot be read off its text.
    (For patterns without flags: IGNORECASE would widen the characters.)

    Why: ``re`` finds where a match may start at C speed only when the
    pattern's every alternative opens with a plain character.  An alternation
    of named groups, or one whose words follow a look-behind, is tried in full
    at every character of the text: for the prose's keyword classes that
    made up half of reading the figures.  The look-ahead turns most
    characters away with one test; the matches are the same.
    """
    led = _led_table.get(pattern)  # (read off at build time, for the page's start-up)
    if led is None:
        led = _lead(pattern)
        if led is None:
            return pattern
    _led[led] = pattern
    return led


def word_classes(classes: list[tuple[str, str]]) -> tuple[str, dict[str, str]]:
    """One pattern for classes of words, each class an alternation: which
    class a match is of is told by ``lastgroup``, through the map returned
    (group name → class name).  Same matches as ``(?P<a>…)|(?P<b>…)``.

    Why not that: re passes over an alternative that opens with a plain
    character at once when the text has another there, but one that opens
    with a group it enters first.  So each word of a class is its own group,
    after its first character (``收(?P<g7_0>到)``), in the classes' order.
    """
    parts, names = [], {}
    for i, (name, pattern) in enumerate(classes):
        for j, alt in enumerate(_alternatives(pattern)):
            group = f"g{i}_{j}"
            names[group] = name
            if alt[:1] and alt[0] not in _SPECIAL and alt[1:2] not in ("?", "*", "+", "{"):
                parts.append(f"{alt[0]}(?P<{group}>{alt[1:]})")
            else:
                parts.append(f"(?P<{group}>{alt})")
    return led_by_first_characters("|".join(parts)), names


def _lead(pattern: str) -> str | None:
    first = _first_items(pattern)
    return "(?=[" + "".join(sorted(first)) + "])(?:" + pattern + ")" if first else None


# What a pattern's structure is read from: an escape, a class (skipped
# whole), or a parenthesis or bar (found at C speed: the checker's import
# reads its longest pattern this way, in the page too).
_STRUCTURE = regex(r"\\.|\[(?:\\.|[^\]\\])*\]|[()|]")
#: The characters that are not themselves when they open an alternative.
_SPECIAL = ".^$*+?{}[]()|\\"
#: Each pattern given a look-ahead, and the pattern it was made from (the
#: tests check its characters against what re's own parser reads).
_led: dict[str, str] = {}


def _first_items(pattern: str) -> set[str] | None:
    r"""What a match of ``pattern`` starts with, as items of a character class
    (escaped characters, or \d), read from its text: alternatives, groups,
    look-behinds in front, plain characters, \d and classes of plain
    characters.  None when a match may start otherwise or be empty, or the
    pattern opens with anything else."""
    found: set[str] = set()
    for alt in _alternatives(pattern):
        first = _first_of(alt)
        if first is None:
            return None
        found |= first
    return found


def _scan(pattern: str):
    """(position, character, group depth after it) of each ``(``, ``)`` and
    ``|`` that is neither escaped nor in a class."""
    depth = 0
    for m in _STRUCTURE.finditer(pattern):
        ch = m.group()
        if ch in "()|":
            depth += (ch == "(") - (ch == ")")
            yield m.start(), ch, depth


def _alternatives(pattern: str) -> list[str]:
    cuts = [i for i, ch, depth in _scan(pattern) if ch == "|" and depth == 0]
    return [pattern[a + 1:b] for a, b in zip([-1] + cuts, cuts + [len(pattern)])]


def _closing(pattern: str) -> int | None:
    """Where the group the pattern opens with closes."""
    return next((i for i, ch, depth in _scan(pattern) if ch == ")" and depth == 0), None)


def _first_of(alt: str) -> set[str] | None:
    while alt.startswith(("(?<!", "(?<=")):  # a look-behind consumes nothing
        end = _closing(alt)
        if end is None:
            return None
        alt = alt[end + 1:]
    first: set[str] | None
    if alt.startswith(("(?:", "(?P<")) or (alt[:1] == "(" and alt[1:2] != "?"):
        end = _closing(alt)
        if end is None:
            return None
        first = _first_items(alt[alt.index(">") + 1 if alt.startswith("(?P<") else 3 if alt[1] == "?" else 1:end])
        rest = alt[end + 1:]
    elif alt.startswith("\\d"):
        first, rest = {"\\d"}, alt[2:]
    elif alt[:1] == "[":
        end = alt.find("]", 1)
        chars = alt[1:end]
        if end < 2 or chars[0] == "^" or any(c in "\\-[" for c in chars):
            return None
        first, rest = {re.escape(c) for c in chars}, alt[end + 1:]
    elif alt and alt[0] not in _SPECIAL:
        first, rest = {re.escape(alt[0])}, alt[1:]
    else:
        return None
    if rest.startswith(("?", "*", "{0", "{,")):
        return None  # the first item may be left out: the match starts later
    return first


def from_table() -> int:
    """How many patterns the loaded table, or this interpreter's cache, holds
    (0: every pattern is compiled)."""
    return len(_table)


def compiled_forms(patterns=None) -> dict[tuple[str, int], tuple]:
    """What ``re`` compiles each pattern to on this interpreter, as table entries.

    ``patterns``: (pattern, flags) pairs; by default every pattern asked for so far.
    """
    return {key: entry for key, (_, entry) in _capturing(_asked if patterns is None else patterns).items()
            if entry is not None}


def table_source(patterns=None) -> str:
    """The source of a ``_regex_table`` module for this interpreter (build time).

    The source is read back and every entry verified: the pattern it makes
    must equal ``re.compile``'s (same flags, groups and compiled code).
    """
    forms = compiled_forms(patterns)
    lines = [
        '"""Generated by gouji.regexes.table_source() at build time; see gouji/regexes.py."""',
        f"RUNTIME = {runtime_key()!r}",
        "PATTERNS = {",
    ]
    lines += [f"    {key!r}: {value!r}," for key, value in forms.items()]
    lines.append("}")
    # each look-ahead, by the pattern it was made from (every one asked so far)
    led = {} if patterns is not None else {original: made for made, original in _led.items()}
    lines += ["LED = {"] + [f"    {key!r}: {value!r}," for key, value in led.items()] + ["}"]
    source = "\n".join(lines) + "\n"
    namespace: dict = {}
    exec(source, namespace)
    if namespace["PATTERNS"].keys() != forms.keys() or namespace["LED"] != led:
        raise AssertionError("the table source does not read back")
    for original, made in led.items():
        if made != _lead(original):
            raise AssertionError(f"look-ahead differs from the pattern's first characters: {original!r}")
    for (pattern, flags), entry in namespace["PATTERNS"].items():
        final_flags, code, groups, groupindex, indexgroup = entry
        made = _sre.compile(pattern, final_flags, list(code), groups, dict(groupindex), indexgroup)
        if made != re.compile(pattern, flags) or made.groupindex != re.compile(pattern, flags).groupindex:
            raise AssertionError(f"table entry differs from re.compile: {pattern!r}")
    return source
