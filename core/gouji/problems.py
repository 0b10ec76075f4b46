"""What the reading stages could not do, each kind a small class with its message.

The decoder, the section finder and the table reader record a problem
wherever they could not read something; they never guess.  The input and
structure rules (``gouji.rules.input``, ``gouji.rules.structure``) turn each
problem into a finding, with the words written here: one place for every
message about reading.
"""

from __future__ import annotations

from typing import Any

from .formats import CellRef, Format
from .record import Record

_LISTED = 6  # how many rows or numbers a message lists before "等 N 行"


def _fmt(n: Any) -> str:
    return f"{n:g}" if isinstance(n, float) else str(n)


class Problem(Record):
    """A table, rows or a cell that could not be read, and why."""

    kind = ""

    def __init__(self, table: str, rows: tuple[str, ...] = (), column: str | None = None,
                 detail: dict | None = None) -> None:
        self.table = table
        self.rows = rows
        self.column = column
        self.detail = {} if detail is None else detail

    def message(self, fmt: Format) -> str:
        raise NotImplementedError

    def cells(self, fmt: Format) -> list[CellRef]:
        """The cells the problem leaves unread (marked on the page)."""
        return []

    def expected(self) -> Any:
        return None

    def actual(self) -> Any:
        return None

    # helpers for the messages
    def _name(self, fmt: Format) -> str:
        return fmt.tables[self.table].name

    def _label(self, fmt: Format, row: str) -> str:
        return fmt.tables[self.table].row(row).label

    def _row_cells(self, fmt: Format, rows: tuple[str, ...]) -> list[CellRef]:
        spec = fmt.tables[self.table]
        return [(self.table, r, c.id) for r in rows for c in spec.columns_of(spec.row(r))]

    def _listing(self, fmt: Format, limit: int = 8) -> str:
        labels = "、".join(f"“{self._label(fmt, r)}”" for r in self.rows[:limit])
        return labels + (f"等 {len(self.rows)} 行" if len(self.rows) > limit else "")


class NotFound(Problem):
    """A table of the format that is not in the text at all."""

    kind = "not_found"

    def message(self, fmt: Format) -> str:
        return f"未找到{self._name(fmt)}，其中的数字都没有检查。"


class NoRows(Problem):
    """A table's header, but no row label under it."""

    kind = "no_rows"

    def message(self, fmt: Format) -> str:
        n = self.detail.get("values", 0)
        extra = f"（表头下有 {n} 个数字无法对应到行）" if n else ""
        return f"{self._name(fmt)}只找到表头，认不出任何一行的行标题{extra}，表中数字都没有检查。"


class Flattened(Problem):
    """Table 三 cut down to one number a row: the numbers fit no column.
    ``detail["numbers"]``: row id → the number read on that row."""

    kind = "flattened"

    def numbers(self) -> dict[str, Any]:
        return self.detail["numbers"]

    def message(self, fmt: Format) -> str:
        numbers = self.numbers()
        listing = "、".join(f"“{self._label(fmt, r)}” {v}" for r, v in list(numbers.items())[:_LISTED])
        more = f" 等共 {len(numbers)} 行" if len(numbers) > _LISTED else ""
        return (f"{self._name(fmt)}每行只有一个数字，无法判断属于哪一列，各单元格都记为无法读取。"
                f"读到的数字：{listing}{more}。{self._balance(fmt)}")

    def _balance(self, fmt: Format) -> str:
        """The balance identity on the one number of each row (the row's 总计)."""
        numbers = self.numbers()
        identity = fmt.identity("A101")
        if identity.table != self.table or not all(r in numbers for r in identity.left + identity.right):
            return ""
        (a, b), (c, d) = ([numbers[r] for r in identity.left], [numbers[r] for r in identity.right])
        w = identity.words
        lhs, rhs = a + b, c + d
        verdict = "相符" if lhs == rhs else f"不相符，相差 {_fmt(abs(lhs - rhs))}"
        return (f"按行读出的数字：{w[0]} {_fmt(a)} + {w[1]} {_fmt(b)} = {_fmt(lhs)}，"
                f"{w[2]} {_fmt(c)} + {w[3]} {_fmt(d)} = {_fmt(rhs)}，{verdict}。")

    def actual(self) -> Any:
        return self.numbers()


