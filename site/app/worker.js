// gouji checker: the module worker that runs Python.
//
// Messages out:  {type: "progress", stage, label}
//                {type: "ready", version, marks, ms, origin}
//                {type: "warm", warm, ms, waited}
//                    (results of the warm-up checks, for the page to lay out once; ms: how
//                    long they took, waited: from "ready" to the first, held or not)
//                {type: "result", id, json, ms, file?}  json = the core's result, as text
//                {type: "result", id, error, ms, file?} the check threw: what it said
//                {type: "addon", name, ok, detail}   ("readers" and "opencc" in the background;
//                                                     "pdf" when a dropped PDF made the worker install it)
//                {type: "fatal", message, file?, reason?, status?, got?, size?}
//                    (before "ready": the runtime could not load; with file and
//                    reason when a runtime file was found at fault, see
//                    app/pyodide-io.js.  After "ready": Python failed for good,
//                    and the page starts a new worker)
//                {type: "notice", kind: "mime", file, got, want}
//                    (a runtime file served with the wrong type, read all the same)
// Messages in:   {type: "hold"}   (the user is about to paste: the warm-up and the add-ons wait, see HOLD_MS)
//                {type: "check", id, text, previous?, html?}  (previous: last year's report, optional;
//                                         html: the paste's text/html, when the clipboard had one)
//                {type: "file", id, name, bytes, size, unread?, previous?}  (a file dropped on the page:
//                                         its ArrayBuffer or Uint8Array, read by its bytes, see gouji.web;
//                                         size: the file's own, when over the cap its bytes are none;
//                                         unread: the browser could not read it, its error's name)
//                {type: "wasm", module}   (with "?wasm=page": the runtime's compiled WebAssembly,
//                                         or null when the page could not compile it)
//
// Every URL is resolved against this file's own URL, so the site works under
// any sub-path; loadPyodide is given the site's own runtime directory as its
// index and package base, so nothing is ever fetched from another host.

import { loadPyodide } from "./runtime/pyodide.mjs";
import { STDLIB_DIR, STDLIB_ZIP, stdlibBundle, unzip, writeFiles } from "./wheel.js";
import { interceptRuntimeFiles } from "./pyodide-io.js";

const HERE = new URL("./", import.meta.url);
const RUNTIME = new URL("runtime/", HERE).href;
const WHEELS = new URL("wheels/", HERE).href;

const t0 = performance.now();
// where the start-up's time goes (the "ready" message's marks, ms since t0)
const bootMarks = {};
let pyodide = null;
let checkFn = null;
let web = null;
let manifest = null;
let sitePackages = null;
const queue = [];
const fileQueue = [];

const STAGES = ["download", "python", "checker"];
let stageIndex = -1;
let lastPct = -1;
// A new stage is said at once; the download's percentage at most every
// PROGRESS_MS (each message costs the page a style and layout pass, on the
// main thread, while the runtime compiles).
const PROGRESS_MS = 150;
let lastSent = -Infinity;
function progress(stage, label, fraction) {
  const i = STAGES.indexOf(stage);
  if (i < stageIndex) return; // never go back (the download watcher may lag)
  const pct = fraction === undefined ? -1 : Math.floor(fraction * 100);
  if (i === stageIndex && pct === lastPct) return;
  const now = performance.now();
  if (i === stageIndex && pct < 100 && now - lastSent < PROGRESS_MS) return;
  stageIndex = i;
  lastPct = pct;
  lastSent = now;
  postMessage({ type: "progress", stage, label, fraction });
}

// The build's manifest: it names the wheel and the start-up stdlib's bundle.
const manifestP = fetch(new URL("manifest.json", HERE)).then((r) => {
  if (!r.ok) throw new Error(`manifest.json: HTTP ${r.status}`);
  return r.json();
});

// The runtime's two big files, the start-up stdlib and the WebAssembly: how
// they are fetched, counted and (on the checker page) handed over compiled by
// the page, is app/pyodide-io.js.
const io = interceptRuntimeFiles({
  runtimeURL: RUNTIME,
  pageWasm: new URL(import.meta.url).searchParams.get("wasm") === "page",
  stdlibBundle: manifestP.then((m) => {
    const bundle = stdlibBundle(m);
    return bundle ? new URL(bundle, RUNTIME).href : null;
  }, () => null),
  everyMs: PROGRESS_MS,
  onProgress: (fraction) => {
    if (fraction === null) progress("python", "启动 Python");
    else progress("download", "下载运行环境", fraction);
  },
  // Pyodide never hears of these (it would wait for ever): the page is told
  onFailure: (what) => postMessage({ type: "fatal", ...what }),
  onNotice: (what) => postMessage({ type: "notice", ...what }),
});

