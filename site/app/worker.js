// gouji checker: the module worker that runs Python.
//
// Messages out:  {type: "progress", stage, label}
//                {type: "ready", version, marks, ms, origin}
//                {type: "meta", layouts, rules}   (straight after ready, before any result)
//                {type: "warm", warm}
//                    (results of the warm-up checks, for the page to lay out once)
//                {type: "result", id, json}          json = the core's result, as text
//                {type: "addon", name, ok, detail}
//                {type: "fatal", message}
// Messages in:   {type: "check", id, text, previous?}  (previous: last year's report, optional)
//
// Every URL is resolved against this file's own URL, so the site works under
// any sub-path; loadPyodide is given the site's own runtime directory as its
// index and package base, so nothing is ever fetched from another host.

import { loadPyodide } from "./runtime/pyodide.mjs";

const HERE = new URL("./", import.meta.url);
const RUNTIME = new URL("runtime/", HERE).href;
const WHEELS = new URL("wheels/", HERE).href;

const t0 = performance.now();
let pyodide = null;
let checkFn = null;
let sitePackages = null;
const queue = [];

const STAGES = ["download", "python", "checker"];
let stageIndex = -1;
let lastPct = -1;
function progress(stage, label, fraction) {
  const i = STAGES.indexOf(stage);
  if (i < stageIndex) return; // never go back (the download watcher may lag)
  const pct = fraction === undefined ? -1 : Math.floor(fraction * 100);
  if (i === stageIndex && pct === lastPct) return;
  stageIndex = i;
  lastPct = pct;
  postMessage({ type: "progress", stage, label, fraction });
}

const PY_GLUE = `
import json
import gouji
from gouji import formats as _formats

def _gouji_check(text, previous=None):
    try:
        result = gouji.check_text(text, previous=previous or None)
    except Exception as exc:  # bad input never crashes the page
        result = {"format": None, "year": None, "body": None, "tables": {},
                  "findings": [{"rule": "internal", "severity": "error", "category": "input",
                                "message": "检查器内部错误：" + repr(exc), "cells": []}],
                  "not_checked": []}
    return json.dumps(result, ensure_ascii=False, default=str)

# A synthetic report in each format (every row of tables 三 and 四, a few
# sentences) is checked once before "ready" and once more straight after it,
# one check per task, so that the first real paste does not pay first-use
# costs (lazy imports, regular expressions, the engine's compilation of the
# hot code).
def _gouji_warm_text(fid):
    lay = _formats.layout(fid)
    lines = ["2023年政府信息公开工作年度报告", "一、总体情况", "本机关共收到政府信息公开申请1件，均已按时答复。"]
    for t in lay["tables"]:
        lines.append(t["title"])
        if t["id"] == "appeals":
            lines.append(" | ".join(["0"] * 15))
            continue
        for r in t["rows"]:
            n = len(r["columns"] or t["columns"])
            lines.append(r["label"] + " | " + " | ".join(["0"] * n))
    lines += ["五、存在的主要问题及改进情况", "一是公开内容不够全面。", "六、其他需要报告的事项", "无。",
              "某某人民政府办公室", "2024年1月20日"]
    return chr(10).join(lines)

def _gouji_warm_texts():
    if not hasattr(_formats, "layout"):
        return "[]"
    texts = [_gouji_warm_text("2021"), _gouji_warm_text("2019")]
    texts.append(texts[0].replace("政府信息公开申请", "政府信息公開申請"))
    return json.dumps(texts, ensure_ascii=False)

def _gouji_rules():
    try:
        from gouji.rules import RULES
        return json.dumps([r.code for r in RULES])
    except Exception:
        return "[]"

def _gouji_layouts():
    out = {}
    if hasattr(_formats, "layout"):
        for fid in ("2021", "2019"):
            out[fid] = _formats.layout(fid)
    return json.dumps(out, ensure_ascii=False)
`;

// Watch the two big runtime downloads (through clones of their responses) so
// the page can say when downloading is over and Python is starting.
const nativeFetch = globalThis.fetch.bind(globalThis);
const big = { total: 0, loaded: 0, open: 0, seen: 0 };
globalThis.fetch = (input, init) => {
  const url = String(input && input.url ? input.url : input);
  const p = nativeFetch(input, init);
  if (/(pyodide\.asm\.wasm|python_stdlib\.zip)$/.test(url)) {
    big.open += 1;
    big.seen += 1;
    p.then(async (resp) => {
      const len = Number(resp.headers.get("content-length") || 0);
      big.total += len;
      const reader = resp.clone().body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        big.loaded += value.byteLength;
        if (big.total && big.seen === 2) {
          progress("download", "下载运行环境", Math.min(1, big.loaded / big.total));
        }
      }
      big.open -= 1;
      if (big.open === 0 && big.seen === 2) progress("python", "启动 Python");
    }).catch(() => {});
  }
  return p;
};