class BlankColumn(Problem):
    """A column left blank from top to bottom while others hold figures."""

    kind = "blank_column"

    def message(self, fmt: Format) -> str:
        col = fmt.tables[self.table].column(self.column or "").label
        return f"{self._name(fmt)}的“{col}”列整列空白，不能当作 0，这一列记为无法读取。"

    def cells(self, fmt: Format) -> list[CellRef]:
        return [(self.table, r, self.column or "") for r in self.rows]


class _RowCount(Problem):
    """A row whose count of numbers fits none of its columns."""

    def message(self, fmt: Format) -> str:
        row = self.rows[0]
        nums = "、".join(self.detail.get("numbers", [])[:10])
        return (f"{self._name(fmt)}“{self._label(fmt, row)}”行应有 {self.detail['expected']} 个数字，"
                f"读到 {self.detail['count']} 个（{nums}），无法对应到各列，这一行记为无法读取。")

    def cells(self, fmt: Format) -> list[CellRef]:
        return self._row_cells(fmt, self.rows[:1])

    def expected(self) -> Any:
        return self.detail["expected"]

    def actual(self) -> Any:
        return self.detail["count"]


class ShortRow(_RowCount):
    kind = "short_row"


class LongRow(_RowCount):
    kind = "long_row"


class WrongCount(Problem):
    """Table 四's fifteen cells came as another count of numbers."""

    kind = "wrong_count"

    def message(self, fmt: Format) -> str:
        return (f"{self._name(fmt)}应有 {self.detail['expected']} 个数字，读到 {self.detail['count']} 个，"
                f"无法对应到各列，整张表记为无法读取。")

    def expected(self) -> Any:
        return self.detail["expected"]

    def actual(self) -> Any:
        return self.detail["count"]


class Interleaved(Problem):
    """Table 四's figures with header words between them (PDF text extracted
    column by column): their order is not the table's, so no cell is placed."""

    kind = "interleaved"

    def message(self, fmt: Format) -> str:
        return (f"{self._name(fmt)}的数字与表头文字交错排列（常见于按列提取的 PDF 文字），"
                f"无法确定每个数字属于哪一格，整张表记为无法读取。")


class MissingRows(Problem):
    """Rows of the format whose labels and figures are not in the text."""

    kind = "missing_rows"

    def message(self, fmt: Format) -> str:
        return f"{self._name(fmt)}缺少{self._listing(fmt)}，这些行记为无法读取。"

    def cells(self, fmt: Format) -> list[CellRef]:
        return self._row_cells(fmt, self.rows)


class Truncated(Problem):
    """The text stops inside the table.  ``detail["after"]``: the last row read
    (a row table), or ``detail["count"]`` of ``["expected"]`` numbers (table 四)."""

    kind = "truncated"

    def message(self, fmt: Format) -> str:
        if "after" not in self.detail:
            return (f"{self._name(fmt)}不完整：应有 {self.detail['expected']} 个数字，"
                    f"文字结束前只读到 {self.detail['count']} 个，整张表记为无法读取。")
        partial = self.detail.get("partial")
        part = f"（该行只读到 {partial} 个数字）" if partial else ""
        return (f"{self._name(fmt)}在“{self._label(fmt, self.detail['after'])}”行{part}之后中断，"
                f"从“{self._label(fmt, self.rows[0])}”起的 {len(self.rows)} 行缺失，这些单元格记为无法读取。")

    def cells(self, fmt: Format) -> list[CellRef]:
        return self._row_cells(fmt, self.rows) if "after" in self.detail else []


class BadCell(Problem):
    """A cell that holds something other than a number."""

    kind = "bad_cell"

    def message(self, fmt: Format) -> str:
        spec = fmt.tables[self.table]
        return (f"{spec.part_name}“{spec.row(self.rows[0]).label}”行“{spec.column(self.column or '').label}”列"
                f"写的是“{self.detail['raw']}”，不是数字，记为无法读取。")

    def cells(self, fmt: Format) -> list[CellRef]:
        return [(self.table, self.rows[0], self.column or "")]

    def actual(self) -> Any:
        return self.detail["raw"]


class InOrder(Problem):
    """Rows whose labels were lost but whose numbers fit them exactly, in template order."""

    kind = "in_order"

    def message(self, fmt: Format) -> str:
        return f"{self._name(fmt)}中{self._listing(fmt, 4)}的行标题缺失，数字个数与格式相符，已按格式顺序对应。"


