"""The checker's regular expressions and the build-time table of their compiled form
(gouji/regexes.py): a table may only ever save time, never change an answer."""
from __future__ import annotations

import importlib
import re
import sys
import types
from pathlib import Path

import pytest

import gouji
from gouji import regexes

CORE = Path(__file__).resolve().parent.parent / "core" / "gouji"

SAMPLES = [
    "2023年政府信息公开工作年度报告", "三、收到和处理政府信息公开申请情况", "| 1 | 2 | 3 |",
    "本机关共收到政府信息公开申请12件", "第 3 页 共 6 页", "-3-", "区(qū)", "&nbsp;&#20013;",
    "某某人民政府办公室", "2024年1月20日", "发布时间：2024-01-25", "百家乐 娱乐官网", "",
]


@pytest.fixture
def reloads(monkeypatch):
    """monkeypatch, for a test that reloads gouji.regexes: afterwards its patches
    are undone and the module is loaded again as it was."""
    yield monkeypatch
    monkeypatch.undo()
    importlib.reload(regexes)


def compiled_as_usual(module) -> bool:
    """No table or cache in use: a pattern is what re.compile makes."""
    return module.from_table() == 0 and module.regex(r"(\d+)件") == re.compile(r"(\d+)件")


def load_table(monkeypatch, source: str):
    """Install a _regex_table module with this source and reload gouji.regexes."""
    module = types.ModuleType("gouji._regex_table")
    exec(source, module.__dict__)
    monkeypatch.setitem(sys.modules, "gouji._regex_table", module)
    monkeypatch.setattr(gouji, "_regex_table", module, raising=False)
    return importlib.reload(regexes)


def test_every_pattern_of_the_checker_is_compiled_through_regex():
    """One place compiles patterns, so the site's table covers all of them."""
    offenders = [str(p.relative_to(CORE)) for p in CORE.rglob("*.py")
                 if p.name != "regexes.py" and re.search(r"\bre\.(compile|match|search|fullmatch|sub|subn|"
                                                         r"split|findall|finditer)\(", p.read_text("utf-8"))]
    assert offenders == []
    assert len(regexes._asked) > 50


@pytest.fixture
def no_cache(monkeypatch, tmp_path):
    """This interpreter's cache of compiled patterns looked for in an empty
    folder, and none written there."""
    monkeypatch.setattr(sys, "pycache_prefix", str(tmp_path / "pycache"))
    monkeypatch.setattr(sys, "dont_write_bytecode", True)


def test_without_a_table_or_a_cache_patterns_are_compiled_as_usual(reloads, no_cache):
    # run from source, and for the first time: every pattern compiled by re
    assert compiled_as_usual(importlib.reload(regexes))


def test_a_table_made_here_gives_the_very_patterns_re_compiles(reloads):
    asked = list(regexes._asked)
    source = regexes.table_source()
    reloaded = load_table(reloads, source)
    assert reloaded.from_table() == len(asked)
    for pattern, flags in asked:
        made, usual = reloaded.regex(pattern, flags), re.compile(pattern, flags)
        # Pattern equality compares flags, the pattern and its compiled code
        assert made == usual, pattern
        assert made.groupindex == usual.groupindex and made.groups == usual.groups
        for s in SAMPLES:
            assert [m.group(0) for m in made.finditer(s)] == [m.group(0) for m in usual.finditer(s)]


def test_a_table_from_another_interpreter_is_ignored(reloads, no_cache):
    # made by a different build (another Python, another regex engine): its
    # compiled code could mean anything here, so it is not used at all
    source = regexes.table_source([(r"(\d+)件", 0)])
    source = source.replace(repr(regexes.runtime_key()), repr(("cpython-00", "0.0", 0, 0, 0, 0)))
    assert compiled_as_usual(load_table(reloads, source))


def test_a_damaged_entry_falls_back_to_compiling(reloads):
    key = (r"(\d+)件", 0)
    source = regexes.table_source([key])
    namespace: dict = {}
    exec(source, namespace)
    _flags, code, _groups, _groupindex, _indexgroup = namespace["PATTERNS"][key]
    damaged = source.replace(repr(code), repr(code[:3]))  # cut short: _sre refuses it
    reloaded = load_table(reloads, damaged)
    assert reloaded.regex(*key) == re.compile(*key)
    assert reloaded.regex(*key).search("收到12件").group(1) == "12"


