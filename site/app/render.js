// gouji checker: rendering.  The core's result (plain data) becomes DOM, and
// the page's skeleton is built; nothing here talks to the worker or keeps
// state between calls, and the only globals it uses are document (and
// ResizeObserver, to watch wide tables: watchOverflow; URL, for a download).
//
// Every word of the checker's own (severities and their order, verdicts,
// formats, "not checked", "how to fix", the tables' titles) comes from manifest.json, made
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

// A file made in the page (a result, a table) saved by the browser; nothing is sent anywhere.
export function download(blob, name) {
  const a = el("a", { href: URL.createObjectURL(blob), download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

export function fmtValue(v) {
  if (v === null || v === undefined) return "—";
  if (typeof v === "number") return Number.isInteger(v) ? String(v) : String(+v.toFixed(4));
  if (Array.isArray(v)) return v.map(fmtValue).join("、");
  if (typeof v === "object") return ""; // never a repr where a clerk reads
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
export function context(manifest, { ruleHref = () => null } = {}) {
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
    previousRules: new Set(m.previous_rules || []), // those that compare with last year's report
    ruleHref,
    // severity id -> its rank (0 the heaviest) and its word
    rank: Object.fromEntries(severities.map((s, i) => [s.id, i])),
    severity: Object.fromEntries(severities.map((s) => [s.id, s.word])),
    // verdict id -> the page's state and the headline
    verdict: (id) => verdicts[id] || { state: id === "unreadable" ? "error" : id, word: id },
    notChecked: vocab.not_checked || "not checked",
    howToFix: vocab.how_to_fix || "fix",
    formats: vocab.formats || {},
    maxFileBytes: (vocab.limits || {}).file_bytes || null, // the largest file the core reads
    maxTextBytes: (vocab.limits || {}).text_bytes || null, // and the largest text (UTF-8)
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
  // Folded away until wanted.  Not a <details>: Chrome makes a paste into the
  // report's box cost time in proportion to lines × lines while a closed
  // <details> is on the page (a paste over a long report took minutes).
  v.previousToggle = el("button", { type: "button", class: "gj-previous-toggle", "aria-expanded": "false",
                                    "aria-controls": "previous-input" }, "上年报告（可选）");
  v.previousPanel = el("div", { class: "gj-previous-panel", hidden: true }, v.previous);
  v.previousBox = el("div", { class: "gj-previous" }, v.previousToggle, v.previousPanel);
  v.openPrevious = (open) => {
    v.previousPanel.hidden = !open;
    v.previousToggle.setAttribute("aria-expanded", String(open));
  };
  v.previousToggle.addEventListener("click", () => v.openPrevious(v.previousPanel.hidden));
  // Files: dropped anywhere on the checker, or chosen with the button (one or many).
  v.fileInput = el("input", { type: "file", multiple: true, class: "gj-file-input", tabindex: "-1",
                              accept: FILE_TYPES, "aria-hidden": "true" });
  v.fileButton = el("button", { type: "button", class: "md-button gj-file-button" }, "选择文件");
  v.drop = el("div", { class: "gj-drop" },
    el("span", {}, "也可以把报告文件拖到这里，或 "), v.fileButton, v.fileInput,
    el("span", { class: "gj-drop-hint" }, "（.txt .html .docx .pdf，可一次选多个；文件只在本机读取）"));
  v.fileNote = el("p", { class: "gj-file-note", hidden: true });
  v.button = el("button", { id: "check-button", type: "button", class: "md-button md-button--primary" }, "检查");
  v.samples = el("span", { class: "gj-samples" });
  v.copyButton = el("button", { type: "button", class: "md-button gj-copy", disabled: true }, "复制结果文本");
  v.jsonButton = el("button", { type: "button", class: "md-button gj-json", disabled: true }, "下载检查结果");
  v.results = el("section", { id: "results", class: "gj-results", "data-state": "loading", "aria-live": "polite" });
  // while a check runs: what is under way (the result below it is the last one, dimmed)
  v.statusText = el("span", { class: "gj-status-text" });
  v.status = el("div", { class: "gj-status", role: "status" }, v.statusText);
  // a check that keeps on: the user may stop it (client.js STOP_OFFER_MS)
  v.stopButton = el("button", { type: "button", class: "md-button gj-stop-button" }, "停止检查");
  v.stop = el("div", { class: "gj-stop", hidden: true }, v.stopButton);
  // what the page has to say about the checker itself (restarted, a server to fix)
  v.notice = el("div", { class: "gj-notice", role: "status", hidden: true });
  root.append(
    v.progress,
    el("div", { class: "gj-input" }, v.input),
    v.fileNote,
    v.drop,
    v.previousBox,
    el("div", { class: "gj-actions" }, v.button, v.samples, el("span", { class: "gj-spacer" }),
      v.copyButton, v.jsonButton),
    v.notice,
    el("div", { class: "gj-output" }, v.status, v.stop, v.results),
  );
  return v;
}

// What the file button offers (any file can still be dropped: the kind is told by its bytes).
const FILE_TYPES = ".txt,.htm,.html,.docx,.pdf,.doc,.wps,text/plain,text/html,application/pdf";

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

// A one-line note in place of a result (loading, ready, a failure); link:
// {href, text}, a link to what to do.
export function showNote(target, text, { error = false, link = null } = {}) {
  target.replaceChildren(el("p", { class: error ? "gj-summary gj-error" : "gj-summary" }, text,
    link ? el("a", { href: link.href, target: "_blank", rel: "noopener" }, link.text) : null));
}

// ------------------------------------------------------------ a result

// At most this many findings are listed on the page (the rest are counted;
// the download and the copied text hold them all), and a cell's tooltip says
// at most this many: a report with thousands of findings must not freeze the page.
const LIST_MAX = 300;
const TITLE_MAX = 5;

// The page's words for the most likely error (the core's diagnosis, its
// "suspects", says which cells; these say how it is put).
const likelyTitle = (ctx) => `最可能的${sevWord(ctx, "error")}：`;
const TOGETHER = "两个单元格须一起改：";
const CANDIDATES = "以下单元格之一填错了（任改其一即可）：";
const CANDIDATE_PAIRS = "以下几组单元格之一填错了（每组的两个单元格一起改，任改一组即可）：";

// The headline a clerk reads first.  The verdict is the core's (result.verdict,
// its page state from the vocabulary), never worked out here.
//   {id, state, parts: [[class, text]], input?}: the summary line's pieces,
//   the verdict first; input: an unreadable report's one input finding
function headline(result, findings, ctx) {
  const id = result.verdict || "unreadable"; // a result without one is never shown as a pass
  const { state, word } = ctx.verdict(id);
  if (id === "unreadable") {
    const input = findings.find((f) => f.category === "input" && f.severity === "error") || findings[0] || null;
    return { id, state, input, parts: [["gj-verdict", word], [null, input && input.message ? "：" + input.message : ""]] };
  }
  const count = (s) => findings.filter((f) => f.severity === s).length;
  const parts = [["gj-verdict", id === "fail" ? `${count("error")} 处${sevWord(ctx, "error")}` : word],
    [null, " · "], ["gj-count-warning", `${count("warning")} 处${sevWord(ctx, "warning")}`]];
  const infos = count("info");
  if (infos) parts.push([null, " · "], ["gj-count-info", `${infos} 条${sevWord(ctx, "info")}`]);
  parts.push([null, " · "], ["gj-count-notchecked", `${(result.not_checked || []).length} 项${ctx.notChecked}`]);
  return { id, state, parts };
}

const headlineText = (head) => head.parts.map(([, text]) => text).join("");

// The core's suspects as answers a clerk can act on, by the error each answers
// (suspect.group): an answer is one cell, or two cells changed together (the
// core lists such a pair once from each side; it is said once here).
//   sure        [answer]: the one answer to its error (the cell gets .suspect)
//   candidates  [[answer]]: per error, several answers, any one enough (data-candidate)
//   answer      {cells: [key], parts: [suspect], pair}
function diagnosis(result) {
  const groups = new Map();
  for (const s of result.suspects || []) {
    const cells = [s.cell, ...(s.together || [])].map(cellKey);
    const id = cells.slice().sort().join(" ");
    const g = s.group ?? (s.sure ? id : "?");
    if (!groups.has(g)) groups.set(g, []);
    const answers = groups.get(g);
    const same = answers.find((a) => a.id === id);
    if (same) same.parts.push(s);
    else answers.push({ id, cells, parts: [s], sure: Boolean(s.sure), pair: cells.length > 1 });
  }
  const out = { sure: [], candidates: [] };
  for (const answers of groups.values()) {
    if (answers.length === 1 && answers[0].sure) out.sure.push(answers[0]);
    else out.candidates.push(answers);
  }
  return out;
}

function answerText(a) {
  return (a.pair ? TOGETHER : "") + a.parts.map((s) => s.message || "").join("；");
}

// {sure, title, items} for each part of the diagnosis, in the order said.
function diagnosisLines(dx, ctx) {
  const out = [];
  if (dx.sure.length) out.push({ sure: true, title: likelyTitle(ctx), items: dx.sure.map(answerText) });
  for (const answers of dx.candidates) {
    out.push({ sure: false, title: answers.some((a) => a.pair) ? CANDIDATE_PAIRS : CANDIDATES,
               items: answers.map(answerText) });
  }
  return out;
}

// A check against last year's report that found nothing says that it was made.
function previousLine(result, findings, ctx) {
  const prev = result.previous;
  if (!prev || result.verdict === "unreadable") return null;
  const compared = (x) => ctx.previousRules.has(x.rule);
  if (findings.some(compared) || (result.not_checked || []).some(compared)) return null;
  const which = [prev.year ? `${prev.year} 年度` : "", prev.body || ""].filter(Boolean).join("，");
  return `已与上年报告${which ? `（${which}）` : ""}核对：未发现不一致。`;
}

// Expected and actual, when they say more than the message: both plain values
// (never an object or a list), and not a sum over several cells (the message
// gives the sum).  null otherwise.
function evidence(f) {
  const plain = (v) => (typeof v === "number" && Number.isFinite(v)) || (typeof v === "string" && v.trim() !== "");
  if (!plain(f.expected) || !plain(f.actual) || (f.cells || []).length > 2) return null;
  return [fmtValue(f.expected), fmtValue(f.actual)];
}

function metaOf(result, ctx) {
  const meta = [];
  if (result.file) meta.push(["文件", result.file]);
  if (result.format) meta.push(["格式", ctx.formats[result.format] || result.format]);
  if (result.year) meta.push(["年度", `${result.year} 年`]);
  if (result.body) meta.push(["机关", result.body]);
  return meta;
}

function unreadableHint(ctx) {
  return "检查器在文本中寻找年度报告的表格：" + ctx.tableTitles.map((t) => `“${t}”`).join("")
    + "及其行列标签。请粘贴报告全文（含表格）。";
}

function two(n) {
  return String(n).padStart(2, "0");
}

// "检查时间：2026-11-30 14:05:09 · 勾稽 0.1.0" (the printed record says when)
function stampText(checkedAt, version) {
  const d = checkedAt;
  const when = `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} `
    + `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
  return `检查时间：${when}` + (version ? ` · 勾稽 ${version}` : "");
}

// Lays the result out in target (replacing what was there) and returns the
// page's state for it (the verdict's: pass, fail, incomplete or error).
//   checkedAt, version   when the check was made and by which checker (the printed record)
export function renderResult(target, result, ctx, { checkedAt = null, version = null } = {}) {
  const findings = sortFindings(result.findings, ctx);
  const notChecked = result.not_checked || [];
  const head = headline(result, findings, ctx);
  const unreadable = head.id === "unreadable";
  const dx = diagnosis(result);

  const banner = el("div", { class: `gj-banner gj-banner-${head.state}`, "data-verdict": head.id },
    el("p", { class: `gj-summary gj-${head.state}` },
      head.parts.map(([cls, text]) => (cls === "gj-verdict" ? el("strong", { class: cls }, text)
        : cls ? el("span", { class: cls }, text) : text))));
  if (unreadable) {
    banner.append(el("p", { class: "gj-hint" }, unreadableHint(ctx)));
  } else {
    const unchecked = (result.unchecked || []).map((u) => el("li", {}, u));
    if (head.id === "incomplete" && unchecked.length) banner.append(el("ul", { class: "gj-unchecked" }, unchecked));
    for (const { sure, title, items } of diagnosisLines(dx, ctx)) {
      banner.append(items.length === 1 && sure
        ? el("p", { class: "gj-likely" }, el("strong", {}, title), items[0], "。")
        : el("div", { class: sure ? "gj-likely" : "gj-likely gj-candidates" },
          el("p", {}, el("strong", {}, title)), el("ul", {}, items.map((t) => el("li", {}, t)))));
    }
    if (head.id !== "incomplete" && unchecked.length) {
      banner.append(el("p", { class: "gj-unchecked-title" }, ctx.verdict("incomplete").word + "："),
        el("ul", { class: "gj-unchecked" }, unchecked));
    }
    const prev = previousLine(result, findings, ctx);
    if (prev) banner.append(el("p", { class: "gj-previous-ok" }, prev));
  }

  const parts = [];
  if (checkedAt) parts.push(el("p", { class: "gj-stamp" }, stampText(checkedAt, version)));
  parts.push(banner);
  const meta = metaOf(result, ctx);
  if (meta.length) {
    parts.push(el("dl", { class: "gj-meta" },
      meta.map(([k, v]) => [el("dt", {}, k), el("dd", { "data-meta": k }, v)])));
  }
  const relation = el("div", { class: "gj-relation", hidden: true });
  const listed = findings.filter((f) => f !== head.input);
  if (listed.length) {
    const pin = { current: null }; // the finding clicked last: its cells stay marked
    const list = el("ol", { class: "gj-findings" });
    listed.slice(0, LIST_MAX).forEach((f, i) => list.append(finding(f, i, { target, relation, ctx, pin })));
    parts.push(el("h3", {}, "发现"), list);
    if (listed.length > LIST_MAX) {
      parts.push(el("p", { class: "gj-more" },
        `另有 ${listed.length - LIST_MAX} 条未在此列出（“下载检查结果”与“复制结果文本”中有全部 ${listed.length} 条）。`));
    }
  }
  const tables = unreadable ? null : renderTables(result, ctx);
  if (tables) parts.push(el("h3", {}, "重建的表格"), relation, tables);
  if (notChecked.length && !unreadable) {
    parts.push(el("h3", {}, ctx.notChecked), el("ul", { class: "gj-notchecked" },
      notChecked.map((n) => el("li", { "data-rule": n.rule }, ruleLink(n.rule, ctx), " ", n.reason || ""))));
  }
  target.replaceChildren(...parts);
  markCells(listed, target);
  markSuspects(dx, target, ctx);
  return head.state;
}

// The result as plain text (复制结果文本), by the same rules as the page: the
// summary line as shown, what to change first, then the findings.
export function resultText(result, ctx, { checkedAt = null, version = null } = {}) {
  const findings = sortFindings(result.findings, ctx);
  const head = headline(result, findings, ctx);
  const lines = [headlineText(head)];
  if (head.id === "unreadable") lines.push(unreadableHint(ctx));
  else {
    const unchecked = result.unchecked || [];
    if (head.id === "incomplete") lines.push(...unchecked.map((u) => `  · ${u}`));
    for (const { sure, title, items } of diagnosisLines(diagnosis(result), ctx)) {
      if (items.length === 1 && sure) lines.push(title + items[0] + "。");
      else lines.push(title, ...items.map((t) => `  · ${t}`));
    }
    if (head.id !== "incomplete" && unchecked.length) {
      lines.push(ctx.verdict("incomplete").word + "：", ...unchecked.map((u) => `  · ${u}`));
    }
    const prev = previousLine(result, findings, ctx);
    if (prev) lines.push(prev);
  }
  if (checkedAt) lines.push(stampText(checkedAt, version));
  for (const [k, v] of metaOf(result, ctx)) lines.push(`${k}：${v}`);
  findings.filter((f) => f !== head.input).forEach((f, i) => {
    let line = `${i + 1}. [${sevWord(ctx, f.severity)}] ${f.rule} ${f.message || ""}`;
    const ev = evidence(f);
    if (ev) line += `（应为 ${ev[0]}，实为 ${ev[1]}）`;
    lines.push(line);
    if (f.fix) lines.push(`   ${ctx.howToFix}：${f.fix}`);
  });
  if (head.id !== "unreadable") {
    for (const n of result.not_checked || []) lines.push(`${ctx.notChecked} ${n.rule}：${n.reason || ""}`);
  }
  return lines.join("\n") + "\n";
}

// A rule code links to its page when the catalogue has one, in a new tab:
// the pasted report and its result stay where they are.
function ruleLink(code, ctx) {
  const href = ctx.rules.has(code) ? ctx.ruleHref(code) : null;
  if (!href) return el("span", { class: "gj-code" }, code);
  return el("a", { class: "gj-code", href, target: "_blank", rel: "noopener" }, code);
}

// The cells of target by their data-cell key.
function cellsOf(target) {
  const byKey = new Map();
  for (const td of target.querySelectorAll("[data-cell]")) byKey.set(td.dataset.cell, td);
  return byKey;
}

// One finding.  Hovering shows its cells; a click (or the keyboard's focus)
// keeps them marked until the next, and brings the first into view.
function finding(f, i, { target, relation, ctx, pin }) {
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
  const ev = evidence(f);
  if (ev) li.append(el("span", { class: "gj-ev" }, "应为 ", el("b", {}, ev[0]), "，实为 ", el("b", {}, ev[1])));
  if (f.fix) li.append(el("span", { class: "gj-fix" }, el("b", {}, `${ctx.howToFix}：`), f.fix));
  const cells = (f.cells || []).map(cellKey);
  if (cells.length) li.dataset.cells = cells.join(" ");
  const me = { li, f, cells };
  const show = (which) => focusFinding(target, relation, which);
  const keep = () => {
    pin.current = me;
    show(me);
  };
  li.addEventListener("mouseenter", () => show(me));
  li.addEventListener("mouseleave", () => show(pin.current));
  li.addEventListener("focus", keep);
  li.addEventListener("click", (ev) => {
    if (ev.target.closest("a")) return;
    keep();
    const first = cells.length && cellsOf(target).get(cells[0]);
    if (first) first.scrollIntoView({ block: "center", inline: "nearest", behavior: "smooth" });
  });
  li.addEventListener("keydown", (ev) => {
    if (ev.key === "Enter" && !ev.target.closest("a")) li.click();
  });
  return li;
}

// Marks a finding's cells and says the relation (none: clears).
function focusFinding(target, relation, which) {
  for (const n of target.querySelectorAll(".focus")) n.classList.remove("focus");
  if (!which) { relation.hidden = true; return; }
  const { li, f, cells } = which;
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

// .bad on the cells of error findings, .warn on those of warnings; each
// cell's tooltip says its first few findings (a report can have thousands).
function markCells(findings, target) {
  const byKey = cellsOf(target);
  const said = new Map(); // td -> [lines]
  for (const f of findings) {
    const cls = f.severity === "error" ? "bad" : f.severity === "warning" ? "warn" : null;
    if (!cls) continue;
    for (const c of f.cells || []) {
      const td = byKey.get(cellKey(c));
      if (td) {
        td.classList.add(cls);
        if (!said.has(td)) said.set(td, []);
        said.get(td).push(`${f.rule}：${f.message || ""}`);
      }
    }
  }
  for (const [td, lines] of said) {
    td.title = lines.slice(0, TITLE_MAX).join("\n") + (lines.length > TITLE_MAX ? `\n……共 ${lines.length} 条` : "");
  }
}

// The most likely cells: .suspect (a sure answer) or [data-candidate] (one of
// several), each with what it should say ([data-badge], shown by checker.css
// beside the figure, not in the cell's text).
function markSuspects(dx, target, ctx) {
  const byKey = cellsOf(target);
  const mark = (a, how) => {
    for (const key of a.cells) {
      const td = byKey.get(key);
      if (!td) continue;
      const s = a.parts.find((p) => cellKey(p.cell) === key);
      const value = s && s.suggested !== undefined && s.suggested !== null ? fmtValue(s.suggested) : "";
      how(td, value);
      if (value) td.title = (td.title ? td.title + "\n" : "") + answerText(a);
    }
  };
  for (const a of dx.sure) {
    mark(a, (td, v) => { td.classList.add("suspect"); if (v) td.dataset.badge = `应为 ${v}`; });
  }
  for (const answers of dx.candidates) {
    for (const a of answers) mark(a, (td, v) => { td.dataset.candidate = v; if (v) td.dataset.badge = `可改为 ${v}`; });
  }
}

// Wide tables that do not fit (a phone): their box gets [data-overflow] (an
// edge fade and "左右滑动查看", checker.css), [data-scrolled] and [data-end]
// as the table is scrolled.  Returns a function that stops watching.
export function watchOverflow(target) {
  if (typeof ResizeObserver !== "function") return () => {};
  const update = (sc) => {
    const box = sc.parentNode;
    const over = sc.scrollWidth > sc.clientWidth + 1;
    box.toggleAttribute("data-overflow", over);
    box.toggleAttribute("data-scrolled", over && sc.scrollLeft > 1);
    box.toggleAttribute("data-end", !over || sc.scrollLeft + sc.clientWidth >= sc.scrollWidth - 1);
  };
  const ro = new ResizeObserver((entries) => { for (const e of entries) update(e.target); });
  for (const sc of target.querySelectorAll(".gj-scroll")) {
    ro.observe(sc);
    sc.addEventListener("scroll", () => update(sc), { passive: true });
  }
  return () => ro.disconnect();
}

// ------------------------------------------------------------ the tables

// The tables of the result's format, in the template's layout and order
// (manifest.json's layouts), each with the figures the core read.
// A table that came flattened (one number a row, its column unknown: the
// result's row_numbers) keeps its cells empty; each row's number is shown
// beside its label, and a line above the table says why.
function renderTables(result, ctx) {
  const data = result.tables || {};
  const flat = result.row_numbers || {};
  const layout = ctx.layouts[result.format] || null;
  if (!layout) return null;
  const wrap = el("div", { class: "gj-tables" });
  for (const t of layout.tables || []) {
    const values = data[t.id] || null;
    const numbers = flat[t.id] || null;
    wrap.append(el("h4", {}, t.title || t.id));
    if (values && numbers) {
      wrap.append(el("p", { class: "gj-flat-note" },
        "这张表每行只读到一个数字，无法判断属于哪一列，所以单元格都空着；每行读到的数字标在行名后。"));
    }
    wrap.append(values ? (t.side_by_side ? appealsGrid(t, values, numbers) : grid(t, values, numbers))
                       : el("p", { class: "gj-missing" }, "报告中未找到这张表。"));
  }
  return wrap;
}

// The number a flattened table's row said, beside its label; nothing for any other row.
function rowNumber(numbers, rowId) {
  const v = numbers ? numbers[rowId] : null;
  if (v === null || v === undefined) return null;
  return el("span", { class: "gj-row-number", title: "这一行读到的数字（无法判断属于哪一列）" },
    `读到 ${fmtValue(v)}`);
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

function grid(t, values, numbers = null) {
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
  // one header for the whole table: in <thead>, which a printed table
  // repeats at the top of each page it runs on to (table 三 takes two)
  if (uniform) table.append(el("thead", {}, header(cols.map((c) => c.id))));
  let lastCols = null;
  for (const r of t.rows || []) {
    const depth = r.depth ?? (r.parent ? 1 : 0);
    const ids = r.columns || cols.map((c) => c.id);
    // A group row printed as one row of figures (（六）其他处理 in some templates)
    // comes with figures of its own: it is drawn as a row of figures.
    const group = r.group && !values[r.id];
    if (!uniform && !group && ids.join() !== lastCols) {
      tbody.append(...header(ids));
      lastCols = ids.join();
    }
    const label = el("th", { class: `gj-label gj-depth-${depth}`, scope: "row", "data-row": r.id },
      r.label, rowNumber(numbers, r.id));
    if (group) {
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
  return scrollBox(table);
}

// Table 四 in the template is one wide row (its layout says side_by_side):
// 行政复议 | 行政诉讼（未经复议直接起诉 | 复议后起诉）.
function appealsGrid(t, values, numbers = null) {
  const cols = t.columns || [];
  const rows = (t.rows || []).filter((r) => !r.group);
  const table = el("table", { class: "gj-grid gj-wide", "data-table": t.id });
  const top = el("tr", { class: "gj-head" });
  const mid = el("tr", { class: "gj-head" });
  const low = el("tr", { class: "gj-head" });
  const review = rows.filter((r) => !r.id.startsWith("suit"));
  const suits = rows.filter((r) => r.id.startsWith("suit"));
  for (const r of review) {
    top.append(el("th", { colspan: cols.length, rowspan: 2 }, r.label, rowNumber(numbers, r.id)));
    for (const c of cols) low.append(el("th", { "data-col": c.id }, c.label));
  }
  // the suits' labels are "<group>·<kind>" (行政诉讼·未经复议直接起诉): the group heads them
  if (suits.length) top.append(el("th", { colspan: cols.length * suits.length }, String(suits[0].label).split(/[·・]/)[0]));
  for (const r of suits) {
    mid.append(el("th", { colspan: cols.length }, String(r.label).split(/[·・]/).pop(), rowNumber(numbers, r.id)));
    for (const c of cols) low.append(el("th", { "data-col": c.id }, c.label));
  }
  const body = el("tr", {});
  for (const r of review.concat(suits)) for (const c of cols) body.append(valueCell(t.id, r.id, c.id, values));
  table.append(el("tbody", {}, top, mid, low, body));
  return scrollBox(table);
}

// A table in its scroller (see watchOverflow), with the hint shown when it does not fit.
// It starts as a table that fits ([data-end]), as on a desktop: watchOverflow's
// first look then changes nothing there, where a change would cost the
// result's first frame a second style and layout pass.
function scrollBox(table) {
  return el("div", { class: "gj-scrollbox", "data-end": true },
    el("p", { class: "gj-swipe", "aria-hidden": "true" }, "左右滑动查看整张表 →"),
    el("div", { class: "gj-scroll" }, table));
}
