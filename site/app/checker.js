// gouji checker: the page script.  It builds the checker into every element
// marked [data-gouji-app], starts the Python worker at once and renders the
// core's result.  Plain JS, no framework, no build step.
//
// DOM contract (the tests rely on it):
//   textarea#report-input, #check-button,
//   #results[data-state = loading | ready | checking | pass | fail | error]
//           [data-elapsed-ms] [data-seq]
//   .finding[data-rule][data-severity][data-category]
//   td[data-cell="<table>.<row>.<column>"], .bad on the cells of error findings

const HERE = new URL("./", import.meta.url);
const RULES = new URL("../rules/", HERE);
const TYPING_PAUSE_MS = 250;

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 };
const SEVERITY_LABEL = { error: "错误", warning: "提示", info: "信息" };
const CATEGORY_LABEL = {
  arithmetic: "勾稽关系", structure: "表格结构", narrative: "正文与表格",
  metadata: "报告信息", integrity: "数据完整性", input: "输入",
};
const FORMAT_LABEL = {
  "2021": "2021 年版格式（国办公开办函〔2021〕30号）",
  "2019": "2019 年版格式（国办公开办函〔2019〕60号）",
};
const TABLE_TITLE = {
  proactive: "二、主动公开政府信息情况",
  requests: "三、收到和处理政府信息公开申请情况",
  appeals: "四、政府信息公开行政复议、行政诉讼情况",
};
const TABLE_ORDER = ["proactive", "requests", "appeals"];

