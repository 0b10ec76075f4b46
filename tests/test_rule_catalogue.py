"""Every rule documents itself: the site's rule pages are generated from this."""

import re

import gouji
from conftest import FIXTURES
from gouji.rules import RULES
from gouji.vocabulary import CATEGORIES, PREFIXES, SEVERITIES


def test_every_rule_has_a_stable_code_its_severities_a_category_and_chinese_docs():
    codes = [r.code for r in RULES]
    assert len(codes) == len(set(codes))
    for r in RULES:
        assert re.fullmatch(r"[A-Z]\d{3}", r.code), r.code
        assert r.severities and all(s in SEVERITIES for s in r.severities), r.code
        assert r.category in CATEGORIES, r.code
        assert re.search(r"[\u4e00-\u9fff]", r.title), r.code
        for section in ("检查什么", "为什么", "怎样改", "示例"):
            assert section in r.doc, (r.code, section)


def test_a_codes_letter_says_its_category():
    for r in RULES:
        assert PREFIXES[r.code[0]][0] == r.category, r.code


def test_a_finding_names_its_rule_and_takes_one_of_the_rules_severities_and_its_category():
    text = (FIXTURES / "003_5226d92ffea0b08b.txt").read_text(encoding="utf-8")
    text = text.replace("(七)总计 | 0 |", "(七)总计 | 3 |")
    by_code = {r.code: r for r in RULES}
    findings = gouji.check_text(text)["findings"]
    assert findings
    for f in findings:
        rule = by_code[f["rule"]]
        assert f["category"] == rule.category
        assert f["severity"] in rule.severities


def test_a_rule_that_breaks_loses_only_itself(monkeypatch):
    """A bug in one rule is said as that rule not checked; every other finding stands."""
    text = (FIXTURES / "003_5226d92ffea0b08b.txt").read_text(encoding="utf-8")
    text = text.replace("(七)总计 | 0 |", "(七)总计 | 3 |")
    before = gouji.check_text(text)
    broken = next(r for r in RULES if r.code == "A102")

    def boom(report):
        yield from ()
        raise ZeroDivisionError

    monkeypatch.setattr(broken, "check", boom)
    after = gouji.check_text(text)
    assert [f for f in after["findings"] if f["rule"] != "A102"] == \
        [f for f in before["findings"] if f["rule"] != "A102"]
    assert not [f for f in after["findings"] if f["rule"] == "A102"]
    (note,) = [n for n in after["not_checked"] if n["rule"] == "A102"]
    assert "内部错误" in note["reason"]


def test_each_rules_documentation_is_its_docstring_without_indentation():
    import inspect

    from gouji.rules import RULES, _cleandoc

    for r in RULES:
        assert r.doc == inspect.cleandoc(r.check.__doc__ or ""), r.code
    for odd in ("", "\n\n  one\n\n", "first\n    a\n      b\n\n    c\n  ", "\ttabbed\n\tlines\n"):
        assert _cleandoc(odd) == inspect.cleandoc(odd), repr(odd)