class OneRow(Problem):
    """A group row printed as one row with figures of its own, its sub-rows
    left out (format 2021's （六）其他处理 in several templates): read as one row."""

    kind = "one_row"

    def message(self, fmt: Format) -> str:
        row = self.rows[0]
        subs = fmt.base.tables[self.table].children(row)
        return (f"{self._name(fmt)}“{self._label(fmt, row)}”按一行填写，没有分列 {len(subs)} 个分项："
                f"已按一行读取并计入“{self._total_label(fmt)}”，各分项记为空。")

    def _total_label(self, fmt: Format) -> str:
        spec = fmt.tables[self.table]
        parent = spec.row(self.rows[0]).parent
        siblings = [r for r in spec.data_rows if r.parent == parent]
        return siblings[-1].label if siblings else ""


class RunTogether(Problem):
    """Figures whose digits ran together (a web page's text, narrow PDF columns)
    and could not be split into cells one way only.  ``detail["runs"]``: row id →
    the digits as written; ``detail["splits"]``: row id → how many splits fit
    the table's sums (0 or more than one)."""

    kind = "run_together"

    def message(self, fmt: Format) -> str:
        runs = self.detail["runs"]
        listing = "、".join(f"“{self._row_name(fmt, r)}” {d}" for r, d in list(runs.items())[:_LISTED])
        more = f" 等共 {len(runs)} 处" if len(runs) > _LISTED else ""
        return (f"{self._name(fmt)}中{listing}{more}：数字连在一起，无法确定分列"
                f"（按表格自身的勾稽关系拆分，没有唯一的拆法），这些单元格记为无法读取。")

    def _row_name(self, fmt: Format, row: str) -> str:
        spec = fmt.tables[self.table]
        return spec.row(row).label if row in {r.id for r in spec.rows} else spec.title

    def cells(self, fmt: Format) -> list[CellRef]:
        return self._row_cells(fmt, self.rows)

    def actual(self) -> Any:
        return self.detail["runs"]


class SplitBySums(Problem):
    """Figures whose digits ran together, split into cells the one way the
    digits allow (a figure never starts with 0) or, failing that, the one way
    the table's own sums allow.  ``detail["sum"]``: that sum, in words;
    ``detail["by_sums"]``: the rows it was needed for."""

    kind = "split_by_sums"

    def message(self, fmt: Format, named: bool = True) -> str:
        """``named=False``: without the table's name (said after another message about it)."""
        side = fmt.tables[self.table].side_by_side
        where = "" if side else f"有 {len(self.rows)} 行"
        by_sums = self.detail.get("by_sums") or []
        text = f"{self._name(fmt) if named else '表中另'}{where}的数字连在一起，"
        if len(by_sums) < len(self.rows):
            text += "按“数字不以 0 开头”只有一种拆分方式，已据此分列"
        if by_sums:
            rows = "" if side else (f"其中 {len(by_sums)} 行" if len(by_sums) < len(self.rows) else "")
            text += ("；" if len(by_sums) < len(self.rows) else "") + (
                f"{rows}按“{self.detail['sum']}”找到唯一的拆分方式并据此分列，这一勾稽关系因此不能再作为核对依据")
        return text + "。请对照原表核对重建的表格。"


# ------------------------------------------------------------------ the input


class InputProblem(Record):
    """Why a whole input could not be read as text at all."""

    kind = ""
    rule = ""  # the input rule that reports it

    def __init__(self, message: str) -> None:
        self.message = message


class Empty(InputProblem):
    kind, rule = "empty", "U001"

    def __init__(self) -> None:
        super().__init__("输入为空：没有可以检查的文字。请粘贴年度报告全文，或选择报告的文本文件。")


class TooLarge(InputProblem):
    kind, rule = "too_large", "U002"

    def __init__(self, megabytes: float, limit_mb: int, what: str = "文件") -> None:
        super().__init__(f"{what}过大（约 {megabytes:.1f} MB）。年度报告正文通常不超过 1 MB，"
                         f"本工具只读取 {limit_mb} MB 以内的文本，未做任何检查。")


class Undecodable(InputProblem):
    kind, rule = "undecodable", "U002"

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or (
            "无法识别文件内容：这不是 UTF-8、GB18030/GBK、Big5 或 UTF-16 编码的文本，"
            "也不是网页、Word（.docx）或 PDF 文件。请把报告另存为 .docx 或纯文本，或复制全文粘贴进来；未做任何检查。"))


