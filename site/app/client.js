// gouji checker: the worker's client and the page's states.  A paste, typing
// (after a pause: box.js), the button, a sample or files (dropped or chosen)
// ask for a check; only the newest request counts (an older result that comes back is
// dropped); the result is rendered (render.js; many files: files.js) and timed.
//
// The report (and last year's, and a rich paste's HTML) is kept in
// sessionStorage, never sent: going to a rule page and back brings it back and
// checks it again, as it was checked; closing the tab forgets it.  Files are
// read in the page and handed to the worker; nothing of them is kept or sent
// anywhere.
//
// The worker is never left to hang the page: a check that a newer request
// superseded and that keeps the worker busy is stopped (the worker is started
// afresh, with the runtime compiled before); a worker whose Python died is
// started again and the current text checked again; a runtime that cannot
// load is looked into (diagnose.js) and said, with the file at fault.
//
//   #results[data-state]       loading -> ready | checking -> pass | fail | incomplete | error
//                              (a result's: its verdict's state, from the core;
//                              many files: the heaviest of theirs)
//   #results[data-seq]         results shown so far
//   #results[data-elapsed-ms]  the request (a paste from its keys, a click, a drop) -> the result's frame,
//                              with [data-wait-ms] (until the result was back),
//                              [data-check-ms] (in Python) and [data-render-ms] (building the DOM)
//   [data-gouji-app][data-slow]      a check under way for a moment: said, the last result dimmed
//   .gj-stop                         a check under way for long: the user may stop it (stopCheck)
//   [data-gouji-app][data-restarts]  how many times the worker was started again

import { download, el, renderResult, resultText, showNote, showProgress, watchOverflow } from "./render.js";
import { ReportBox } from "./box.js";
import { startWorker } from "./startup.js";

// What the page says once a new worker is ready, by why it was started
// (restart()): pending, a request was waiting for it and went to it.
const RESTARTED = {
  crash: (pending) => `检查器已重新启动：它意外停止了运行${pending ? "，当前的内容已重新检查" : ""}。`,
  cancel: () => "检查器已重新启动：上一次检查用时较长，已为新的内容中止。",
  stop: () => "检查器已重新启动：上一次检查已按你的要求停止，可以继续检查。",
};
// Between a revealed verdict's banner and the edge of the view (reveal()).
const REVEAL_GAP_PX = 8;

// sessionStorage keys: the box's text, last year's, and the HTML of the paste the box holds (a
// page's or Word's, read by its tables' structure: brought back with the text, it is read the same)
const KEPT = { input: "gouji:report", previous: "gouji:previous", html: "gouji:html" };
// A check that a newer request superseded, still keeping the worker busy this
// long after it was sent, is stopped: a new worker takes over.
const CANCEL_AFTER_MS = 500;
// No word from a loading worker for this long: its files are looked into.
const STALL_MS = 15000;
// A request that took the worker down this many times is not tried again.
const MAX_CRASHES = 2;
// A check under way is shown as such once it has taken this long.
const SLOW_MS = 150;
// A check under way this long may be stopped by the user (a report takes well
// under a second; a text near the cap or a long PDF can take a minute).
const STOP_OFFER_MS = 5000;
// "hold" is said to the worker at most this often (it holds for 1 s: worker.js).
const HOLD_EVERY_MS = 200;

// sessionStorage may be missing or full (a private window, a huge paste): then nothing is kept.
// What is under each key, as read or last written: every check keeps the
// texts, and a text (a rich paste's HTML above all) is written again only when
// it changed.
const keptNow = new Map();

function kept(key) {
  let value = null;
  try {
    value = window.sessionStorage.getItem(key);
  } catch {
    // none
  }
  keptNow.set(key, value || "");
  return value;
}

function keep(key, value) {
  value = value || "";
  if (keptNow.get(key) === value) return;
  keptNow.set(key, value);
  try {
    if (value) window.sessionStorage.setItem(key, value);
    else window.sessionStorage.removeItem(key);
  } catch {
    try {
      window.sessionStorage.removeItem(key); // not kept (too big): an older text is not brought back either
    } catch {
      // no sessionStorage at all: the page works the same
    }
  }
}