async function boot() {
  progress("download", "下载运行环境", 0);
  manifestP.then((m) => {
    const sizes = m.runtime_bytes || {};
    io.sizes({ wasm: sizes["pyodide.asm.wasm"], zip: sizes[stdlibBundle(m) || STDLIB_ZIP] });
  }, () => {});
  // The wheel: fetched and unpacked while the runtime downloads and boots.
  const wheelP = manifestP.then(async (m) => {
    const bytes = await fetchBytes(new URL(m.wheel, WHEELS));
    return { bytes, files: await unzip(bytes).catch(() => null) };
  });
  wheelP.catch(() => {});

  pyodide = await loadPyodide({
    indexURL: RUNTIME,
    stdLibURL: RUNTIME + STDLIB_ZIP,
    lockFileURL: RUNTIME + "pyodide-lock.json",
    packageBaseUrl: RUNTIME,
    env: { PYTHONPATH: STDLIB_DIR },
    // the start-up stdlib's files (when they came as a bundle) and the gouji
    // wheel, fetched by URL above (no micropip), go in before Python starts
    fsInit: async (FS, { sitePackages: dir }) => {
      bootMarks.fs_init = performance.now() - t0; // the runtime is up; Python's own start comes next
      const stdlib = await io.stdlibFiles;
      if (stdlib) writeFiles(FS, stdlib, STDLIB_DIR);
      const wheel = await wheelP.catch(() => null);
      if (wheel && wheel.files) {
        writeFiles(FS, wheel.files, dir);
        wheel.installed = true;
      }
    },
    stdout: () => {},
    stderr: (s) => console.warn(s),
  });
  const marks = { ...bootMarks, booted: performance.now() - t0 };
  manifest = await manifestP;
  const wheel = await wheelP;
  progress("checker", "加载检查器");
  sitePackages = pyodide.pyimport("sys").path.toJs().find((p) => p.endsWith("site-packages"));
  // where this engine could not inflate the wheel, Pyodide unpacks it now
  if (!wheel.installed) pyodide.unpackArchive(wheel.bytes, "wheel", { extractDir: sitePackages });
  marks.installed = performance.now() - t0;
  // gouji.web: what the page calls, byte-compiled in the wheel like the rest.
  web = pyodide.pyimport("gouji.web");
  marks.imported = performance.now() - t0;
  checkFn = web.check_json;
  const version = pyodide.pyimport("gouji").__version__;
  postMessage({ type: "ready", version, marks, ms: performance.now() - t0,
                origin: performance.timeOrigin + t0 });
  readyAt = performance.now();
  if (holdAtReady) heldUntil = readyAt + HOLD_MS;
  drain();
  await warmUp(JSON.parse(web.warm_texts_json()), moreWarmTexts(manifest));
  // Optional add-ons, in the background: the readers of files and pages, then
  // micropip, then OpenCC through it.
  addons(manifest);
}

// The warm-up checks, after "ready", one per task, so that a real check that
// comes in meanwhile waits for one short check at most: gouji.web's own (a
// report of each format, which pays for what the first check in a fresh
// interpreter does once), then the site's rule examples (manifest.json:
// warmup_texts, made by scripts/build-site).  Those are for the browser's
// compiler: a check of a report runs mostly code the engine first compiles
// quickly and poorly, and compiles well only once it has run a while
// (measured on two cores: a report pasted a moment after "ready" took 25-35
// ms in Python after the first three checks, 5-15 after the examples, as any
// later one).  The first two results go to the page (with the first three's
// time), which lays them out once out of sight when manifest.json brought none.
const nextTask = () => new Promise((ok) => {
  const ch = new MessageChannel();
  ch.port1.onmessage = () => ok();
  ch.port2.postMessage(0);
});
// After a real check the warm-up waits this long: the page is laying the
// result out, and on two cores the two would slow each other.
const WARM_YIELD_MS = 300;
// The rule examples not in by then (a slow server) are done without.
const WARM_FETCH_MS = 5000;
async function warmUp(texts, more) {
  const t = performance.now();
  const out = await warmChecks(texts);
  postMessage({ type: "warm", warm: out.slice(0, 2), ms: performance.now() - t,
                waited: firstWarmAt === null ? null : firstWarmAt - readyAt });
  await warmChecks(await Promise.race([more, sleep(WARM_FETCH_MS).then(() => [])]));
}

async function warmChecks(texts) {
  const out = [];
  const until = () => Math.max(lastCheck + WARM_YIELD_MS, heldUntil);
  try {
    for (const text of texts) {
      await nextTask();
      for (let wait = until() - performance.now(); wait > 0; wait = until() - performance.now()) await sleep(wait);
      if (gone) break;
      firstWarmAt ??= performance.now();
      out.push(checkFn(text));
    }
  } catch (e) {
    console.warn("warm-up", e); // a warm-up that fails never stops the checker
  }
  return out;
}

