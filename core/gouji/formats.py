"""The two official report formats, as data.

Everything the reader and the rules need to know about the template lives
here: the tables, their rows and columns with the ids of
``spec/report-format.md``, the labels a row is recognised by, and the
identities between cells.  Parsers and rules read these objects; none of them
spells a label or a row id of its own.

Row matching keys are written in simplified script without punctuation or
numbering, because that is what the normaliser hands to the table reader.
"""

from __future__ import annotations

from .record import Record


class Column(Record):
    def __init__(
        self,
        id: str,
        label: str,
        count: bool = True,
        signed: bool = False,
        unit: str | None = None,
    ) -> None:
        self.id = id
        self.label = label
        # A column whose cells must be whole numbers >= 0 (counts).  Money and
        # signed changes are not.
        self.count = count
        self.signed = signed
        self.unit = unit  # "万元" when the header fixes the unit


class Row(Record):
    def __init__(
        self,
        id: str,
        label: str,
        keys: tuple[str, ...] = (),
        weak: tuple[str, ...] = (),
        group: bool = False,
        parent: str | None = None,
        columns: tuple[str, ...] | None = None,
    ) -> None:
        self.id = id
        self.label = label
        # Distinctive fragments: a label cell containing any of them is this row.
        self.keys = keys
        # Short labels ("其他", "总计") that only count when this row is the one
        # expected next; they appear elsewhere in headers and prose.
        self.weak = weak
        self.group = group  # a heading row that carries no figures
        self.parent = parent
        self.columns = columns  # for tables whose rows differ

    @property
    def short(self) -> str:
        return self.label


class Table(Record):
    def __init__(self, id: str, part: int, title: str, columns: tuple[Column, ...], rows: tuple[Row, ...]) -> None:
        self.id = id
        self.part = part  # the report part (二 = 2, 三 = 3, 四 = 4)
        self.title = title
        self.columns = columns
        self.rows = rows

    def column(self, cid: str) -> Column:
        for c in self.columns:
            if c.id == cid:
                return c
        raise KeyError(cid)

    def row(self, rid: str) -> Row:
        for r in self.rows:
            if r.id == rid:
                return r
        raise KeyError(rid)

    @property
    def data_rows(self) -> tuple[Row, ...]:
        return tuple(r for r in self.rows if not r.group)

    def columns_of(self, row: Row) -> tuple[Column, ...]:
        if row.columns is None:
            return self.columns
        return tuple(self.column(c) for c in row.columns)


class Format(Record):
    def __init__(
        self,
        id: str,
        document: str,
        name: str,
        years: tuple[int, int | None],
        tables: dict[str, Table] | None = None,
        markers: tuple[str, ...] = (),
    ) -> None:
        self.id = id  # "2021" or "2019"
        self.document = document
        self.name = name
        self.years = years  # first and last report year it is for
        self.tables = {} if tables is None else tables
        # Words that only this format's tables print; used to tell them apart.
        self.markers = markers

    @property
    def title(self) -> str:
        """How a clerk names the format: 2021 年版格式（国办公开办函〔2021〕30号）."""
        return f"{self.id} 年版格式（{self.document}）"

    @property
    def requests(self) -> Table:
        return self.tables["requests"]

    @property
    def appeals(self) -> Table:
        return self.tables["appeals"]

    @property
    def proactive(self) -> Table:
        return self.tables["proactive"]

    # Identities of table 三, as row ids.  The rules read these.
    @property
    def outcome_rows(self) -> tuple[str, ...]:
        return tuple(
            r.id for r in self.requests.data_rows
            if r.id not in ("new", "carried_over", "total", "carried_forward")
        )


# ---------------------------------------------------------------- table 三

APPLICANT_COLUMNS = (
    Column("natural", "自然人"),
    Column("business", "商业企业"),
    Column("research", "科研机构"),
    Column("nonprofit", "社会公益组织"),
    Column("legal", "法律服务机构"),
    Column("other_org", "其他"),
    Column("total", "总计"),
)

