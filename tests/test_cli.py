"""`gouji check` as a reviewer uses it on a folder of reports."""

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES, REPO

# the CLI as a reviewer runs it: this checkout's core, nothing else of the environment's
CLI_ENV = {"PYTHONPATH": str(REPO / "core"), "PATH": "/usr/bin:/bin"}


def run(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "gouji.cli", *args], input=stdin, capture_output=True,
                          env=CLI_ENV, cwd=REPO, timeout=60)


@pytest.fixture
def folder(tmp_path):
    sub = tmp_path / "reports" / "2023"
    sub.mkdir(parents=True)
    for name in ("001_cba402df4409a5e2.txt", "003_5226d92ffea0b08b.txt"):
        shutil.copy(FIXTURES / name, sub / name)
    return tmp_path / "reports"


def test_a_folder_of_good_reports_passes_with_a_short_chinese_summary(folder):
    out = run("check", str(folder))
    assert out.returncode == 0, out.stderr
    text = out.stdout.decode("utf-8")
    assert sum(1 for line in text.splitlines() if "：通过（" in line) == 2 and "抚远市" in text
    assert "共 2 份报告：通过 2 份" in text  # the end summary


def test_json_lines_one_object_per_report(folder):
    out = run("check", "--json", str(folder))
    rows = [json.loads(line) for line in out.stdout.decode().splitlines()]
    assert [r["body"] for r in rows] == ["抚远市", "积石山县癿藏镇"]
    assert all(r["file"].endswith(".txt") for r in rows)
    assert set(rows[0]) >= {"file", "format", "year", "body", "tables", "findings", "not_checked"}


