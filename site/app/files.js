// gouji checker: files dropped on the checker or chosen with its button.
// Loaded by client.js when files come: nothing here is on the page's
// start-up path.
//
//   readFiles    reads them one at a time, in order, and hands each to the
//                worker through the client (its request, like a paste's:
//                a newer request supersedes it); one file is shown as a paste
//                is, many as a table
//   renderBatch  the table of their results (one row a file: its verdict in
//                the state's colour, the findings of each severity, the
//                checks not done, its body and year), a row opening that
//                file's whole result below the table
//   batchCsv     the table as CSV (UTF-8 with a BOM, so that Excel opens it;
//                the columns of `gouji check --format csv`)
//
// Like render.js it builds DOM from plain data, as text only; every word of
// the checker's own (verdicts, severities, "not checked") comes from the
// rendering context (manifest.json).

import { parse } from "./client.js";
import { download, el, renderResult, watchOverflow } from "./render.js";

// One file is shown as a paste is; many give a table (renderBatch).  The
// client's request is {kind: "files", files, entries, index, t0}: entries[index]
// is the file the worker has (or is about to have); resend() hands it to a
// worker started again.
export async function readFiles(client, files, { reveal = true } = {}) {
  const t0 = performance.now();
  client.box.cancelPause();
  const { input, previous, fileNote, statusText } = client.view;
  const job = { kind: "files", t0, index: -1, files, entries: files.map((file) => ({ file, name: file.name })),
                previous: files.length === 1 && previous.value.trim() ? previous.value : undefined };
  job.resend = () => { if (job.index >= 0) sendFile(client, job, job.entries[job.index]); };
  client.pending = job;
  client.dropRestartNotice();
  // the box is for pasted text: what is shown now is the file's
  input.value = "";
  client.box.forget();
  client.keepText();
  fileNote.textContent = files.length === 1 ? "已选择文件：" + files[0].name : `已选择 ${files.length} 个文件`;
  fileNote.hidden = false;
  if (client.ready) client.setState("checking");
  const ctx = await client.context;
  if (client.pending !== job) return;
  let batch = null;
  if (files.length > 1) {
    client.setResult(null);
    batch = renderBatch(client.view.results, job.entries, ctx, {
      onOpen: (i) => openFile(client, batch, job.entries[i], i),
      onBack: () => client.setResult(null),
    });
  }
  let checkMs = 0;
  for (let i = 0; i < job.entries.length; i += 1) {
    const entry = job.entries[i];
    job.index = i;
    statusText.textContent = `正在读取第 ${i + 1}/${job.entries.length} 个文件：${entry.name}`;
    if (batch) batch.update(i, true);
    const msg = await new Promise((resolve) => {
      entry.id = ++client.seq;
      entry.resolve = resolve;
      if (client.ready) sendFile(client, job, entry);
    });
    if (client.pending !== job) return;
    checkMs += msg.ms || 0;
    entry.msg = msg;
    Object.assign(entry, parse(msg));
    if (batch) batch.update(i, false);
  }
  client.pending = null;
  const tRender = performance.now();
  if (batch) client.setState(batch.done());
  else client.show(job.entries[0].msg);
  if (reveal) client.reveal();
  client.finish(job, checkMs, performance.now() - tRender, tRender - t0);
}

// The file's bytes, read now (again after a restart: the worker had them),
// to the worker, handed over rather than copied.  A file over the core's cap
// is not read at all (a dropped video would fill the memory): the worker is
// told its size, and the core says it is too large.  A file the browser will
// not read (moved, locked by another program) goes with the error's name, and
// the core says why in the clerk's words.
async function sendFile(client, job, entry) {
  let bytes = new ArrayBuffer(0);
  let unread;
  const limit = client.ctx && client.ctx.maxFileBytes;
  try {
    if (!(limit && entry.file.size > limit)) bytes = await entry.file.arrayBuffer();
  } catch (e) {
    console.warn("file", entry.name, e);
    unread = String((e && e.name) || "Error");
  }
  if (client.pending !== job || job.entries[job.index] !== entry || !client.ready) return;
  client.post({ type: "file", id: entry.id, name: entry.name, bytes, size: entry.file.size, unread,
                previous: job.previous }, [bytes]);
}

