// gouji checker: the page's start-up.  Adopting the worker that app/start.js
// started in <head>, holding back the theme's scripts until the checker is up
// and idle, laying out a result once out of sight after "ready" (the page's
// warm-up), compiling the runtime once more on a first visit so that Chrome
// keeps its optimised code whole (keepCompiledRuntime), keeping the site for
// use offline once the page is idle after "ready" (the service worker,
// ../sw.js), and the start-up timings
// ([data-gouji-app][data-timings], [data-ready-ms], [data-ready-at];
// scripts/bench-site reads them).

import { el, renderResult } from "./render.js";

// A worker running the module at url, under this page's Content-Security-Policy.
// A worker takes its policy from its own script's response headers, and
// GitHub Pages sends none: a worker started from url itself would run under
// no policy at all.  A worker started from a blob: URL takes the page's policy
// (its <meta> tag, scripts/build-site), so the runtime and Python run under
// it too: no connection to another origin, only the site's own scripts.  The
// blob only imports url (import.meta.url stays url, for the worker's own
// relative URLs).  The blob: URL is let go once the worker has run (its first
// message or error): not sooner, as a browser may still fetch it after the
// constructor returns.  app/start.js repeats this (a classic script, it
// cannot import it).
export function newWorker(url) {
  const blob = new Blob([`import ${JSON.stringify(url)};`], { type: "text/javascript" });
  const href = URL.createObjectURL(blob);
  const worker = new Worker(href, { type: "module" });
  const revoke = () => URL.revokeObjectURL(href);
  worker.addEventListener("message", revoke, { once: true });
  worker.addEventListener("error", revoke, { once: true });
  return worker;
}

// The worker for url: the one app/start.js started first thing in <head>
// (window.__goujiWorker; the messages it sent meanwhile are in events, to be
// replayed), or a new one where there is none.  wasm: a promise of the
// runtime's WebAssembly module the page compiled (or null), for a worker
// started again later (startWorker).
export function adoptWorker(url) {
  const early = window.__goujiWorker;
  if (early && !early.adopted && early.url === url) {
    early.adopted = true;
    return { worker: early.worker, started: early.started, events: early.events, wasm: early.wasm || null,
             wasmURL: early.wasmURL || null };
  }
  return { worker: newWorker(url), started: performance.now(), events: [], wasm: null, wasmURL: null };
}

// The runtime's compiled code, for the visits back.  Chrome keeps the code it
// compiles from the WebAssembly once per compile, at V8's first caching
// event, which on a first visit comes mid-boot (../sw.js, COMPILED): a visit
// back then optimises the rest again, on the cores its start-up needs.  A
// second compile of the same file, once the worker's first checks are done,
// takes the module V8 already holds, and Chrome keeps code from it too.
// Measured on two cores with scripts/bench-site's visits (a first visit with
// its pastes, then a visit back in a freshly started browser): the visit back
// ready 116, 104 and 68 ms sooner (paired medians of 4, 8 and 8 pairs; sooner
// in 16 of the 20), the first visit's ready and first paste as before.  How
// much more Chrome keeps varies: traces showed it writing code after this
// compile in some first visits (0.1 to 3.7 s after it) and in others not at
// all, when nothing is gained and nothing lost.  Only from the browser's cache
// (nothing is fetched: where it holds no copy, nothing is done), and only on a
// visit no service worker controls yet (a visit back's own compile keeps its
// code now and then, see ../sw.js).
// Resolves to how long it took (ms), or null when it was not done.
export function keepCompiledRuntime(wasmURL) {
  const sw = navigator.serviceWorker;
  if (!wasmURL || (sw && sw.controller)) return Promise.resolve(null);
  const t = performance.now();
  return fetch(wasmURL, { cache: "only-if-cached", mode: "same-origin", credentials: "same-origin" })
    .then((resp) => WebAssembly.compileStreaming(resp))
    .then(() => performance.now() - t, () => null);
}

