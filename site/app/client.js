// gouji checker: the worker's client and the page's states.  A paste, typing
// (after a pause), the button or a sample asks for a check; only the newest
// request counts (an older result that comes back is dropped); the result is
// rendered (render.js) and timed.
//
// The report (and last year's) is kept in sessionStorage, never sent: going to
// a rule page and back brings it back and checks it again; closing the tab
// forgets it.
//
//   #results[data-state]       loading -> ready | checking -> pass | fail | incomplete | error
//                              (a result's: its verdict's state, from the core)
//   #results[data-seq]         results shown so far
//   #results[data-elapsed-ms]  the request (a paste, a click) -> the result's frame,
//                              with [data-wait-ms] (until the result was back),
//                              [data-check-ms] (in Python) and [data-render-ms] (building the DOM)

import { el, renderResult, resultText, showNote, showProgress, watchOverflow } from "./render.js";

const TYPING_PAUSE_MS = 250;
const KEPT = { input: "gouji:report", previous: "gouji:previous" }; // sessionStorage keys

// sessionStorage may be missing or full (a private window, a huge paste): then nothing is kept.
function kept(key) {
  try {
    return window.sessionStorage.getItem(key);
  } catch {
    return null;
  }
}

function keep(key, value) {
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

export class Client {
  //   root      the [data-gouji-app] element
  //   view      its parts (render.js skeleton())
  //   context   a promise of the rendering context (render.js context()); it
  //             never fails.  A result that comes back before it waits for it.
  //   startup   the page's start-up (startup.js Startup): told of "ready", of
  //             the worker's warm-up, of each result shown and of a failure
  //   sampleURL file -> the URL of a sample report
  constructor(root, view, { context, startup, sampleURL }) {
    this.root = root;
    this.view = view;
    this.startup = startup;
    this.sampleURL = sampleURL;
    this.seq = 0;        // checks requested
    this.shown = 0;      // results shown
    this.pending = null; // {id, text, previous, t0}
    this.ready = false;
    this.result = null;  // the result on screen (copy, download)
    this.checkedAt = null; // when it was checked
    this.unwatch = () => {};
    this.timer = null;
    this.pasteAt = null;
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
    const last = kept(KEPT.previous);
    if (last && !previous.value) {
      previous.value = last;
      openPrevious(true);
    }
  }

  keepText() {
    keep(KEPT.input, this.view.input.value);
    keep(KEPT.previous, this.view.previous.value.trim() ? this.view.previous.value : "");
  }

  listen() {
    const { input, previous, button, copyButton, jsonButton } = this.view;
    input.addEventListener("paste", () => { this.pasteAt = performance.now(); });
    input.addEventListener("input", (ev) => {
      clearTimeout(this.timer);
      if (this.pasteAt !== null || ev.inputType === "insertFromPaste" || ev.inputType === "insertFromDrop") {
        const t0 = this.pasteAt ?? performance.now();
        this.pasteAt = null;
        this.request(t0);
      } else {
        this.timer = setTimeout(() => this.request(performance.now()), TYPING_PAUSE_MS);
      }
    });
    button.addEventListener("click", () => { clearTimeout(this.timer); this.request(performance.now()); });
    // A change to last year's report re-checks this year's (after the same pause as typing).
    previous.addEventListener("input", () => {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.request(performance.now()), TYPING_PAUSE_MS);
    });
    copyButton.addEventListener("click", () => this.copyText());
    jsonButton.addEventListener("click", () => this.downloadJson());
    // kept as the page is left, whatever way (a check keeps it too)
    window.addEventListener("pagehide", () => this.keepText());
  }

  async loadSample(file) {
    const t0 = performance.now();
    const resp = await fetch(this.sampleURL(file));
    this.view.input.value = await resp.text();
    clearTimeout(this.timer);
    this.request(t0);
  }

  // ------------------------------------------------------------ worker
  // {worker, started, events}: startup.js adoptWorker(); the events it sent
  // before now are replayed.
  attach({ worker, started, events }) {
    this.worker = worker;
    this.workerStarted = started;
    worker.onmessage = (ev) => this.onMessage(ev.data);
    worker.onerror = (ev) => this.fatal(ev.message || "运行环境无法启动");
    for (const ev of events.splice(0)) {
      if (ev.type === "error") worker.onerror(ev);
      else this.onMessage(ev.data);
    }
  }

  onMessage(msg) {
    if (msg.type === "progress") showProgress(this.view.progress, msg);
    else if (msg.type === "ready") {
      const tMsg = performance.now();
      this.ready = true;
      this.version = msg.version;
      this.startup.onReady(msg, this.workerStarted, tMsg);
      this.view.progress.hidden = true;
      if (this.pending) this.send(this.pending);
      else if (!this.view.input.value.trim()) this.showEmpty();
      else this.request(performance.now());
    } else if (msg.type === "warm") this.startup.onWarm(msg);
    else if (msg.type === "result") this.onResult(msg);
    else if (msg.type === "addon") {
      this.root.dataset[msg.name] = msg.ok ? "ready" : "failed";
      if (!msg.ok) console.warn("add-on", msg.name, msg.detail);
    } else if (msg.type === "fatal") this.fatal(msg.message);
  }

  fatal(message) {
    this.startup.startThemeNow();
    this.view.progress.hidden = true;
    this.setState("error");
    showNote(this.view.results, "检查器无法启动：" + message + "。请刷新页面重试。", { error: true });
  }

  // ------------------------------------------------------------ checks
  request(t0) {
    const { input, previous } = this.view;
    const text = input.value;
    const id = ++this.seq;
    this.pending = { id, text, previous: previous.value.trim() ? previous.value : null, t0 };
    if (!text.trim()) {
      this.pending = null;
      if (this.ready) this.showEmpty();
    } else if (this.ready) this.send(this.pending);
    this.keepText(); // after the worker was asked: the check does not wait for it
  }

  send(job) {
    this.setState("checking");
    this.worker.postMessage({ type: "check", id: job.id, text: job.text, previous: job.previous || undefined });
  }

  async onResult(msg) {
    const job = this.pending;
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
    const renderMs = performance.now() - tRender;
    const waitMs = tRender - job.t0;
    // "Shown" = the frame with the result has been produced: the next
    // animation frame, then a task after it (a timer stands in when frames
    // are not running, e.g. in a hidden tab).
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      this.shown += 1;
      const { results } = this.view;
      results.dataset.elapsedMs = String(Math.round((performance.now() - job.t0) * 10) / 10);
      results.dataset.checkMs = String(Math.round(msg.ms * 10) / 10);
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

  // The worker's answer on screen: the core's result, or the error state
  // when the check failed (the worker says why) or its answer cannot be read.
  show(msg) {
    let result = null;
    let error = msg.error;
    if (error === undefined) {
      try {
        result = JSON.parse(msg.json);
      } catch (e) {
        error = "检查结果无法读取（" + String(e && e.message || e) + "）";
      }
    }
    const { results, copyButton, jsonButton } = this.view;
    this.result = result;
    this.checkedAt = new Date();
    this.unwatch();
    this.unwatch = () => {};
    copyButton.disabled = jsonButton.disabled = !result;
    if (!result) {
      showNote(results, "检查器内部错误：" + error + "，请刷新页面重试。", { error: true });
      this.setState("error");
      return;
    }
    this.setState(renderResult(results, result, this.ctx, { checkedAt: this.checkedAt, version: this.version }));
    this.unwatch = watchOverflow(results);
  }

  setState(state) {
    this.view.results.dataset.state = state;
    this.root.dataset.state = state;
  }

  showEmpty() {
    this.result = null;
    this.unwatch();
    this.unwatch = () => {};
    this.setState("ready");
    this.view.copyButton.disabled = this.view.jsonButton.disabled = true;
    showNote(this.view.results, "检查器已就绪。把年度报告全文粘贴到上面的文本框，或点一个样例。");
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
    const blob = new Blob([JSON.stringify(this.result, null, 2)], { type: "application/json" });
    const a = el("a", { href: URL.createObjectURL(blob), download: name });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  }
}