// The worker's answer: the core's result, or {error} when the check failed
// (the worker says why) or its answer cannot be read.
export function parse(msg) {
  if (msg.error !== undefined) return { result: null, error: msg.error };
  try {
    return { result: JSON.parse(msg.json), error: null };
  } catch (e) {
    return { result: null, error: "检查结果无法读取（" + String(e && e.message || e) + "）" };
  }
}

const hasFiles = (ev) => Boolean(ev.dataTransfer) && Array.from(ev.dataTransfer.types || []).includes("Files");

export class Client {
  //   root      the [data-gouji-app] element
  //   view      its parts (render.js skeleton())
  //   context   a promise of the rendering context (render.js context()); it
  //             never fails.  A result that comes back before it waits for it.
  //   startup   the page's start-up (startup.js Startup): told of "ready", of
  //             the worker's warm-up, of each result shown and of a failure
  //   sampleURL file -> the URL of a sample report
  //   appURL    the app's directory (worker.js, the runtime), for a diagnosis
  //   helpURL   what to do when the runtime cannot load (使用说明, the intranet section)
  constructor(root, view, { context, startup, sampleURL, appURL = null, helpURL = null }) {
    this.root = root;
    this.view = view;
    this.startup = startup;
    this.sampleURL = sampleURL;
    this.appURL = appURL;
    this.helpURL = helpURL;
    this.seq = 0;        // requests made (each check, each file)
    this.shown = 0;      // results shown
    this.pending = null; // the request being answered: {kind: "text", id, text, previous, html, t0}
    //                      or {kind: "files", entries, index, t0}
    this.ready = false;
    this.started = false; // "ready" came once (a worker started again says it again)
    this.failed = false;  // the runtime could not load: said, nothing more to wait for
    this.result = null;  // the result on screen (copy, download)
    this.checkedAt = null; // when it was checked
    this.unwatch = () => {};
    // the report box: its pastes, typing and keys ask for checks (box.js)
    this.box = new ReportBox(view.input, {
      request: (t0, opts) => this.request(t0, opts),
      newest: (job) => job.id === this.seq,
      keepText: () => this.keepText(),
      hold: () => this.hold(),
      cap: () => (this.ctx && this.ctx.maxTextBytes) || 0,
    });
    this.readersIn = false; // the worker has its readers of pages and files
    this.outstanding = new Map(); // request id -> when it was posted, until answered
    this.heldAt = -Infinity; // when "hold" was last said to the worker (hold())
    this.restarts = 0;
    this.stopTimer = null; // until the offer to stop the check under way (STOP_OFFER_MS)
    this.ctx = null;
    this.context = context.then((ctx) => { this.ctx = ctx; return ctx; });
    this.setState("loading");
    showNote(view.results, "检查器正在加载，可以先粘贴报告，加载完成后自动检查。");
    this.restore();
    this.listen();
  }

  // The text kept from before (a rule page and back, a reload) is checked once ready.
  restore() {
    const { input, previous, openPrevious } = this.view;
    if (input.value) return;
    const text = kept(KEPT.input);
    if (!text) return;
    input.value = text;
    const html = kept(KEPT.html);
    if (html) this.box.holds(text, html);
    const last = kept(KEPT.previous);
    if (last && !previous.value) {
      previous.value = last;
      openPrevious(true);
    }
  }

  keepText() {
    keep(KEPT.input, this.view.input.value);
    keep(KEPT.html, this.box.htmlOf(this.view.input.value) || "");
    keep(KEPT.previous, this.view.previous.value.trim() ? this.view.previous.value : "");
  }

