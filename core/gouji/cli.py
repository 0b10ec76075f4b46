"""`gouji check PATH...`: check reports in files, folders or standard input;
`gouji rules`: list the rules.

Exit status (from each report's verdict): 0 when every report passed; 1 when
a report has an error; 3 when none has an error but some could not be fully
checked; 2 when an input could not be read at all (a missing file, binary
junk, an empty file, a text with no report table).  2 wins over 1, 1 over 3.
130 when stopped by Ctrl+C (what was done is said), 141 when the reader of
the output stopped reading (`gouji check … | head`), as a Unix tool does.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import gc
import json
import os
import sys
import time
from collections.abc import Generator, Iterator
from typing import Any, NoReturn

from . import __version__
from .check import check_bytes
from .extract import MAX_FILE_BYTES, check_file_size
from .problems import Internal, Unopenable
from .record import Record
from .result import summary_counts, to_json, unreadable_result
from .rules import RULES
from .vocabulary import CATEGORIES, NOT_CHECKED, SEVERITIES, VERDICTS

#: What a folder is searched for: reports as text, saved web pages, Word and PDF files, and the
#: old Word and WPS files (to say what to do with them).  A file of another name is taken when
#: its bytes say it is a PDF or a .docx (a download saved without its extension); a file named
#: on the command line is read whatever its name.  What a file is, is told by its bytes.
REPORT_SUFFIXES = (".txt", ".text", ".md", ".htm", ".html", ".shtml", ".xhtml", ".docx", ".pdf", ".doc", ".wps")

#: Exit status by verdict, and which status wins in a batch.
EXIT = {"pass": 0, "fail": 1, "unreadable": 2, "incomplete": 3}
_PRECEDENCE = (2, 1, 3, 0)

#: The system's reasons a file cannot be opened, in Chinese.
_OS_REASONS = {errno.ENOENT: "文件不存在", errno.EACCES: "没有读取权限", errno.EISDIR: "这是一个文件夹",
               errno.ENOTDIR: "路径中有一段不是文件夹", errno.ELOOP: "符号链接循环", errno.ENAMETOOLONG: "文件名太长"}


def _os_reason(exc: OSError) -> str:
    return _OS_REASONS.get(exc.errno or 0, "系统无法打开它")


class Input(Record):
    """One report to check: a file by its path (read by whoever checks it), or standard input's bytes."""

    def __init__(self, name: str, data: bytes | None = None, problem: str | None = None) -> None:
        self.name = name
        self.data = data
        self.problem = problem  # why it cannot be read at all


def inputs(paths: list[str]) -> Iterator[Input]:
    """Every report to check, in a stable order; folders are walked lazily (a
    province's reports are never listed in memory at once)."""
    for path in paths:
        if path == "-":
            yield Input("-", sys.stdin.buffer.read())
        elif os.path.isdir(path):
            found = False
            for file in _folder(path):
                found = True
                yield Input(file)
            if not found:
                yield Input(path, problem=f"文件夹中没有可检查的文件（{'、'.join(REPORT_SUFFIXES)}）")
        else:
            yield Input(path)


def _folder(path: str) -> Iterator[str]:
    """The reports in a folder and its subfolders, in name order; hidden files, Word's
    lock files (~$…) and files that are no report by name or by content left out."""
    for root, dirs, files in os.walk(path):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith((".", "~$")):
                continue
            full = os.path.join(root, name)
            if name.lower().endswith(REPORT_SUFFIXES) or _sniffed(full):
                yield full


def _sniffed(path: str) -> bool:
    from .extract.files import sniff

    try:
        with open(path, "rb") as fh:
            head = fh.read(1024)
    except OSError:
        return False
    kind = sniff(head)
    if kind == "zip":
        import zipfile

        try:
            return "word/document.xml" in zipfile.ZipFile(path).namelist()
        except (OSError, zipfile.BadZipFile):
            return False
    return kind == "pdf"


#: With the collector off in a batch (see main), a collection every so many
#: reports (check_input counts them, in this process or in a worker): of the
#: objects made since the last one (a cycle an odd input tied is among them),
#: and of every object only every FULL_EVERY of those.  The memos grow to
#: tens of thousands of objects, none in a cycle: a full look at all of them
#: every time took 5-9 ms at 32,000-56,000 objects, and more as they grew.
COLLECT_EVERY = 256
FULL_EVERY = 16
_since_collected = 0
_collections = 0


