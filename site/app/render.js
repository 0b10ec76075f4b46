// gouji checker: rendering.  The core's result (plain data) becomes DOM, and
// the page's skeleton is built; nothing here talks to the worker or keeps
// state between calls, and the only global it uses is document.
//
// Every word of the checker's own (severities and their order, verdicts,
// formats, "not checked", the tables' titles) comes from manifest.json, made
// at build time by the same core (gouji.web.vocabulary_json, layouts_json):
// see context() below.  The words here are the page's own.
//
// DOM contract: see app/checker.js.

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "class") node.className = v;
    else if (k === "text") node.textContent = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    node.append(typeof c === "object" && c.nodeType ? c : document.createTextNode(String(c)));
  }
  return node;
}

export function fmtValue(v) {
  if (v === null || v === undefined) return "—";
  if (typeof v === "number") return Number.isInteger(v) ? String(v) : String(+v.toFixed(4));
  if (Array.isArray(v)) return v.map(fmtValue).join("、");
  if (typeof v === "object") return JSON.stringify(v);
  return String(v);
}

function cellKey(cell) {
  return Array.isArray(cell) ? cell.join(".") : String(cell);
}

// ------------------------------------------------------------ context

// What rendering needs from manifest.json, ready to use.
//   manifest   the parsed manifest.json, or null when it could not be read
//              (a result is still shown, with the core's ids for words)
//   ruleHref   code -> the URL of the rule's page
//   embedded   rule pages open in a new tab (app/frame.html)
export function context(manifest, { ruleHref = () => null, embedded = false } = {}) {
  const m = manifest || {};
  const vocab = m.vocabulary || {};
  const severities = vocab.severities || [];
  const layouts = m.layouts || {};
  const titles = [];
  for (const layout of Object.values(layouts)) {
    for (const t of layout.tables || []) if (t.title && !titles.includes(t.title)) titles.push(t.title);
  }
  const verdicts = vocab.verdicts || {};
  return {
    layouts,
    rules: new Set(m.rules || []),
    ruleHref,
    embedded,
    // severity id -> its rank (0 the heaviest) and its word
    rank: Object.fromEntries(severities.map((s, i) => [s.id, i])),
    severity: Object.fromEntries(severities.map((s) => [s.id, s.word])),
    // verdict id -> the page's state and the headline
    verdict: (id) => verdicts[id] || { state: id === "unreadable" ? "error" : id, word: id },
    notChecked: vocab.not_checked || "not checked",
    formats: vocab.formats || {},
    tableTitles: titles, // every table looked for, in the template's order
  };
}

function sevWord(ctx, s) {
  return ctx.severity[s] || s;
}

function sortFindings(findings, ctx) {
  const last = Object.keys(ctx.rank).length;
  return (findings || []).slice().sort((a, b) => (ctx.rank[a.severity] ?? last) - (ctx.rank[b.severity] ?? last));
}

// The verdict on a result: "unreadable" (an input error: no report found),
// "fail" (any error) or "pass".
function verdictOf(findings) {
  if (findings.some((f) => f.category === "input" && f.severity === "error")) return "unreadable";
  return findings.some((f) => f.severity === "error") ? "fail" : "pass";
}

// ------------------------------------------------------------ skeleton

// The checker's parts, built into root; returns them by name.
export function skeleton(root) {
  root.classList.add("gj");
  const v = {};
  v.progress = el("div", { class: "gj-progress", role: "status", "aria-live": "polite" },
    el("ol", { class: "gj-stages" },
      el("li", { "data-stage": "download" }, "下载运行环境"),
      el("li", { "data-stage": "python" }, "启动 Python"),
      el("li", { "data-stage": "checker" }, "加载检查器")),
    // Never indeterminate: its animation repaints every frame, and the
    // painting competes with the runtime's start-up for the CPU.
    el("progress", { class: "gj-bar", max: "100", value: "0" }),
    el("span", { class: "gj-progress-text" }, "正在准备检查器……"));
  v.input = el("textarea", {
    id: "report-input", rows: "12", spellcheck: "false", autocomplete: "off",
    placeholder: "把年度报告全文粘贴到这里（可从网页、Word 或 PDF 直接复制），粘贴后立即检查。",
    "aria-label": "年度报告全文",
  });
  // Optional: last year's report of the same body, for the Y rules (结转 carried over, 现行有效 …).
  v.previous = el("textarea", {
    id: "previous-input", rows: "6", spellcheck: "false", autocomplete: "off",
    placeholder: "（可选）粘贴同一机关上一年度的年度报告，用于核对“上年结转”与上年“结转下年度”等是否一致。",
    "aria-label": "上年报告（可选）",
  });
  v.previousBox = el("details", { class: "gj-previous" },
    el("summary", {}, "上年报告（可选）"), v.previous);
  v.button = el("button", { id: "check-button", type: "button", class: "md-button md-button--primary" }, "检查");
  v.samples = el("span", { class: "gj-samples" });
  v.copyButton = el("button", { type: "button", class: "md-button gj-copy", disabled: true }, "复制结果文本");
  v.jsonButton = el("button", { type: "button", class: "md-button gj-json", disabled: true }, "下载 JSON");
  v.results = el("section", { id: "results", class: "gj-results", "data-state": "loading", "aria-live": "polite" });
  root.append(
    v.progress,
    el("div", { class: "gj-input" }, v.input),
    v.previousBox,
    el("div", { class: "gj-actions" }, v.button, v.samples, el("span", { class: "gj-spacer" }),
      v.copyButton, v.jsonButton),
    v.results,
  );
  return v;
}