  listen() {
    const { input, previous, button, copyButton, jsonButton, fileButton, fileInput } = this.view;
    this.box.listen();
    button.addEventListener("click", () => { this.box.cancelPause(); this.request(performance.now()); });
    this.view.stopButton.addEventListener("click", () => this.stopCheck());
    // A change to last year's report re-checks this year's (after the same pause as typing).
    // With a file's result on the page (the box empty), that file is checked again.
    previous.addEventListener("input", () => this.box.afterPause(() => {
      if (input.value.trim() || !this.lastFiles) this.request(performance.now(), { reveal: false });
      else if (this.lastFiles.length === 1) this.checkFiles(this.lastFiles, { reveal: false });
    }));
    copyButton.addEventListener("click", () => this.copyText());
    jsonButton.addEventListener("click", () => this.downloadJson());
    // kept as the page is left, whatever way (a check keeps it too)
    window.addEventListener("pagehide", () => this.keepText());
    // Files: the button, or dropped anywhere on the checker.  Dropped beside
    // it, a file does nothing (the browser would open it in place of the page).
    fileButton.addEventListener("click", () => fileInput.click());
    fileInput.addEventListener("change", () => {
      const files = Array.from(fileInput.files || []);
      fileInput.value = ""; // the same file chosen again is checked again
      this.checkFiles(files);
    });
    const root = this.root;
    root.addEventListener("dragover", (ev) => {
      if (!hasFiles(ev)) return;
      ev.preventDefault();
      ev.stopPropagation();
      ev.dataTransfer.dropEffect = "copy";
      root.dataset.drag = "";
    });
    root.addEventListener("dragleave", (ev) => {
      if (!ev.relatedTarget || !root.contains(ev.relatedTarget)) delete root.dataset.drag;
    });
    root.addEventListener("drop", (ev) => {
      delete root.dataset.drag;
      if (!hasFiles(ev)) return; // text dropped into the box is the box's
      ev.preventDefault();
      ev.stopPropagation();
      this.checkFiles(ev.dataTransfer.files);
    });
    for (const type of ["dragover", "drop"]) {
      window.addEventListener(type, (ev) => {
        if (!hasFiles(ev) || ev.defaultPrevented) return;
        ev.preventDefault();
        ev.dataTransfer.dropEffect = "none";
      });
    }
  }

  async loadSample(file) {
    const t0 = performance.now();
    const resp = await fetch(this.sampleURL(file));
    this.view.input.value = await resp.text();
    this.box.cancelPause();
    this.request(t0);
  }

  // ------------------------------------------------------------ worker
  // {worker, started, events, wasm, wasmURL}: startup.js adoptWorker(); the events it
  // sent before now are replayed.
  attach({ worker, started, events, wasm }) {
    this.workerURL = new URL("worker.js", this.appURL || document.baseURI).href;
    this.wasm = wasm || null;
    this.listenTo(worker, started);
    for (const ev of events.splice(0)) {
      if (ev.type === "error") this.onWorkerError(worker, ev);
      else this.onMessage(ev.data, worker);
    }
  }

  listenTo(worker, started) {
    this.worker = worker;
    this.workerStarted = started;
    worker.onmessage = (ev) => this.onMessage(ev.data, worker);
    worker.onerror = (ev) => this.onWorkerError(worker, ev);
    this.armStall();
    // gone for the box before this worker was ours (the worker holds from its "ready" on)
    if (document.activeElement === this.view.input) this.hold();
  }

  onMessage(msg, from = this.worker) {
    if (from !== this.worker) return; // a worker stopped meanwhile
    if (!this.ready) this.armStall();
    if (msg.type === "progress") {
      if (!this.started) showProgress(this.view.progress, msg);
    } else if (msg.type === "ready") this.onReady(msg);
    else if (msg.type === "warm") this.startup.onWarm(msg);
    else if (msg.type === "result") this.onResult(msg);
    else if (msg.type === "addon") {
      this.root.dataset[msg.name] = msg.ok ? "ready" : "failed";
      if (msg.name === "readers" && msg.ok) this.onReaders();
      if (!msg.ok) console.warn("add-on", msg.name, msg.detail);
    } else if (msg.type === "notice") this.runtimeNotice(msg);
    else if (msg.type === "fatal") {
      if (this.ready || msg.ready) this.crashed(msg.message);
      else this.loadFailed(msg);
    }
  }