_NONE_CHECKED = "未做任何检查。"
_SAVE_AS_DOCX = "请在 Word 或 WPS 中打开，另存为 .docx，或复制全文粘贴进来；" + _NONE_CHECKED


_NOT_A_REPORT = {
    "doc": "这是旧版 Word（.doc）或 WPS（.wps）格式的文件，不能直接读取。" + _SAVE_AS_DOCX,
    "rtf": "这是 RTF 格式的文件，不能直接读取。" + _SAVE_AS_DOCX,
    "odf": "这是 OpenDocument（.odt）格式的文件，不能直接读取。" + _SAVE_AS_DOCX,
    "excel": "这是 Excel 或 WPS 表格文件，不是年度报告全文。请选择报告的 .docx、PDF 或网页文件，"
             "或复制报告全文粘贴进来；" + _NONE_CHECKED,
    "powerpoint": "这是演示文稿文件，不是年度报告全文。请选择报告的 .docx、PDF 或网页文件；" + _NONE_CHECKED,
    "zip": "这是一个压缩包（zip），不是 Word（.docx）文件。请解压后选择其中的报告文件；" + _NONE_CHECKED,
    "archive": "这是一个压缩包（rar、7z 或 gz），请解压后选择其中的报告文件；" + _NONE_CHECKED,
    "image": "这是一张图片，其中的文字和表格无法读取。请选择报告的网页、Word 或 PDF 文件，"
             "或复制报告全文粘贴进来；" + _NONE_CHECKED,
}


class NotAReport(InputProblem):
    """A file of a kind the checker does not read (told by its first bytes), and what to do instead."""

    kind, rule = "not_a_report", "U002"

    def __init__(self, what: str) -> None:
        super().__init__(_NOT_A_REPORT.get(what) or Undecodable().message)
        self.what = what


class BrokenFile(InputProblem):
    """A .docx or PDF that cannot be opened: damaged, cut short, or too big once unpacked."""

    kind, rule = "broken_file", "U002"

    def __init__(self, what: str, detail: str) -> None:
        fix = ("请重新下载后再检查，或复制全文粘贴进来；" if what == "PDF" else
               "请在 Word 或 WPS 中打开后重新保存为 .docx，或复制全文粘贴进来；")
        space = "" if what.endswith("）") else " "
        super().__init__(f"{what}{space}文件无法读取（{detail}）。{fix}{_NONE_CHECKED}")


class NoTextLayer(InputProblem):
    """A PDF with no text in it: a scan, or pages saved as pictures."""

    kind, rule = "no_text_layer", "U002"

    def __init__(self, pages: int) -> None:
        super().__init__(f"这个 PDF（{pages} 页）没有文字层，可能是扫描件或图片，其中的文字和表格无法读取。"
                         "请选择报告的网页或 Word 版本，或复制报告全文粘贴进来；" + _NONE_CHECKED)


class EncryptedPdf(InputProblem):
    kind, rule = "encrypted_pdf", "U002"

    def __init__(self) -> None:
        super().__init__("这个 PDF 设置了密码保护，无法读取其中的文字。请使用未加密的版本，"
                         "或复制报告全文粘贴进来；" + _NONE_CHECKED)


class Unopenable(InputProblem):
    """A file that could not be opened (missing, no permission, a folder with no reports)."""

    kind, rule = "unopenable", "U002"

    @classmethod
    def file(cls, reason: str) -> Unopenable:
        """A file that the system (the CLI) or the browser (the page) would not hand over, and why."""
        return cls(f"无法打开文件：{reason}")


class AddonMissing(InputProblem):
    """A component a kind of input needs is not installed (or, in the page, not loaded yet)."""

    kind, rule = "addon_missing", "U002"

    def __init__(self, what: str, package: str) -> None:
        super().__init__(f"读取{what}需要的组件（{package}）没有安装或没有加载成功，这个{what}没有检查。"
                         "网页版请刷新页面后重试，命令行版请重新安装 gouji；也可以复制报告全文粘贴进来。"
                         + _NONE_CHECKED)
        self.package = package


class Internal(InputProblem):
    """The checker itself failed on this input: said as such, never a pass."""

    kind, rule = "internal", "internal"

    def __init__(self, what: str) -> None:
        super().__init__(f"检查器内部错误（{what}），这份报告没有检查完。请把报告发给维护者以便修正。")
