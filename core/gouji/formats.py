"""The two official report formats, as data.

Everything the reader and the rules know about the template lives here, and
nowhere else: the tables, their rows and columns with this project's stable
ids (the JSON output, the tests and the docs use them), the words a row or a
header is recognised by, the sums the tables obey (``identities``), what a
prose figure may stand for (``prose_readings``), and the few relations the
plausibility and last-year rules look at.  Parsers and rules read these
objects; none of them spells a label, a row id or a header word of its own.
A third official format is one more ``Format`` here.  Known variants of a
format are data too: a group row some templates print as one row of figures
(``Row.alone``) is read with ``Format.with_one_row``, whose sums use that row.

The ids and the arithmetic follow the template itself: 国办公开办函〔2019〕60号
(format ``2019``, report years 2019 and 2020) and 国办公开办函〔2021〕30号
(format ``2021``, report years 2021 on).  ``layout(format_id)`` gives every
table of a format as plain data, as the checker page draws it.

Row matching keys are written in simplified script without punctuation or
numbering, because that is what the normaliser hands to the table reader.
"""

from __future__ import annotations

import copy

from .record import Record
from .regexes import regex

# ---------------------------------------------------------------- records

#: A cell of a table, as findings name it: (table id, row id, column id).
CellRef = tuple[str, str, str]


class Column(Record):
    def __init__(
        self,
        id: str,
        label: str,
        count: bool = True,
        signed: bool = False,
        unit: str | None = None,
        group: str | None = None,
    ) -> None:
        self.id = id
        self.label = label
        # A column whose cells must be whole numbers >= 0 (counts).  Money and
        # signed changes are not.
        self.count = count
        self.signed = signed
        self.unit = unit  # "万元" when the header fixes the unit
        self.group = group  # the template's heading over this column, if any


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
        brief: str | None = None,
        alone: bool = False,
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
        # How a message names the row when the label is a long sentence.
        self.brief = brief
        # A group row that some templates print as one row with figures of its
        # own, its sub-rows left out (format 2021's （六）其他处理): a known
        # variant, read with ``Table.one_row``.
        self.alone = alone


class Table(Record):
    def __init__(
        self,
        id: str,
        part: int,
        title: str,
        columns: tuple[Column, ...],
        rows: tuple[Row, ...],
        start_words: tuple[str, ...] = (),
        row_header: str = "",
        side_by_side: bool = False,
    ) -> None:
        self.id = id
        self.part = part  # the report part (二 = 2, 三 = 3, 四 = 4)
        self.title = title
        self.columns = columns
        self.rows = rows
        # Header words that mark where the table starts, when its part heading is missing.
        self.start_words = start_words
        self.row_header = row_header  # the template's word over the row labels
        # The template prints the rows side by side, as one line of figures
        # (table 四: 行政复议 | 未经复议直接起诉 | 复议后起诉).
        self.side_by_side = side_by_side
        # (asked often, by the reading, the prose and the rules: worked out once)
        self._row_by_id = {r.id: r for r in rows}
        self._column_by_id = {c.id: c for c in columns}
        self._columns_of = {r.id: columns if r.columns is None else tuple(self._column_by_id[c] for c in r.columns)
                            for r in rows}

    def column(self, cid: str) -> Column:
        return self._column_by_id[cid]

    def row(self, rid: str) -> Row:
        return self._row_by_id[rid]

    @property
    def data_rows(self) -> tuple[Row, ...]:
        return tuple(r for r in self.rows if not r.group)

    @property
    def alone_rows(self) -> tuple[Row, ...]:
        """The group rows that may come as one row of figures (see ``Row.alone``)."""
        return tuple(r for r in self.rows if r.group and r.alone)

    def one_row(self, rid: str) -> Table:
        """This table as read when the group row ``rid`` is printed as one row
        with its own figures: ``rid`` holds data, its sub-rows are left out."""
        dropped = {r.id for r in self.rows if _has_ancestor(self, r, rid)}
        rows = tuple(Row(r.id, r.label, r.keys, r.weak, False, r.parent, r.columns, r.brief) if r.id == rid else r
                     for r in self.rows if r.id not in dropped)
        return Table(self.id, self.part, self.title, self.columns, rows, self.start_words, self.row_header,
                     self.side_by_side)

    def columns_of(self, row: Row) -> tuple[Column, ...]:
        return self._columns_of[row.id]

    def children(self, rid: str) -> tuple[str, ...]:
        """The data rows under a group row, or the row itself when it holds data."""
        row = self.row(rid)
        if not row.group:
            return (rid,)
        return tuple(r.id for r in self.data_rows if _has_ancestor(self, r, rid))

    @property
    def name(self) -> str:
        """How a message names the table: 第三部分（收到和处理政府信息公开申请情况）表格."""
        return f"{self.part_name}（{_SHORT_TITLES[self.id]}）表格"

    @property
    def part_name(self) -> str:
        return f"第{numeral(self.part)}部分"

    def row_words(self, rid: str) -> str:
        """A row as a message names it: its brief name, or its label."""
        row = self.row(rid)
        return row.brief or row.label


def _has_ancestor(table: Table, row: Row, ancestor: str) -> bool:
    parent = row.parent
    while parent is not None:
        if parent == ancestor:
            return True
        parent = table.row(parent).parent
    return False


