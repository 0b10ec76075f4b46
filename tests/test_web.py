"""What the checker page's worker calls (gouji.web): JSON text in, JSON text out,
never an exception that could leave the page hanging."""
from __future__ import annotations

import json

import pytest

import gouji
from conftest import FIXTURES
from gouji import web
from gouji.rules import RULES

SEED = FIXTURES / "001_cba402df4409a5e2.txt"


def test_a_pasted_report_comes_back_as_the_core_result_in_json():
    text = SEED.read_text(encoding="utf-8")
    expected = json.loads(json.dumps(gouji.check_text(text), ensure_ascii=False, default=str))
    assert json.loads(web.check_json(text)) == expected


def test_last_years_report_is_passed_on_and_an_empty_one_ignored():
    text = SEED.read_text(encoding="utf-8")
    with_previous = json.loads(web.check_json(text, text))
    assert with_previous == json.loads(json.dumps(gouji.check_text(text, previous=text), ensure_ascii=False,
                                                  default=str))
    assert json.loads(web.check_json(text, "")) == json.loads(web.check_json(text))


def test_a_bug_in_the_checker_is_reported_as_an_error_never_a_pass(monkeypatch):
    def broken(*args, **kwargs):
        raise ValueError("boom")

    monkeypatch.setattr(web, "check_text", broken)
    result = json.loads(web.check_json("任何文字"))
    assert [(f["rule"], f["severity"]) for f in result["findings"]] == [("internal", "error")]
    assert "检查器内部错误" in result["findings"][0]["message"]


def test_a_file_over_the_cap_is_refused_by_the_size_the_page_states_without_its_bytes():
    # the page sends no byte of a file over the cap (a 3 GB video dropped by
    # mistake), only its size: the clerk reads how large it is, and nothing passed
    limit = json.loads(web.vocabulary_json())["limits"]["file_bytes"]
    result = json.loads(web.check_file_json(b"", "录像.mp4", None, 3 * 1024 ** 3))
    assert result["verdict"] == "unreadable" and result["file"] == "录像.mp4"
    message = result["findings"][0]["message"]
    assert "过大" in message and "3072.0 MB" in message and f"{limit // 1024 // 1024} MB" in message
    # at the cap, the bytes are read as ever
    within = json.loads(web.check_file_json(SEED.read_bytes(), "报告.txt", None, SEED.stat().st_size))
    assert within == json.loads(web.check_file_json(SEED.read_bytes(), "报告.txt"))
    assert within["verdict"] != "unreadable"


@pytest.mark.parametrize("error", ["NotReadableError", "NotFoundError", "SecurityError", "SomethingNew"])
def test_a_file_the_browser_would_not_read_is_said_in_chinese_and_never_a_checker_bug(error):
    # a file on a network share locked by WPS, or moved after it was chosen: the
    # browser's reason is English ("The requested file could not be read…")
    result = json.loads(web.check_file_json(b"", "报告.docx", None, 20_000, error))
    assert result["verdict"] == "unreadable" and result["file"] == "报告.docx"
    (finding,) = result["findings"]
    assert finding["category"] == "input" and finding["rule"] != "internal"
    assert finding["message"].startswith("无法打开文件：") and "重新选择" in finding["message"]
    assert not any("a" <= ch.lower() <= "z" for ch in finding["message"])


@pytest.mark.parametrize("index, format_id", [(0, "2021"), (1, "2019"), (2, "2021")])
def test_each_warm_up_text_is_read_as_a_whole_report_in_its_format(index, format_id):
    # the warm-up runs every stage and rule on a report of each format (and
    # one in traditional script): read whole, every rule checked, and it passes
    text = json.loads(web.warm_texts_json())[index]
    result = gouji.check_text(text)
    assert result["format"] == format_id
    assert set(result["tables"]) >= {"proactive", "requests", "appeals"}
    assert result["findings"] == [] and result["not_checked"] == []


def test_the_page_knows_the_rules_that_compare_with_last_years_report_from_the_rules_themselves():
    codes = json.loads(web.previous_rule_codes_json())
    assert codes and codes == [r.code for r in RULES if r.needs_previous]
    # they speak only of a comparison: a check without last year's report names none of them
    result = gouji.check_text(SEED.read_text(encoding="utf-8"))
    assert not {x["rule"] for x in result["findings"] + result["not_checked"]} & set(codes)


def test_the_page_gets_both_layouts_and_every_rule_code():
    layouts = json.loads(web.layouts_json())
    assert set(layouts) == {"2021", "2019"}
    assert [t["id"] for t in layouts["2021"]["tables"]] == ["proactive", "requests", "appeals"]
    assert json.loads(web.rule_codes_json()) == [r.code for r in RULES]


def test_the_rest_of_the_stdlib_joins_the_packages_already_imported(tmp_path, monkeypatch):
    """gouji.web.extend_stdlib: a package imported from the first zip finds its other
    modules in the second, and a package only in the second is found whole."""
    import importlib
    import sys
    import zipfile

    first, rest = tmp_path / "first.zip", tmp_path / "rest.zip"
    with zipfile.ZipFile(first, "w") as zf:
        zf.writestr("gjpkg/__init__.py", "")
        zf.writestr("gjpkg/early.py", "WHERE = 'first'")
    with zipfile.ZipFile(rest, "w") as zf:
        zf.writestr("gjpkg/late.py", "WHERE = 'rest'")
        zf.writestr("gjpkg/sub/__init__.py", "")
        zf.writestr("gjpkg/sub/deep.py", "WHERE = 'deep'")
        zf.writestr("gjother/__init__.py", "WHERE = 'other'")
    monkeypatch.setattr(sys, "path", [str(first), *sys.path])
    for name in [m for m in sys.modules if m.startswith(("gjpkg", "gjother"))]:
        monkeypatch.delitem(sys.modules, name)
    assert importlib.import_module("gjpkg.early").WHERE == "first"
    with pytest.raises(ImportError):
        importlib.import_module("gjpkg.late")
    web.extend_stdlib(str(rest))
    assert importlib.import_module("gjpkg.late").WHERE == "rest"
    assert importlib.import_module("gjpkg.sub.deep").WHERE == "deep"
    assert importlib.import_module("gjother").WHERE == "other"
    web.extend_stdlib(str(rest))  # once is enough: nothing added twice
    assert sys.path.count(str(rest)) == 1 and sys.modules["gjpkg"].__path__.count(f"{rest}/gjpkg") == 1
    for name in [m for m in sys.modules if m.startswith(("gjpkg", "gjother"))]:
        del sys.modules[name]
