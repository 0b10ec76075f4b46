"""The pipeline, in one straight line:
(extract →) decode → normalize → sections → tables → prose → rules → diagnosis → result.

Three ways in: :func:`check_text` (pasted text), :func:`check_html` (a rich
paste's ``text/html``, or a page's source) and :func:`check_bytes` (a file, of
whatever kind its bytes say: text, web page, .docx, PDF).
"""

from __future__ import annotations

from typing import Any

from .diagnosis import diagnose
from .extract import Source, check_text_size, readers_available
from .normalize import Text, normalize
from .problems import AddonMissing, Empty, InputProblem, Undecodable
from .prose import Prose, read_prose
from .result import build_result
from .rules import RULES, NotChecked, Outcome, Report
from .sections import Sections, find_sections
from .tables import Tables, recover_tables


def read_report(text: str, file: str | None = None, source: Source | None = None) -> Report:
    """Every stage up to the rules; the rules read what this returns.

    ``source``: how the text was got from a file or a page (None: pasted text).
    """
    problem = check_text_size(text)
    if problem is None and not text.strip():
        problem = Empty()
    if problem is not None:
        return _unreadable(problem, file, source)
    norm = normalize(text)
    sections = find_sections(norm)
    tables = recover_tables(norm, sections)
    prose = read_prose(norm, sections, tables.format)
    return Report(norm, sections, tables, prose, file, source=source)


def _unreadable(problem: InputProblem, file: str | None, source: Source | None = None) -> Report:
    return Report(Text([], [], False), Sections(), Tables(None, {}, []), Prose([], []), file, input_problem=problem,
                  source=source)


def run_rules(report: Report) -> list[Outcome]:
    """Every rule's findings and not-checked notes, in catalogue order.

    A rule that fails loses only itself: its exception becomes a NotChecked
    naming it, and every other rule's outcome stands.
    """
    outcomes: list[Outcome] = []
    no_text = report.input_problem is not None
    no_table = not no_text and not report.tables.readable
    if no_text:
        outcomes.append(NotChecked("没有读到年度报告的表格（见上方的说明），其余各项检查都没有做。", "*"))
    elif no_table:
        outcomes.append(NotChecked("没有读到年度报告的表格（见上方的说明），需要表格的检查都没有做；"
                                   "只读正文的检查（网页篡改、年度、日期、自称）照常进行。", "*"))
    for rule in RULES:
        if rule.needs_previous and report.previous is None:
            continue
        if rule.category != "input" and (no_text or (no_table and rule.needs_tables)):
            continue
        try:
            outcomes.extend(rule.run(report))
        except Exception as exc:  # a bug in one rule: said, and the others go on
            outcomes = [o for o in outcomes if o.rule != rule.code]
            outcomes.append(NotChecked(f"这项检查出现内部错误（{type(exc).__name__}），没有完成；其他检查不受影响。",
                                       rule.code))
    return outcomes


def check_text(text: str, file: str | None = None, previous: str | None = None) -> dict[str, Any]:
    """Check one report given as text; the result is plain data (see ``gouji.result``).

    ``previous``: last year's report of the same body, for the Y rules.
    Never raises on any text: what cannot be read is said in the result.
    Text that is a web page's source (it starts with markup) is read as the page.
    """
    if _maybe_markup(text, file) and readers_available():
        from .extract.html import looks_like_html

        if looks_like_html(text, file):
            return check_html(text, file, previous)
    return _check(text, file, previous)


def _maybe_markup(text: str, file: str | None) -> bool:
    """Cheap: text that starts with "<" (a report never does), or a web page's name."""
    for ch in text[:512]:
        if not ch.isspace():
            return ch == "<" or bool(file and file.lower().endswith((".htm", ".html", ".shtml", ".xhtml")))
    return False


def _check(text: str, file: str | None, previous: str | None, source: Source | None = None) -> dict[str, Any]:
    report = read_report(text, file, source)
    if previous is not None:
        report.previous = read_report(previous)
    return build_result(report, run_rules(report), diagnose(report.tables))


def check_html(html: str, file: str | None = None, previous: str | None = None,
               text: str | None = None) -> dict[str, Any]:
    """Check one report given as HTML: a rich paste's ``text/html`` (``text``: the same
    paste's ``text/plain``), or the source of a report's web page.

    The HTML's tables are read by their real structure (merged cells, empty
    cells, labels split across inline tags).  With no table in the HTML, the
    plain text is checked instead (when there is one), and so it is while the
    page has not yet unpacked the HTML reader.
    """
    if not readers_available():
        if text is not None:
            return _check(text, file, previous)
        report = _unreadable(AddonMissing("网页", "gouji 的网页读取模块"), file)
        return build_result(report, run_rules(report))
    from .extract.files import read_html

    source = read_html(html)
    if not source.table_rows and text is not None and text.strip():
        return _check(text, file, previous)
    return _check(source.text or "", file, previous, source)


def check_bytes(data: bytes, file: str | None = None, previous: bytes | None = None) -> dict[str, Any]:
    """Check one report given as the bytes of a file: plain text in any of the usual
    encodings, a saved web page, a .docx or a PDF — told by the bytes, not the name."""
    if not readers_available():  # in the page, before its worker unpacked them
        report = _unreadable(AddonMissing("文件", "gouji 的文件读取模块"), file)
        return build_result(report, run_rules(report))
    from .extract.files import read_bytes

    source = read_bytes(data, file)
    if source.text is None:
        report = _unreadable(source.problem or Undecodable(), file, source)
        return build_result(report, run_rules(report))
    prev_text = None
    if previous is not None:
        prev_text = read_bytes(previous).text
    return _check(source.text, file, prev_text, source)