# ------------------------------------------------------------------ the CLI's cache of compiled patterns

# A run of the CLI's interpreter over this checkout, its cache under a folder of the test's.
_RUN = """
import json, re, sys
import gouji.cli, gouji.decode, gouji.extract.html
from gouji import regexes
same = all(regexes.regex(p, f) == re.compile(p, f) and regexes.regex(p, f).groupindex == re.compile(p, f).groupindex
           for p, f in regexes._used)
print(json.dumps({"from_cache": regexes.from_table(), "compiled": len(regexes._compiled_here),
                  "used": len(regexes._used), "same": same, "file": regexes.cache_path()}))
"""


def _run(prefix: Path, *flags: str) -> dict:
    import json
    import subprocess

    env = {"PYTHONPATH": str(CORE.parent), "PATH": "/usr/bin:/bin", "PYTHONPYCACHEPREFIX": str(prefix)}
    out = subprocess.run([sys.executable, *flags, "-c", _RUN], capture_output=True, env=env, timeout=60)
    assert out.returncode == 0, out.stderr.decode()
    return json.loads(out.stdout)


def test_a_reviewers_second_run_builds_every_pattern_from_what_the_first_compiled(tmp_path):
    first = _run(tmp_path)
    assert first["from_cache"] == 0 and first["compiled"] == first["used"] > 50
    assert Path(first["file"]).is_file() and str(tmp_path) in first["file"]
    second = _run(tmp_path)
    # the readers of web pages too (kept out of the site's table, not out of this cache)
    assert second["from_cache"] == second["used"] == first["used"] and second["compiled"] == 0
    assert second["same"]


def test_no_cache_is_written_where_no_bytecode_would_be(tmp_path):
    assert _run(tmp_path, "-B")["compiled"] > 50
    assert not list(tmp_path.rglob("*.patterns"))
    # and a cache folder that cannot be made (a file stands in its way) stops nothing
    (tmp_path / "blocked").write_text("a file, not a folder")
    assert _run(tmp_path / "blocked")["compiled"] > 50


def test_a_damaged_cache_or_one_from_another_interpreter_is_ignored_and_replaced(tmp_path):
    import marshal

    path = Path(_run(tmp_path)["file"])
    good = marshal.loads(path.read_bytes())
    for bad in (b"\x00junk", marshal.dumps((("cpython-00", "0.0", 0, 0, 0, 0), good[1])), b"",
                marshal.dumps((good[0], dict.fromkeys(good[1], (0, (1, 2, 3), 0, (), ()))))):
        path.write_bytes(bad)
        run = _run(tmp_path)
        assert run["same"] and run["compiled"] > 50, bad[:20]
        assert marshal.loads(path.read_bytes()) == good  # written anew, whole


# ------------------------------------------------------------------ look-ahead on first characters

def _parsed_first(items) -> set[str] | None:
    """What re's own parser says a match can start with: characters, or "\\d";
    None when it may start with anything else (or with nothing)."""
    from re import _constants as c

    for op, av in items:
        if op in (c.ASSERT, c.ASSERT_NOT):
            if av[0] < 0:  # a look-behind: consumes nothing
                continue
            return None
        if op is c.LITERAL:
            return {chr(av)}
        if op is c.SUBPATTERN:
            return _parsed_first(list(av[-1]))
        if op is c.BRANCH:
            found: set[str] = set()
            for alt in av[1]:
                first = _parsed_first(list(alt))
                if first is None:
                    return None
                found |= first
            return found
        if op is c.IN:
            found = set()
            for o, a in av:
                if o is c.LITERAL:
                    found.add(chr(a))
                elif o is c.CATEGORY and a is c.CATEGORY_DIGIT:
                    found.add("\\d")
                else:
                    return None
            return found
        if op in (c.MAX_REPEAT, c.MIN_REPEAT) and av[0] >= 1:
            return _parsed_first(list(av[2]))
        return None
    return None