  onWorkerError(worker, ev) {
    if (worker !== this.worker) return;
    const message = (ev && ev.message) || "";
    if (this.ready) this.crashed(message);
    else this.loadFailed({ message });
  }

  onReady(msg) {
    const tMsg = performance.now();
    this.ready = true;
    this.version = msg.version;
    clearTimeout(this.stallTimer);
    const again = this.started;
    if (!again) {
      this.started = true;
      this.startup.onReady(msg, this.workerStarted, tMsg);
      this.view.progress.hidden = true;
    } else {
      this.restartedAt = this.shown;
      this.notice(RESTARTED[this.restartReason](Boolean(this.pending)), "restart");
    }
    // the request that was waiting (the one a dead worker left, too); at the
    // first "ready", a text pasted or kept from before
    if (this.pending) this.resend();
    else if (again) return;
    else if (this.view.input.value.trim()) this.request(performance.now(), { reveal: false });
    else this.showEmpty();
  }

  // The newest request again, to a worker that is ready (its first "ready",
  // or a new worker's).
  resend() {
    const job = this.pending;
    if (job.kind === "text") this.send(job);
    else {
      this.setState("checking");
      job.resend();
    }
  }

  // At most one "hold" every HOLD_EVERY_MS (the worker holds for longer).
  hold() {
    const now = performance.now();
    if (!this.worker || now - this.heldAt < HOLD_EVERY_MS) return;
    this.heldAt = now;
    this.worker.postMessage({ type: "hold" });
  }

  post(msg, transfer = []) {
    this.worker.postMessage(msg, transfer);
    this.outstanding.set(msg.id, performance.now());
    this.watchBusy();
  }

  // Requests the worker still owes that no longer count (superseded): when
  // one of them still keeps it busy CANCEL_AFTER_MS after it was sent, and
  // the newest request is waiting, a new worker takes over.
  watchBusy() {
    clearTimeout(this.busyTimer);
    const current = this.currentId();
    const stale = [...this.outstanding].filter(([id]) => id !== current).map(([, t]) => t);
    if (!stale.length || !this.pending) return;
    const wait = Math.max(0, Math.min(...stale) + CANCEL_AFTER_MS - performance.now());
    this.busyTimer = setTimeout(() => {
      const now = this.currentId();
      if (this.pending && this.ready && [...this.outstanding.keys()].some((id) => id !== now)) this.restart("cancel");
    }, wait);
  }

  currentId() {
    const job = this.pending;
    if (!job) return null;
    if (job.kind === "text") return job.id;
    const entry = job.entries[job.index];
    return entry ? entry.id : null;
  }

  // A new worker in place of this one (stopped: it is busy with what no
  // longer counts, or it died).  The newest request goes to it once it is ready.
  restart(reason) {
    clearTimeout(this.busyTimer);
    this.restarts += 1;
    this.root.dataset.restarts = String(this.restarts);
    this.restartReason = reason;
    const old = this.worker;
    old.onmessage = old.onerror = null;
    old.terminate();
    this.outstanding.clear();
    this.ready = false;
    this.readersIn = false;
    delete this.root.dataset.readers;
    this.notice("检查器正在重新启动……", "restart");
    this.listenTo(startWorker(this.workerURL, this.wasm), performance.now());
  }

  // The user stopped the check under way (it took long: STOP_OFFER_MS): the
  // worker is started again, and the page says that nothing was checked.
  stopCheck() {
    if (!this.pending || this.root.dataset.state !== "checking") return;
    this.pending = null;
    this.filesAsked = null;
    this.restart("stop");
    this.setResult(null);
    this.setState("error");
    const notPassed = this.ctx ? `（不是“${this.ctx.verdict("pass").word}”）` : "";
    showNote(this.view.results, `检查已停止：这份内容没有检查完，页面上没有它的检查结果${notPassed}。`
      + "内容很长时检查需要更久；可以只粘贴年度报告本身，或再点“检查”重试。", { error: true });
  }