#: the applicant columns whose sum is the 总计 column
APPLICANT_PARTS = ("natural", "business", "research", "nonprofit", "legal", "other_org")

_REQUEST_HEAD = (
    Row("new", "一、本年新收政府信息公开申请数量", keys=("本年新收", "新收政府信息公开申请")),
    Row("carried_over", "二、上年结转政府信息公开申请数量", keys=("上年结转",)),
    Row("results", "三、本年度办理结果", keys=("本年度办理结果", "办理结果"), group=True),
    Row("granted", "（一）予以公开", keys=("予以公开",), parent="results"),
    Row("partly_granted", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        keys=("部分公开", "区分处理的"), parent="results"),
    Row("refused", "（三）不予公开", keys=("不予公开",), group=True, parent="results"),
    Row("refused.1", "1.属于国家秘密", keys=("国家秘密",), parent="refused"),
    Row("refused.2", "2.其他法律行政法规禁止公开", keys=("法规禁止公开", "禁止公开"), parent="refused"),
    Row("refused.3", "3.危及“三安全一稳定”", keys=("三安全一稳定", "三安全"), parent="refused"),
    Row("refused.4", "4.保护第三方合法权益", keys=("第三方合法权益", "保护第三方"), parent="refused"),
    Row("refused.5", "5.属于三类内部事务信息", keys=("三类内部事务", "内部事务信息"), parent="refused"),
    Row("refused.6", "6.属于四类过程性信息", keys=("四类过程性", "过程性信息"), parent="refused"),
    Row("refused.7", "7.属于行政执法案卷", keys=("行政执法案卷", "执法案卷"), parent="refused"),
    Row("refused.8", "8.属于行政查询事项", keys=("行政查询事项", "查询事项"), parent="refused"),
    Row("unavailable", "（四）无法提供", keys=("无法提供",), group=True, parent="results"),
    Row("unavailable.1", "1.本机关不掌握相关政府信息", keys=("不掌握",), parent="unavailable"),
    Row("unavailable.2", "2.没有现成信息需要另行制作", keys=("另行制作", "没有现成信息"), parent="unavailable"),
    Row("unavailable.3", "3.补正后申请内容仍不明确", keys=("仍不明确", "补正后申请"), parent="unavailable"),
    Row("not_processed", "（五）不予处理", keys=("不予处理",), group=True, parent="results"),
    Row("not_processed.1", "1.信访举报投诉类申请", keys=("信访举报", "举报投诉"), parent="not_processed"),
    Row("not_processed.2", "2.重复申请", keys=("重复申请", "重覆申请"), parent="not_processed"),
    Row("not_processed.3", "3.要求提供公开出版物", keys=("公开出版物",), parent="not_processed"),
    Row("not_processed.4", "4.无正当理由大量反复申请", keys=("大量反复", "大量反覆", "正当理由大量"), parent="not_processed"),
    Row("not_processed.5", "5.要求行政机关确认或重新出具已获取信息",
        keys=("确认或重新出具", "重新出具", "已获取信息", "要求行政机关确认"), parent="not_processed"),
)

_REQUEST_TAIL = (
    Row("total", "（七）总计", weak=("总计", "合计"), parent="results"),
    Row("carried_forward", "四、结转下年度继续办理", keys=("结转下年度", "下年度继续办理")),
)

_REQUEST_OTHER_2021 = (
    Row("other", "（六）其他处理", keys=("其他处理",), group=True, parent="results"),
    Row("other.1", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        keys=("逾期不补正",), parent="other"),
    Row("other.2", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        keys=("收费通知", "缴纳费用"), parent="other"),
    Row("other.3", "3.其他", weak=("其他",), parent="other"),
)

_REQUEST_OTHER_2019 = (
    Row("other", "（六）其他处理", keys=("其他处理",), parent="results"),
)

REQUESTS_TITLE = "三、收到和处理政府信息公开申请情况"