export function sampleButton(sample) {
  return el("button", { type: "button", class: "md-button gj-sample", "data-sample": sample.file,
                        title: sample.title || sample.file }, sample.label);
}

// The start-up progress: {stage, label, fraction?} from the worker.
export function showProgress(progress, { stage, label, fraction }) {
  let reached = true;
  for (const li of progress.querySelectorAll("li")) {
    li.classList.toggle("done", reached && li.dataset.stage !== stage);
    li.classList.toggle("active", li.dataset.stage === stage);
    if (li.dataset.stage === stage) reached = false;
  }
  const bar = progress.querySelector("progress");
  const text = progress.querySelector(".gj-progress-text");
  if (typeof fraction === "number") {
    bar.hidden = false;
    bar.value = Math.round(fraction * 100);
    text.textContent = `${label}…… ${Math.round(fraction * 100)}%`;
  } else {
    bar.hidden = true; // the download is over; the stage list says what is going on
    text.textContent = `${label}……`;
  }
  progress.dataset.stage = stage;
}

// A one-line note in place of a result (loading, ready, a failure).
export function showNote(target, text, { error = false } = {}) {
  target.replaceChildren(el("p", { class: error ? "gj-summary gj-error" : "gj-summary" }, text));
}

// ------------------------------------------------------------ a result

// Lays the result out in target (replacing what was there) and returns the
// page's state for it: "pass", "fail" or "error".
export function renderResult(target, result, ctx) {
  const findings = sortFindings(result.findings, ctx);
  const notChecked = result.not_checked || [];
  const count = (s) => findings.filter((f) => f.severity === s).length;
  const errors = count("error");
  const warnings = count("warning");
  const infos = count("info");
  const verdict = verdictOf(findings);
  const { state, word } = ctx.verdict(verdict);

  const parts = [];
  if (verdict === "unreadable") {
    const inputError = findings.find((f) => f.category === "input" && f.severity === "error");
    parts.push(el("p", { class: "gj-summary gj-error" },
      el("strong", {}, "无法读取报告"), "：", inputError.message));
    parts.push(el("p", { class: "gj-hint" },
      "检查器在文本中寻找年度报告的表格：" + ctx.tableTitles.map((t) => `“${t}”`).join("")
      + "及其行列标签。请粘贴报告全文（含表格）。"));
  } else {
    parts.push(el("p", { class: "gj-summary gj-" + state },
      el("strong", { class: "gj-verdict" }, verdict === "fail" ? `${errors} 处${sevWord(ctx, "error")}` : word),
      " · ", el("span", { class: "gj-count-warning" }, `${warnings} 处${sevWord(ctx, "warning")}`),
      infos ? [" · ", el("span", {}, `${infos} 条${sevWord(ctx, "info")}`)] : null,
      " · ", el("span", { class: "gj-count-notchecked" }, `${notChecked.length} 项${ctx.notChecked}`)));
  }

  const meta = [];
  if (result.format) meta.push(["格式", ctx.formats[result.format] || result.format]);
  if (result.year) meta.push(["年度", `${result.year} 年`]);
  if (result.body) meta.push(["机关", result.body]);
  if (meta.length) {
    parts.push(el("dl", { class: "gj-meta" },
      meta.map(([k, v]) => [el("dt", {}, k), el("dd", { "data-meta": k }, v)])));
  }

  const relation = el("div", { class: "gj-relation", hidden: true });
  if (findings.length) {
    const list = el("ol", { class: "gj-findings" });
    findings.forEach((f, i) => list.append(finding(f, i, target, relation, ctx)));
    parts.push(el("h3", {}, "发现"), list);
  }
  const tables = renderTables(result, ctx);
  if (tables) parts.push(el("h3", {}, "重建的表格"), relation, tables);
  if (notChecked.length) {
    parts.push(el("h3", {}, ctx.notChecked), el("ul", { class: "gj-notchecked" },
      notChecked.map((n) => el("li", { "data-rule": n.rule }, ruleLink(n.rule, ctx), " ", n.reason || ""))));
  }
  target.replaceChildren(...parts);
  markCells(findings, target);
  return state;
}

