"""gouji (勾稽): check a 政府信息公开工作年度报告 before it is published.

    >>> import gouji
    >>> result = gouji.check_text(pasted_text)
    >>> result["findings"]

The reading pipeline is a straight line, one module per stage:
decode → normalize → sections → tables → rules → result.

Start-up cost matters: the checker page imports this package in Pyodide
before it is ready.  Hence plain data classes (``record.Record``, no
``dataclasses``), regular expressions that the site's build compiles once
(``regexes.regex``), and character classes that compile cheaply
(``normalize.HAN``).
"""

__version__ = "0.1.0"

from .check import check_bytes, check_text

__all__ = ["__version__", "check_bytes", "check_text"]