REQUESTS_2021 = Table("requests", 3, REQUESTS_TITLE, APPLICANT_COLUMNS,
                      _REQUEST_HEAD + _REQUEST_OTHER_2021 + _REQUEST_TAIL)
REQUESTS_2019 = Table("requests", 3, REQUESTS_TITLE, APPLICANT_COLUMNS,
                      _REQUEST_HEAD + _REQUEST_OTHER_2019 + _REQUEST_TAIL)

# ---------------------------------------------------------------- table 四

APPEAL_OUTCOMES = ("upheld", "corrected", "other", "pending")

APPEALS = Table(
    "appeals", 4, "四、政府信息公开行政复议、行政诉讼情况",
    (
        Column("upheld", "结果维持"),
        Column("corrected", "结果纠正"),
        Column("other", "其他结果"),
        Column("pending", "尚未审结"),
        Column("total", "总计"),
    ),
    (
        Row("review", "行政复议", keys=("行政复议",)),
        Row("suit_direct", "行政诉讼·未经复议直接起诉", keys=("未经复议直接起诉", "直接起诉")),
        Row("suit_after_review", "行政诉讼·复议后起诉", keys=("复议后起诉",)),
    ),
)

# ---------------------------------------------------------------- table 二

_P21_COLUMNS = (
    Column("issued", "本年制发件数"),
    Column("repealed", "本年废止件数"),
    Column("in_force", "现行有效件数"),
    Column("decisions", "本年处理决定数量"),
    Column("amount", "本年收费金额（单位：万元）", count=False, unit="万元"),
)

PROACTIVE_2021 = Table(
    "proactive", 2, "二、主动公开政府信息情况", _P21_COLUMNS,
    (
        Row("rules", "规章", keys=("规章",), columns=("issued", "repealed", "in_force")),
        Row("normative_docs", "行政规范性文件", keys=("规范性文件",),
            columns=("issued", "repealed", "in_force")),
        Row("licensing", "行政许可", keys=("行政许可",), columns=("decisions",)),
        Row("penalty", "行政处罚", keys=("行政处罚",), columns=("decisions",)),
        Row("enforcement", "行政强制", keys=("行政强制",), columns=("decisions",)),
        Row("fees", "行政事业性收费", keys=("行政事业性收费", "事业性收费"), columns=("amount",)),
    ),
)

_P19_COLUMNS = (
    Column("made", "本年新制作数量"),
    Column("published", "本年新公开数量"),
    Column("total_published", "对外公开总数量"),
    Column("prev_items", "上一年项目数量"),
    Column("change", "本年增/减", count=False, signed=True),
    Column("decisions", "处理决定数量"),
    Column("items", "采购项目数量"),
    Column("amount", "采购总金额", count=False),
)

PROACTIVE_2019 = Table(
    "proactive", 2, "二、主动公开政府信息情况", _P19_COLUMNS,
    (
        Row("rules", "规章", keys=("规章",), columns=("made", "published", "total_published")),
        Row("normative_docs", "规范性文件", keys=("规范性文件",),
            columns=("made", "published", "total_published")),
        Row("licensing", "行政许可", keys=("行政许可",), columns=("prev_items", "change", "decisions")),
        Row("other_services", "其他对外管理服务事项", keys=("其他对外管理服务", "对外管理服务事项"),
            columns=("prev_items", "change", "decisions")),
        Row("penalty", "行政处罚", keys=("行政处罚",), columns=("prev_items", "change", "decisions")),
        Row("enforcement", "行政强制", keys=("行政强制",), columns=("prev_items", "change", "decisions")),
        Row("fees", "行政事业性收费", keys=("行政事业性收费", "事业性收费"), columns=("prev_items", "change")),
        Row("procurement", "政府集中采购", keys=("政府集中采购", "集中采购"), columns=("items", "amount")),
    ),
)

# ---------------------------------------------------------------- formats