class Identity(Record):
    """A sum the template obeys (勾稽关系), checked by one rule.

    ``axis == "column"``: in every column of ``members`` (default: every
    column), the rows named in ``left`` add up to the rows named in ``right``.
    ``axis == "row"``: in every row of ``members`` (default: every data row),
    the columns in ``left`` add up to the columns in ``right``.  ``words``
    names the terms in the order left + right, for messages.
    """

    def __init__(
        self,
        code: str,
        table: str,
        axis: str,
        left: tuple[str, ...],
        right: tuple[str, ...],
        members: tuple[str, ...] | None = None,
        words: tuple[str, ...] = (),
    ) -> None:
        self.code = code
        self.table = table
        self.axis = axis
        self.left = left
        self.right = right
        self.members = members
        self.words = words


class Equation(Record):
    """One instance of an identity: the cells of ``left`` add up to those of ``right``."""

    def __init__(self, identity: Identity, member: str, left: tuple[CellRef, ...],
                 right: tuple[CellRef, ...]) -> None:
        self.identity = identity
        self.member = member  # the column (or row) it holds in
        self.left = left
        self.right = right

    @property
    def cells(self) -> tuple[CellRef, ...]:
        return self.left + self.right


class Relation(Record):
    """A cell that is normally not smaller than another, in each of ``rows``:
    ``larger >= smaller - less`` (a warning when it is not)."""

    def __init__(self, code: str, table: str, rows: tuple[str, ...], larger: str, smaller: str,
                 less: str | None = None) -> None:
        self.code = code
        self.table = table
        self.rows = rows
        self.larger = larger
        self.smaller = smaller
        self.less = less


class Carried(Record):
    """This year's cells that continue last year's: in every column of ``table``,
    last year's ``last`` row is this year's ``this`` row."""

    def __init__(self, table: str, last: str, this: str) -> None:
        self.table = table
        self.last = last
        self.this = this


class Stock(Record):
    """A stock that this year's flows change: in each row of ``rows``, this
    year's ``column`` is last year's ``column`` + ``plus`` − ``minus``."""

    def __init__(self, table: str, rows: tuple[str, ...], column: str, plus: str, minus: str) -> None:
        self.table = table
        self.rows = rows
        self.column = column
        self.plus = plus
        self.minus = minus


class Format(Record):
    def __init__(
        self,
        id: str,
        document: str,
        name: str,
        years: tuple[int, int | None],
        tables: dict[str, Table],
        markers: tuple[str, ...] = (),
        relations: tuple[Relation, ...] = (),
        stocks: tuple[Stock, ...] = (),
        fee_statement: bool = False,
    ) -> None:
        self.id = id  # "2021" or "2019"
        self.document = document
        self.name = name
        self.years = years  # first and last report year it is for
        self.tables = tables
        # Words that only this format's tables print; used to tell them apart.
        self.markers = markers
        self.relations = relations
        self.stocks = stocks
        # Part 六 must state the 信息处理费 (国办函〔2020〕109号, from format 2021 on).
        self.fee_statement = fee_statement
        # The group rows read as one row of figures (Table.one_row), as
        # (table id, row id), and the format this variant is read from.
        self.one_rows: tuple[tuple[str, str], ...] = ()
        self.base = self
        self._variants: dict[tuple[str, str], Format] = {}
        self._sums()

    def _sums(self) -> None:
        self.identities = _identities(self)
        self.equations = tuple(eq for identity in self.identities for eq in expand(self, identity))

    def with_one_row(self, table_id: str, row_id: str) -> Format:
        """The format as read when a table prints the group row ``row_id`` as one
        row of figures: that table from ``Table.one_row``, the sums expanded for
        it (（七）总计 adds the one row instead of its sub-rows)."""
        key = (table_id, row_id)
        hit = self._variants.get(key)
        if hit is None:
            hit = copy.copy(self)
            hit.tables = {**self.tables, table_id: self.tables[table_id].one_row(row_id)}
            hit.one_rows = self.one_rows + (key,)
            hit._variants = {}
            hit._sums()
            self._variants[key] = hit
        return hit

    @property
    def title(self) -> str:
        """How a clerk names the format: 2021 年版格式（国办公开办函〔2021〕30号）."""
        return f"{self.id} 年版格式（{self.document}）"

    @property
    def requests(self) -> Table:
        return self.tables[REQUESTS_ID]

    @property
    def appeals(self) -> Table:
        return self.tables[APPEALS_ID]

    @property
    def proactive(self) -> Table:
        return self.tables[PROACTIVE_ID]

    @property
    def outcome_rows(self) -> tuple[str, ...]:
        """Table 三's outcome rows, （一）予以公开 to （六）其他处理: what （七）总计 adds up."""
        return tuple(r for r in self.requests.children(_RESULTS) if r != _TOTAL)

    def identity(self, code: str) -> Identity:
        for identity in self.identities:
            if identity.code == code:
                return identity
        raise KeyError(code)

    def covers(self, year: int) -> bool:
        first, last = self.years
        return year >= first and (last is None or year <= last)


def expand(fmt: Format, identity: Identity) -> list[Equation]:
    """Every equation an identity stands for, in template order."""
    table = fmt.tables[identity.table]
    tid = table.id
    out = []
    if identity.axis == "column":
        for col in identity.members or tuple(c.id for c in table.columns):
            out.append(Equation(identity, col, tuple((tid, r, col) for r in identity.left),
                                tuple((tid, r, col) for r in identity.right)))
    else:
        for row in identity.members or tuple(r.id for r in table.data_rows):
            out.append(Equation(identity, row, tuple((tid, row, c) for c in identity.left),
                                tuple((tid, row, c) for c in identity.right)))
    return out