// The result as plain text (复制结果文本): the summary line as shown, then the findings.
export function resultText(result, summary, ctx) {
  const lines = [summary];
  if (result.format) lines.push(`格式：${ctx.formats[result.format] || result.format}`);
  if (result.year) lines.push(`年度：${result.year}`);
  if (result.body) lines.push(`机关：${result.body}`);
  sortFindings(result.findings, ctx).forEach((f, i) => {
    let line = `${i + 1}. [${sevWord(ctx, f.severity)}] ${f.rule} ${f.message || ""}`;
    if ("expected" in f || "actual" in f) line += `（应为 ${fmtValue(f.expected)}，实为 ${fmtValue(f.actual)}）`;
    lines.push(line);
  });
  for (const n of result.not_checked || []) lines.push(`${ctx.notChecked} ${n.rule}：${n.reason || ""}`);
  return lines.join("\n") + "\n";
}

// A rule code links to its page when the catalogue has one.
function ruleLink(code, ctx) {
  const href = ctx.rules.has(code) ? ctx.ruleHref(code) : null;
  if (!href) return el("span", { class: "gj-code" }, code);
  return el("a", { class: "gj-code", href, target: ctx.embedded ? "_blank" : null,
                   rel: ctx.embedded ? "noopener" : null }, code);
}

// The cells of target by their data-cell key.
function cellsOf(target) {
  const byKey = new Map();
  for (const td of target.querySelectorAll("[data-cell]")) byKey.set(td.dataset.cell, td);
  return byKey;
}

function finding(f, i, target, relation, ctx) {
  const li = el("li", {
    class: `finding gj-${f.severity}`, tabindex: "0",
    "data-rule": f.rule, "data-severity": f.severity, "data-category": f.category || "",
    "data-index": String(i),
  });
  li.append(
    el("span", { class: "gj-sev" }, sevWord(ctx, f.severity)),
    ruleLink(f.rule, ctx),
    el("span", { class: "gj-msg" }, f.message || ""),
  );
  if ("expected" in f || "actual" in f) {
    li.append(el("span", { class: "gj-ev" },
      "应为 ", el("b", {}, fmtValue(f.expected)), "，实为 ", el("b", {}, fmtValue(f.actual))));
  }
  const cells = (f.cells || []).map(cellKey);
  if (cells.length) li.dataset.cells = cells.join(" ");
  const on = () => focusFinding(target, relation, li, f, cells);
  li.addEventListener("mouseenter", on);
  li.addEventListener("focus", on);
  li.addEventListener("click", (ev) => {
    if (ev.target.closest("a")) return;
    on();
    const first = cells.length && cellsOf(target).get(cells[0]);
    if (first) first.scrollIntoView({ block: "center", behavior: "smooth" });
  });
  li.addEventListener("mouseleave", () => focusFinding(target, relation, null));
  return li;
}

// Hovering or focusing a finding marks its cells and says the relation.
function focusFinding(target, relation, li, f, cells = []) {
  for (const n of target.querySelectorAll(".focus")) n.classList.remove("focus");
  if (!li) { relation.hidden = true; return; }
  li.classList.add("focus");
  const byKey = cellsOf(target);
  for (const key of cells) {
    const td = byKey.get(key);
    if (td) td.classList.add("focus");
  }
  relation.hidden = false;
  relation.replaceChildren(el("code", {}, f.rule), " ", f.message || "",
    cells.length ? el("span", { class: "gj-relation-cells" }, `（涉及 ${cells.length} 个单元格，已在表中标出）`) : "");
}

// .bad on the cells of error findings, .warn on those of warnings.
function markCells(findings, target) {
  const byKey = cellsOf(target);
  for (const f of findings) {
    const cls = f.severity === "error" ? "bad" : f.severity === "warning" ? "warn" : null;
    if (!cls) continue;
    for (const c of f.cells || []) {
      const td = byKey.get(cellKey(c));
      if (td) {
        td.classList.add(cls);
        td.title = (td.title ? td.title + "\n" : "") + `${f.rule}：${f.message || ""}`;
      }
    }
  }
}

// ------------------------------------------------------------ the tables

// The tables of the result's format, in the template's layout and order
// (manifest.json's layouts), each with the figures the core read.
function renderTables(result, ctx) {
  const data = result.tables || {};
  const layout = ctx.layouts[result.format] || null;
  if (!layout) return null;
  const wrap = el("div", { class: "gj-tables" });
  for (const t of layout.tables || []) {
    const values = data[t.id] || null;
    wrap.append(el("h4", {}, t.title || t.id),
      values ? (t.id === "appeals" ? appealsGrid(t, values) : grid(t, values))
             : el("p", { class: "gj-missing" }, "报告中未找到这张表。"));
  }
  return wrap;
}