def test_a_report_with_a_wrong_figure_exits_1(tmp_path):
    text = (FIXTURES / "003_5226d92ffea0b08b.txt").read_text(encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_text(text.replace("一、本年新收政府信息公开申请数量 | 0 |", "一、本年新收政府信息公开申请数量 | 4 |"),
                   encoding="utf-8")
    out = run("check", str(bad))
    assert out.returncode == 1
    assert "A101" in out.stdout.decode()


def test_gbk_and_utf16_files_and_stdin(tmp_path):
    text = (FIXTURES / "003_5226d92ffea0b08b.txt").read_text(encoding="utf-8")
    (tmp_path / "gbk.txt").write_bytes(text.encode("gb18030"))
    (tmp_path / "utf16.txt").write_bytes(text.encode("utf-16"))
    out = run("check", "--json", str(tmp_path / "gbk.txt"), str(tmp_path / "utf16.txt"))
    assert out.returncode == 0
    assert [json.loads(x)["body"] for x in out.stdout.decode().splitlines()] == ["积石山县癿藏镇"] * 2
    piped = run("check", "--json", "-", stdin=text.encode("utf-8"))
    assert piped.returncode == 0 and json.loads(piped.stdout)["file"] == "-"


def test_unreadable_inputs_exit_2_and_say_nothing_was_checked(tmp_path):
    (tmp_path / "junk.txt").write_bytes(bytes(range(256)) * 40)
    (tmp_path / "empty.txt").write_bytes(b"")
    for name in ("junk.txt", "empty.txt", "missing.txt"):
        out = run("check", str(tmp_path / name))
        assert out.returncode == 2, name
        assert "通过" not in out.stdout.decode()
    out = run("check", "--json", str(tmp_path / "junk.txt"))
    result = json.loads(out.stdout)
    assert result["findings"][0]["category"] == "input" and result["not_checked"]


def test_a_pdf_with_no_tables_found_says_under_its_line_which_page_was_left_unread():
    out = run("check", "tests/rules/U005/trigger.warning.bin")
    assert out.returncode == 2
    first, second = out.stdout.decode().strip().splitlines()[:2]
    assert "无法检查（未找到年度报告的表格" in first
    assert second.startswith("  [U005 提示] PDF 第 2 页过大（解压后的内容超过 512 kB")


def test_a_missing_file_is_one_chinese_line():
    out = run("check", "没有这个文件.txt")
    assert out.returncode == 2
    lines = out.stdout.decode().strip().splitlines()
    assert lines == ["没有这个文件.txt：无法检查（无法打开文件：文件不存在）"]


def test_help_and_usage_errors_are_in_chinese():
    helped = run("check", "--help").stdout.decode()
    assert helped.startswith("用法：gouji check") and "显示这段帮助并退出" in helped and "退出码" in helped
    wrong = run("check")
    assert wrong.returncode == 2
    err = wrong.stderr.decode()
    assert "缺少参数" in err and "usage" not in err and "error" not in err
    for jobs in ("两个", "-3"):  # a mistyped process count
        wrong = run("check", "--jobs", jobs, str(FIXTURES / "003_5226d92ffea0b08b.txt"))
        err = wrong.stderr.decode()
        assert wrong.returncode == 2 and "进程数应为 0 或正整数" in err and "invalid" not in err, err


def test_exit_status_and_summary_follow_the_verdict(tmp_path):
    text = (FIXTURES / "003_5226d92ffea0b08b.txt").read_text(encoding="utf-8")
    # table 四 gone: tables 三's sums hold, but not everything could be checked
    cut = text[:text.index("四、政府信息公开行政复议")] + "五、存在的主要问题及改进情况\n无。\n"
    (tmp_path / "cut.txt").write_text(cut, encoding="utf-8")
    out = run("check", "--json", str(tmp_path / "cut.txt"))
    assert json.loads(out.stdout)["verdict"] == "incomplete" and out.returncode == 3
    summary = run("check", str(tmp_path / "cut.txt")).stdout.decode()
    assert "未能全部检查" in summary and "通过" not in summary
    (tmp_path / "good.txt").write_text(text, encoding="utf-8")
    assert run("check", str(tmp_path / "good.txt"), str(tmp_path / "cut.txt")).returncode == 3
    assert run("check", str(tmp_path / "good.txt"), str(tmp_path / "cut.txt"), "missing.txt").returncode == 2


def test_the_rules_command_lists_every_rule():
    from gouji.rules import RULES

    out = run("rules", "--json")
    listed = json.loads(out.stdout)
    assert [r["code"] for r in listed] == [r.code for r in RULES]
    assert all({"code", "severity", "category", "title"} <= set(r) for r in listed)
    plain = run("rules").stdout.decode()
    assert all(r.code in plain and r.title in plain for r in RULES)


def test_a_reviewers_folder_as_csv_that_excel_opens(folder):
    out = run("check", "--format", "csv", str(folder))
    text = out.stdout.decode("utf-8")
    assert text.startswith("\ufeff文件,机关,年度,结论")
    rows = text.lstrip("\ufeff").strip().splitlines()
    assert len(rows) == 3 and all("通过" in r for r in rows[1:])
    assert "共 2 份报告" in out.stderr.decode()  # the summary stays out of the data


def test_a_file_named_like_a_spreadsheet_formula_is_not_one_in_the_csv(folder, monkeypatch, capsys):
    from gouji import cli

    seed = next(folder.rglob("*.txt"))
    seed.rename(seed.parent / "=HYPERLINK(1).txt")
    monkeypatch.chdir(seed.parent)
    cli.main(["check", "--format", "csv", "=HYPERLINK(1).txt"])
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out.lstrip("\ufeff"))))
    assert rows[1][0] == "'=HYPERLINK(1).txt"


def test_many_processes_give_the_same_results_in_the_same_order(folder):
    one = run("check", "--json", "--jobs", "1", str(folder))
    two = run("check", "--json", "--jobs", "2", str(folder))
    assert one.stdout == two.stdout and one.returncode == two.returncode
    assert not two.stderr.decode().startswith("\r")  # no progress bar when stderr is not a terminal


def test_one_report_that_breaks_the_checker_does_not_stop_the_batch(folder, monkeypatch, capsys):
    from gouji import cli

    real = cli.check_bytes

    def flaky(data, name, previous=None):
        if name.endswith("001_cba402df4409a5e2.txt"):
            raise RecursionError("deep")
        return real(data, name, previous)

    monkeypatch.setattr(cli, "check_bytes", flaky)
    status = cli.main(["check", "--json", "--jobs", "1", str(folder)])
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["verdict"] for r in rows] == ["unreadable", "pass"] and status == 2
    assert rows[0]["findings"][0]["rule"] == "internal" and "RecursionError" in rows[0]["findings"][0]["message"]


