"""What the checker page gets from the core, as JSON text: the checks its
worker (site/app/worker.js) runs, and the layouts and rule codes the site's
build writes into manifest.json for it (scripts/build-site).

It lives in the package rather than in the worker's source so that it is
byte-compiled with the rest of the wheel (the page never compiles Python
source on its start-up path) and tested under CPython like the rest.
"""
from __future__ import annotations

import json

from . import check_text, formats, vocabulary
from .problems import Internal
from .result import unreadable_result
from .rules import RULES

FORMAT_IDS = ("2021", "2019")


def check_json(text: str, previous: str | None = None) -> str:
    """The result of one check, as JSON text; never raises (bad input never crashes the page)."""
    try:
        result = check_text(text, previous=previous or None)
    except Exception as exc:  # a bug in the checker: said as such, never a pass
        result = unreadable_result(Internal(type(exc).__name__))
    return json.dumps(result, ensure_ascii=False, default=str)


def layouts_json() -> str:
    """The tables of both formats in template layout, for the page to draw results in
    (written into the site's manifest.json at build time)."""
    return json.dumps({fid: formats.layout(fid) for fid in FORMAT_IDS}, ensure_ascii=False)


def rule_codes_json() -> str:
    """Every rule's code: the page links a finding's code only when its rule page exists
    (written into the site's manifest.json at build time)."""
    return json.dumps([r.code for r in RULES])


def vocabulary_json() -> str:
    """The checker's words for the page: severities (heaviest first), categories,
    verdicts with the page state each gives, the formats' names and the tables'
    titles (written into the site's manifest.json at build time)."""
    return json.dumps({
        "severities": [{"id": k, "word": w} for k, w in vocabulary.SEVERITIES.items()],
        "categories": vocabulary.CATEGORIES,
        "verdicts": {k: {"state": state, "word": word} for k, (state, word) in vocabulary.VERDICTS.items()},
        "not_checked": vocabulary.NOT_CHECKED,
        "how_to_fix": vocabulary.HOW_TO_FIX,
        "formats": {fid: formats.FORMATS[fid].title for fid in FORMAT_IDS},
    }, ensure_ascii=False)


# A report year each format is meant for (formats.FORMATS[...].years).
WARM_YEARS = {"2021": 2023, "2019": 2020}


def warm_text(format_id: str) -> str:
    """A synthetic report in one format that passes: every row of its tables
    (zeros), and sentences that agree with them, so that one check of it runs
    through every stage and rule."""
    lay = formats.layout(format_id)
    year = WARM_YEARS[format_id]
    lines = [f"{year}年政府信息公开工作年度报告", "一、总体情况", "本机关共收到政府信息公开申请0件。"]
    for t in lay["tables"]:
        lines.append(t["title"])
        if formats.FORMATS[format_id].tables[t["id"]].side_by_side:
            lines.append(" | ".join(["0"] * 15))
            continue
        for r in t["rows"]:
            n = len(r["columns"] or t["columns"])
            lines.append(r["label"] + " | " + " | ".join(["0"] * n))
    lines += ["五、存在的主要问题及改进情况", "一是公开内容不够全面。", "六、其他需要报告的事项",
              "本年度未收取信息处理费。", "某某人民政府办公室", f"{year + 1}年1月20日"]
    return "\n".join(lines)


def warm_texts_json() -> str:
    """The worker's warm-up checks, run once right after the page is ready so that a
    paste a moment later does not pay first-use costs: each format, and traditional script."""
    texts = [warm_text(fid) for fid in FORMAT_IDS]
    texts.append(texts[0].replace("政府信息公开申请", "政府信息公開申請").replace("收取信息处理费", "收取資訊處理費"))
    return json.dumps(texts, ensure_ascii=False)