# ---------------------------------------------------------------- ids

PROACTIVE_ID, REQUESTS_ID, APPEALS_ID = "proactive", "requests", "appeals"
#: The tables in the order the report prints them.
TABLE_IDS = (PROACTIVE_ID, REQUESTS_ID, APPEALS_ID)
_SHORT_TITLES = {PROACTIVE_ID: "主动公开政府信息情况", REQUESTS_ID: "收到和处理政府信息公开申请情况",
                 APPEALS_ID: "行政复议、行政诉讼情况"}

# ---------------------------------------------------------------- table 三

#: The template's heading over the five kinds of organisation in table 三.
ORGANISATIONS = "法人或其他组织"
#: The header cell of table 三 that prints its own rule (in the template's words).
CHECKSUM_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
#: Header words of the tables that are not column labels: a header repeated
#: after a page break brings them back.
HEADER_WORDS = ("申请人情况", ORGANISATIONS, "信息内容")
#: A fragment of the checksum note: a line holding it is header, not a row.
CHECKSUM_WORDS = "勾稽关系"
#: The words of the header that OCR and PDF-to-markdown tools print over a
#: table they could not read the header of (| 类别 | 数据1 | … | 数据6 | 总计 |):
#: header, not rows.
GENERIC_HEADER_WORDS = ("类别", "数据", "项目", "栏目", "序号")

APPLICANT_COLUMNS = (
    Column("natural", "自然人"),
    Column("business", "商业企业", group=ORGANISATIONS),
    Column("research", "科研机构", group=ORGANISATIONS),
    Column("nonprofit", "社会公益组织", group=ORGANISATIONS),
    Column("legal", "法律服务机构", group=ORGANISATIONS),
    Column("other_org", "其他", group=ORGANISATIONS),
    Column("total", "总计"),
)

#: the applicant columns whose sum is the 总计 column
APPLICANT_PARTS = ("natural", "business", "research", "nonprofit", "legal", "other_org")
_NATURAL, _ORGS, _TOTAL = APPLICANT_PARTS[0], APPLICANT_PARTS[1:], "total"
_NEW, _CARRIED_OVER, _RESULTS, _CARRIED_FORWARD = "new", "carried_over", "results", "carried_forward"

_REQUEST_HEAD = (
    Row(_NEW, "一、本年新收政府信息公开申请数量", keys=("本年新收", "新收政府信息公开申请")),
    Row(_CARRIED_OVER, "二、上年结转政府信息公开申请数量", keys=("上年结转",)),
    Row(_RESULTS, "三、本年度办理结果", keys=("本年度办理结果", "办理结果"), group=True),
    Row("granted", "（一）予以公开", keys=("予以公开",), parent=_RESULTS),
    Row("partly_granted", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        keys=("部分公开", "区分处理的"), parent=_RESULTS, brief="（二）部分公开"),
    Row("refused", "（三）不予公开", keys=("不予公开",), group=True, parent=_RESULTS),
    Row("refused.1", "1.属于国家秘密", keys=("国家秘密",), parent="refused"),
    Row("refused.2", "2.其他法律行政法规禁止公开", keys=("法规禁止公开", "禁止公开"), parent="refused"),
    Row("refused.3", "3.危及“三安全一稳定”", keys=("三安全一稳定", "三安全"), parent="refused"),
    Row("refused.4", "4.保护第三方合法权益", keys=("第三方合法权益", "保护第三方"), parent="refused"),
    Row("refused.5", "5.属于三类内部事务信息", keys=("三类内部事务", "内部事务信息"), parent="refused"),
    Row("refused.6", "6.属于四类过程性信息", keys=("四类过程性", "过程性信息"), parent="refused"),
    Row("refused.7", "7.属于行政执法案卷", keys=("行政执法案卷", "执法案卷"), parent="refused"),
    Row("refused.8", "8.属于行政查询事项", keys=("行政查询事项", "查询事项"), parent="refused"),
    Row("unavailable", "（四）无法提供", keys=("无法提供",), group=True, parent=_RESULTS),
    Row("unavailable.1", "1.本机关不掌握相关政府信息", keys=("不掌握",), parent="unavailable"),
    Row("unavailable.2", "2.没有现成信息需要另行制作", keys=("另行制作", "没有现成信息"), parent="unavailable"),
    Row("unavailable.3", "3.补正后申请内容仍不明确", keys=("仍不明确", "补正后申请"), parent="unavailable"),
    Row("not_processed", "（五）不予处理", keys=("不予处理",), group=True, parent=_RESULTS),
    Row("not_processed.1", "1.信访举报投诉类申请", keys=("信访举报", "举报投诉"), parent="not_processed"),
    Row("not_processed.2", "2.重复申请", keys=("重复申请", "重覆申请"), parent="not_processed"),
    Row("not_processed.3", "3.要求提供公开出版物", keys=("公开出版物",), parent="not_processed"),
    Row("not_processed.4", "4.无正当理由大量反复申请", keys=("大量反复", "大量反覆", "正当理由大量"),
        parent="not_processed"),
    Row("not_processed.5", "5.要求行政机关确认或重新出具已获取信息",
        keys=("确认或重新出具", "重新出具", "已获取信息", "要求行政机关确认"), parent="not_processed"),
)