// The rule examples for the warm-up (fetched at "ready": they are no part of
// the start), or none.  The file holds each line once: {lines, texts: [[line
// index, ...]]} (scripts/build-site).
function moreWarmTexts(m) {
  if (!m.warmup_texts) return Promise.resolve([]);
  return fetch(new URL(m.warmup_texts, HERE))
    .then((r) => (r.ok ? r.json() : null))
    .then(({ lines, texts }) => texts.map((t) => t.map((i) => lines[i]).join("\n")))
    .catch(() => []);
}

function drain() {
  while (queue.length) {
    const msg = queue.shift();
    runCheck(msg);
  }
  while (fileQueue.length) queueFile(fileQueue.shift());
}

function runCheck({ id, text, previous, html }) {
  if (!alive()) return;
  const t = performance.now();
  lastCheck = t;
  let reply;
  try {
    const json = checkFn(String(text ?? ""), previous ? String(previous) : null, html ? String(html) : null);
    reply = { type: "result", id, json };
  } catch (e) {
    // gouji.web.check_json never raises for any text; this is the runtime
    // failing under it.  The page shows it as such (the error state), or
    // starts a new worker when Python cannot go on.
    if (dead(e)) return;
    reply = { type: "result", id, error: String(e && e.message || e) };
  }
  reply.ms = performance.now() - t;
  postMessage(reply);
  lastCheck = performance.now();
}

// Whether Python can still be used.  After a fatal error (a trap in the
// WebAssembly, memory run out), under a check or anywhere else, Pyodide makes
// its API throw, but what was taken from it before (checkFn) may still answer,
// from a broken interpreter.  So each check first looks (a property read),
// and a worker whose Python died tells the page, which starts a new one, and
// answers nothing more.
let gone = false;
function died(e) {
  if (!gone) {
    gone = true;
    postMessage({ type: "fatal", message: String(e && e.message || e), ready: true });
  }
  return false;
}
function alive() {
  if (gone) return false;
  try {
    void pyodide.FS;
    return true;
  } catch (e) {
    return died(e);
  }
}
// After a call threw: whether that was Python dying.
function dead(e) {
  if (e && e.pyodide_fatal_error) died(e);
  return !alive();
}

// Files, one at a time and in order: each after what gouji.web.addon_for asks
// for it (the readers, then for a PDF the PDF add-on), until nothing or a failure.
let fileChain = Promise.resolve();
function queueFile(msg) {
  fileChain = fileChain.then(() => runFile(msg));
}

async function runFile({ id, name, bytes, size, unread, previous }) {
  if (!alive()) return;
  const t = performance.now();
  lastCheck = t;
  let reply;
  filesWaiting += 1; // the add-ons it needs are installed without waiting for idle time
  try {
    await stdlibRest().catch(() => {}); // without it, the check says what could not be read
    const data = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
    for (let need = web.addon_for(data); need; need = web.addon_for(data)) {
      if (!(await loadAddon(need))) break;
    }
    const json = web.check_file_json(data, String(name ?? ""), previous ? String(previous) : null,
                                     typeof size === "number" ? size : null, unread ? String(unread) : null);
    reply = { type: "result", id, json, file: name };
  } catch (e) {
    if (dead(e)) return;
    reply = { type: "result", id, error: String(e && e.message || e), file: name };
  } finally {
    filesWaiting -= 1;
  }
  reply.ms = performance.now() - t;
  postMessage(reply);
  lastCheck = performance.now();
}

// The rest of the standard library (manifest.json: stdlib_rest, in the
// runtime directory): the start-up zip holds only what Python's start and a
// check of text import (scripts/build-site).  Loaded once, after "ready",
// before anything that imports from it: the readers, micropip and the
// add-ons, a dropped file.
let stdlibP = null;
function stdlibRest() {
  if (!stdlibP) {
    stdlibP = (async () => {
      if (!manifest.stdlib_rest) return; // a --quick build: one whole zip
      const bytes = await fetchBytes(new URL(manifest.stdlib_rest, RUNTIME));
      const zip = `${pyodide.FS.cwd()}/stdlib-rest.zip`; // in the worker's memory
      pyodide.FS.writeFile(zip, bytes);
      web.extend_stdlib(zip);
    })();
    stdlibP.catch(() => { stdlibP = null; });
  }
  return stdlibP;
}