async function boot() {
  progress("download", "下载运行环境", 0);
  // The manifest names the wheel; fetch it while the runtime downloads.
  const manifestP = fetch(new URL("manifest.json", HERE)).then((r) => {
    if (!r.ok) throw new Error(`manifest.json: HTTP ${r.status}`);
    return r.json();
  });
  const wheelP = manifestP.then(async (m) => {
    const r = await fetch(new URL(m.wheel, WHEELS));
    if (!r.ok) throw new Error(`${m.wheel}: HTTP ${r.status}`);
    return new Uint8Array(await r.arrayBuffer());
  });
  wheelP.catch(() => {});

  pyodide = await loadPyodide({
    indexURL: RUNTIME,
    stdLibURL: RUNTIME + "python_stdlib.zip",
    lockFileURL: RUNTIME + "pyodide-lock.json",
    packageBaseUrl: RUNTIME,
    stdout: () => {},
    stderr: (s) => console.warn(s),
  });
  const marks = { booted: performance.now() - t0 };
  const manifest = await manifestP;
  const wheel = await wheelP;
  progress("checker", "加载检查器");
  // The gouji wheel is installed from the bytes fetched above (by URL, no micropip).
  sitePackages = pyodide.runPython("import sys; [p for p in sys.path if p.endswith('site-packages')][0]");
  pyodide.unpackArchive(wheel, "wheel", { extractDir: sitePackages });
  marks.installed = performance.now() - t0;
  pyodide.runPython(PY_GLUE);
  marks.imported = performance.now() - t0;
  checkFn = pyodide.globals.get("_gouji_check");
  const version = pyodide.runPython("gouji.__version__");
  // One warm-up check per text before "ready": the first check pays the
  // first-use costs, and a paste straight after ready must not wait for that.
  let warmTexts = [];
  let warm = [];
  try {
    warmTexts = JSON.parse(pyodide.globals.get("_gouji_warm_texts")());
    warm = warmTexts.map((text) => checkFn(text));
  } catch (e) {
    console.warn("warm-up", e); // a warm-up that fails never stops the checker
  }
  marks.warmed = performance.now() - t0;
  postMessage({ type: "ready", version, marks, ms: performance.now() - t0,
                origin: performance.timeOrigin + t0 });
  // What the page needs to lay out a result, before any result (messages keep
  // their order): a check sent at "ready" waits only for this.
  const layouts = JSON.parse(pyodide.globals.get("_gouji_layouts")());
  const rules = JSON.parse(pyodide.globals.get("_gouji_rules")());
  postMessage({ type: "meta", layouts, rules });
  drain();
  await warmUp(warmTexts, warm.slice(0, 2));
  // Optional add-ons, in the background: micropip, then OpenCC through it.
  addons(manifest);
}

// The second round of warm-up checks (see _gouji_warm_text), one per task, so
// a real check that comes in meanwhile waits for one short check at most.
const nextTask = () => new Promise((ok) => {
  const ch = new MessageChannel();
  ch.port1.onmessage = () => ok();
  ch.port2.postMessage(0);
});
async function warmUp(texts, out) {
  const t = performance.now();
  try {
    for (const text of texts) {
      await nextTask();
      checkFn(text);
    }
  } catch (e) {
    console.warn("warm-up", e);
  }
  postMessage({ type: "warm", warm: out, ms: performance.now() - t });
}

function drain() {
  while (queue.length) {
    const msg = queue.shift();
    runCheck(msg);
  }
}

function runCheck({ id, text, previous }) {
  const t = performance.now();
  lastCheck = t;
  let json;
  try {
    json = previous ? checkFn(String(text), String(previous)) : checkFn(String(text));
  } catch (e) {
    json = JSON.stringify({
      format: null, year: null, body: null, tables: {}, not_checked: [],
      findings: [{ rule: "internal", severity: "error", category: "input",
                   message: "检查器内部错误：" + String(e && e.message || e), cells: [] }],
    });
  }
  postMessage({ type: "result", id, json, ms: performance.now() - t });
  lastCheck = performance.now();
}

// Add-ons never delay a check: each synchronous step waits until the worker
// has been idle for a while, and the steps in between are asynchronous.
const IDLE_MS = 1500;
let lastCheck = 0;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function idle() {
  for (;;) {
    const wait = lastCheck + IDLE_MS - performance.now();
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
  try {
    lastCheck = Math.max(lastCheck, performance.now());
    const micropipWheel = await fetchBytes(new URL(manifest.addons.micropip, WHEELS));
    await idle();
    pyodide.unpackArchive(micropipWheel, "wheel", { extractDir: sitePackages });
    await idle();
    const micropip = pyodide.pyimport("micropip");
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

onmessage = (ev) => {
  const msg = ev.data || {};
  if (msg.type !== "check") return;
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