FORMAT_2021 = Format(
    "2021",
    "国办公开办函〔2021〕30号",
    "《中华人民共和国政府信息公开工作年度报告格式》",
    (2021, None),
    {"proactive": PROACTIVE_2021, "requests": REQUESTS_2021, "appeals": APPEALS},
    markers=("本年制发件数", "现行有效件数", "本年废止件数", "逾期不补正", "收费通知", "本年收费金额"),
)

FORMAT_2019 = Format(
    "2019",
    "国办公开办函〔2019〕60号",
    "《中华人民共和国政府信息公开工作年度报告格式（试行）》",
    (2019, 2020),
    {"proactive": PROACTIVE_2019, "requests": REQUESTS_2019, "appeals": APPEALS},
    markers=("本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "政府集中采购",
             "其他对外管理服务事项"),
)

FORMATS = {"2021": FORMAT_2021, "2019": FORMAT_2019}

# ---------------------------------------------------------------- parts

class Part(Record):
    def __init__(self, number: int, numeral: str, title: str, words: tuple[str, ...]) -> None:
        self.number = number
        self.numeral = numeral
        self.title = title
        # A line is this part's heading when it starts with the numeral and holds
        # one of these (table 三's row labels also start with 一、…四、).
        self.words = words


PARTS = (
    Part(1, "一", "总体情况", ("总体情况", "基本情况", "概述")),
    Part(2, "二", "主动公开政府信息情况", ("主动公开政府信息",)),
    Part(3, "三", "收到和处理政府信息公开申请情况", ("收到和处理", "处理政府信息公开申请")),
    Part(4, "四", "政府信息公开行政复议、行政诉讼情况", ("行政复议",)),
    Part(5, "五", "存在的主要问题及改进情况", ("存在的主要问题", "存在的问题", "主要问题", "改进情况")),
    Part(6, "六", "其他需要报告的事项", ("其他需要报告",)),
)


def cell_label(table_id: str, row_id: str, column_id: str, fmt: Format | None = None) -> str:
    """How a clerk names a cell: 第三部分“（一）予以公开”行“自然人”列."""
    fmt = fmt or FORMAT_2021
    table = fmt.tables[table_id]
    row = table.row(row_id)
    col = table.column(column_id)
    return f"第{_NUMERALS[table.part]}部分“{row.label}”行“{col.label}”列"


_NUMERALS = {1: "一", 2: "二", 3: "三", 4: "四", 5: "五", 6: "六"}


def numeral(n: int) -> str:
    return _NUMERALS[n]


# ---------------------------------------------------------------- layout
# (for the checker page, which draws the rebuilt tables in template layout)

#: the template's heading over the applicant columns of table 三
_COLUMN_GROUPS = {
    ("requests", "business"): "法人或其他组织",
    ("requests", "research"): "法人或其他组织",
    ("requests", "nonprofit"): "法人或其他组织",
    ("requests", "legal"): "法人或其他组织",
    ("requests", "other_org"): "法人或其他组织",
}
_ROW_HEADERS = {"proactive": "信息内容", "requests": "申请人情况", "appeals": ""}


def layout(format_id: str) -> dict:
    """The three tables of a format as plain JSON-serialisable data."""
    fmt = FORMATS[format_id]
    tables = []
    for tid in ("proactive", "requests", "appeals"):
        t = fmt.tables[tid]
        depth: dict[str, int] = {}
        rows = []
        for r in t.rows:
            depth[r.id] = depth[r.parent] + 1 if r.parent in depth else 0
            rows.append({"id": r.id, "label": r.label, "group": r.group, "parent": r.parent,
                         "depth": depth[r.id], "columns": list(r.columns) if r.columns else None})
        tables.append({
            "id": t.id, "part": t.part, "title": t.title, "row_header": _ROW_HEADERS[tid],
            "columns": [{"id": c.id, "label": c.label, "group": _COLUMN_GROUPS.get((tid, c.id))}
                        for c in t.columns],
            "rows": rows,
        })
    return {"format": fmt.id, "document": fmt.document, "name": fmt.name, "tables": tables}

