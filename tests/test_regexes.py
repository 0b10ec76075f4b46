"""The checker's regular expressions and the build-time table of their compiled form
(gouji/regexes.py): a table may only ever save time, never change an answer."""
from __future__ import annotations

import importlib
import re
import sys
import types
from pathlib import Path

import gouji
from gouji import regexes

CORE = Path(__file__).resolve().parent.parent / "core" / "gouji"

SAMPLES = [
    "2023年政府信息公开工作年度报告", "三、收到和处理政府信息公开申请情况", "| 1 | 2 | 3 |",
    "本机关共收到政府信息公开申请12件", "第 3 页 共 6 页", "-3-", "区(qū)", "&nbsp;&#20013;",
    "某某人民政府办公室", "2024年1月20日", "发布时间：2024-01-25", "百家乐 娱乐官网", "",
]


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


def test_without_a_table_patterns_are_compiled_as_usual():
    # the CLI and the tests run from source: no table, every pattern compiled by re
    assert regexes.from_table() == 0
    assert regexes.regex(r"(\d+)件") == re.compile(r"(\d+)件")


def test_a_table_made_here_gives_the_very_patterns_re_compiles(monkeypatch):
    asked = list(regexes._asked)
    source = regexes.table_source()
    reloaded = load_table(monkeypatch, source)
    try:
        assert reloaded.from_table() == len(asked)
        for pattern, flags in asked:
            made, usual = reloaded.regex(pattern, flags), re.compile(pattern, flags)
            # Pattern equality compares flags, the pattern and its compiled code
            assert made == usual, pattern
            assert made.groupindex == usual.groupindex and made.groups == usual.groups
            for s in SAMPLES:
                assert [m.group(0) for m in made.finditer(s)] == [m.group(0) for m in usual.finditer(s)]
    finally:
        monkeypatch.undo()
        importlib.reload(regexes)


def test_a_table_from_another_interpreter_is_ignored(monkeypatch):
    # made by a different build (another Python, another regex engine): its
    # compiled code could mean anything here, so it is not used at all
    source = regexes.table_source([(r"(\d+)件", 0)])
    source = source.replace(repr(regexes.runtime_key()), repr(("cpython-00", "0.0", 0, 0, 0, 0)))
    reloaded = load_table(monkeypatch, source)
    try:
        assert reloaded.from_table() == 0
        assert reloaded.regex(r"(\d+)件") == re.compile(r"(\d+)件")
    finally:
        monkeypatch.undo()
        importlib.reload(regexes)


def test_a_damaged_entry_falls_back_to_compiling(monkeypatch):
    key = (r"(\d+)件", 0)
    source = regexes.table_source([key])
    namespace: dict = {}
    exec(source, namespace)
    _flags, code, _groups, _groupindex, _indexgroup = namespace["PATTERNS"][key]
    damaged = source.replace(repr(code), repr(code[:3]))  # cut short: _sre refuses it
    reloaded = load_table(monkeypatch, damaged)
    try:
        assert reloaded.regex(*key) == re.compile(*key)
        assert reloaded.regex(*key).search("收到12件").group(1) == "12"
    finally:
        monkeypatch.undo()
        importlib.reload(regexes)
