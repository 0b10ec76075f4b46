"""The core inside the real runtime: the site's own Pyodide files, booted
under Node, with the site's gouji wheel, must give the same result as CPython
for every fixture report."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "browser"))
from site_build import APP, FIXTURES, REPO, ensure_site  # noqa: E402

# in CI (.ci/run) a missing node is a failure, not a skip
pytestmark = pytest.mark.skipif(shutil.which("node") is None and not os.environ.get("CI"),
                                reason="node is not installed")


def fixture_files() -> list[Path]:
    return sorted(p for p in FIXTURES.iterdir() if p.is_file())


GENERATED = 48  # reports from tests/reportgen.py: every layout, both formats, transforms, changed cells


def generated_reports(directory: Path) -> list[Path]:
    import random

    sys.path.insert(0, str(HERE.parent))
    import reportgen

    rng = random.Random(20241124)
    out = []
    for i in range(GENERATED):
        layout = reportgen.LAYOUTS[i % len(reportgen.LAYOUTS)]
        fmt = ("2021", "2019")[(i // len(reportgen.LAYOUTS)) % 2]
        transforms = (("traditional",), (), ("fullwidth",), ("traditional", "crlf"))[i % 4]
        report = reportgen.generate(rng, format_id=fmt, layout=layout, transforms=transforms)
        text = report.text
        if i % 3 == 0:  # a third with one figure changed: findings to compare
            changed = reportgen.with_changed_cell(report, rng)
            text = changed[0] if isinstance(changed, tuple) else changed
            text = text.text if hasattr(text, "text") else text
        path = directory / f"gen-{i:02d}.txt"
        path.write_text(text, encoding="utf-8", newline="")
        out.append(path)
    return out


CPYTHON = r"""
import json, sys
sys.path.insert(0, sys.argv[1])
import gouji
out = {}
for f in sys.argv[2:]:
    name = f.rsplit("/", 1)[-1]
    with open(f, "rb") as fh:
        data = fh.read()
    out[name] = json.loads(json.dumps(gouji.check_bytes(data, file=name),
                                      ensure_ascii=False, sort_keys=True, default=str))
    if name.endswith(".txt"):
        out["text:" + name] = json.loads(json.dumps(gouji.check_text(data.decode("utf-8", "replace")),
                                                    ensure_ascii=False, default=str))
out["__meta__"] = {"gouji_file": gouji.__file__}
print(json.dumps(out, ensure_ascii=False))
"""


@pytest.fixture(scope="module")
def both(tmp_path_factory):
    ensure_site()
    files = [str(p) for p in fixture_files()]
    files += [str(p) for p in generated_reports(tmp_path_factory.mktemp("generated"))]
    manifest = json.loads((APP / "manifest.json").read_text(encoding="utf-8"))
    # CPython runs the wheel the site's one was compiled from (the site's holds
    # Python 3.14 bytecode only), so only the interpreter differs.
    unpacked = tmp_path_factory.mktemp("wheel")
    with zipfile.ZipFile(REPO / "build" / "tmp" / "wheel" / manifest["wheel"]) as zf:
        zf.extractall(unpacked)
    cp = subprocess.run([sys.executable, "-c", CPYTHON, str(unpacked), *files],
                        capture_output=True, text=True, encoding="utf-8", check=True)
    node = subprocess.run(["node", str(HERE / "run_checks.mjs"), str(APP), *files],
                          capture_output=True, text=True, encoding="utf-8", timeout=300)
    assert node.returncode == 0, node.stderr[-3000:]
    return json.loads(cp.stdout), json.loads(node.stdout), unpacked


def test_runs_in_pyodide_from_the_wheel(both):
    _, pyo, _ = both
    meta = pyo["__meta__"]
    assert meta["python"].startswith("3.14"), meta
    assert meta["gouji_file"].startswith("/lib/python3.14/site-packages/gouji/"), meta
    # the wheel built for the site carries the translation table, byte-compiled
    assert meta["t2s_table"] is True
    assert meta["gouji_file"].endswith("__init__.pyc") or meta["pyc"].endswith(".cpython-314.pyc"), meta
    # every regular expression the checker compiles came from the build-time
    # table (gouji/regexes.py), and the results are CPython's (the tests below)
    assert meta["regex_asked"] > 50, meta
    assert meta["regex_table"] >= meta["regex_asked"], meta
    # the start-up stdlib came as the page's worker has it: files from the
    # build's bundle, not Python's zip (scripts/build-site STDLIB_BUNDLE)
    assert meta["stdlib"] == "/lib/python3.14/encodings/__init__.pyc", meta


def test_a_browser_that_cannot_inflate_the_stdlib_bundle_reads_the_zip_and_checks_alike(both):
    # Safari before 16.4 has no DecompressionStream: Pyodide reads the start-up
    # stdlib from python_stdlib.zip (app/wheel.js stdlibBundle), which the build
    # keeps beside the bundle; the same modules, the same results
    cpython, _, _ = both
    seeds = [str(p) for p in fixture_files() if p.name[:3].isdigit() and p.suffix == ".txt"]
    node = subprocess.run(["node", str(HERE / "run_checks.mjs"), str(APP), *seeds],
                          capture_output=True, text=True, encoding="utf-8", timeout=300,
                          env={**os.environ, "GOUJI_STDLIB": "zip"})
    assert node.returncode == 0, node.stderr[-3000:]
    pyo = json.loads(node.stdout)
    assert pyo["__meta__"]["stdlib"] == "/lib/python314.zip/encodings/__init__.pyc", pyo["__meta__"]
    assert seeds
    for f in seeds:
        name = Path(f).name
        assert pyo[name] == cpython[name], name
        assert pyo["text:" + name] == cpython["text:" + name], name


@pytest.mark.parametrize("name", [p.name for p in fixture_files()] + [f"gen-{i:02d}.txt" for i in range(GENERATED)])
def test_same_result_as_cpython(both, name):
    cpython, pyo, unpacked = both
    assert cpython["__meta__"]["gouji_file"].startswith(str(unpacked))
    assert name in pyo
    assert pyo[name] == cpython[name]
    # pasted, as text, before the worker loaded the rest of the stdlib: the same
    if name.endswith(".txt"):
        assert pyo["text:" + name] == cpython["text:" + name]


def test_generated_reports_were_read_and_some_fail(both):
    _, pyo, _ = both
    gen = {k: v for k, v in pyo.items() if k.startswith("gen-")}
    assert len(gen) == GENERATED
    assert all(r["format"] in ("2021", "2019") for r in gen.values())
    assert any(f["severity"] == "error" and f["category"] == "arithmetic"
               for r in gen.values() for f in r["findings"])


def test_fixture_reports_were_read(both):
    """Guard against two identical failures: the seed reports must be read."""
    _, pyo, _ = both
    for p in fixture_files():
        if p.name[:3].isdigit() and p.suffix == ".txt":
            r = pyo[p.name]
            assert r["format"] in ("2021", "2019"), (p.name, r.get("findings"))
            assert r["tables"].get("requests"), p.name
