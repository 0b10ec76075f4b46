"""Figures that can all be right and still be unlikely: worth a second look."""

from __future__ import annotations

from . import Finding, Report, rule
from .metadata import body_kind, county_level

_DOCS = {"rules": "规章", "normative_docs": "行政规范性文件"}


@rule("P101", "warning", "plausibility", "现行有效件数少于本年制发件数")
def in_force_below_issued(report: Report):
    """检查什么：2021年版格式第二部分“第二十条第（一）项”中，规章、行政规范性文件的“现行有效件数”是否少于“本年制发件数”。

    为什么：本年新制发的文件，年底一般仍然有效，现行有效件数通常不会少于本年制发件数。少于时，多半是两列填反了，
    或者“现行有效件数”只填了本年的数字以外的部分。也可能确有当年制发又当年废止的文件，所以只是警告。

    示例：`行政规范性文件 | 12 | 0 | 5`：本年制发 12 件，现行有效只有 5 件。
    """
    rec = report.table("proactive")
    fmt = report.tables.format
    if rec is None or fmt is None or fmt.id != "2021":
        return
    for row, name in _DOCS.items():
        issued, in_force = rec.value(row, "issued"), rec.value(row, "in_force")
        repealed = rec.value(row, "repealed") or 0
        if issued is None or in_force is None:
            continue
        if in_force < issued - repealed:
            yield Finding(f"第二部分{name}：现行有效件数 {in_force} 少于本年制发件数 {issued}，请核对是否填反或漏计。",
                          cells=[("proactive", row, "issued"), ("proactive", row, "in_force")],
                          expected=f">= {issued}", actual=in_force)


@rule("P102", "warning", "plausibility", "无权制定规章的机关填报了规章")
def rules_by_body_without_power(report: Report):
    """检查什么：乡镇（街道）、县（区、旗）人民政府及其部门的报告，第二部分“规章”一行是否填了非零的数字。

    为什么：依照《立法法》，规章只能由国务院部门和省、自治区、直辖市及设区的市、自治州的人民政府制定。
    乡镇、县区政府和县区部门没有规章制定权，“规章”一行应为 0；填了数字，多半是把行政规范性文件填进了规章一行。

    示例：某区应急管理局报告“规章 本年制发件数 2”。
    """
    rec = report.table("proactive")
    fmt = report.tables.format
    body = report.sections.body
    if rec is None or fmt is None or not county_level(body):
        return
    cols = ("issued", "repealed", "in_force") if fmt.id == "2021" else ("made", "published", "total_published")
    nonzero = [(c, rec.value("rules", c)) for c in cols if rec.value("rules", c)]
    if nonzero:
        spec = fmt.tables["proactive"]
        listing = "、".join(f"{spec.column(c).label} {v}" for c, v in nonzero)
        who = "乡镇（街道）" if body_kind(body) == "township" else "县（区）级机关"
        yield Finding(f"{body}是{who}，没有规章制定权，第二部分“规章”一行却填了 {listing}，请核对是否应填在“行政规范性文件”一行。",
                      cells=[("proactive", "rules", c) for c, _ in nonzero], expected=0,
                      actual=dict(nonzero))


@rule("P103", "warning", "plausibility", "本年新公开数量多于对外公开总数量")
def published_above_total(report: Report):
    """检查什么：2019年版格式第二部分“第二十条第（一）项”中，规章、规范性文件的“本年新公开数量”是否多于“对外公开总数量”。

    为什么：对外公开总数量包括本年新公开的，不应少于本年新公开数量；少了多半是两列填反了。

    示例：`规范性文件 | 3 | 3 | 1`：本年新公开 3 件，对外公开总数量只有 1 件。
    """
    rec = report.table("proactive")
    fmt = report.tables.format
    if rec is None or fmt is None or fmt.id != "2019":
        return
    names = {"rules": "规章", "normative_docs": "规范性文件"}
    for row, name in names.items():
        published, total = rec.value(row, "published"), rec.value(row, "total_published")
        if published is None or total is None:
            continue
        if published > total:
            yield Finding(f"第二部分{name}：本年新公开数量 {published} 多于对外公开总数量 {total}，请核对是否填反。",
                          cells=[("proactive", row, "published"), ("proactive", row, "total_published")],
                          expected=f">= {published}", actual=total)