function valueCell(tableId, rowId, colId, values) {
  const row = values[rowId] || {};
  const v = row[colId];
  const present = Object.prototype.hasOwnProperty.call(row, colId) && v !== null && v !== undefined;
  return el("td", {
    class: present ? "gj-num" : "gj-num gj-empty",
    "data-cell": `${tableId}.${rowId}.${colId}`,
  }, present ? fmtValue(v) : "");
}

function grid(t, values) {
  const table = el("table", { class: "gj-grid", "data-table": t.id });
  const cols = t.columns || [];
  const colOf = Object.fromEntries(cols.map((c) => [c.id, c]));
  const tbody = el("tbody");
  const uniform = (t.rows || []).every((r) => !r.columns);
  const width = cols.length;
  const header = (ids) => {
    const groups = ids.map((id) => colOf[id] || { id, label: id });
    const hasGroup = groups.some((c) => c.group);
    if (!hasGroup) {
      return [el("tr", { class: "gj-head" }, el("th", {}, t.row_header || ""),
        groups.map((c) => el("th", { "data-col": c.id }, c.label)))];
    }
    const top = el("tr", { class: "gj-head" }, el("th", { rowspan: 2 }, t.row_header || ""));
    const sub = el("tr", { class: "gj-head" });
    for (let i = 0; i < groups.length;) {
      const g = groups[i].group;
      if (!g) { top.append(el("th", { rowspan: 2, "data-col": groups[i].id }, groups[i].label)); i += 1; continue; }
      let j = i;
      while (j < groups.length && groups[j].group === g) j += 1;
      top.append(el("th", { colspan: j - i }, g));
      for (let k = i; k < j; k += 1) sub.append(el("th", { "data-col": groups[k].id }, groups[k].label));
      i = j;
    }
    return [top, sub];
  };
  if (uniform) tbody.append(...header(cols.map((c) => c.id)));
  let lastCols = null;
  for (const r of t.rows || []) {
    const depth = r.depth ?? (r.parent ? 1 : 0);
    const ids = r.columns || cols.map((c) => c.id);
    if (!uniform && !r.group && ids.join() !== lastCols) {
      tbody.append(...header(ids));
      lastCols = ids.join();
    }
    const label = el("th", { class: `gj-label gj-depth-${depth}`, scope: "row", "data-row": r.id }, r.label);
    if (r.group) {
      tbody.append(el("tr", { class: "gj-group" }, label,
        el("td", { colspan: uniform ? width : Math.max(1, ids.length) })));
      continue;
    }
    const tr = el("tr", { "data-row": r.id }, label);
    for (const id of ids) tr.append(valueCell(t.id, r.id, id, values));
    if (!uniform) for (let k = ids.length; k < width && k < 3; k += 1) tr.append(el("td", { class: "gj-pad" }));
    tbody.append(tr);
  }
  table.append(tbody);
  return el("div", { class: "gj-scroll" }, table);
}

// Table 四 in the template is one wide row: 行政复议 | 行政诉讼（未经复议直接起诉 | 复议后起诉）.
function appealsGrid(t, values) {
  const cols = t.columns || [];
  const rows = (t.rows || []).filter((r) => !r.group);
  const table = el("table", { class: "gj-grid gj-wide", "data-table": t.id });
  const top = el("tr", { class: "gj-head" });
  const mid = el("tr", { class: "gj-head" });
  const low = el("tr", { class: "gj-head" });
  const review = rows.filter((r) => !r.id.startsWith("suit"));
  const suits = rows.filter((r) => r.id.startsWith("suit"));
  for (const r of review) {
    top.append(el("th", { colspan: cols.length, rowspan: 2 }, r.label));
    for (const c of cols) low.append(el("th", { "data-col": c.id }, c.label));
  }
  // the suits' labels are "<group>·<kind>" (行政诉讼·未经复议直接起诉): the group heads them
  if (suits.length) top.append(el("th", { colspan: cols.length * suits.length }, String(suits[0].label).split(/[·・]/)[0]));
  for (const r of suits) {
    mid.append(el("th", { colspan: cols.length }, String(r.label).split(/[·・]/).pop()));
    for (const c of cols) low.append(el("th", { "data-col": c.id }, c.label));
  }
  const body = el("tr", {});
  for (const r of review.concat(suits)) for (const c of cols) body.append(valueCell(t.id, r.id, c.id, values));
  table.append(el("tbody", {}, top, mid, low, body));
  return el("div", { class: "gj-scroll" }, table);
}
