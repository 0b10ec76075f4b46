"""The wheel the site and `pip install` ship: pure Python, with its character table."""

import json
import subprocess
import sys
import zipfile

import pytest

import gouji
from conftest import FIXTURES, REPO


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(REPO)],
                   check=True, timeout=600)
    (path,) = out.glob("gouji-*.whl")
    return path


def test_the_wheel_is_pure_python_and_carries_the_traditional_character_table(wheel):
    assert wheel.name.endswith("-py3-none-any.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "gouji/_t2s_table.py" in names
    assert not [n for n in names if n.endswith((".so", ".pyd"))]


def test_the_wheel_checks_a_traditional_report_without_opencc(wheel):
    # Block OpenCC: the browser checks traditional text before it has downloaded.
    code = ("import sys, json; sys.modules['opencc'] = None; sys.path.insert(0, sys.argv[1]);"
            "import gouji; print(json.dumps(gouji.check_text(open(sys.argv[2], encoding='utf-8').read())))")
    report = FIXTURES / "001_cba402df4409a5e2.txt"
    out = subprocess.run([sys.executable, "-c", code, str(wheel), str(report)], capture_output=True, check=True,
                         cwd="/", timeout=60)
    assert json.loads(out.stdout) == gouji.check_text(report.read_text(encoding="utf-8"))


def test_the_wheel_s_table_names_the_traditional_characters_that_gb2312_also_holds(wheel):
    # 乾, 於, 後 …: a simplified paste that holds one still needs mapping; the wheel
    # lists them ready made, so the browser's first check does not look for them.
    code = ("import sys; sys.modules['opencc'] = None; sys.path.insert(0, sys.argv[1]);"
            "from gouji import _t2s_table as t; print(t.IN_GB2312)")
    out = subprocess.run([sys.executable, "-c", code, str(wheel)], capture_output=True, check=True, cwd="/",
                         timeout=60, text=True)
    from gouji import t2s

    assert out.stdout.strip() == t2s._find_in_gb2312(t2s._load())
    assert "於" in out.stdout and "後" in out.stdout
