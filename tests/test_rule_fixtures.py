"""Every rule has reports that trigger it and near-identical reports that do not.

tests/rules/<CODE>/ holds, for one rule code:

    trigger.txt, trigger-<name>.txt   a report with the problem: at least one finding with this code
    pass.txt, pass-<name>.txt         the same report with the problem fixed, or a look-alike the rule
                                      must leave alone: no finding with this code, and the rule is not
                                      in not_checked either (it was checked and held)
    <fixture>.previous.txt            last year's report, passed as previous= (the Y rules)

``.bin`` instead of ``.txt`` for bytes that are not text (U002).  A name ending in
``.error.txt`` / ``.warning.txt`` / ``.info.txt`` also fixes the findings' severity.
tests/rules/README.md says what each fixture changes.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import gouji
from conftest import REPO
from gouji.rules import RULES

RULES_DIR = REPO / "tests" / "rules"
SUFFIXES = (".txt", ".bin")
_NAME = re.compile(r"^(?P<kind>trigger|pass)(?:-[a-z0-9-]+)?(?:\.(?P<severity>error|warning|info))?$")


def _stem(path: Path) -> str:
    return path.name[: -len(path.suffix)]


def _is_previous(path: Path) -> bool:
    return path.name.endswith(".previous.txt")


def _fixtures(kind: str) -> list[Path]:
    out = []
    for path in sorted(RULES_DIR.glob("*/*")):
        if path.suffix not in SUFFIXES or _is_previous(path):
            continue
        m = _NAME.match(_stem(path))
        if m and m.group("kind") == kind:
            out.append(path)
    return out


def _check(path: Path) -> dict:
    previous = path.with_name(_stem(path) + ".previous.txt")
    prev = previous.read_bytes() if previous.exists() else None
    return gouji.check_bytes(path.read_bytes(), file=path.name, previous=prev)


def _shown(result: dict) -> str:
    lines = [f"  {f['rule']} {f['severity']}: {f['message']}" for f in result["findings"]]
    lines += [f"  {n['rule']} not checked: {n['reason']}" for n in result["not_checked"]]
    return "\n".join(lines) or "  (no findings, nothing left unchecked)"


def _id(path: Path) -> str:
    return f"{path.parent.name}/{path.name}"


def _rule_of(path: Path):
    by_code = {r.code: r for r in RULES}
    code = path.parent.name
    assert code in by_code, f"{_id(path)}: there is no rule {code} (folders are named by rule code)"
    return by_code[code]


@pytest.mark.parametrize("path", _fixtures("trigger"), ids=_id)
def test_a_report_with_the_problem_gets_the_rules_finding(path: Path):
    code = _rule_of(path).code
    result = _check(path)
    mine = [f for f in result["findings"] if f["rule"] == code]
    assert mine, f"{code}: {_id(path)} should give a {code} finding, but the checker said:\n{_shown(result)}"
    severity = _NAME.match(_stem(path)).group("severity")
    if severity:
        wrong = [f for f in mine if f["severity"] != severity]
        assert not wrong, f"{code}: {_id(path)} should be reported as {severity}, but the checker said:\n{_shown(result)}"


@pytest.mark.parametrize("path", _fixtures("pass"), ids=_id)
def test_the_same_report_with_the_problem_fixed_is_checked_and_passes(path: Path):
    rule = _rule_of(path)
    code = rule.code
    if rule.needs_previous:
        assert path.with_name(_stem(path) + ".previous.txt").exists(), (
            f"{code}: {_id(path)} needs last year's report beside it ({_stem(path)}.previous.txt), "
            f"or the rule does not run at all")
    result = _check(path)
    found = [f for f in result["findings"] if f["rule"] == code]
    assert not found, f"{code}: {_id(path)} should give no {code} finding, but the checker said:\n{_shown(result)}"
    skipped = [n for n in result["not_checked"] if n["rule"] == code]
    assert not skipped, f"{code}: {_id(path)} should be checked by {code}, but the checker said:\n{_shown(result)}"
    severity = _NAME.match(_stem(path)).group("severity")
    assert severity is None, f"{_id(path)}: a severity suffix means nothing on a pass fixture"


def test_every_rule_has_a_report_that_triggers_it_and_one_that_passes():
    codes = {r.code for r in RULES}
    folders = {p.name for p in RULES_DIR.iterdir() if p.is_dir()}
    assert not folders - codes, f"tests/rules/ has folders for codes that do not exist: {sorted(folders - codes)}"
    triggered = {p.parent.name for p in _fixtures("trigger")}
    passed = {p.parent.name for p in _fixtures("pass")}
    assert not codes - triggered, f"rules without a trigger fixture: {sorted(codes - triggered)}"
    assert not codes - passed, f"rules without a pass fixture: {sorted(codes - passed)}"


def test_every_file_in_a_rule_folder_is_a_fixture_or_last_years_report_for_one():
    fixtures = set(_fixtures("trigger")) | set(_fixtures("pass"))
    strays = []
    for path in sorted(RULES_DIR.glob("*/*")):
        if _is_previous(path):
            owner = path.with_name(path.name[: -len(".previous.txt")] + ".txt")
            if owner not in fixtures:
                strays.append(f"{_id(path)} (no {owner.name} beside it)")
        elif path not in fixtures:
            strays.append(f"{_id(path)} (not trigger*/pass* with .txt or .bin)")
    assert not strays, "files the fixture tests would silently skip:\n  " + "\n  ".join(strays)