def _collect_now_and_then() -> None:
    global _since_collected, _collections
    _since_collected += 1
    if _since_collected >= COLLECT_EVERY:
        _since_collected = 0
        if not gc.isenabled():
            _collections += 1
            gc.collect(2 if _collections % FULL_EVERY == 0 else 1)


def check_input(item: Input, previous: bytes | None = None) -> dict[str, Any]:
    """The result for one input; never raises: a report that breaks the checker
    gets an internal finding, and the batch goes on."""
    _collect_now_and_then()
    if item.problem is not None:
        return unreadable_result(Unopenable(item.problem), item.name)
    data = item.data
    if data is None:
        try:
            # unbuffered: each file is read in one or two calls, and a buffered
            # file object asks first whether it is a terminal (a third of the read)
            with open(item.name, "rb", buffering=0) as fh:
                size = os.fstat(fh.fileno()).st_size
                too_large = check_file_size(size)  # never read a huge file whole to refuse it
                if too_large is not None:
                    return unreadable_result(too_large, item.name)
                # read by the size it says (a read of the cap would set aside 50 MB
                # for every file); a file that grows meanwhile is read on to the cap
                data = _read_up_to(fh, size + 1)
                if len(data) > size:
                    data += _read_up_to(fh, MAX_FILE_BYTES + 1 - len(data))
        except OSError as exc:
            return unreadable_result(Unopenable.file(_os_reason(exc)), item.name)
    try:
        return check_bytes(data, item.name, previous)
    except Exception as exc:  # a bug in the checker: said for this report, the others go on
        return unreadable_result(Internal(type(exc).__name__), item.name)


def _read_up_to(fh: Any, count: int) -> bytes:
    """``count`` bytes of an unbuffered file, or fewer at its end (one read of
    an unbuffered file may return less than asked, as a pipe's does)."""
    data = fh.read(count) or b""
    while 0 < len(data) < count:
        more = fh.read(count - len(data))
        if not more:
            break
        data += more
    return data


def headline(result: dict[str, Any]) -> str:
    """The verdict as the page says it: 通过 / N 处错误 / 未能全部检查 / 无法检查."""
    counts = summary_counts(result)
    v = result["verdict"]
    if v == "fail":
        return f"{counts['error']} 处{SEVERITIES['error']}"
    return VERDICTS[v][1]


def render_summary(result: dict[str, Any]) -> str:
    """A few lines a person reads in a terminal."""
    counts = summary_counts(result)
    name = result.get("file") or "（标准输入）"
    if name == "-":
        name = "（标准输入）"
    if result["verdict"] == "unreadable" and not result.get("tables"):
        # one line: what could not be read, and why; then what else reading found (a
        # PDF page left unread may be where the tables are)
        more = [f"  [{f['rule']} {SEVERITIES[f['severity']]}] {f['message']}"
                for f in result["findings"][1:] if f["category"] == "input"]
        return "\n".join([f"{name}：{headline(result)}（{result['findings'][0]['message']}）", *more])
    meta = "，".join(x for x in (
        result.get("body"),
        f"{result['year']}年度" if result.get("year") else None,
        f"{result['format']}版格式" if result.get("format") else None,
    ) if x)
    extras = [f"{counts['warning']} 处{SEVERITIES['warning']}" if counts["warning"] else "",
              f"{counts['info']} 条{SEVERITIES['info']}" if counts["info"] else "",
              f"{counts['not_checked']} 项{NOT_CHECKED}" if counts["not_checked"] else ""]
    line = f"{name}：{headline(result)}" + "".join(f"，{e}" for e in extras if e)
    if meta:
        line += f"（{meta}）"
    out = [line]
    for s in result.get("suspects", []):
        if s.get("sure"):
            out.append(f"  最可能的错误：{s['message']}")
    for reason in result.get("unchecked", []):
        out.append(f"  [{NOT_CHECKED}] {reason}")
    for f in result["findings"]:
        out.append(f"  [{f['rule']} {SEVERITIES[f['severity']]}] {f['message']}")
    # Rules skipped for one shared reason are listed together.
    by_reason: dict[str, list[str]] = {}
    for n in result["not_checked"]:
        by_reason.setdefault(n["reason"], []).append(n["rule"])
    for reason, codes in by_reason.items():
        out.append(f"  [{'、'.join(codes)} {NOT_CHECKED}] {reason}")
    return "\n".join(out)