// A row of the table clicked: that file's whole result, below the table.
function openFile(client, batch, entry, i) {
  const target = batch.open(i);
  if (!entry.result) return;
  client.setResult(entry.result);
  renderResult(target, entry.result, client.ctx, { checkedAt: client.checkedAt, version: client.version });
  client.unwatch = watchOverflow(target);
}

// The page's state for many files: the heaviest of theirs.
const STATE_ORDER = ["fail", "error", "incomplete", "pass"];
// The verdicts in the summary line, in this order.
const VERDICT_ORDER = ["fail", "incomplete", "unreadable", "pass"];
// A file the worker could not check (the runtime failed under it).
const BROKEN = "检查器内部错误";

// Severity ids, heaviest first.
function severities(ctx) {
  return Object.keys(ctx.rank).sort((a, b) => ctx.rank[a] - ctx.rank[b]);
}

// One file's figures: [verdict id or null, its word, its state, counts by severity, not checked, codes].
function figures(entry, ctx) {
  const r = entry.result;
  if (!r) return { verdict: null, word: BROKEN, state: "error", counts: {}, notChecked: "", codes: "" };
  const id = r.verdict || "unreadable";
  const { state, word } = ctx.verdict(id);
  const counts = {};
  for (const s of severities(ctx)) counts[s] = (r.findings || []).filter((f) => f.severity === s).length;
  const codes = [...new Set((r.findings || []).map((f) => f.rule))].sort().join(" ");
  return { verdict: id, word, state, counts, notChecked: (r.not_checked || []).length, codes };
}

function headers(ctx) {
  return ["文件", "机关", "年度", "结论", ...severities(ctx).map((s) => ctx.severity[s] || s), ctx.notChecked];
}