function el(tag, attrs = {}, ...children) {
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
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

function fmtValue(v) {
  if (v === null || v === undefined) return "—";
  if (typeof v === "number") return Number.isInteger(v) ? String(v) : String(+v.toFixed(4));
  if (Array.isArray(v)) return v.map(fmtValue).join("、");
  if (typeof v === "object") return JSON.stringify(v);
  return String(v);
}

// The checker page holds back the theme's scripts (site/overrides/main.html)
// until the checker is up and the user is not waiting for a result: the
// theme's start-up is one long task on the main thread (60-90 ms measured),
// which would slow the runtime's boot before "ready" and a result after it.
// It starts once the first result is on screen, or a few seconds after
// "ready" when nothing was pasted, or at once if the checker cannot start.
// Elsewhere this does nothing.
const THEME_AFTER_READY_MS = 2500;
function startTheme() {
  try {
    if (typeof window.__goujiStartTheme === "function") window.__goujiStartTheme();
  } catch (e) {
    console.warn("theme", e); // the checker never depends on the theme
  }
}

function cellKey(cell) {
  return Array.isArray(cell) ? cell.join(".") : String(cell);
}

class Checker {
  constructor(root) {
    this.root = root;
    this.seq = 0;        // checks requested
    this.shown = 0;      // results rendered
    this.pending = null; // {id, text, t0}
    this.ready = false;
    this.layouts = {};
    this.rules = new Set();
    this.result = null;
    this.timer = null;
    this.pasteAt = null;
    this.build();
    this.startWorker();
  }

  // ------------------------------------------------------------ skeleton
  build() {
    const r = this.root;
    r.classList.add("gj");
    this.progress = el("div", { class: "gj-progress", role: "status", "aria-live": "polite" },
      el("ol", { class: "gj-stages" },
        el("li", { "data-stage": "download" }, "下载运行环境"),
        el("li", { "data-stage": "python" }, "启动 Python"),
        el("li", { "data-stage": "checker" }, "加载检查器")),
      // Never indeterminate: its animation repaints every frame, and the
      // painting competes with the runtime's start-up for the CPU.
      el("progress", { class: "gj-bar", max: "100", value: "0" }),
      el("span", { class: "gj-progress-text" }, "正在准备检查器……"));
    this.input = el("textarea", {
      id: "report-input", rows: "12", spellcheck: "false", autocomplete: "off",
      placeholder: "把年度报告全文粘贴到这里（可从网页、Word 或 PDF 直接复制），粘贴后立即检查。",
      "aria-label": "年度报告全文",
    });
    // Optional: last year's report of the same body, for the Y rules (结转 carried over, 现行有效 …).
    this.previous = el("textarea", {
      id: "previous-input", rows: "6", spellcheck: "false", autocomplete: "off",
      placeholder: "（可选）粘贴同一机关上一年度的年度报告，用于核对“上年结转”与上年“结转下年度”等是否一致。",
      "aria-label": "上年报告（可选）",
    });
    this.previousBox = el("details", { class: "gj-previous" },
      el("summary", {}, "上年报告（可选）"), this.previous);
    this.button = el("button", { id: "check-button", type: "button", class: "md-button md-button--primary" }, "检查");
    this.samples = el("span", { class: "gj-samples" });
    this.copyButton = el("button", { type: "button", class: "md-button gj-copy", disabled: true }, "复制结果文本");
    this.jsonButton = el("button", { type: "button", class: "md-button gj-json", disabled: true }, "下载 JSON");
    this.results = el("section", { id: "results", class: "gj-results", "data-state": "loading", "aria-live": "polite" });
    r.append(
      this.progress,
      el("div", { class: "gj-input" }, this.input),
      this.previousBox,
      el("div", { class: "gj-actions" }, this.button, this.samples, el("span", { class: "gj-spacer" }),
        this.copyButton, this.jsonButton),
      this.results,
    );
    this.setState("loading");
    this.results.append(el("p", { class: "gj-summary" }, "检查器正在加载，可以先粘贴报告，加载完成后自动检查。"));

    this.input.addEventListener("paste", () => { this.pasteAt = performance.now(); });
    this.input.addEventListener("input", (ev) => {
      clearTimeout(this.timer);
      if (this.pasteAt !== null || ev.inputType === "insertFromPaste" || ev.inputType === "insertFromDrop") {
        const t0 = this.pasteAt ?? performance.now();
        this.pasteAt = null;
        this.request(t0);
      } else {
        this.timer = setTimeout(() => this.request(performance.now()), TYPING_PAUSE_MS);
      }
    });
    this.button.addEventListener("click", () => { clearTimeout(this.timer); this.request(performance.now()); });
    // A change to last year's report re-checks this year's (after the same pause as typing).
    this.previous.addEventListener("input", () => {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.request(performance.now()), TYPING_PAUSE_MS);
    });
    this.copyButton.addEventListener("click", () => this.copyText());
    this.jsonButton.addEventListener("click", () => this.downloadJson());
    this.loadSampleList();
  }

  async loadSampleList() {
    try {
      const resp = await fetch(new URL("manifest.json", HERE));
      const manifest = await resp.json();
      // the table layouts and the rule codes (made at build time by the same core)
      this.layouts = manifest.layouts || {};
      this.rules = new Set(manifest.rules || []);
      this.scheduleWarmUp({ results: manifest.warmup || [] });
      for (const s of manifest.samples || []) {
        const b = el("button", { type: "button", class: "md-button gj-sample", "data-sample": s.file, title: s.title || s.file },
          s.label);
        b.addEventListener("click", () => this.loadSample(s.file));
        this.samples.append(b);
      }
    } catch (e) {
      console.warn("samples unavailable", e);
    }
  }

  async loadSample(file) {
    const t0 = performance.now();
    const resp = await fetch(new URL("samples/" + encodeURIComponent(file), HERE));
    this.input.value = await resp.text();
    clearTimeout(this.timer);
    this.request(t0);
  }

  // ------------------------------------------------------------ worker
  startWorker() {
    // The checker page starts the worker in <head> (site/overrides/main.html),
    // before the theme's assets; adopt it and replay what it has said so far.
    const early = window.__goujiWorker;
    const url = new URL("worker.js", HERE).href;
    let events = [];
    if (early && !early.adopted && early.url === url) {
      early.adopted = true;
      this.worker = early.worker;
      this.workerStarted = early.started;
      events = early.events;
    } else {
      this.workerStarted = performance.now();
      this.worker = new Worker(url, { type: "module" });
    }
    this.worker.onmessage = (ev) => this.onMessage(ev.data);
    this.worker.onerror = (ev) => this.fatal(ev.message || "运行环境无法启动");
    for (const ev of events.splice(0)) {
      if (ev.type === "error") this.worker.onerror(ev);
      else this.onMessage(ev.data);
    }
  }

  async onMessage(msg) {
    if (msg.type === "progress") this.showProgress(msg);
    else if (msg.type === "ready") {
      const tMsg = performance.now();
      this.ready = true;
      this.version = msg.version;
      this.root.dataset.readyMs = String(Math.round(msg.ms));          // since the worker started
      this.root.dataset.readyAt = String(Math.round(performance.now())); // since navigation
      // where the time went (worker marks are since the worker started)
      const timings = {
        ...Object.fromEntries(Object.entries(msg.marks || {}).map(([k, v]) => [k, Math.round(v)])),
        worker_ready: Math.round(msg.ms), ready_message: Math.round(tMsg),
        worker_started: Math.round(this.workerStarted),
      };
      // when the worker's module began to run, since navigation
      if (msg.origin) timings.worker_t0 = Math.round(msg.origin - performance.timeOrigin);
      this.timings = timings;
      this.noteTimings();
      this.progress.hidden = true;
      this.themeTimer = setTimeout(() => this.startThemeWhenIdle(), THEME_AFTER_READY_MS);
      this.scheduleWarmUp();
      if (this.pending) this.send(this.pending);
      else if (!this.input.value.trim()) this.showEmpty();
      else this.request(performance.now());
    } else if (msg.type === "warm") {
      // The worker warms up after "ready"; its results are laid out only when the
      // build-time ones (manifest.json) were not (see scheduleWarmUp).
      this.workerWarmupMs = Math.round(msg.ms || 0);
      if (!this.warmupData) this.scheduleWarmUp({ results: (msg.warm || []).map((j) => JSON.parse(j)) });
      this.noteTimings();
    } else if (msg.type === "result") this.onResult(msg);
    else if (msg.type === "addon") {
      this.root.dataset[msg.name] = msg.ok ? "ready" : "failed";
      if (!msg.ok) console.warn("add-on", msg.name, msg.detail);
    } else if (msg.type === "fatal") this.fatal(msg.message);
  }

  showProgress({ stage, label, fraction }) {
    let reached = true;
    for (const li of this.progress.querySelectorAll("li")) {
      li.classList.toggle("done", reached && li.dataset.stage !== stage);
      li.classList.toggle("active", li.dataset.stage === stage);
      if (li.dataset.stage === stage) reached = false;
    }
    const bar = this.progress.querySelector("progress");
    const text = this.progress.querySelector(".gj-progress-text");
    if (typeof fraction === "number") {
      bar.hidden = false;
      bar.value = Math.round(fraction * 100);
      text.textContent = `${label}…… ${Math.round(fraction * 100)}%`;
    } else {
      bar.hidden = true; // the download is over; the stage list says what is going on
      text.textContent = `${label}……`;
    }
    this.progress.dataset.stage = stage;
  }

  fatal(message) {
    startTheme();
    this.progress.hidden = true;
    this.setState("error");
    this.results.replaceChildren(el("p", { class: "gj-summary gj-error" },
      "检查器无法启动：" + message + "。请刷新页面重试。"));
  }

  // ------------------------------------------------------------ checks
  request(t0) {
    const text = this.input.value;
    const previous = this.previous.value.trim() ? this.previous.value : null;
    const id = ++this.seq;
    this.pending = { id, text, previous, t0 };
    if (!text.trim()) {
      this.pending = null;
      if (this.ready) this.showEmpty();
      return;
    }
    if (this.ready) this.send(this.pending);
  }

  send(job) {
    this.setState("checking");
    this.worker.postMessage({ type: "check", id: job.id, text: job.text, previous: job.previous || undefined });
  }

  onResult(msg) {
    if (!this.pending || msg.id !== this.pending.id) return; // superseded
    const t0 = this.pending.t0;
    this.pending = null;
    let result;
    try {
      result = JSON.parse(msg.json);
    } catch (e) {
      result = { findings: [{ rule: "internal", severity: "error", category: "input",
                              message: "检查结果无法读取", cells: [] }], not_checked: [], tables: {} };
    }
    const tRender = performance.now();
    this.render(result);
    const renderMs = performance.now() - tRender;
    const waitMs = tRender - t0;
    // "Rendered" = the frame with the result has been produced: the next
    // animation frame, then a task after it (a timer stands in when frames
    // are not running, e.g. in a hidden tab).
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      this.shown += 1;
      this.results.dataset.elapsedMs = String(Math.round((performance.now() - t0) * 10) / 10);
      this.results.dataset.checkMs = String(Math.round(msg.ms * 10) / 10);
      this.results.dataset.renderMs = String(Math.round(renderMs * 10) / 10);
      this.results.dataset.waitMs = String(Math.round(waitMs * 10) / 10);
      this.results.dataset.seq = String(this.shown);
      this.startThemeWhenIdle();
    };
    requestAnimationFrame(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = finish;
      ch.port2.postMessage(0);
    });
    setTimeout(finish, 200);
  }

  // The theme's scripts, when no check is under way and the page is idle.
  startThemeWhenIdle() {
    if (this.themeStarted) return;
    if (this.pending) return; // the result's "finish" calls again
    this.themeStarted = true;
    clearTimeout(this.themeTimer);
    const later = window.requestIdleCallback || ((f) => setTimeout(f, 50));
    later(() => startTheme(), { timeout: 1000 });
  }

  setState(state) {
    this.results.dataset.state = state;
    this.root.dataset.state = state;
  }

  showEmpty() {
    this.result = null;
    this.setState("ready");
    this.copyButton.disabled = this.jsonButton.disabled = true;
    this.results.replaceChildren(el("p", { class: "gj-summary" },
      "检查器已就绪。把年度报告全文粘贴到上面的文本框，或点一个样例。"));
  }

  // ------------------------------------------------------------ rendering
  render(result, target = this.results) {
    const live = target === this.results;
    if (live) this.result = result;
    const findings = (result.findings || []).slice().sort((a, b) =>
      (SEVERITY_ORDER[a.severity] ?? 3) - (SEVERITY_ORDER[b.severity] ?? 3));
    const notChecked = result.not_checked || [];
    const count = (s) => findings.filter((f) => f.severity === s).length;
    const errors = count("error");
    const warnings = count("warning");
    const infos = count("info");
    const inputError = findings.find((f) => f.category === "input" && f.severity === "error");
    const state = inputError ? "error" : errors ? "fail" : "pass";

    const parts = [];
    if (state === "error") {
      parts.push(el("p", { class: "gj-summary gj-error" },
        el("strong", {}, "无法读取报告"), "：", inputError.message));
    }
    const summary = el("p", { class: "gj-summary gj-" + state },
      el("strong", { class: "gj-verdict" }, state === "pass" ? "通过" : state === "fail" ? `${errors} 处错误` : "未能检查"),
      " · ", el("span", { class: "gj-count-warning" }, `${warnings} 处提示`),
      infos ? [" · ", el("span", {}, `${infos} 条信息`)] : null,
      " · ", el("span", { class: "gj-count-notchecked" }, `${notChecked.length} 项未能检查`));
    if (state !== "error") parts.push(summary);
    else parts.push(el("p", { class: "gj-hint" },
      "检查器在文本中寻找年度报告的表格：“二、主动公开政府信息情况”“三、收到和处理政府信息公开申请情况”"
      + "“四、政府信息公开行政复议、行政诉讼情况”及其行列标签。请粘贴报告全文（含表格）。"));

    const meta = [];
    if (result.format) meta.push(["格式", FORMAT_LABEL[result.format] || result.format]);
    if (result.year) meta.push(["年度", `${result.year} 年`]);
    if (result.body) meta.push(["机关", result.body]);
    if (meta.length) {
      parts.push(el("dl", { class: "gj-meta" },
        meta.map(([k, v]) => [el("dt", {}, k), el("dd", { "data-meta": k }, v)])));
    }

    if (findings.length) {
      const list = el("ol", { class: "gj-findings" });
      findings.forEach((f, i) => list.append(this.renderFinding(f, i)));
      parts.push(el("h3", {}, "发现"), list);
    }
    const relation = el("div", { class: "gj-relation", hidden: true });
    if (live) this.relation = relation;
    const tables = this.renderTables(result);
    if (tables) parts.push(el("h3", {}, "重建的表格"), relation, tables);
    if (notChecked.length) {
      parts.push(el("h3", {}, "未能检查"), el("ul", { class: "gj-notchecked" },
        notChecked.map((n) => el("li", { "data-rule": n.rule },
          this.ruleLink(n.rule),
          " ", n.reason || ""))));
    }
    target.replaceChildren(...parts);
    this.markCells(findings, target);
    if (!live) return;
    this.copyButton.disabled = this.jsonButton.disabled = false;
    this.setState(state);
  }

  // Lay out a result in each format once, out of sight, so the first real
  // result does not pay first-use costs (code paths, text shaping of every row
  // label).  The results come with manifest.json (computed at build time); the
  // worker's own warm-up results are the fallback.  Not before "ready": while
  // the runtime compiles and boots, every core is better left to it.  Once only.
  scheduleWarmUp(data) {
    if (data && data.results && data.results.length && !this.warmupData) this.warmupData = data;
    const results = (this.warmupData && this.warmupData.results) || [];
    if (this.warmedUp || !this.ready || !results.length) return;
    this.warmedUp = true;
    const later = window.requestIdleCallback || ((f) => setTimeout(f, 1));
    later(async () => {
      const t = performance.now();
      await this.warmUp(results);
      this.pageWarmupMs = Math.round(performance.now() - t);
      this.noteTimings();
    }, { timeout: 200 });
  }

  async warmUp(results) {
    const box = el("section", { class: "gj-results gj-warm", "aria-hidden": "true" });
    box.style.width = `${this.results.clientWidth || 800}px`;
    this.root.append(box);
    // In slices (one table, then the findings, then the whole result), each
    // its own short task: a real paste never waits behind one long layout.
    const slices = [];
    for (const r of results) {
      for (const tid of TABLE_ORDER) {
        if (r.tables && r.tables[tid]) {
          slices.push({ ...r, tables: { [tid]: r.tables[tid] }, findings: [], not_checked: [] });
        }
      }
      slices.push({ ...r, tables: {} }, r);
    }
    try {
      for (const r of slices) {
        if (this.pending || this.shown) break; // a real check is under way or done: it warmed up
        this.render(r, box);
        void box.offsetHeight; // force style and layout now
        await new Promise((ok) => setTimeout(ok, 0)); // one short task each
      }
    } catch (e) {
      console.warn("warm-up", e);
    } finally {
      box.remove();
    }
  }

  noteTimings() {
    if (!this.timings) return;
    if (this.workerWarmupMs !== undefined) this.timings.worker_warmup = this.workerWarmupMs;
    if (this.pageWarmupMs !== undefined) this.timings.page_warmup = this.pageWarmupMs;
    this.root.dataset.timings = JSON.stringify(this.timings);
  }

  // A rule code links to its page when the catalogue has one.
  ruleLink(code) {
    if (!this.rules.has(code)) return el("span", { class: "gj-code" }, code);
    const embedded = "embedded" in this.root.dataset; // in app/frame.html: open rule pages in a new tab
    return el("a", { class: "gj-code", href: new URL(encodeURIComponent(code) + "/", RULES).href,
                     target: embedded ? "_blank" : null, rel: embedded ? "noopener" : null }, code);
  }

  renderFinding(f, i) {
    const li = el("li", {
      class: `finding gj-${f.severity}`, tabindex: "0",
      "data-rule": f.rule, "data-severity": f.severity, "data-category": f.category || "",
      "data-index": String(i),
    });
    li.append(
      el("span", { class: "gj-sev" }, SEVERITY_LABEL[f.severity] || f.severity),
      this.ruleLink(f.rule),
      el("span", { class: "gj-msg" }, f.message || ""),
    );
    if ("expected" in f || "actual" in f) {
      li.append(el("span", { class: "gj-ev" },
        "应为 ", el("b", {}, fmtValue(f.expected)), "，实为 ", el("b", {}, fmtValue(f.actual))));
    }
    const cells = (f.cells || []).map(cellKey);
    if (cells.length) li.dataset.cells = cells.join(" ");
    const on = () => this.focusFinding(li, f, cells);
    li.addEventListener("mouseenter", on);
    li.addEventListener("focus", on);
    li.addEventListener("click", (ev) => {
      if (ev.target.closest("a")) return;
      on();
      const first = cells.length && this.results.querySelector(`[data-cell="${CSS.escape(cells[0])}"]`);
      if (first) first.scrollIntoView({ block: "center", behavior: "smooth" });
    });
    li.addEventListener("mouseleave", () => this.focusFinding(null));
    return li;
  }

  focusFinding(li, f, cells = []) {
    for (const n of this.results.querySelectorAll(".focus")) n.classList.remove("focus");
    if (!li) { this.relation.hidden = true; return; }
    li.classList.add("focus");
    for (const key of cells) {
      const td = this.results.querySelector(`[data-cell="${CSS.escape(key)}"]`);
      if (td) td.classList.add("focus");
    }
    this.relation.hidden = false;
    this.relation.replaceChildren(el("code", {}, f.rule), " ", f.message || "",
      cells.length ? el("span", { class: "gj-relation-cells" }, `（涉及 ${cells.length} 个单元格，已在表中标出）`) : "");
  }

  markCells(findings, target = this.results) {
    for (const f of findings) {
      const cls = f.severity === "error" ? "bad" : f.severity === "warning" ? "warn" : null;
      if (!cls) continue;
      for (const c of f.cells || []) {
        const td = target.querySelector(`[data-cell="${CSS.escape(cellKey(c))}"]`);
        if (td) {
          td.classList.add(cls);
          td.title = (td.title ? td.title + "\n" : "") + `${f.rule}：${f.message || ""}`;
        }
      }
    }
  }

  renderTables(result) {
    const data = result.tables || {};
    const layout = this.layouts[result.format] || null;
    if (!layout) return null;
    const wrap = el("div", { class: "gj-tables" });
    const byId = {};
    for (const t of layout.tables || []) byId[t.id] = t;
    for (const id of TABLE_ORDER) {
      const t = byId[id];
      if (!t) continue;
      const values = data[id] || null;
      wrap.append(el("h4", {}, t.title || TABLE_TITLE[id]),
        values ? (id === "appeals" ? this.appealsGrid(t, values) : this.grid(t, values))
               : el("p", { class: "gj-missing" }, "报告中未找到这张表。"));
    }
    return wrap;
  }

  valueCell(tableId, rowId, colId, values) {
    const row = values[rowId] || {};
    const v = row[colId];
    const present = Object.prototype.hasOwnProperty.call(row, colId) && v !== null && v !== undefined;
    return el("td", {
      class: present ? "gj-num" : "gj-num gj-empty",
      "data-cell": `${tableId}.${rowId}.${colId}`,
    }, present ? fmtValue(v) : "");
  }

  grid(t, values) {
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
        return [el("tr", { class: "gj-head" }, el("th", {}, t.row_header || "信息内容"),
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
      for (const id of ids) tr.append(this.valueCell(t.id, r.id, id, values));
      if (!uniform) for (let k = ids.length; k < width && k < 3; k += 1) tr.append(el("td", { class: "gj-pad" }));
      tbody.append(tr);
    }
    table.append(tbody);
    return el("div", { class: "gj-scroll" }, table);
  }

  // Table 四 in the template is one wide row: 行政复议 | 行政诉讼（未经复议直接起诉 | 复议后起诉）.
  appealsGrid(t, values) {
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
    if (suits.length) top.append(el("th", { colspan: cols.length * suits.length }, "行政诉讼"));
    for (const r of suits) {
      mid.append(el("th", { colspan: cols.length }, String(r.label).split(/[·・]/).pop()));
      for (const c of cols) low.append(el("th", { "data-col": c.id }, c.label));
    }
    const body = el("tr", {});
    for (const r of review.concat(suits)) for (const c of cols) body.append(this.valueCell(t.id, r.id, c.id, values));
    table.append(el("tbody", {}, top, mid, low, body));
    return el("div", { class: "gj-scroll" }, table);
  }

  // ------------------------------------------------------------ export
  asText() {
    const r = this.result;
    if (!r) return "";
    const lines = [];
    const s = this.results.querySelector(".gj-summary");
    lines.push(s ? s.textContent : "");
    if (r.format) lines.push(`格式：${FORMAT_LABEL[r.format] || r.format}`);
    if (r.year) lines.push(`年度：${r.year}`);
    if (r.body) lines.push(`机关：${r.body}`);
    const findings = (r.findings || []).slice().sort((a, b) =>
      (SEVERITY_ORDER[a.severity] ?? 3) - (SEVERITY_ORDER[b.severity] ?? 3));
    findings.forEach((f, i) => {
      let line = `${i + 1}. [${SEVERITY_LABEL[f.severity] || f.severity}] ${f.rule} ${f.message || ""}`;
      if ("expected" in f || "actual" in f) line += `（应为 ${fmtValue(f.expected)}，实为 ${fmtValue(f.actual)}）`;
      lines.push(line);
    });
    for (const n of r.not_checked || []) lines.push(`未能检查 ${n.rule}：${n.reason || ""}`);
    return lines.join("\n") + "\n";
  }

  async copyText() {
    const text = this.asText();
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      const ta = el("textarea", { class: "gj-offscreen" });
      ta.value = text;
      document.body.append(ta);
      ta.select();
      document.execCommand("copy");
      ta.remove();
    }
    this.copyButton.textContent = "已复制";
    setTimeout(() => { this.copyButton.textContent = "复制结果文本"; }, 1500);
  }

  downloadJson() {
    if (!this.result) return;
    const blob = new Blob([JSON.stringify(this.result, null, 2)], { type: "application/json" });
    const a = el("a", { href: URL.createObjectURL(blob), download: "gouji-result.json" });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  }
}

for (const root of document.querySelectorAll("[data-gouji-app]")) {
  if (!root.gouji) root.gouji = new Checker(root);
}