def list_rules(as_json: bool) -> int:
    """Every rule: code, severities, category and title (the catalogue the site documents)."""
    rows: list[dict[str, Any]] = [
        {"code": r.code, "severity": r.severity, "severities": list(r.severities), "category": r.category,
         "title": r.title} for r in RULES]
    if as_json:
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=1) + "\n")
        return 0
    for r in rows:
        words = "/".join(SEVERITIES[s] for s in r["severities"])
        sys.stdout.write(f"{r['code']}  {words:<5}  {CATEGORIES[r['category']]:<6}  {r['title']}\n")
    return 0


class _ChineseHelp(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, prefix="用法：" if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    """argparse in Chinese: headings, the help option and the usage errors a person meets."""

    _ERRORS = (
        ("the following arguments are required: ", "缺少参数："),
        ("unrecognized arguments: ", "无法识别的参数："),
        ("invalid choice: ", "无效的选项："),
        ("expected one argument", "需要一个参数"),
        ("argument ", "参数 "),
        ("choose from", "可选"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _ChineseHelp)
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)
        self._positionals.title = "参数"
        self._optionals.title = "选项"
        self.add_argument("-h", "--help", action="help", help="显示这段帮助并退出")

    def error(self, message: str) -> NoReturn:
        for english, chinese in self._ERRORS:
            message = message.replace(english, chinese)
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}：错误：{message}\n")


def _jobs(value: str) -> int:
    """--jobs: a whole number, 0 or more (0: every core)."""
    try:
        n = int(value)
    except ValueError:
        n = -1
    if n < 0:
        raise argparse.ArgumentTypeError(f"进程数应为 0 或正整数（0 表示本机全部 CPU 核），而不是 {value!r}")
    return n


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="gouji", description="政府信息公开工作年度报告勾稽检查")
    parser.add_argument("--version", action="version", version=f"gouji {__version__}", help="显示版本并退出")
    sub = parser.add_subparsers(dest="command", required=True, title="命令", metavar="命令",
                                parser_class=_Parser)
    check = sub.add_parser(
        "check", help="检查年度报告（文件、文件夹，或用 - 表示标准输入）",
        description="检查年度报告：文件、文件夹（其中的文本、网页 .htm/.html、Word .docx 和 PDF 文件，"
                    "按文件内容而不只是扩展名识别），或 - 表示标准输入。"
                    "退出码：0 全部通过；1 有报告发现错误；3 没有错误但有未能检查的部分；"
                    "2 有输入无法读取。")
    check.add_argument("paths", nargs="+", metavar="路径", help="报告文件、文件夹，或 -（标准输入）")
    check.add_argument("--format", choices=("text", "json", "csv"), default="text",
                       help="输出格式：text 可读的摘要（默认）；json 每份报告一行 JSON（JSON Lines）；"
                            "csv 每份报告一行，Excel 可直接打开")
    check.add_argument("--json", action="store_true", help="同 --format json")
    check.add_argument("--jobs", "-j", type=_jobs, default=0, metavar="N",
                       help="同时检查的进程数（默认：本机全部 CPU 核）")
    check.add_argument("--quiet", "-q", action="store_true", help="不显示进度")
    check.add_argument("--previous", metavar="上年报告", help="同一机关上一年度的报告，用于核对结转数等")
    listing = sub.add_parser("rules", help="列出全部检查规则",
                             description="列出全部检查规则：代码、严重程度、类别、名称。")
    listing.add_argument("--json", action="store_true", help="输出 JSON")
    return parser


