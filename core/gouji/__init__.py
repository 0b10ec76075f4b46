"""gouji (勾稽): check a 政府信息公开工作年度报告 before it is published.

    >>> import gouji
    >>> result = gouji.check_text(pasted_text)
    >>> result["findings"]
    >>> gouji.check_html(clipboard_html, text=pasted_text)   # a rich paste: its tables as they were
    >>> gouji.check_bytes(open("报告.pdf", "rb").read(), file="报告.pdf")   # text, .html, .docx or .pdf

The reading pipeline is a straight line, one module per stage:
(extract →) decode → normalize → sections → tables → rules → result.

Start-up cost matters: the checker page imports this package in Pyodide
before it is ready.  Hence plain data classes (``record.Record``, no
``dataclasses``), regular expressions that the site's build compiles once
(``regexes.regex``), and character classes that compile cheaply
(``normalize.HAN``).
"""

__version__ = "0.1.0"

from .check import check_bytes, check_html, check_text

__all__ = ["__version__", "check_bytes", "check_html", "check_text"]