_REQUEST_TAIL = (
    Row(_TOTAL, "（七）总计", weak=("总计", "合计"), parent=_RESULTS),
    Row(_CARRIED_FORWARD, "四、结转下年度继续办理", keys=("结转下年度", "下年度继续办理")),
)

_OTHER = "other"
_REQUEST_OTHER_2021 = (
    Row(_OTHER, "（六）其他处理", keys=("其他处理",), group=True, parent=_RESULTS, alone=True),
    Row("other.1", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        keys=("逾期不补正",), parent=_OTHER, brief="1.逾期不补正"),
    Row("other.2", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        keys=("收费通知", "缴纳费用"), parent=_OTHER, brief="2.逾期未缴纳费用"),
    Row("other.3", "3.其他", weak=("其他",), parent=_OTHER),
)

_REQUEST_OTHER_2019 = (
    Row(_OTHER, "（六）其他处理", keys=("其他处理",), parent=_RESULTS),
)

REQUESTS_TITLE = "三、收到和处理政府信息公开申请情况"
_REQUEST_START = (CHECKSUM_WORDS, HEADER_WORDS[0])

REQUESTS_2021 = Table(REQUESTS_ID, 3, REQUESTS_TITLE, APPLICANT_COLUMNS,
                      _REQUEST_HEAD + _REQUEST_OTHER_2021 + _REQUEST_TAIL, _REQUEST_START, HEADER_WORDS[0])
REQUESTS_2019 = Table(REQUESTS_ID, 3, REQUESTS_TITLE, APPLICANT_COLUMNS,
                      _REQUEST_HEAD + _REQUEST_OTHER_2019 + _REQUEST_TAIL, _REQUEST_START, HEADER_WORDS[0])

# ---------------------------------------------------------------- table 四

APPEAL_OUTCOMES = ("upheld", "corrected", "other", "pending")
_SUIT_GROUP = "行政诉讼"
_REVIEW, _SUIT_DIRECT, _SUIT_AFTER = "review", "suit_direct", "suit_after_review"

APPEALS = Table(
    APPEALS_ID, 4, "四、政府信息公开行政复议、行政诉讼情况",
    (
        Column("upheld", "结果维持"),
        Column("corrected", "结果纠正"),
        Column("other", "其他结果"),
        Column("pending", "尚未审结"),
        Column(_TOTAL, "总计"),
    ),
    (
        Row(_REVIEW, "行政复议", keys=("行政复议",)),
        Row(_SUIT_DIRECT, f"{_SUIT_GROUP}·未经复议直接起诉", keys=("未经复议直接起诉", "直接起诉")),
        Row(_SUIT_AFTER, f"{_SUIT_GROUP}·复议后起诉", keys=("复议后起诉",)),
    ),
    ("行政复议", _SUIT_GROUP),
    side_by_side=True,
)
#: The groups of table 四 that are lawsuits (行政诉讼), as the template heads them.
SUIT_GROUPS = (_SUIT_DIRECT, _SUIT_AFTER)

# ---------------------------------------------------------------- table 二

_P21_COLUMNS = (
    Column("issued", "本年制发件数"),
    Column("repealed", "本年废止件数"),
    Column("in_force", "现行有效件数"),
    Column("decisions", "本年处理决定数量"),
    Column("amount", "本年收费金额（单位：万元）", count=False, unit="万元"),
)
_DOCUMENTS = ("rules", "normative_docs")
_RULES_ROW = _DOCUMENTS[0]
_PROACTIVE_START = ("第二十条",)
_CONTENT = HEADER_WORDS[2]