// The table, built into target (replacing what was there), its rows filled
// in as the files' results come (update), then the summary and the CSV (done).
//   onOpen(i)   a row was clicked (or Enter on it): the page renders that
//               file's result into what open(i) returns
//   onBack()    back to the table from a file's result
export function renderBatch(target, entries, ctx, { onOpen, onBack }) {
  const summary = el("p", { class: "gj-summary gj-batch-summary" }, `共 ${entries.length} 个文件`);
  const tbody = el("tbody");
  const table = el("table", { class: "gj-grid gj-batch" },
    el("thead", {}, el("tr", { class: "gj-head" }, headers(ctx).map((h) => el("th", { scope: "col" }, h)))), tbody);
  const csv = el("button", { type: "button", class: "md-button gj-csv", disabled: true }, "下载表格（CSV）");
  const detail = el("div", { class: "gj-batch-detail", hidden: true });
  const rows = entries.map((entry, i) => {
    const tr = el("tr", { class: "gj-file-row", tabindex: "0", "data-file": String(i) });
    tr.addEventListener("click", () => onOpen(i));
    tr.addEventListener("keydown", (ev) => { if (ev.key === "Enter") onOpen(i); });
    tbody.append(tr);
    return tr;
  });
  const fill = (i, reading) => {
    const entry = entries[i];
    const tr = rows[i];
    const name = el("th", { scope: "row", class: "gj-file-name" }, entry.name);
    if (!entry.result && !entry.error) {
      tr.replaceChildren(name, el("td", { colspan: headers(ctx).length - 1, class: "gj-file-wait" },
        reading ? "正在读取……" : "等待读取"));
      return;
    }
    const f = figures(entry, ctx);
    const r = entry.result || {};
    tr.dataset.state = f.state;
    tr.replaceChildren(name,
      el("td", {}, r.body || ""),
      el("td", {}, r.year ?? ""),
      el("td", { class: `gj-file-verdict gj-state-${f.state}`, "data-verdict": f.verdict || "", title: entry.error || null },
        f.word),
      ...severities(ctx).map((s) => el("td", { class: "gj-num", "data-severity": s }, f.counts[s] ?? "")),
      el("td", { class: "gj-num", "data-not-checked": "" }, f.notChecked));
  };
  entries.forEach((_, i) => fill(i, false));
  csv.addEventListener("click", () => {
    const d = new Date();
    const day = `${d.getFullYear()}${String(d.getMonth() + 1).padStart(2, "0")}${String(d.getDate()).padStart(2, "0")}`;
    download(new Blob([batchCsv(entries, ctx)], { type: "text/csv;charset=utf-8" }), `检查结果-${day}.csv`);
  });
  let opened = -1;
  const back = () => {
    detail.hidden = true;
    detail.replaceChildren();
    if (opened >= 0) {
      rows[opened].classList.remove("gj-open");
      rows[opened].focus({ preventScroll: true });
      rows[opened].scrollIntoView({ block: "nearest" });
    }
    opened = -1;
    onBack();
  };
  target.replaceChildren(summary, el("div", { class: "gj-scroll" }, table), el("p", { class: "gj-batch-actions" }, csv),
    detail);
  return {
    update: fill,
    // the table is complete: the summary line, the CSV; returns the page's state
    done() {
      const counts = new Map();
      for (const e of entries) {
        const id = e.result ? e.result.verdict || "unreadable" : "broken";
        counts.set(id, (counts.get(id) || 0) + 1);
      }
      const parts = VERDICT_ORDER.filter((id) => counts.has(id))
        .map((id) => `${ctx.verdict(id).word} ${counts.get(id)}`);
      if (counts.has("broken")) parts.push(`${BROKEN} ${counts.get("broken")}`);
      summary.replaceChildren(`共 ${entries.length} 个文件：`, parts.join(" · "), "。点击一行查看该文件的完整结果。");
      csv.disabled = false;
      const states = entries.map((e) => figures(e, ctx).state);
      return STATE_ORDER.find((s) => states.includes(s)) || "error";
    },
    // a file's result goes into the element this returns, below the table
    open(i) {
      if (opened >= 0) rows[opened].classList.remove("gj-open");
      opened = i;
      rows[i].classList.add("gj-open");
      const body = el("div", { class: "gj-batch-result" });
      detail.replaceChildren(
        el("p", { class: "gj-batch-head" },
          el("button", { type: "button", class: "md-button gj-back" }, "↑ 返回文件列表"), " ",
          el("strong", {}, entries[i].name)),
        body);
      detail.querySelector(".gj-back").addEventListener("click", back);
      detail.hidden = false;
      if (!entries[i].result) {
        body.append(el("p", { class: "gj-summary gj-error" }, `${BROKEN}：${entries[i].error || ""}`));
      }
      requestAnimationFrame(() => detail.scrollIntoView({ block: "start", behavior: "smooth" }));
      return body;
    },
  };
}

// The table as CSV text: a BOM (Excel reads the file as UTF-8), a header, a
// row per file; CRLF line ends.  A field that a spreadsheet would take for a
// formula (=, +, -, @ first) is written with a ' before it: a report's text is
// never run.
export function batchCsv(entries, ctx) {
  const field = (v) => {
    let s = v === null || v === undefined ? "" : String(v);
    if (typeof v === "string" && /^[=+\-@\t\r]/.test(s)) s = "'" + s;
    return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  const lines = [[...headers(ctx), "规则"]];
  for (const e of entries) {
    const f = figures(e, ctx);
    const r = e.result || {};
    lines.push([e.name, r.body || "", r.year ?? "", f.word, ...severities(ctx).map((s) => f.counts[s] ?? ""),
      f.notChecked, f.codes]);
  }
  return "\ufeff" + lines.map((l) => l.map(field).join(",")).join("\r\n") + "\r\n";
}