// micropip: loaded once, by the background add-ons or by the first file that needs it.
let micropipP = null;
function loadMicropip(pause = async () => {}) {
  if (!micropipP) {
    micropipP = (async () => {
      await stdlibRest();
      const wheel = await fetchBytes(new URL(manifest.addons.micropip, WHEELS));
      await pause();
      pyodide.unpackArchive(wheel, "wheel", { extractDir: sitePackages });
      await pause();
      return pyodide.pyimport("micropip");
    })();
    micropipP.catch(() => { micropipP = null; });
  }
  return micropipP;
}

// An add-on named in manifest.json's "addons", installed once: the readers of
// files and pages (a wheel of gouji's own modules, unpacked), or a wheel
// through micropip (the PDF add-on).  Resolves to whether it is in; a failure
// is said, and the check still answers (the core says what could not be read).
const addonLoads = {};
function loadAddon(name) {
  if (!addonLoads[name]) {
    addonLoads[name] = (async () => {
      await stdlibRest();
      const url = new URL(manifest.addons[name], WHEELS);
      if (name === "readers") {
        pyodide.unpackArchive(await fetchBytes(url), "wheel", { extractDir: sitePackages });
      } else {
        const micropip = await loadMicropip();
        await micropip.install.callKwargs(url.href, { deps: false });
      }
      pyodide.runPython("import importlib; importlib.invalidate_caches()");
      postMessage({ type: "addon", name, ok: true });
      return true;
    })().catch((e) => {
      delete addonLoads[name];
      postMessage({ type: "addon", name, ok: false, detail: String(e && e.message || e) });
      return false;
    });
  }
  return addonLoads[name];
}

// Add-ons never delay a check: each synchronous step waits until the worker
// has been idle for a while, and the steps in between are asynchronous.  But
// a file that needs one (the readers, micropip, the PDF add-on) does not wait.
const IDLE_MS = 1500;
let lastCheck = 0;
let filesWaiting = 0;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function idle() {
  for (;;) {
    if (filesWaiting) return;
    const wait = Math.max(lastCheck + IDLE_MS, heldUntil) - performance.now();
    if (wait <= 0) return;
    await sleep(wait);
  }
}

async function fetchBytes(url) {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
  return new Uint8Array(await r.arrayBuffer());
}

async function addons(manifest) {
  // The readers first (a few tens of kB): a rich paste is then read from its HTML.
  if (manifest.addons.readers) {
    lastCheck = Math.max(lastCheck, performance.now());
    await idle();
    await loadAddon("readers");
  }
  try {
    lastCheck = Math.max(lastCheck, performance.now());
    const micropip = await loadMicropip(idle);
    await idle();
    // micropip fetches the wheel (asynchronously) and installs it; deps=False:
    // OpenCC needs nothing else, and nothing is looked up in any index.
    await micropip.install.callKwargs(new URL(manifest.addons.opencc, WHEELS).href, { deps: false });
    await idle();
    pyodide.runPython("import opencc");
    postMessage({ type: "addon", name: "opencc", ok: true });
  } catch (e) {
    postMessage({ type: "addon", name: "opencc", ok: false, detail: String(e && e.message || e) });
  }
}

// "hold": the page saw the user go for the box (focused it, pressed Ctrl or
// ⌘, opened its menu): a paste is likely to come within a moment.  Nothing
// can stop a check of Python's once begun, so a paste that came during a
// warm-up check waited for it (the first ones after "ready" take 40-70 ms on
// two loaded cores) and shared the cores with it while the page put the text
// in; held, the worker takes no new warm-up check and no add-on step for
// HOLD_MS, and the paste finds it idle.
// A hold before "ready" (the box got the focus while the runtime loaded)
// holds from "ready" on: the first warm-up check begins at once, before the
// page could answer "ready" with a hold of its own.
const HOLD_MS = 1000;
let heldUntil = 0;
let holdAtReady = false;
let readyAt = 0;
let firstWarmAt = null;

onmessage = (ev) => {
  const msg = ev.data || {};
  if (msg.type === "hold") {
    if (checkFn) heldUntil = performance.now() + HOLD_MS;
    else holdAtReady = true;
    return;
  }
  if (msg.type === "wasm") {
    bootMarks.wasm_from_page = performance.now() - t0;
    io.pageModule(msg.module);
    return;
  }
  if (msg.type === "file") {
    if (checkFn) queueFile(msg);
    else fileQueue.push(msg);
    return;
  }
  if (msg.type !== "check" || gone) return;
  if (checkFn) runCheck(msg);
  else {
    // Only the newest text matters.
    queue.length = 0;
    queue.push(msg);
  }
};

boot().catch((e) => {
  postMessage({ type: "fatal", message: String(e && e.message || e) });
});