  // Python died under a check (or the worker threw): started again, and what
  // is on the page checked again, unless that is what keeps taking it down.
  crashed(message) {
    console.warn("checker worker stopped:", message);
    const job = this.pending;
    if (job) {
      job.crashes = (job.crashes || 0) + 1;
      if (job.crashes > MAX_CRASHES) {
        this.pending = null;
        this.setState("error");
        showNote(this.view.results, "检查这份内容时检查器多次意外停止（" + (message || "原因不明")
          + "），没能完成。请刷新页面后重试；问题仍在时，请把文件或内容反馈给我们。", { error: true });
      }
    }
    this.restart("crash");
  }

  // ------------------------------------------------------------ a runtime that cannot load
  armStall() {
    clearTimeout(this.stallTimer);
    if (this.ready || this.failed) return;
    this.stallTimer = setTimeout(() => this.stalled(), STALL_MS);
  }

  async stalled() {
    const problem = await this.diagnose();
    if (this.ready || this.failed) return;
    if (problem) this.loadFailed(problem);
    else {
      this.view.progress.querySelector(".gj-progress-text").textContent = "仍在加载，请稍候……";
      this.armStall();
    }
  }

  async diagnose() {
    try {
      const { diagnose } = await import("./diagnose.js");
      return await diagnose(this.appURL);
    } catch (e) {
      console.warn("diagnosis", e);
      return null;
    }
  }

  // The runtime did not load: said with the file at fault and what to do,
  // found by the worker (msg.file) or by looking at the site's files.
  async loadFailed(msg) {
    if (this.failed) return;
    this.failed = true;
    clearTimeout(this.stallTimer);
    this.pending = null;
    this.startup.startThemeNow();
    this.view.progress.hidden = true;
    this.setState("error");
    const { results } = this.view;
    showNote(results, "检查器无法启动，正在查找原因……", { error: true });
    const problem = msg.file && msg.reason ? msg : await this.diagnose();
    if (problem) {
      const { describe } = await import("./diagnose.js");
      showNote(results, "检查器无法启动：" + describe(problem, this.appURL) + " ",
               { error: true, link: this.help() });
    } else {
      showNote(results, "检查器无法启动：" + (msg.message || "运行环境无法加载") + "。请刷新页面重试。",
               { error: true, link: this.help() });
    }
  }

  // A runtime file came with the wrong type but could be read: the checker
  // works; whoever runs the server is told what to change.
  async runtimeNotice(msg) {
    try {
      const { describe } = await import("./diagnose.js");
      this.notice(describe({ reason: msg.kind, ...msg }, this.appURL) + "检查器仍可使用，但启动较慢。 ", "server",
                  this.help());
    } catch (e) {
      console.warn("notice", e);
    }
  }

  help() {
    return this.helpURL ? { href: String(this.helpURL), text: "见使用说明：在内网部署" } : null;
  }

  notice(text, kind, link = null) {
    const { notice } = this.view;
    notice.hidden = false;
    notice.dataset.kind = kind;
    notice.replaceChildren(text,
      link ? el("a", { href: link.href, target: "_blank", rel: "noopener" }, link.text) : "");
  }

  // A restart's notice stays until the user moves on after the result it led to.
  dropRestartNotice() {
    const { notice } = this.view;
    if (!notice.hidden && notice.dataset.kind === "restart" && this.ready && this.restartedAt < this.shown) {
      notice.hidden = true;
    }
  }

  // ------------------------------------------------------------ checks
  // A check of text (the box's, unless a paste's foreseen text); returns the request.
  // reveal: its verdict is scrolled into view (reveal()), as for every check the
  // user asks for (a paste, the button, a sample); false for the checks the page
  // makes by itself or after a pause in typing, which leave the page where the
  // user is.
  request(t0, { text = this.view.input.value, keep = true, reveal = true } = {}) {
    const { previous, fileNote } = this.view;
    const id = ++this.seq;
    const html = this.box.htmlOf(text);
    const job = { kind: "text", id, text, previous: previous.value.trim() ? previous.value : null, html, t0,
                  reveal };
    this.pending = job;
    this.filesAsked = this.lastFiles = null;
    fileNote.hidden = true;
    this.dropRestartNotice();
    if (!text.trim()) {
      this.pending = null;
      if (this.ready) this.showEmpty();
    } else if (this.ready) this.send(job);
    if (keep) this.keepText(); // after the worker was asked: the check does not wait for it
    return job;
  }