// A new worker in place of one that died or was stopped: it is handed the
// module compiled before (nothing is downloaded or compiled again), or
// fetches the runtime itself (from the browser's cache, as a rule).
export function startWorker(url, wasm) {
  const worker = newWorker(wasm ? url + "?wasm=page" : url);
  if (wasm) wasm.then((module) => worker.postMessage({ type: "wasm", module }));
  return worker;
}

// The checker page holds back the theme's scripts (site/overrides/main.html)
// until the checker is up and the user is not waiting for a result: the
// theme's start-up is one long task on the main thread (60-90 ms measured),
// which would slow the runtime's boot before "ready" and a result after it.
// It starts once the first result is on screen, or a few seconds after
// "ready" when nothing was pasted, or at once if the checker cannot start.
// Elsewhere this does nothing.
const THEME_AFTER_READY_MS = 2500;
export function startTheme() {
  try {
    if (typeof window.__goujiStartTheme === "function") window.__goujiStartTheme();
  } catch (e) {
    console.warn("theme", e); // the checker never depends on the theme
  }
}

// The site offline after this visit: the service worker at the site's root
// (sw.js; its scope covers every page, under any sub-path) keeps every file of
// this build (see there).  Registered a few seconds after "ready", when the
// page is idle, never on the start path: its install fetches the site's files
// (most of them revalidated from the browser's own cache).  The embedded
// checker registers it too.  [data-offline] on the checker says where it
// stands: "installing", "ready" (a build is kept), or "no" (the browser
// cannot: a plain-HTTP address other than this machine, a private window…).
const OFFLINE_AFTER_READY_MS = 3000;
export function keepOffline(root) {
  const sw = navigator.serviceWorker;
  if (!sw || !window.isSecureContext) {
    root.dataset.offline = "no";
    return;
  }
  root.dataset.offline = "installing";
  sw.register(new URL("../sw.js", import.meta.url).href)
    .then(() => sw.ready)
    .then(() => { root.dataset.offline = "ready"; })
    .catch((e) => {
      root.dataset.offline = "no";
      console.warn("offline", e); // the checker works the same without it
    });
}

export class Startup {
  //   root      the [data-gouji-app] element (the timings go on it)
  //   results   the #results element (the warm-up lays out at its width)
  //   context   a promise of the rendering context (render.js context())
  //   checking  () => whether a real check is under way
  //   asked     () => whether a real check was ever asked for
  //   shown     () => how many results have been shown
  constructor(root, results, { context, checking, asked, shown }) {
    this.root = root;
    this.results = results;
    this.context = context;
    this.checking = checking;
    this.asked = asked;
    this.shown = shown;
    this.ready = false;
    this.timings = null;
    this.warmupData = null;
    this.warmedUp = false;
    this.themeStarted = false;
    this.themeTimer = 0;
    this.wasmURL = null; // the runtime's URL, when the page compiled it (adoptWorker)
    this.keeping = null; // the runtime compiled once more (keepCompiledRuntime), once begun
    // timings measured after "ready", undefined until then (runtimeKeptMs null: not compiled again)
    this.workerWarmupMs = undefined;
    this.pageWarmupMs = undefined;
    this.runtimeKeptMs = undefined;
  }

  // The worker said "ready" (at tMsg, since navigation; it was started at `started`).
  onReady(msg, started, tMsg) {
    this.ready = true;
    this.root.dataset.readyMs = String(Math.round(msg.ms));          // since the worker started
    this.root.dataset.readyAt = String(Math.round(performance.now())); // since navigation
    // where the time went (worker marks are since the worker started)
    const timings = {
      ...Object.fromEntries(Object.entries(msg.marks || {}).map(([k, v]) => [k, Math.round(v)])),
      worker_ready: Math.round(msg.ms), ready_message: Math.round(tMsg),
      worker_started: Math.round(started),
    };
    // when the worker's module began to run, since navigation
    if (msg.origin) timings.worker_t0 = Math.round(msg.origin - performance.timeOrigin);
    this.timings = timings;
    this.noteTimings();
    this.themeTimer = setTimeout(() => this.startThemeWhenIdle(), THEME_AFTER_READY_MS);
    const later = window.requestIdleCallback || ((f) => setTimeout(f, 50));
    setTimeout(() => later(() => keepOffline(this.root), { timeout: 2000 }), OFFLINE_AFTER_READY_MS);
    this.scheduleWarmUp();
  }