def test_a_report_whose_checking_process_dies_is_said_and_the_batch_goes_on(folder):
    # A process killed under a report (by the system, for its memory) once left
    # the batch waiting for ever for that report's answer.
    code = (
        "import os, sys\n"
        "from gouji import cli\n"
        "real = cli.check_bytes\n"
        "def deadly(data, name, previous=None):\n"
        "    if name.endswith('001_cba402df4409a5e2.txt'):\n"
        "        os._exit(9)\n"
        "    return real(data, name, previous)\n"
        "cli.check_bytes = deadly\n"
        f"sys.exit(cli.main(['check', '--json', '--jobs', '2', {str(folder)!r}]))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, env=CLI_ENV, cwd=REPO, timeout=60)
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    assert [r["verdict"] for r in rows] == ["unreadable", "pass"] and out.returncode == 2
    assert rows[0]["findings"][0]["rule"] == "internal" and "进程意外退出" in rows[0]["findings"][0]["message"]


def test_ctrl_c_stops_a_batch_on_many_processes_at_once(tmp_path):
    import signal

    # Reports of some prose each (about 17 ms a check, and a long line of output:
    # the first comes through the pipe soon): the whole batch would take many
    # seconds, so Ctrl+C comes while processes are busy.  With the bare seed (1 ms)
    # the batch was over in about a second, and the CLI's hang on Ctrl+C went unseen.
    seed = (FIXTURES / "003_5226d92ffea0b08b.txt").read_text(encoding="utf-8")
    report = seed + "本年度共收到政府信息公开申请12件，办结11件，结转1件。\n" * 300
    for i in range(2000):
        (tmp_path / f"{i:04}.txt").write_text(report, encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "gouji.cli", "check", "--jobs", "2", str(tmp_path)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=CLI_ENV, cwd=REPO,
                            # as from a terminal: tests run in the background (cmd &) inherit
                            # Ctrl+C ignored, and so would the CLI (it then ran to its end)
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    assert proc.stdout is not None
    # under way: its first byte is out (read past the pipe's buffer, which
    # communicate() would not see: a line read here took the next ones with it)
    os.read(proc.stdout.fileno(), 1)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=30)  # (not left waiting for the processes)
    assert proc.returncode == 130, err.decode(errors="replace")[-3000:]
    # the summary of what was done (the line the signal cut may end mid-character)
    assert "\n已中断。共 " in out.decode(errors="replace")
    assert b"Traceback" not in err, err.decode(errors="replace")  # the pool's thread said nothing


class _Terminal(io.StringIO):
    """One terminal that both stdout and stderr write to."""

    def isatty(self) -> bool:
        return True

    def screen(self) -> list[str]:
        """The lines as they stand on screen: a carriage return goes back to the
        line's start, and what comes after it writes over what was there."""
        lines = []
        for raw in self.getvalue().split("\n"):
            cells: list[str] = []
            col = 0
            for ch in raw:
                if ch == "\r":
                    col = 0
                    continue
                cells[col:col + 1] = [ch]
                col += 1
            lines.append("".join(cells).rstrip())
        return lines


def test_a_reviewer_in_a_terminal_sees_each_result_on_its_own_line_not_after_the_progress_count():
    from gouji import check_text
    from gouji.cli import Batch, render_summary

    results = [check_text((FIXTURES / name).read_text(encoding="utf-8"), file=name)
               for name in ("001_cba402df4409a5e2.txt", "002_1969cc7526291166.txt", "003_5226d92ffea0b08b.txt")]
    terminal = _Terminal()
    batch = Batch("text", terminal, terminal, progress=True)
    for result in results:
        batch.add(result)
    shown = terminal.getvalue()
    batch.finish()
    assert "已检查 3 份" in shown  # the count was drawn, between the results
    screen = terminal.screen()
    for result in results:
        for line in render_summary(result).splitlines():
            assert line.rstrip() in screen, line
    assert not any("已检查" in line for line in screen)  # erased each time, and at the end
    assert screen[-3].startswith("共 3 份报告")


def _long_reports(folder: Path, count: int) -> None:
    """Reports whose JSON line is longer than a pipe holds (64 kB): a prose
    sentence that disagrees with the tables, 300 times (a finding each)."""
    seed = (FIXTURES / "003_5226d92ffea0b08b.txt").read_text(encoding="utf-8")
    report = seed + "本年度共收到政府信息公开申请12件，办结11件，结转1件。\n" * 300
    for i in range(count):
        (folder / f"{i:03}.txt").write_text(report, encoding="utf-8")


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_ctrl_c_while_a_slow_reader_has_not_read_the_output_leaves_every_json_line_whole(tmp_path, jobs):
    import signal
    import time

    _long_reports(tmp_path, 40)
    proc = subprocess.Popen([sys.executable, "-m", "gouji.cli", "check", "--json", "--jobs", jobs, str(tmp_path)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=CLI_ENV, cwd=REPO,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    # the reader reads nothing yet: the CLI waits in the middle of a line's write
    wchan = Path(f"/proc/{proc.pid}/wchan")
    if not wchan.exists():
        proc.kill()
        pytest.skip("no /proc/<pid>/wchan here to see the CLI wait for the pipe")
    deadline = time.monotonic() + 30
    while "pipe" not in wchan.read_text() and time.monotonic() < deadline:
        time.sleep(0.02)
    assert "pipe" in wchan.read_text()
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=30)  # the reader reads again
    assert proc.returncode == 130, err.decode(errors="replace")[-3000:]
    rows = [json.loads(line) for line in out.decode().splitlines()]  # each one whole
    assert rows and len(out) > 65536
    assert f"已中断。共 {len(rows)} 份报告" in err.decode()  # as many as were written
    assert b"Traceback" not in err


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_batch_piped_into_head_stops_quietly_when_head_has_read_enough(tmp_path, jobs):
    _long_reports(tmp_path, 40)
    proc = subprocess.Popen([sys.executable, "-m", "gouji.cli", "check", "--json", "--jobs", jobs, str(tmp_path)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=CLI_ENV, cwd=REPO)
    assert proc.stdout is not None and proc.stderr is not None
    assert os.read(proc.stdout.fileno(), 100).startswith(b'{"file":')
    proc.stdout.close()  # head has its lines and is gone
    err = proc.stderr.read()
    assert proc.wait(timeout=30) == 141  # as a Unix tool killed by SIGPIPE
    assert err == b"", err.decode(errors="replace")  # no traceback, no summary nobody asked for


def test_a_folder_of_every_form_a_report_comes_in(tmp_path):
    from formsgen import as_docx, as_html, blocks_from_pipe_text

    base = (REPO / "tests" / "rules" / "U002" / "pass.txt").read_text(encoding="utf-8")
    blocks = blocks_from_pipe_text(base)
    folder = tmp_path / "下载"
    (folder / "附件").mkdir(parents=True)
    shutil.copy(FIXTURES / "003_5226d92ffea0b08b.txt", folder / "a.txt")
    (folder / "b.docx").write_bytes(as_docx(blocks))
    (folder / "c.html").write_bytes(as_html(blocks, page=True, charset="gbk").encode("gb18030"))
    shutil.copy(FIXTURES / "huaian-city-2024.pdf", folder / "附件" / "d.pdf")
    shutil.copy(FIXTURES / "huaian-city-2024.pdf", folder / "附件" / "download")  # saved without its extension
    (folder / "e.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    (folder / "~$b.docx").write_bytes(b"\x05lock")  # Word's lock file beside an open document
    (folder / "style.css").write_text("p{}", encoding="utf-8")
    (folder / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(50))
    out = run("check", "--json", str(folder))
    rows = {json.loads(line)["file"].rsplit("/", 1)[-1]: json.loads(line) for line in out.stdout.decode().splitlines()}
    assert sorted(rows) == ["a.txt", "b.docx", "c.html", "d.pdf", "download", "e.doc"]
    assert [rows[n]["body"] for n in ("a.txt", "b.docx", "c.html", "d.pdf", "download")] == [
        "积石山县癿藏镇", "丹东市市场监督管理局", "丹东市市场监督管理局", "淮安市人民政府", "淮安市人民政府"]
    assert all(rows[n]["verdict"] == "pass" for n in ("a.txt", "b.docx", "c.html", "d.pdf", "download"))
    assert rows["e.doc"]["verdict"] == "unreadable" and "另存为 .docx" in rows["e.doc"]["findings"][0]["message"]
    assert out.returncode == 2  # the .doc could not be read
    summary = run("check", str(folder / "e.doc")).stdout.decode()
    assert summary.startswith(str(folder / "e.doc") + "：无法检查（这是旧版 Word（.doc）或 WPS（.wps）格式的文件")


@pytest.mark.skipif(not Path("/dev/zero").exists() or not Path("/proc/self/status").exists(),
                    reason="needs /dev/zero and /proc")
def test_a_file_whose_size_the_system_does_not_say_is_read_to_the_cap_and_no_further():
    # A file is read by the size it says; a device or a /proc file says 0 and is
    # read on: an endless one stops at the cap and is refused as too large.
    endless = json.loads(run("check", "--format", "json", "/dev/zero").stdout)
    assert endless["verdict"] == "unreadable" and "过大" in endless["findings"][0]["message"]
    small = json.loads(run("check", "--format", "json", "/proc/self/status").stdout)
    assert small["verdict"] == "unreadable" and small["findings"][0]["rule"] == "U003"  # read, and no report


def test_a_program_that_stops_a_batch_early_lets_its_processes_finish_and_ends(tmp_path):
    # A process stopped halfway through sending a long result left the pool's own
    # thread waiting for the rest of it for ever, and the program's exit waited
    # for that thread: 1 such program in 10 never ended (a test run once hung at
    # its end).  The processes now finish the few reports they were given and
    # leave on their own, as the pool tells them: none is stopped (exit code 0,
    # not -SIGTERM), and the program ends.
    _long_reports(tmp_path, 40)
    code = (
        "import multiprocessing, sys\n"
        "from gouji.cli import inputs, results\n"
        f"batch = results(inputs([{str(tmp_path)!r}]), None, 2)\n"
        "first = next(batch)\n"
        "processes = multiprocessing.active_children()\n"
        "batch.close()\n"
        # A process that left may be reaped by the pool's own thread just then: read
        # before that thread records it, its exit code is None for a moment (seen
        # under load), though it exited with 0.  A process still running after the
        # grace would have been stopped (-15), never left None.
        "import time\n"
        "deadline = time.monotonic() + 10\n"
        "while any(p.exitcode is None for p in processes) and time.monotonic() < deadline:\n"
        "    time.sleep(0.01)\n"
        "print(first['file'].rsplit('/', 1)[-1], *[p.exitcode for p in processes])\n")
    assert _program_says(code) == ["000.txt", "0", "0"]  # two processes, each left on its own


def test_a_program_that_stops_a_batch_while_a_process_sends_a_long_result_still_ends(tmp_path):
    # The grace is over (as when each process is at a long check) just as one
    # process is sending a long result, which the pool's thread reads slowly while
    # the program is busy with its first: stopped halfway, that process left the
    # thread waiting for the rest for ever, and the program's exit with it.
    for i in range(16):
        shutil.copy(FIXTURES / "003_5226d92ffea0b08b.txt", tmp_path / f"{i:03}.txt")
    flag = tmp_path.parent / "first-result-taken"
    code = (
        "import os, sys, time\n"
        "import gouji.cli as cli\n"
        "cli.STOP_GRACE_S = 0.0\n"
        "real = cli._check_path\n"
        "def check(args):\n"
        "    result = real(args)\n"
        "    if args[0].name.endswith('008.txt'):  # the other process's first, sent once the program has its own\n"
        f"        while not os.path.exists({str(flag)!r}):\n"
        "            time.sleep(0.01)\n"
        "        result['padding'] = 'x' * 40_000_000\n"
        "    return result\n"
        "cli._check_path = check\n"
        f"batch = cli.results(cli.inputs([{str(tmp_path)!r}]), None, 2)\n"
        "first = next(batch)\n"
        f"open({str(flag)!r}, 'w').close()\n"
        "sys.setswitchinterval(0.5)  # busy with its first result: the pool's thread reads seldom\n"
        "t = time.perf_counter()\n"
        "while time.perf_counter() - t < 1.0:\n"
        "    pass\n"
        "batch.close()\n"
        "print(first['file'].rsplit('/', 1)[-1])\n")
    assert _program_says(code) == ["000.txt"]


def _program_says(code: str) -> list[str]:
    """The words a program that uses gouji.cli printed; it ended (within a minute), well."""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, env=CLI_ENV, cwd=REPO, timeout=60)
    assert out.returncode == 0, out.stderr.decode(errors="replace")[-3000:]
    assert b"Traceback" not in out.stderr
    return out.stdout.decode().split()


def test_a_program_that_stops_a_batch_early_keeps_its_own_thread_hook(tmp_path, monkeypatch):
    import threading

    from gouji.cli import inputs, results

    _long_reports(tmp_path, 40)
    heard: list[str] = []
    monkeypatch.setattr(threading, "excepthook", lambda args: heard.append(str(args.exc_value)))
    batch = results(inputs([str(tmp_path)]), None, 2)
    assert next(batch)["file"].endswith("000.txt")
    batch.close()  # the program has seen enough: the processes are stopped
    # a thread of the program's own that fails afterwards still reaches its hook
    thread = threading.Thread(target=lambda: 1 / 0)
    thread.start()
    thread.join()
    assert heard == ["division by zero"]