class HeldInterrupt:
    """Ctrl+C held back while a result is written, so that every line of the
    output is whole.  Raised in the middle of a write that waits for a slow
    reader (a pipe is full at 64 kB, and one report's JSON can be longer), it
    cut the line and lost the rest of it: a JSON line no program could read.
    Held, it stops the batch once the line is out.  A second Ctrl+C while one
    is held is not held: a reader that never reads again cannot keep the CLI
    from stopping.

    On POSIX the line goes to the file descriptor itself: a signal that comes
    while a write waits makes the system's write() return what it wrote so
    far, and Python's buffered file then drops the rest (CPython 3.11, even
    with a handler that raises nothing), where os.write's count says what is
    left to write."""

    def __init__(self) -> None:
        self.holding = False
        self.held = False
        self.installed = False

    def install(self) -> None:
        """In place of Python's own handler only: where Ctrl+C is ignored (a
        command run in the background), it stays so; and only in the main
        thread, the one Python runs handlers in."""
        import signal
        import threading

        if (threading.current_thread() is threading.main_thread()
                and signal.getsignal(signal.SIGINT) is signal.default_int_handler):
            signal.signal(signal.SIGINT, self._on_ctrl_c)
            self.installed = True

    def uninstall(self) -> None:
        """Python's own handler again (main() is called in other programs too)."""
        import signal

        if self.installed:
            signal.signal(signal.SIGINT, signal.default_int_handler)
            self.installed = False

    def _on_ctrl_c(self, signum: int, frame: Any) -> None:
        if self.holding and not self.held:
            self.held = True
            return
        self.held = False
        raise KeyboardInterrupt

    def write(self, out: Any, text: str) -> None:
        self.holding = True
        try:
            fd = _descriptor(out) if self.installed and os.name == "posix" else None
            if fd is None:
                out.write(text)
            else:
                out.flush()  # what went through it before, first
                encoding = getattr(out, "encoding", None) or "utf-8"
                data = memoryview(text.encode(encoding, getattr(out, "errors", None) or "strict"))
                while data:
                    data = data[os.write(fd, data):]
        finally:
            self.holding = False
        if self.held:
            self.held = False
            raise KeyboardInterrupt


def _is_terminal(out: Any) -> bool:
    try:
        return bool(out.isatty())
    except (AttributeError, OSError, ValueError):
        return False


def _descriptor(out: Any) -> int | None:
    """The file descriptor under a text file, or None (a StringIO, say)."""
    try:
        return int(out.fileno())
    except (AttributeError, OSError, ValueError):
        return None


class Batch:
    """Writes each result as it comes (text, JSON Lines or CSV), shows progress on
    a terminal, and ends with a summary: how many passed, failed, were incomplete
    or unreadable, and the most frequent rules.  Each result's lines are written
    whole, Ctrl+C or not (HeldInterrupt)."""

    CSV_FIELDS = ("文件", "机关", "年度", "结论", *SEVERITIES.values(), NOT_CHECKED, "规则")

    def __init__(self, output: str, out: Any, err: Any, progress: bool) -> None:
        self.output = output
        self.out = out
        self.err = err
        self.progress = progress
        # The results go to the terminal the progress is drawn on: each result's
        # line first erases the count (drawn after the last one, on the same
        # line), or it came after it: "已检查 3 份（每秒 63 份）/path：通过".
        self.shared_terminal = progress and _is_terminal(out)
        self.progress_drawn = False
        self.interrupt = HeldInterrupt()
        self.verdicts: dict[str, int] = dict.fromkeys(VERDICTS, 0)
        self.rules: dict[str, int] = {}
        self.count = 0
        self.started = time.monotonic()
        if output == "csv":
            self.out.write("\ufeff")  # UTF-8 with BOM: Excel opens it as UTF-8
            self._csv(self.CSV_FIELDS)

    def _csv(self, row) -> None:
        import csv
        import io

        buf = io.StringIO()
        csv.writer(buf, lineterminator="\r\n").writerow(_no_formula(v) for v in row)
        self.interrupt.write(self.out, buf.getvalue())

    def add(self, result: dict[str, Any]) -> None:
        self.count += 1
        self.verdicts[result["verdict"]] += 1
        codes = sorted({f["rule"] for f in result["findings"]})
        for code in codes:
            self.rules[code] = self.rules.get(code, 0) + 1
        if self.shared_terminal:
            self._erase_progress()
        if self.output == "json":
            self.interrupt.write(self.out, to_json(result) + "\n")
        elif self.output == "csv":
            counts = summary_counts(result)
            self._csv((result.get("file") or "-", result.get("body") or "", result.get("year") or "",
                       VERDICTS[result["verdict"]][1], counts["error"], counts["warning"], counts["info"],
                       counts["not_checked"], " ".join(codes)))
        else:
            self.interrupt.write(self.out, render_summary(result) + "\n")
        if self.progress and (self.count % 25 == 0 or self.count < 25 or self.shared_terminal):
            rate = self.count / max(1e-9, time.monotonic() - self.started)
            self.err.write(f"\r已检查 {self.count} 份（每秒 {rate:.0f} 份）")
            self.err.flush()
            self.progress_drawn = True

    def _erase_progress(self) -> None:
        if self.progress_drawn:
            self.err.write("\r" + " " * 40 + "\r")  # wider than the count, in any terminal's columns
            self.err.flush()
            self.progress_drawn = False

    def finish(self, interrupted: bool = False) -> None:
        self._erase_progress()
        if self.count < 2 and not interrupted:
            return  # one report's own lines say it all (a batch stopped early says so)
        v = self.verdicts
        words = {k: w for k, (_, w) in VERDICTS.items()}
        line = (f"共 {self.count} 份报告：{words['pass']} {v['pass']} 份，{words['fail']} {v['fail']} 份，"
                f"{words['incomplete']} {v['incomplete']} 份，{words['unreadable']} {v['unreadable']} 份"
                f"（用时 {time.monotonic() - self.started:.1f} 秒）")
        if interrupted:
            line = "\n已中断。" + line  # on a line of its own, after the one Ctrl+C cut
        top = sorted(self.rules.items(), key=lambda kv: (-kv[1], kv[0]))[:8]
        titles = {r.code: r.title for r in RULES}
        lines = [line]
        if top:
            lines.append("最常见的规则：" + "；".join(f"{c} {titles.get(c, c)} {n} 份" for c, n in top))
        # the summary goes where it does not mix with data a program reads
        target = self.out if self.output == "text" else self.err
        target.write("\n".join(lines) + "\n")

    def status(self) -> int:
        present = {EXIT[k] for k, n in self.verdicts.items() if n}
        return next((s for s in _PRECEDENCE if s in present), 0)


