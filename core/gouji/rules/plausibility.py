"""Figures that can all be right and still be unlikely: worth a second look."""

from __future__ import annotations

from ..formats import RULE_MAKING_ROW
from . import Finding, Report, rule


def _relations(report: Report, code: str):
    """The relations of the report's format that this rule checks, with their table."""
    fmt = report.format
    if fmt is None:
        return
    for rel in fmt.relations:
        rec = report.table(rel.table)
        if rel.code == code and rec is not None:
            yield rel, rec


def _below(report: Report, code: str, advice: str):
    """Each row where ``larger`` < ``smaller`` − ``less``: a warning naming both cells."""
    for rel, rec in _relations(report, code):
        spec = rec.spec
        for row in rel.rows:
            larger, smaller = rec.value(row, rel.larger), rec.value(row, rel.smaller)
            less = (rec.value(row, rel.less) or 0) if rel.less else 0
            if larger is None or smaller is None or larger >= smaller - less:
                continue
            big, small = spec.column(rel.larger).label, spec.column(rel.smaller).label
            minus = f" − {spec.column(rel.less).label} {less}" if rel.less and less else ""
            yield Finding(f"{spec.part_name}{spec.row(row).label}：{big} {larger} 少于{small} {smaller}{minus}，"
                          f"{advice}",
                          cells=[(rel.table, row, rel.smaller), (rel.table, row, rel.larger)],
                          expected=f"不少于 {smaller - less}", actual=larger)


@rule("P101", "warning", "plausibility", "现行有效件数少于本年制发件数")
def in_force_below_issued(report: Report):
    """检查什么：2021年版格式第二部分“第二十条第（一）项”中，规章、行政规范性文件的“现行有效件数”是否少于“本年制发件数”减去“本年废止件数”。

    为什么：本年新制发的文件，年底一般仍然有效，现行有效件数通常不会少于本年制发件数（除去本年废止的）。少于时，多半是两列填反了，
    或者“现行有效件数”漏计了本年制发的文件。也可能确有当年制发又因有效期届满失效的文件，所以只是警告。

    怎样改：核对“本年制发件数”和“现行有效件数”是否填反；现行有效件数应包括本年制发、年底仍有效的文件。

    示例：`行政规范性文件 | 12 | 0 | 5`：本年制发 12 件，现行有效只有 5 件。
    """
    yield from _below(report, "P101", "请核对是否填反或漏计。")


@rule("P102", "warning", "plausibility", "无权制定规章的机关填报了规章")
def rules_by_body_without_power(report: Report):
    """检查什么：乡镇（街道）、县（区、旗）人民政府及其部门的报告，第二部分“规章”一行是否填了非零的数字。

    为什么：依照《立法法》，规章只能由国务院部门和省、自治区、直辖市及设区的市、自治州的人民政府制定。
    乡镇、县区政府和县区部门没有规章制定权，“规章”一行应为 0；填了数字，多半是把行政规范性文件填进了规章一行。

    怎样改：把这些数字移到“行政规范性文件”一行，“规章”一行填 0。

    示例：某区应急管理局报告“规章 本年制发件数 2”。
    """
    tid, row = RULE_MAKING_ROW
    rec = report.table(tid)
    sections = report.sections
    if rec is None or not sections.county_level:
        return
    spec = rec.spec
    nonzero = [(c.id, rec.value(row, c.id)) for c in spec.columns_of(spec.row(row)) if rec.value(row, c.id)]
    if nonzero:
        listing = "、".join(f"{spec.column(c).label} {v}" for c, v in nonzero)
        who = "乡镇（街道）" if sections.body_kind == "township" else "县（区）级机关"
        other = spec.data_rows[1].label
        yield Finding(f"{sections.body}是{who}，没有规章制定权，"
                      f"{spec.part_name}“{spec.row(row).label}”一行却填了 {listing}，请核对是否应填在“{other}”一行。",
                      cells=[(tid, row, c) for c, _ in nonzero], expected=0, actual=listing)


@rule("P103", "warning", "plausibility", "本年新公开数量多于对外公开总数量")
def published_above_total(report: Report):
    """检查什么：2019年版格式第二部分“第二十条第（一）项”中，规章、规范性文件的“本年新公开数量”是否多于“对外公开总数量”。

    为什么：对外公开总数量包括本年新公开的，不应少于本年新公开数量；少了多半是两列填反了。

    怎样改：核对“本年新公开数量”和“对外公开总数量”是否填反；对外公开总数量应包括本年新公开的文件。

    示例：`规范性文件 | 3 | 3 | 1`：本年新公开 3 件，对外公开总数量只有 1 件。
    """
    yield from _below(report, "P103", "请核对是否填反。")