def test_the_prose_and_claim_patterns_start_only_where_their_first_characters_stand():
    """Each pattern given a look-ahead: its characters are exactly those re's
    parser reads as the pattern's possible first characters."""
    from re import _parser

    from gouji import prose
    from gouji.rules import narrative

    for compiled in (prose._KEYWORDS, prose._FIGURE, narrative._CLAIM):
        led = compiled.pattern
        assert led.startswith("(?=[") and led.endswith(")"), led[:40]
        head, _, rest = led.partition("])(?:")
        original = rest[:-1]
        parsed = _parsed_first(list(_parser.parse(original)))
        assert parsed is not None, original[:40]
        klass = re.compile(head[len("(?="):] + "]")
        for item in parsed:
            if item == "\\d":
                assert "\\d" in head
            else:
                assert klass.fullmatch(item), (item, original[:40])
        assert regexes.led_by_first_characters(original) == led


def test_a_look_ahead_is_added_only_when_the_first_characters_are_plain_to_read():
    first = regexes._first_items
    assert first("收到|受理") == {"收", "受"}
    assert first(r"(?P<a>国家)|(?:19|20)\d\d年") == {"国", "1", "2"}
    assert first(r"(?<![\d.第])(\d+|[一二三]{1,3})件") == {"\\d", "一", "二", "三"}
    assert first("上一?年") == {"上"}
    # a first item that may be left out, an empty alternative, anything unusual: none
    for pattern in ("一?年", "(?:申请)?公开", "a|", r"\.com", "(?i:ab)", "[a-z]x", "[^a]", "(?=x)x", "^abc", ".{0,3}x"):
        assert first(pattern) is None, pattern
        assert regexes.led_by_first_characters(pattern) == pattern


def test_a_pattern_behind_its_look_ahead_finds_the_same_matches():
    from gouji import prose
    from gouji.normalize import normalize
    from gouji.rules import narrative

    fixtures = Path(__file__).resolve().parent / "fixtures"
    texts = [normalize(p.read_text("utf-8", errors="replace")).joined for p in sorted(fixtures.rglob("*.txt"))]
    assert len(texts) > 10
    for led in (prose._KEYWORDS, prose._FIGURE, narrative._CLAIM):
        original = re.compile(led.pattern.partition("])(?:")[2][:-1])
        for text in SAMPLES + texts:
            assert [(m.span(), m.lastgroup, m.groups()) for m in led.finditer(text)] == \
                   [(m.span(), m.lastgroup, m.groups()) for m in original.finditer(text)]


def test_the_site_table_carries_each_look_ahead_so_the_page_never_reads_one_off(reloads):
    from gouji import prose

    original = prose._KEYWORDS.pattern.partition("])(?:")[2][:-1]
    regexes.led_by_first_characters(original)  # (asked for, as importing prose does)
    reloaded = load_table(reloads, regexes.table_source())

    def not_at_start_up(pattern):
        raise AssertionError("a look-ahead read off at start-up")
    reloads.setattr(reloaded, "_first_items", not_at_start_up)
    assert reloaded.led_by_first_characters(original) == prose._KEYWORDS.pattern


def test_word_classes_match_as_the_plain_alternation_of_named_classes_does():
    from gouji import prose
    from gouji.normalize import normalize

    classes = [(name, pattern) for name, _, pattern in prose._CLASSES]
    plain = re.compile("|".join(f"(?P<k{i}>{pattern})" for i, (_, pattern) in enumerate(classes)))
    pattern, names = regexes.word_classes(classes)
    made = re.compile(pattern)
    assert set(names.values()) == {name for name, _ in classes}
    fixtures = Path(__file__).resolve().parent / "fixtures"
    texts = SAMPLES + ["上年结转5件，2023年度结转3件，同比增加2件，不予公开1件", "赌", "(区分处理的)其他处理"]
    texts += [normalize(p.read_text("utf-8", errors="replace")).joined for p in sorted(fixtures.rglob("*.txt"))]
    for text in texts:
        assert [(m.span(), names[m.lastgroup]) for m in made.finditer(text)] == \
               [(m.span(), classes[int(m.lastgroup[1:])][0]) for m in plain.finditer(text)]
    # each word whose first character is plain stands after it, outside its group
    assert "收(?P<" in pattern and "(?P<k" not in pattern