def _no_formula(value: Any) -> Any:
    """A text field that a spreadsheet would take for a formula (=, +, -, @ first)
    written with a ' before it, as the page's CSV does: a file name or a body's
    name from a report is never run when the table is opened in Excel."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _worker_init() -> None:
    # A worker process that Ctrl+C reaches stops quietly; the main process reports.
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _check_path(args: tuple[Input, bytes | None]) -> dict[str, Any]:
    return check_input(*args)


def results(items: Iterator[Input], previous: bytes | None, jobs: int) -> Generator[dict[str, Any], None, None]:
    """Each input's result, in input order, streamed: with jobs > 1 the checks
    run in that many processes, each reading its own files.  A process that
    dies under an input (killed for the memory it took, say) never leaves the
    batch waiting for its answer."""
    if jobs <= 1:
        for item in items:
            yield check_input(item, previous)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool
    from itertools import islice

    context = multiprocessing.get_context("spawn" if sys.platform == "win32" else "fork")
    # Inputs go to the processes a window at a time, so that neither the list of
    # paths nor the results waiting their turn grow with the size of the batch.
    window = jobs * 64
    pool: ProcessPoolExecutor | None = None
    finished = False
    try:
        while chunk := list(islice(items, window)):
            pool = pool or ProcessPoolExecutor(jobs, mp_context=context, initializer=_worker_init)
            given = 0
            try:
                for result in pool.map(_check_path, [(item, previous) for item in chunk], chunksize=8):
                    given += 1
                    yield result
            except BrokenProcessPool:
                # A process died under one of the window's inputs: the rest of the
                # window is checked again, each input in a process of its own, so
                # that only the one that kills its process is said to have failed.
                pool.shutdown(wait=False, cancel_futures=True)
                pool = None
                for item in chunk[given:]:
                    yield _alone(item, previous, context)
        finished = True
    finally:
        # (the pool lets go of its own thread and processes when shut down;
        # only its own: a program that runs this may have processes of its own)
        manager = getattr(pool, "_executor_manager_thread", None)
        processes = list((getattr(pool, "_processes", None) or {}).values())
        if pool is not None:
            pool.shutdown(wait=finished, cancel_futures=True)
        if not finished:  # stopped (Ctrl+C, or a program that has seen enough)
            # The pool's own thread, finding a process stopped, fails the futures
            # map() had cancelled, and CPython 3.11 prints that as a traceback:
            # the batch is over, nothing that thread says now is news.
            _quiet(manager)
            _stop(processes, manager)


#: How long the processes of a batch stopped early may take to finish the
#: reports they were already given (a few each) and leave, before they are stopped.
STOP_GRACE_S = 3.0


def _stop(children: list[Any], manager: Any) -> None:
    """The processes of a batch stopped early.  Each finishes the reports it was
    given and leaves, as the pool shut down tells it to; one still at work after
    STOP_GRACE_S (in a long check) is stopped then.  Not all at once: a process
    stopped halfway through sending a result (a long one: many findings) leaves
    the pool's own thread waiting for the rest of it for ever, and the program's
    exit waits for that thread (seen: 1 program in 10 that stopped a batch after
    its first result never ended; a test run hung at its end)."""
    deadline = time.monotonic() + STOP_GRACE_S
    stopped = False
    try:
        for child in children:
            child.join(max(0.0, deadline - time.monotonic()))
    finally:  # a second Ctrl+C waits no longer
        for child in children:
            if child.is_alive():
                child.terminate()
                child.join()
                stopped = True
        if stopped:
            _end_of_results(manager)


def _end_of_results(manager: Any) -> None:
    """A process stopped after the grace may have been sending a result: the
    pool's thread, reading it, would wait for the rest for ever.  With every
    process gone, this program holds the last end of the results' pipe that
    writes; closed, the thread reads its end instead, takes the pool for
    broken and leaves (the batch is over: nothing it fails is waited for)."""
    results_pipe = getattr(manager, "result_queue", None)
    writer = getattr(results_pipe, "_writer", None)
    if writer is not None:
        writer.close()


def _quiet(thread: Any) -> None:
    """Silence what one thread leaves uncaught; every other thread's goes to the
    hook in place as before (a program that stops a batch early keeps its own)."""
    import threading

    if thread is None:
        return
    before = threading.excepthook

    def hook(args: Any) -> None:
        if args.thread is not thread:
            before(args)

    threading.excepthook = hook


def _alone(item: Input, previous: bytes | None, context: Any) -> dict[str, Any]:
    """One input checked in a process of its own; a process that dies under it is said."""
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    with ProcessPoolExecutor(1, mp_context=context, initializer=_worker_init) as one:
        try:
            return one.submit(_check_path, (item, previous)).result()
        except BrokenProcessPool:
            return unreadable_result(Internal("检查它的进程意外退出，可能是内存不足"), item.name)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "rules":
        return list_rules(args.json)
    output = "json" if args.json else args.format
    previous: bytes | None = None
    if args.previous:
        try:
            with open(args.previous, "rb") as fh:
                previous = fh.read()
        except OSError as exc:
            print(f"gouji：无法打开上年报告 {args.previous}：{_os_reason(exc)}", file=sys.stderr)
            return 2
    jobs = args.jobs or os.cpu_count() or 1
    # A batch makes many short-lived objects and keeps none, and a report's check
    # leaves no cycle behind (each object goes when the last reference to it
    # does): the collector, which would look over the young objects again and
    # again, is off (a few % of the time), and the modules' own objects are
    # frozen out of its sight.  A full collection every COLLECT_EVERY reports
    # still frees whatever an odd input tied into a cycle, in this process and
    # in each worker (forked with the collector off).
    gc.freeze()
    gc.disable()
    batch = Batch(output, sys.stdout, sys.stderr, progress=_is_terminal(sys.stderr) and not args.quiet)
    batch.interrupt.install()
    stream = results(inputs(args.paths), previous, jobs)
    stopped: int | None = None  # 130: Ctrl+C; 141: the reader stopped reading
    try:
        try:
            for result in stream:
                batch.add(result)
        except KeyboardInterrupt:
            stopped = 130
            batch.finish(interrupted=True)
        else:
            batch.finish()
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader stopped reading (| head): the batch stops too, without a
        # word (nobody reads the rest), as a Unix tool does.  What is still
        # buffered for the closed pipe goes nowhere, so that Python's own
        # flush at exit does not fail on it.
        stopped = 141
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    finally:
        batch.interrupt.uninstall()
    if stopped is None:
        return batch.status()
    # The processes stop (results()), wherever the batch was stopped: in the wait
    # for a result, or once a line was out (Ctrl+C again while they finish: at once).
    with contextlib.suppress(KeyboardInterrupt):
        stream.close()
    if jobs > 1:
        # results() leaves nothing waiting once its stop has run (_stop); a second
        # Ctrl+C may cut that stop short anywhere, and Python's exit would then
        # wait for the pool's own thread: with what was done said, the process
        # leaves at once.
        sys.stderr.flush()
        os._exit(stopped)
    return stopped


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
