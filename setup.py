"""Build hook: write gouji/_t2s_table.py into the wheel.

The table maps each traditional character to its simplified form, derived
from OpenCC's TSCharacters dictionary (a build requirement). Shipping it in
the wheel lets the browser check a traditional-script paste without waiting
for OpenCC to download (see core/gouji/t2s.py).
"""
import os
import sys

from setuptools import setup
from setuptools.command.build_py import build_py

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "core"))


class BuildPyWithTable(build_py):
    def run(self):
        super().run()
        from gouji.t2s import render_table_module

        target = os.path.join(self.build_lib, "gouji", "_t2s_table.py")
        with open(target, "w", encoding="utf-8") as fh:
            fh.write(render_table_module())


setup(cmdclass={"build_py": BuildPyWithTable})