  send(job) {
    this.setState("checking");
    this.view.statusText.textContent = "正在检查……";
    job.readersIn = this.readersIn;
    this.lastSent = job;
    this.post({ type: "check", id: job.id, text: job.text, previous: job.previous || undefined,
                html: job.html || undefined });
  }

  // The readers came: a rich paste checked before them (as its plain text) is
  // checked again, from its HTML.
  onReaders() {
    this.readersIn = true;
    const last = this.lastSent;
    if (last && last.html && !last.readersIn && last.text === this.view.input.value
        && (!this.pending || this.pending === last)) {
      this.request(performance.now(), { reveal: false });
    }
  }

  async onResult(msg) {
    this.outstanding.delete(msg.id);
    const job = this.pending;
    if (job && job.kind === "files") {
      const entry = job.entries[job.index];
      if (entry && msg.id === entry.id && entry.resolve) entry.resolve(msg);
      return;
    }
    if (!job || msg.id !== job.id) return; // superseded
    if (!this.ctx) {
      // manifest.json (the words, the layouts) is not in yet: rare, it comes
      // long before "ready"
      await this.context;
      if (this.pending !== job) return; // superseded meanwhile
    }
    this.pending = null;
    const tRender = performance.now();
    this.show(msg);
    if (job.reveal) this.reveal();
    this.finish(job, msg.ms, performance.now() - tRender, tRender - job.t0);
  }

