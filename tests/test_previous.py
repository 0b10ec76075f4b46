"""This year's report against last year's (Y101–Y103), and `gouji check --previous`."""

import subprocess
import sys

import gouji
from conftest import REPO
from prose_corpus import Case, render


def _pair(last: dict, this: dict, last_year=2022, this_year=2023):
    return (render(Case("收到政府信息公开申请若干。", True, last), year=last_year),
            render(Case("收到政府信息公开申请若干。", True, this), year=this_year))


def _y(result, code):
    return [f for f in result["findings"] if f["rule"] == code]


def test_last_years_carried_forward_is_this_years_carried_over():
    last, this = _pair({"new": 10, "granted": 7}, {"new": 5, "carried_over": 3, "granted": 8})
    result = gouji.check_text(this, previous=last)
    assert not _y(result, "Y101")


def test_a_carried_forward_that_vanished_between_two_years_is_an_error():
    last, this = _pair({"new": 10, "granted": 7}, {"new": 5, "carried_over": 2, "granted": 7})
    found = _y(gouji.check_text(this, previous=last), "Y101")
    # 自然人 and 总计 columns both differ: 3 carried forward, 2 carried over
    assert [f["cells"] for f in found] == [[["requests", "carried_over", "natural"]],
                                           [["requests", "carried_over", "total"]]]
    assert all(f["severity"] == "error" and f["expected"] == 3 and f["actual"] == 2 for f in found)


def test_the_result_names_last_years_report_when_one_was_given():
    last, this = _pair({"new": 10, "granted": 7}, {"new": 5, "carried_over": 3, "granted": 8})
    result = gouji.check_text(this, previous=last)
    assert result["previous"] == {"year": 2022, "body": gouji.check_text(last)["body"]}
    assert "previous" not in gouji.check_text(this)


def test_previous_year_rules_do_not_run_without_last_years_report():
    _, this = _pair({"new": 10, "granted": 7}, {"new": 5, "carried_over": 2, "granted": 7})
    result = gouji.check_text(this)
    assert not [f for f in result["findings"] if f["rule"].startswith("Y")]
    assert not [n for n in result["not_checked"] if n["rule"].startswith("Y")]


def test_two_reports_that_are_not_consecutive_years_are_not_compared():
    last, this = _pair({"new": 10, "granted": 7}, {"new": 5, "carried_over": 2, "granted": 7}, last_year=2021)
    result = gouji.check_text(this, previous=last)
    assert not _y(result, "Y101")
    assert [n for n in result["not_checked"] if n["rule"] == "Y101"]


def test_documents_in_force_that_do_not_carry_on_are_a_warning():
    last, this = _pair({"new": 1, "granted": 1}, {"new": 1, "granted": 1})
    # Both years: 行政规范性文件 issued 2, repealed 0, in force 9.  9 + 2 - 0 = 11, not 9.
    found = _y(gouji.check_text(this, previous=last), "Y102")
    assert len(found) == 1 and found[0]["severity"] == "warning"
    assert found[0]["expected"] == 11 and found[0]["actual"] == 9


def test_requests_that_jump_tenfold_are_a_notice():
    last, this = _pair({"new": 12, "granted": 12}, {"new": 130, "granted": 130})
    found = _y(gouji.check_text(this, previous=last), "Y103")
    assert found and found[0]["severity"] == "info" and found[0]["cells"] == [["requests", "new", "total"]]


def test_the_command_line_takes_last_years_report(tmp_path):
    last, this = _pair({"new": 10, "granted": 7}, {"new": 5, "carried_over": 2, "granted": 7})
    (tmp_path / "last.txt").write_text(last, encoding="utf-8")
    (tmp_path / "this.txt").write_text(this, encoding="utf-8")
    env = {"PYTHONPATH": str(REPO / "core"), "PATH": "/usr/bin:/bin"}
    out = subprocess.run([sys.executable, "-m", "gouji.cli", "check", "--json", "--previous",
                          str(tmp_path / "last.txt"), str(tmp_path / "this.txt")],
                         capture_output=True, env=env, cwd=REPO, timeout=60)
    assert out.returncode == 1
    assert '"Y101"' in out.stdout.decode("utf-8")
