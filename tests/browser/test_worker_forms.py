"""The checker's worker (site/app/worker.js) in a real browser: a rich paste read
from its HTML, and files read by their bytes, a PDF after the worker installed
the PDF add-on from the site itself (gouji.web's protocol).  The page's own
file UI comes later; this drives the worker as that UI will."""
from __future__ import annotations

import base64
import json
import random
import re
import sys
from pathlib import Path

from site_build import FIXTURES

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from formsgen import as_docx, as_html, as_text, report_blocks
from reportgen import random_tables

# Boot the worker, wait for "ready" and for the readers (loaded in the
# background), then send each message and collect its answer.
DRIVE = """async ([messages]) => {
  const w = new Worker(new URL("worker.js", location.href), { type: "module" });
  const seen = { addons: [], results: {} };
  const waiters = {};
  let readersIn;
  const readers = new Promise((ok) => { readersIn = ok; });
  const ready = new Promise((ok, bad) => {
    w.onmessage = (ev) => {
      const m = ev.data;
      if (m.type === "ready") ok();
      else if (m.type === "fatal") bad(new Error(m.message));
      else if (m.type === "addon") { seen.addons.push([m.name, m.ok]); if (m.name === "readers") readersIn(); }
      else if (m.type === "result") { seen.results[m.id] = { json: m.json, file: m.file || null };
                                      if (waiters[m.id]) waiters[m.id](); }
    };
  });
  const late = (ms, what) => new Promise((_, bad) => setTimeout(() => bad(new Error(what)), ms));
  await Promise.race([ready, late(90000, "never ready")]);
  await Promise.race([readers, late(60000, "the readers never came")]);
  for (const msg of messages) {
    const done = new Promise((ok) => { waiters[msg.id] = ok; });
    if (msg.b64) {
      const bytes = Uint8Array.from(atob(msg.b64), (c) => c.charCodeAt(0));
      w.postMessage({ type: "file", id: msg.id, name: msg.name, bytes: bytes.buffer }, [bytes.buffer]);
    } else {
      w.postMessage({ type: "check", id: msg.id, text: msg.text, html: msg.html });
    }
    await Promise.race([done, late(120000, "no answer to message " + msg.id)]);
  }
  w.terminate();
  return seen;
}"""


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def test_the_worker_reads_a_rich_paste_and_dropped_files_the_pdf_after_its_add_on(session, server):
    rng = random.Random(11)
    tables = random_tables("2021", rng, "丹东市人民政府")
    blocks = report_blocks(tables, "2021", year=2023, body="丹东市人民政府")
    # the clipboard's text/plain lost the table's structure: one cell per line, blanks gone
    flat = "\n".join(c for line in as_text(blocks).splitlines() for c in line.split("\t") if c.strip())
    import gouji

    assert gouji.check_text(flat)["tables"] != tables  # so the HTML must have been read
    pdf = (FIXTURES / "huaian-city-2024.pdf").read_bytes()
    page = session.new_page(server + "app/manifest.json")
    before = len(session.net.log)
    messages = [
        {"id": 1, "text": flat, "html": as_html(blocks, 11)},
        {"id": 2, "name": "报告.docx", "b64": _b64(as_docx(blocks, 11))},
        {"id": 3, "name": "huaian-city-2024.pdf", "b64": _b64(pdf)},
        {"id": 4, "name": "旧.doc", "b64": _b64(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))},
    ]
    seen = page.evaluate(DRIVE, [messages])
    results = {int(k): json.loads(v["json"]) for k, v in seen["results"].items()}
    # the rich paste: read from the HTML, its tables exact (the flat text alone gives no such table)
    assert results[1]["tables"] == tables and results[1]["verdict"] == "pass", results[1]["findings"]
    # the .docx
    assert results[2]["file"] == "报告.docx" and results[2]["tables"] == tables
    # the PDF: the add-on came from the site, and only for it
    huaian = results[3]
    assert (huaian["verdict"], huaian["body"], huaian["year"]) == ("pass", "淮安市人民政府", 2024)
    r = huaian["tables"]["requests"]
    assert [r["new"]["total"], r["carried_over"]["total"], r["total"]["total"], r["carried_forward"]["total"]] == [
        3119, 34, 3050, 103]
    assert huaian["tables"]["appeals"]["review"]["total"] == 351
    assert huaian["tables"]["proactive"]["fees"] == {"amount": 96171.6}
    assert ["pdf", True] in seen["addons"] and ["readers", True] in seen["addons"]
    urls = [r.url for r in session.net.log[before:]]
    assert sum(bool(re.search(r"/app/wheels/pypdf-[^/]+\.whl$", u)) for u in urls) == 1
    assert all(u.startswith(server) for u in urls)
    # an old .doc: what to do, never a pass
    assert results[4]["verdict"] == "unreadable" and "另存为 .docx" in results[4]["findings"][0]["message"]
