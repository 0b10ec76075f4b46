// gouji checker: why the runtime did not load.  Loaded only when it did not
// (the worker failed, or went silent while loading): each of the files the
// worker needs is fetched again (from the browser's cache, as a rule) and
// looked at — is it there, is it served with a type the browser will run, is
// it whole — and the first at fault is said, with what to do.  The intranet
// case: a server that does not know .mjs or .wasm (使用说明, 在内网部署).

import { wasmFault } from "./pyodide-io.js";
import { STDLIB_ZIP, stdlibBundle } from "./wheel.js";

const JS = /^(text|application)\/(x-)?(javascript|ecmascript)$/;

// The worker's files, in the order it needs them: [path in the app's directory
// (or, by manifest.json, the function that says it), what it must be].
const FILES = [
  ["worker.js", "js"], ["pyodide-io.js", "js"], ["wheel.js", "js"],
  ["runtime/pyodide.mjs", "js"], ["runtime/pyodide.asm.mjs", "js"],
  ["manifest.json", "json"], ["runtime/pyodide-lock.json", "json"],
  // the start-up stdlib's file this browser reads (app/wheel.js)
  [(manifest) => "runtime/" + (stdlibBundle(manifest) || STDLIB_ZIP), "whole"],
  ["runtime/pyodide.asm.wasm", "wasm"],
];

const mime = (resp) => (resp.headers.get("content-type") || "").split(";")[0].trim().toLowerCase();

// The first problem found, {file, reason: "http" | "mime" | "damaged" | "browser" | "network",
// status?, got?, want?, size?, expected?, message?}, or null when every file looks right.
export async function diagnose(appURL) {
  let manifest = null;
  let wasmType = null;
  for (const [listed, kind] of FILES) {
    const file = typeof listed === "function" ? listed(manifest) : listed;
    let resp;
    try {
      resp = await fetch(new URL(file, appURL), { cache: "no-cache", credentials: "same-origin" });
    } catch (e) {
      return { file, reason: "network", message: String(e && e.message || e) };
    }
    if (!resp.ok) return { file, reason: "http", status: resp.status };
    const type = mime(resp);
    if (kind === "js" && !JS.test(type)) return { file, reason: "mime", got: type, want: "text/javascript" };
    if (kind === "json") {
      try {
        const data = JSON.parse(await resp.text());
        if (file === "manifest.json") manifest = data;
      } catch {
        return { file, reason: "damaged" };
      }
    }
    if (kind === "whole" || kind === "wasm") {
      const bytes = await resp.arrayBuffer().catch(() => new ArrayBuffer(0));
      const expected = manifest && manifest.runtime_bytes ? manifest.runtime_bytes[file.split("/").pop()] : undefined;
      if (expected && bytes.byteLength !== expected) return { file, reason: "damaged", size: bytes.byteLength, expected };
      if (kind === "wasm" && !WebAssembly.validate(bytes)) {
        return { file, reason: wasmFault(bytes.byteLength, expected), size: bytes.byteLength, expected };
      }
      if (kind === "wasm") wasmType = type;
    }
  }
  if (manifest && manifest.wheel) {
    const file = "wheels/" + manifest.wheel;
    const resp = await fetch(new URL(file, appURL), { cache: "no-cache", credentials: "same-origin" }).catch(() => null);
    if (!resp) return { file, reason: "network" };
    if (!resp.ok) return { file, reason: "http", status: resp.status };
  }
  // read all the same (app/pyodide-io.js), but the likeliest cause left
  if (wasmType !== null && wasmType !== "application/wasm") {
    return { file: "runtime/pyodide.asm.wasm", reason: "mime", got: wasmType, want: "application/wasm" };
  }
  return null;
}

// A file of the app's directory, as a path from the site's root (app/runtime/pyodide.asm.wasm).
function sitePath(file, appURL) {
  const url = new URL(file, appURL);
  const root = new URL("../", appURL);
  const path = url.pathname.startsWith(root.pathname) ? url.pathname.slice(root.pathname.length) : url.pathname;
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

// A problem (diagnose's, or the worker's own) in words: the file, what is wrong, what to do.
export function describe(p, appURL) {
  const path = sitePath(p.file, appURL);
  const ext = (path.match(/\.[a-z0-9]+$/i) || [""])[0];
  switch (p.reason) {
    case "http":
      return `找不到 ${path}（服务器答复 HTTP ${p.status}）。请把网站目录完整复制到服务器上。`;
    case "mime":
      return `服务器以“${p.got || "未注明"}”类型提供 ${path}；服务器须以 ${p.want} 提供 `
        + `${ext === ".wasm" ? ".wasm" : ".js 和 .mjs"} 文件。`;
    case "browser":
      return `${path} 是完整的，但这个浏览器运行不了它（不支持其中用到的 WebAssembly 功能），浏览器版本过旧。`
        + ((window.__goujiBrowser && window.__goujiBrowser.advice) || "");
    case "damaged":
      return `${path} 不完整或已损坏`
        + (p.size !== undefined && p.expected ? `（${p.size} 字节，应为 ${p.expected} 字节）` : "")
        + "。请重新完整复制网站文件。";
    default:
      return `无法下载 ${path}（${p.message || "网络故障"}）。请检查网络和服务器。`;
  }
}