PROACTIVE_2021 = Table(
    PROACTIVE_ID, 2, "二、主动公开政府信息情况", _P21_COLUMNS,
    (
        Row(_RULES_ROW, "规章", keys=("规章",), columns=("issued", "repealed", "in_force")),
        Row("normative_docs", "行政规范性文件", keys=("规范性文件",),
            columns=("issued", "repealed", "in_force")),
        Row("licensing", "行政许可", keys=("行政许可",), columns=("decisions",)),
        Row("penalty", "行政处罚", keys=("行政处罚",), columns=("decisions",)),
        Row("enforcement", "行政强制", keys=("行政强制",), columns=("decisions",)),
        Row("fees", "行政事业性收费", keys=("行政事业性收费", "事业性收费"), columns=("amount",)),
    ),
    _PROACTIVE_START, _CONTENT,
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
    PROACTIVE_ID, 2, "二、主动公开政府信息情况", _P19_COLUMNS,
    (
        Row(_RULES_ROW, "规章", keys=("规章",), columns=("made", "published", "total_published")),
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
    _PROACTIVE_START, _CONTENT,
)

#: The row of table 二 that only bodies with rule-making power (《立法法》) may fill.
RULE_MAKING_ROW = (PROACTIVE_ID, _RULES_ROW)

# ---------------------------------------------------------------- the sums

#: The template's own names of the four terms of its printed rule.
_BALANCE_WORDS = ("第一项", "第二项", "第三项总计", "第四项")


def _identities(fmt: Format) -> tuple[Identity, ...]:
    """The sums every table of a format obeys, each with the rule that checks it."""
    return (
        # 一 + 二 = 三（七）+ 四, in every column (the template prints it in its header)
        Identity("A101", REQUESTS_ID, "column", (_NEW, _CARRIED_OVER), (_TOTAL, _CARRIED_FORWARD),
                 words=_BALANCE_WORDS),
        # the outcome rows add up to （七）总计, in every column
        Identity("A102", REQUESTS_ID, "column", fmt.outcome_rows, (_TOTAL,)),
        # the applicant columns add up to 总计, in every row
        Identity("A103", REQUESTS_ID, "row", APPLICANT_PARTS, (_TOTAL,)),
        # in each group of table 四, the four outcomes add up to 总计
        Identity("A104", APPEALS_ID, "row", APPEAL_OUTCOMES, (_TOTAL,),
                 words=tuple(APPEALS.column(c).label for c in APPEAL_OUTCOMES)),
    )


# ---------------------------------------------------------------- formats

FORMAT_2021 = Format(
    "2021",
    "国办公开办函〔2021〕30号",
    "《中华人民共和国政府信息公开工作年度报告格式》",
    (2021, None),
    {PROACTIVE_ID: PROACTIVE_2021, REQUESTS_ID: REQUESTS_2021, APPEALS_ID: APPEALS},
    markers=("本年制发件数", "现行有效件数", "本年废止件数", "逾期不补正", "收费通知", "本年收费金额"),
    relations=(Relation("P101", PROACTIVE_ID, _DOCUMENTS, "in_force", "issued", less="repealed"),),
    stocks=(Stock(PROACTIVE_ID, _DOCUMENTS, "in_force", plus="issued", minus="repealed"),),
    fee_statement=True,
)

FORMAT_2019 = Format(
    "2019",
    "国办公开办函〔2019〕60号",
    "《中华人民共和国政府信息公开工作年度报告格式（试行）》",
    (2019, 2020),
    {PROACTIVE_ID: PROACTIVE_2019, REQUESTS_ID: REQUESTS_2019, APPEALS_ID: APPEALS},
    markers=("本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "政府集中采购",
             "其他对外管理服务事项"),
    relations=(Relation("P103", PROACTIVE_ID, _DOCUMENTS, "total_published", "published"),),
)

FORMATS = {"2021": FORMAT_2021, "2019": FORMAT_2019}


def format_for_year(year: int) -> Format:
    """The format a report on ``year`` should use."""
    for fmt in FORMATS.values():
        if fmt.covers(year):
            return fmt
    return FORMAT_2021


#: Last year's 结转下年度继续办理 is this year's 上年结转, column by column.
CARRIED = Carried(REQUESTS_ID, _CARRIED_FORWARD, _CARRIED_OVER)

#: Figures compared with last year's for a jump of five times or more, with
#: the words a message names them by.
WATCHED = (
    ((REQUESTS_ID, _NEW, _TOTAL), "本年新收政府信息公开申请"),
    ((REQUESTS_ID, _TOTAL, _TOTAL), "申请办理结果总计"),
    ((APPEALS_ID, _REVIEW, _TOTAL), "行政复议总计"),
    ((PROACTIVE_ID, "licensing", "decisions"), "行政许可处理决定"),
    ((PROACTIVE_ID, "penalty", "decisions"), "行政处罚处理决定"),
    ((PROACTIVE_ID, "enforcement", "decisions"), "行政强制处理决定"),
    ((PROACTIVE_ID, "normative_docs", "in_force"), "现行有效行政规范性文件"),
)

# ---------------------------------------------------------------- parts

class Part(Record):
    def __init__(self, number: int, numeral: str, title: str, words: tuple[str, ...],
                 loose: str | None = None) -> None:
        self.number = number
        self.numeral = numeral
        self.title = title
        # A line is this part's heading when it starts with the numeral and holds
        # one of these (table 三's row labels also start with 一、…四、).
        self.words = words
        # A heading worded a little off the template ("六、其他需要说明的事项"),
        # as a pattern for what follows the numeral: the part is there.
        self.loose = loose


PARTS = (
    Part(1, "一", "总体情况", ("总体情况", "基本情况", "概述"), loose=r"(?:总体|基本|概述|概况)"),
    Part(2, "二", "主动公开政府信息情况", ("主动公开政府信息",)),
    Part(3, "三", "收到和处理政府信息公开申请情况", ("收到和处理", "处理政府信息公开申请")),
    Part(4, "四", "政府信息公开行政复议、行政诉讼情况", ("行政复议",)),
    Part(5, "五", "存在的主要问题及改进情况", ("存在的主要问题", "存在的问题", "主要问题", "改进情况"),
         loose=r".{0,12}(?:问题|改进)"),
    Part(6, "六", "其他需要报告的事项", ("其他需要报告",), loose=r"其他"),
)

#: The report part each table stands in.
TABLE_OF_PART = {t.part: t.id for t in (PROACTIVE_2021, REQUESTS_2021, APPEALS)}

_NUMERALS = {1: "一", 2: "二", 3: "三", 4: "四", 5: "五", 6: "六"}


def numeral(n: int) -> str:
    return _NUMERALS[n]


def cell_label(table_id: str, row_id: str, column_id: str, fmt: Format | None = None) -> str:
    """How a clerk names a cell: 第三部分“（一）予以公开”行“自然人”列."""
    table = (fmt or FORMAT_2021).tables[table_id]
    row = table.row(row_id)
    col = table.column(column_id)
    return f"{table.part_name}“{row.label}”行“{col.label}”列"


# ---------------------------------------------------------------- the prose
# What a figure in the report's prose may stand for.  The prose reader
# (gouji.prose) finds a figure and the words before it; these say which cells
# each kind of words counts.  A reading is (what the message calls it, the
# cells whose sum it is).

Reading = tuple[str, list[CellRef]]

#: Words naming one sub-row of table 三, as (kind, pattern): more specific
#: than their group, so they are weighed above it.  The kind is the row id.
PROSE_SUB_ROWS: tuple[tuple[str, str], ...] = (
    ("refused.1", r"国家秘密"),
    ("refused.2", r"法律行政法规禁止|禁止公开"),
    ("refused.3", r"三安全一稳定"),
    ("refused.4", r"第三方合法权益|第三方"),
    ("refused.5", r"内部事务"),
    ("refused.6", r"过程性"),
    ("refused.7", r"执法案卷"),
    ("refused.8", r"行政查询|查询事项"),
    ("unavailable.2", r"另行制作|没有现成"),
    ("unavailable.3", r"仍不明确|补正后"),
    ("not_processed.3", r"公开出版物"),
    ("not_processed.4", r"大量反复"),
    ("not_processed.5", r"重新出具"),
    ("other.1", r"逾期不补正|逾期未补正|无正当理由逾期|未在规定期限内补正|未按期补正|视为放弃"),
    ("other.2", r"收费通知|缴纳费用"),
    ("other.3", r"撤回"),
)

#: Words naming a row, a group or a column, as (kind, weight, pattern): the
#: heaviest kind nearest a figure says what it counts.
PROSE_TERMS: tuple[tuple[str, int, str], ...] = (
    (_CARRIED_OVER, 8, r"上一?年度?(?:结转|转入|遗留)|(?:19|20)\d\d年度?结转(?![至到入下])|结转自上一?年|往年结转"),
    (_CARRIED_FORWARD, 8, r"结转(?:至|到|入)?下一?年度?|顺延(?:至|到)?下一?年度?|转入下一?年度?|下一?年度?继续办理|"
                          r"结转(?:至|到)?(?:19|20)\d\d年|尚在办理|正在办理|仍在办理|尚未办结|未办结|未答复|尚未答复"),
    ("pending", 6, r"尚未审结|未审结|正在审理|审理中|尚在审理"),
    ("upheld", 6, r"维持"),
    ("corrected", 6, r"纠正|纠错"),
    ("appeal_other", 6, r"其他结果"),
    ("suit_after", 5, r"复议后起诉"),
    ("suit_direct", 5, r"直接起诉|未经复议"),
    (_REVIEW, 5, r"行政复议(?!后)|复议申请|申请复议"),
    ("suit", 5, r"行政诉讼|提起诉讼|起诉|应诉|被诉"),
    ("partly", 5, r"部分公开"),
    ("refused", 5, r"不予公开|不公开"),
    ("granted", 5, r"予以公开|全部公开"),
    ("agreed", 5, r"同意公开"),
    ("not_held", 5, r"不掌握|未掌握|信息不存在"),
    ("unavailable", 5, r"无法提供"),
    ("petition", 5, r"信访举报投诉|信访|举报投诉"),
    ("repeat", 5, r"重复申请"),
    ("not_processed", 5, r"不予处理"),
    ("other_processing", 5, r"其他处理"),
    (_NATURAL, 5, r"自然人"),
    ("org", 5, r"法人(?:或|和|及)?(?:其他)?组织|法人"),
    ("answered", 3, r"答复|办结|办理完毕|处理完毕|已办理|办理"),
    ("received", 3, r"收到|受理|新收|接收|接到|共收"),
)

#: Kinds whose words name another year by their nature (上年结转, 结转至2024年).
ACROSS_YEARS = frozenset({_CARRIED_OVER, _CARRIED_FORWARD})
#: Kinds about 行政复议 and 行政诉讼 (table 四).
APPEAL_KINDS = frozenset({_REVIEW, "suit", "suit_direct", "suit_after", "upheld", "corrected", "appeal_other",
                          "pending"})
#: Kinds whose figure a later 自然人/法人 figure in the sentence breaks down.
_LEADS = {"received": (_NEW,), "granted": ("granted",), "partly": ("partly_granted",)}
#: The rows of table 三 a kind counts, together.
_REQUEST_ROWS = {
    "granted": ("granted",),
    "partly": ("partly_granted",),
    "refused": REQUESTS_2021.children("refused"),
    "unavailable": REQUESTS_2021.children("unavailable"),
    "not_processed": REQUESTS_2021.children("not_processed"),
    "petition": ("not_processed.1",),
    "repeat": ("not_processed.2",),
    _CARRIED_OVER: (_CARRIED_OVER,),
    _CARRIED_FORWARD: (_CARRIED_FORWARD,),
}
#: How a message names what the prose counted.
PROSE_WORDS = {
    "received": "收到（受理）政府信息公开申请", "answered": "答复（办结）申请", "granted": "予以公开",
    "partly": "部分公开", "refused": "不予公开", "unavailable": "无法提供", "not_held": "本机关不掌握相关政府信息",
    "not_processed": "不予处理", "petition": "信访举报投诉类申请", "repeat": "重复申请", "other_processing": "其他处理",
    _CARRIED_OVER: "上年结转", _CARRIED_FORWARD: "结转下年度继续办理", _NATURAL: "自然人申请",
    "org": "法人或其他组织申请", _REVIEW: "行政复议", "suit": "行政诉讼", "suit_direct": "未经复议直接起诉",
    "suit_after": "复议后起诉",
}
#: The prose's words for an appeal outcome → the column of table 四.
_APPEAL_OUTCOME = {"upheld": "upheld", "corrected": "corrected", "appeal_other": "other", "pending": "pending"}
#: Which group of table 四 the prose last named, from the words it used.
APPEAL_TOPICS = (("复议后起诉", "suit_after"), ("直接起诉", "suit_direct"), ("未经复议", "suit_direct"),
                 ("复议", _REVIEW), ("诉讼", "suit"), ("起诉", "suit"))


def appeal_topic(word: str) -> str:
    """The group of table 四 a word of the prose speaks of (复议, 诉讼, one kind of suit)."""
    for fragment, topic in APPEAL_TOPICS:
        if fragment in word:
            return topic
    return "suit"


def _strip_numbering(label: str) -> str:
    """（三）不予公开 → 不予公开; 1.属于国家秘密 → 属于国家秘密."""
    for i, ch in enumerate(label):
        if ch not in "（）()一二三四五六七八九十0123456789.、":
            return label[i:]
    return label


def _row_words(rid: str) -> str:
    """A sub-row as the prose readings name it: 不予公开·属于国家秘密."""
    table = REQUESTS_2021
    row = table.row(rid)
    own = _strip_numbering(row.brief or row.label)
    if row.parent is None or row.parent == _RESULTS:
        return own
    return f"{_strip_numbering(table.row(row.parent).label)}·{own}"


def _rows(rows: tuple[str, ...], col: str = _TOTAL) -> list[CellRef]:
    return [(REQUESTS_ID, r, col) for r in rows]


def _suits(col: str) -> list[CellRef]:
    return [(APPEALS_ID, g, col) for g in SUIT_GROUPS]


def _appeal_readings(kind: str, topic: str | None) -> list[Reading]:
    if kind == _REVIEW:
        return [("行政复议总计", [(APPEALS_ID, _REVIEW, _TOTAL)])]
    if kind == "suit":
        return [("行政诉讼总计（两类合计）", _suits(_TOTAL)),
                ("未经复议直接起诉总计", [(APPEALS_ID, _SUIT_DIRECT, _TOTAL)]),
                ("复议后起诉总计", [(APPEALS_ID, _SUIT_AFTER, _TOTAL)])]
    if kind == "suit_direct":
        return [("未经复议直接起诉总计", [(APPEALS_ID, _SUIT_DIRECT, _TOTAL)])]
    if kind == "suit_after":
        return [("复议后起诉总计", [(APPEALS_ID, _SUIT_AFTER, _TOTAL)])]
    col = _APPEAL_OUTCOME[kind]
    word = APPEALS.column(col).label
    if topic is None:
        return []
    if topic == _REVIEW:
        return [("行政复议" + word, [(APPEALS_ID, _REVIEW, col)])]
    if topic == "suit_direct":
        return [("未经复议直接起诉" + word, [(APPEALS_ID, _SUIT_DIRECT, col)])]
    if topic == "suit_after":
        return [("复议后起诉" + word, [(APPEALS_ID, _SUIT_AFTER, col)])]
    return [("行政诉讼（两类合计）" + word, _suits(col)),
            ("未经复议直接起诉" + word, [(APPEALS_ID, _SUIT_DIRECT, col)]),
            ("复议后起诉" + word, [(APPEALS_ID, _SUIT_AFTER, col)])]


def _applicant_readings(kind: str, rows: tuple[str, ...]) -> list[Reading]:
    cols = (_NATURAL,) if kind == _NATURAL else _ORGS
    # A breakdown of the requests received may count last year's carried over
    # ones too (受理20件（含上年结转2件），其中自然人19件).
    alternatives = [rows] + ([(_NEW, _CARRIED_OVER)] if rows == (_NEW,) else [])
    out: list[Reading] = []
    for rs in alternatives:
        scope = "" if rs == rows else "（含上年结转）"
        out.append((PROSE_WORDS[kind] + scope, [(REQUESTS_ID, r, c) for r in rs for c in cols]))
        if kind == "org":  # "法人5件、其他组织1件": one kind of organisation
            out += [(f"{PROSE_WORDS[kind]}·{APPLICANT_COLUMNS[APPLICANT_PARTS.index(c)].label}{scope}",
                     [(REQUESTS_ID, r, c) for r in rs]) for c in cols]
    return out


def _request_readings(kind: str, fmt: Format | None) -> list[Reading]:
    if kind == "received":
        return [("本年新收", _rows((_NEW,))), ("本年新收 + 上年结转", _rows((_NEW, _CARRIED_OVER)))]
    if kind == "answered":
        out = [("办理结果总计", _rows((_TOTAL,))), ("本年新收", _rows((_NEW,))),
               ("本年新收 + 上年结转", _rows((_NEW, _CARRIED_OVER)))]
        if fmt is not None:
            answered = tuple(r for r in fmt.outcome_rows if r not in fmt.requests.children(_OTHER))
            out.append(("办理结果总计（不含其他处理）", _rows(answered)))
        return out
    if kind == "agreed":
        return [("予以公开", _rows(("granted",))), ("予以公开 + 部分公开", _rows(("granted", "partly_granted")))]
    if kind == "not_held":
        return [("本机关不掌握相关政府信息", _rows(("unavailable.1",))),
                ("无法提供合计", _rows(REQUESTS_2021.children("unavailable")))]
    if kind == "other_processing":
        rows = fmt.requests.children(_OTHER) if fmt is not None else ()
        return [("其他处理合计", _rows(rows))] if rows else []
    if kind in _REQUEST_ROWS:
        rows = _REQUEST_ROWS[kind]
        out = [(PROSE_WORDS[kind], _rows(rows))]
        if len(rows) > 1:  # a group: the prose may have meant one of its sub-rows (无法提供 for 不掌握)
            out += [(_row_words(r), _rows((r,))) for r in rows]
        return out
    if kind in dict(PROSE_SUB_ROWS):
        return [(_row_words(kind), _rows((kind,)))]
    return []


def prose_readings(kind: str, topic: str | None, lead_rows: tuple[str, ...] | None,
                   fmt: Format | None, after: str = "") -> list[Reading]:
    """Every way a figure of ``kind`` may be read against the tables, likeliest first.

    ``topic``: the group of table 四 the prose last named; ``lead_rows``: the
    rows of the figure this one breaks down (自然人 3 件 of the 4 received);
    ``after``: the words right after the figure ("予以公开5件（含部分公开）").
    """
    key = (kind, topic, lead_rows, fmt, "含部分公开" in after)
    readings = _readings_memo.get(key)
    if readings is None:  # a handful of kinds and formats: worked out once each
        readings = _readings_memo[key] = _prose_readings(kind, topic, lead_rows, fmt, key[-1])
    return list(readings)


_readings_memo: dict[tuple, list[Reading]] = {}


def _prose_readings(kind: str, topic: str | None, lead_rows: tuple[str, ...] | None,
                    fmt: Format | None, with_partly: bool) -> list[Reading]:
    if kind in APPEAL_KINDS:
        return _appeal_readings(kind, topic)
    if kind in (_NATURAL, "org"):
        return _applicant_readings(kind, lead_rows or (_NEW,))
    readings = _request_readings(kind, fmt)
    if readings and kind == "granted" and with_partly:
        readings.append(_request_readings("agreed", fmt)[1])
    return readings


def lead_rows(kind: str) -> tuple[str, ...] | None:
    """The rows a figure of ``kind`` counts, for a 自然人/法人 figure after it to break down."""
    return _LEADS.get(kind) or _REQUEST_ROWS.get(kind)


_REVIEW_WORD = regex("复议(?!后起诉)")
_SUIT_WORD = regex(_SUIT_GROUP[2:] + "|起诉")


def appeal_groups_named(words: str, column: str) -> list[Reading]:
    """Which of 行政复议 / 行政诉讼 the words speak of, each with its cells in table 四's
    given column ("复议后起诉" is a lawsuit, not a review)."""
    kinds: list[Reading] = []
    if "复议" in words.replace("复议后起诉", ""):
        kinds.append(("行政复议", [(APPEALS_ID, _REVIEW, column)]))
    if _SUIT_GROUP[2:] in words or "起诉" in words:
        kinds.append((_SUIT_GROUP, _suits(column)))
    return kinds


def appeal_groups_named_at(text: str, column: str) -> list[tuple[int, Reading]]:
    """Where the text first names 行政复议 / 行政诉讼 (the end of the words), each
    with its cells in table 四's given column: a claim after that point may
    speak of it (see ``appeal_groups_named``)."""
    out: list[tuple[int, Reading]] = []
    review = _REVIEW_WORD.search(text)
    if review:
        out.append((review.end(), ("行政复议", [(APPEALS_ID, _REVIEW, column)])))
    suit = _SUIT_WORD.search(text)
    if suit:
        out.append((suit.end(), (_SUIT_GROUP, _suits(column))))
    return out


# Cells the blanket statements of the prose are about (未收到申请, 均予以公开, 无结转).
NEW_TOTAL: CellRef = (REQUESTS_ID, _NEW, _TOTAL)
GRANTED_TOTAL: CellRef = (REQUESTS_ID, "granted", _TOTAL)
RESULTS_TOTAL: CellRef = (REQUESTS_ID, _TOTAL, _TOTAL)
CARRIED_OVER_TOTAL: CellRef = (REQUESTS_ID, _CARRIED_OVER, _TOTAL)
CARRIED_FORWARD_TOTAL: CellRef = (REQUESTS_ID, _CARRIED_FORWARD, _TOTAL)
#: The columns a table's 总计 cell adds up, when that cell is blank.
TOTAL_PARTS = {REQUESTS_ID: APPLICANT_PARTS, APPEALS_ID: APPEAL_OUTCOMES}
TOTAL = _TOTAL


# ---------------------------------------------------------------- layout
# (for the checker page, which draws the rebuilt tables in template layout)

def layout(format_id: str) -> dict:
    """The three tables of a format as plain JSON-serialisable data."""
    fmt = FORMATS[format_id]
    tables = []
    for tid in TABLE_IDS:
        t = fmt.tables[tid]
        depth: dict[str, int] = {}
        rows = []
        for r in t.rows:
            depth[r.id] = depth[r.parent] + 1 if r.parent in depth else 0
            rows.append({"id": r.id, "label": r.label, "group": r.group, "parent": r.parent,
                         "depth": depth[r.id], "columns": list(r.columns) if r.columns else None})
        tables.append({
            "id": t.id, "part": t.part, "title": t.title, "row_header": t.row_header,
            "side_by_side": t.side_by_side,
            "columns": [{"id": c.id, "label": c.label, "group": c.group} for c in t.columns],
            "rows": rows,
        })
    return {"format": fmt.id, "document": fmt.document, "name": fmt.name, "tables": tables}