  // "Shown" = the frame with the result has been produced: the next
  // animation frame, then a task after it (a timer stands in when frames
  // are not running, e.g. in a hidden tab).
  finish(job, checkMs, renderMs, waitMs) {
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      this.shown += 1;
      const { results } = this.view;
      results.dataset.elapsedMs = String(Math.round((performance.now() - job.t0) * 10) / 10);
      results.dataset.checkMs = String(Math.round(checkMs * 10) / 10);
      results.dataset.renderMs = String(Math.round(renderMs * 10) / 10);
      results.dataset.waitMs = String(Math.round(waitMs * 10) / 10);
      results.dataset.seq = String(this.shown);
      this.startup.startThemeWhenIdle();
    };
    requestAnimationFrame(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = finish;
      ch.port2.postMessage(0);
    });
    setTimeout(finish, 200);
  }

  // The worker's answer on screen: the core's result, or the error state.
  show(msg) {
    const { result, error } = parse(msg);
    const { results } = this.view;
    this.setResult(result);
    if (!result) {
      showNote(results, "检查器内部错误：" + error + "，请刷新页面重试。", { error: true });
      this.setState("error");
      return;
    }
    this.setState(renderResult(results, result, this.ctx, { checkedAt: this.checkedAt, version: this.version }));
    this.unwatch = watchOverflow(results);
  }

  // The verdict in view.  On a laptop's screen the box fills the view and the
  // result starts below it (at 1280 x 720 its top was at 706 px): a clerk who
  // pasted saw nothing change.  When the verdict line is not in view, the page
  // scrolls as little as brings its banner (the verdict and the likely error)
  // up from the bottom, the pasted text still above it; a banner taller than
  // the view comes to the top, under the theme's sticky header.  As little
  // as that because the frame that shows the result paints what comes into
  // view: with the result's top brought under the header (its tables filling
  // the view) the first paste at ready took a median 36 ms more (bench-site,
  // 5 alternating runs).  Only the page's own document scrolls (not
  // scrollIntoView, which would move a page that embeds the checker), at once.
  reveal() {
    const { results } = this.view;
    const line = results.querySelector(".gj-summary") || results;
    const header = document.querySelector(".md-header");
    const top = header ? header.getBoundingClientRect().bottom : 0;
    const bottom = window.innerHeight;
    const { top: lineTop, bottom: lineBottom } = line.getBoundingClientRect();
    if (lineTop >= top && lineBottom <= bottom) return;
    const banner = (line.closest(".gj-banner") || line).getBoundingClientRect();
    const toTop = banner.top - top - REVEAL_GAP_PX;
    const by = lineTop < top ? toTop : Math.min(banner.bottom - bottom + REVEAL_GAP_PX, toTop);
    window.scrollTo({ top: Math.max(0, window.scrollY + by), behavior: "instant" });
  }

  // The result that copy and download act on (null: none).
  setResult(result) {
    this.result = result;
    this.checkedAt = new Date();
    this.unwatch();
    this.unwatch = () => {};
    this.view.copyButton.disabled = this.view.jsonButton.disabled = !result;
  }

  // checking: the page says so ([data-slow]: 正在检查……, the last result
  // dimmed) once the check has taken SLOW_MS.  Not at once: a quick check does
  // not flash, and a paste's frame is not made to start animations (measured:
  // about 12 ms more from the paste to the result).
  setState(state) {
    const { root, view } = this;
    view.results.dataset.state = state;
    root.dataset.state = state;
    clearTimeout(this.slowTimer);
    if (state === "checking") {
      view.results.setAttribute("aria-busy", "true");
      if (!("slow" in root.dataset)) this.slowTimer = setTimeout(() => { root.dataset.slow = ""; }, SLOW_MS);
      // from the first of checks that follow one another
      if (this.stopTimer === null && view.stop.hidden) {
        this.stopTimer = setTimeout(() => { view.stop.hidden = false; }, STOP_OFFER_MS);
      }
    } else {
      view.results.removeAttribute("aria-busy");
      delete root.dataset.slow;
      clearTimeout(this.stopTimer);
      this.stopTimer = null;
      if (!view.stop.hidden) view.stop.hidden = true;
    }
  }

  showEmpty() {
    this.setResult(null);
    this.setState("ready");
    showNote(this.view.results, "检查器已就绪。把年度报告全文粘贴到上面的文本框，或点一个样例，或选择文件。");
  }

  // ------------------------------------------------------------ files
  // Dropped or chosen: read and shown by files.js, loaded when files come.
  checkFiles(list, { reveal = true } = {}) {
    const files = Array.from(list || []);
    if (!files.length || this.failed) return;
    this.filesAsked = this.lastFiles = files;
    const fail = (e) => {
      // files.js could not be had (the server went away): said, not waited for
      console.warn("files", e);
      if (this.filesAsked !== files) return; // something newer was asked for
      this.pending = null;
      this.setState("error");
      showNote(this.view.results, "文件没能读取（" + String(e && e.message || e) + "）。请刷新页面重试。",
               { error: true });
    };
    import("./files.js").then(({ readFiles }) => readFiles(this, files, { reveal })).catch(fail);
  }

  // ------------------------------------------------------------ export
  async copyText() {
    if (!this.result) return;
    const text = resultText(this.result, this.ctx, { checkedAt: this.checkedAt, version: this.version });
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
    const button = this.view.copyButton;
    const label = button.dataset.label || (button.dataset.label = button.textContent);
    button.textContent = "已复制";
    setTimeout(() => { button.textContent = label; }, 1500);
  }

  // 下载检查结果: the core's result as it came, named for the report
  // (检查结果-<机关>-<年度>.json).
  downloadJson() {
    if (!this.result) return;
    const { body, year } = this.result;
    const name = ["检查结果", body, year].filter((x) => x !== null && x !== undefined && x !== "")
      .map((x) => String(x).replace(/[\\/:*?"<>|\s]+/g, "_")).join("-") + ".json";
    download(new Blob([JSON.stringify(this.result, null, 2)], { type: "application/json" }), name);
  }
}