  // The worker's own warm-up is done; its results are laid out only when the
  // build-time ones (manifest.json) were not (see scheduleWarmUp).
  onWarm(msg) {
    if (!this.keeping) {
      this.keeping = keepCompiledRuntime(this.wasmURL).then((ms) => {
        this.runtimeKeptMs = ms === null ? null : Math.round(ms);
        this.noteTimings();
      });
    }
    this.workerWarmupMs = Math.round(msg.ms || 0);
    this.workerWarmWait = Math.round(msg.waited || 0);
    if (!this.warmupData) {
      let results = [];
      try {
        results = (msg.warm || []).map((j) => JSON.parse(j));
      } catch (e) {
        console.warn("warm-up", e);
      }
      this.scheduleWarmUp({ results });
    }
    this.noteTimings();
  }

  // The checker cannot start: nothing to wait for.
  startThemeNow() {
    startTheme();
  }

  // The theme's scripts, when no check is under way and the page is idle.
  startThemeWhenIdle() {
    if (this.themeStarted) return;
    if (this.checking()) return; // the result's "finish" calls again
    this.themeStarted = true;
    clearTimeout(this.themeTimer);
    const later = window.requestIdleCallback || ((f) => setTimeout(f, 50));
    later(() => startTheme(), { timeout: 1000 });
  }

  // Lay out a result in each format once, out of sight, so the first real
  // result does not pay first-use costs (code paths, style, table layout,
  // text shaping of every row label).  The results come with manifest.json
  // (computed at build time); the worker's own warm-up results are the
  // fallback.  Not before "ready": while the runtime compiles and boots,
  // every core is better left to it (measured on two loaded cores: laid out
  // while Python boots, "ready" came 0.1-0.3 s later).  Once only.
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
    const ctx = await this.context;
    const box = el("section", { class: "gj-results", "aria-hidden": "true" });
    box.style.width = `${this.results.clientWidth || 800}px`;
    // Laid out in a host of no size that contains its layout (checker.css), and
    // which stays: a box laid out in the page itself, once removed, left the
    // whole page to lay out again, the box holding the pasted text with it,
    // just when a paste came (measured: the first result 10-15 ms later).
    const host = el("div", { class: "gj-warm-host", "aria-hidden": "true" });
    this.root.append(host);
    host.append(box);
    // Each result whole, one short task each (measured on two cores, with
    // the next result laid out after each way: in slices of a few rows, 19
    // tasks of at most 35 ms, 173 ms in all; whole, 2 tasks of at most 43 ms,
    // 77 ms in all, the next result as quick: the first layout's cost is the
    // same however small, and slices only add to it.  A paste right at
    // "ready" shares the cores with the warm-up for less than half as long.)
    try {
      for (const r of results) {
        // Once a check is asked for, the warm-up is over: that check's result
        // pays what is left, and a warm-up result laid out between its DOM
        // and its frame would hold the frame back (measured: up to 30 ms).
        if (this.asked() || this.shown()) break;
        renderResult(box, r, ctx);
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
    if (this.workerWarmWait !== undefined) this.timings.worker_warm_wait = this.workerWarmWait;
    if (this.pageWarmupMs !== undefined) this.timings.page_warmup = this.pageWarmupMs;
    // the runtime compiled again from the browser's cache (keepCompiledRuntime): ms, or null
    if (this.runtimeKeptMs !== undefined) this.timings.runtime_kept = this.runtimeKeptMs;
    this.root.dataset.timings = JSON.stringify(this.timings);
  }
}
