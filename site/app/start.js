/* gouji checker: the early start, shared by the checker page
 * (site/overrides/main.html) and the embedded checker (app/frame.html).
 *
 *   <script src="…/app/start.js" data-inline></script>     first thing in <head>
 *
 * scripts/build-site puts this script's text in place of that tag (as
 * <script data-src="…/app/start.js">): loaded as a file it would cost a
 * request before the worker can start.  Served as it is, it works the same.
 *
 * A classic script, run before the page's styles and scripts load: it starts
 * the Python worker (app/worker.js, beside this file) at once, so the runtime
 * download and Python's boot overlap with them.  app/checker.js adopts this
 * worker (window.__goujiWorker, see app/startup.js) and replays the messages
 * it sent meanwhile.  Every URL is relative to this script's own: the site
 * works under any sub-path.
 *
 * The runtime's WebAssembly is fetched and compiled here too, not in the
 * worker: the worker only asks for it once its own script and Pyodide's
 * loader have arrived (about 100 ms later), and the compile is on the
 * critical path.  The compiled module goes to the worker, which was told so
 * by "?wasm=page" in its URL (app/pyodide-io.js).  Measured: about 50 ms
 * sooner "ready" on a two-core machine.
 *
 * It first looks at what the browser can do (window.__goujiBrowser): in a
 * browser too old for the checker it starts no worker (nothing is downloaded
 * in vain) and app/checker.js mounts nothing.  Written as the oldest browsers
 * read it (no let, no arrow, no URL needed), so that where the page script
 * cannot even run, this still can: after the page's "load", each element
 * [data-gouji-app] the page script did not take (its .gouji unset: the
 * browser lacks something, or the script failed to load, to parse or to run)
 * is given a message here, in the checker's place.
 */
(function () {
  "use strict";
  // What the checker needs and where browsers got it: module scripts (the page
  // script; Chrome 61), module workers (Python's worker; Chrome 80, Firefox
  // 114, Safari 15), WebAssembly with exception handling (the runtime's; Chrome
  // 95, Firefox 100, Safari 15.2; Pyodide's JavaScript also calls Object.hasOwn,
  // Safari 15.4).  A browser without module workers is told by the worker
  // below: it never reads its options' type.  EH: the smallest module that
  // throws and catches (a tag, try ... catch).  The words are the page's own
  // (watchPageScript shows them, diagnose.js adds the advice to its "browser";
  // usage.md#browsers lists the versions).
  var EH = [0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 13, 3, 1, 0, 0, 10, 9, 1, 7, 0, 6, 64, 7, 0, 11, 11];
  var browser = {
    missing: [],
    advice: "请用新版 Chrome、Edge、Firefox 或 Safari 打开本页；360、QQ 等浏览器请切换到“极速模式”。"
  };
  window.__goujiBrowser = browser;
  var lacks = function (id, name) { browser.missing.push({ id: id, name: name }); };
  if (!("noModule" in document.createElement("script"))) lacks("module", "JavaScript 模块");
  if (typeof WebAssembly !== "object" || typeof WebAssembly.validate !== "function") lacks("wasm", "WebAssembly");
  else {
    try {
      if (!WebAssembly.validate(new Uint8Array(EH))) lacks("wasm-eh", "WebAssembly 异常处理");
    } catch (e) {
      lacks("wasm-eh", "WebAssembly 异常处理");
    }
  }
  watchPageScript(browser);
  if (browser.missing.length) return;
  try {
    // this script's own URL: where it was loaded from, or (inlined) would have been
    var script = document.currentScript;
    var self = script && (script.src || script.getAttribute("data-src")) || "";
    var url = new URL("worker.js", new URL(self, document.baseURI)).href;
    var pageWasm = typeof WebAssembly === "object" && typeof WebAssembly.compileStreaming === "function";
    // Under the page's policy (see app/startup.js newWorker, which this repeats)
    var src = "import " + JSON.stringify(pageWasm ? url + "?wasm=page" : url) + ";";
    var href = URL.createObjectURL(new Blob([src], { type: "text/javascript" }));
    var moduleType = false;
    var w;
    try {
      w = new Worker(href, { get type() { moduleType = true; return "module"; } });
    } catch (e) {
      // Firefox before 114: "module scripts are not supported" on a worker
      if (!(e instanceof TypeError)) throw e;
      w = null;
    }
    if (!w || !moduleType) {
      // a browser that never asked for the type runs the worker as a classic script
      if (w) w.terminate();
      URL.revokeObjectURL(href);
      lacks("module-worker", "模块化 Web Worker");
      return;
    }
    var revoke = function () { URL.revokeObjectURL(href); };
    w.addEventListener("message", revoke, { once: true });
    w.addEventListener("error", revoke, { once: true });
    var early = { url: url, worker: w, started: performance.now(), events: [] };
    w.onmessage = function (ev) { early.events.push(ev); };
    w.onerror = function (ev) { early.events.push(ev); };
    window.__goujiWorker = early;
    if (pageWasm) {
      // Never read in JavaScript (that would take the engine off its fast
      // streaming compile); a failure sends null and the worker fetches it.
      // Kept (early.wasm): a worker started again later gets the same module.
      // Kept (early.wasmURL): app/startup.js keepCompiledRuntime compiles it once more.
      early.wasmURL = new URL("runtime/pyodide.asm.wasm", url).href;
      early.wasm = WebAssembly.compileStreaming(fetch(early.wasmURL, { credentials: "same-origin" }))
        .catch(function () { return null; });
      early.wasm.then(function (module) { w.postMessage({ type: "wasm", module: module }); });
    }
  } catch (e) { /* app/checker.js starts its own */ }

  // After "load" (which waits for the page script), every [data-gouji-app] the
  // page script did not take gets a message in its place: what is missing, or
  // that the script did not run.
  function watchPageScript(info) {
    var here = document.currentScript;
    var src = here && (here.src || here.getAttribute("data-src")) || "";
    // usage.md#browsers, relative to this script's URL as the page wrote it
    var path = src.split("?")[0].split("#")[0];
    var help = /start\.js$/.test(path) ? path.slice(0, -"start.js".length) + "../usage/#browsers" : "";
    window.addEventListener("load", function () {
      setTimeout(function () {
        var roots = document.querySelectorAll("[data-gouji-app]");
        var names = [];
        for (var j = 0; j < info.missing.length; j += 1) names.push(info.missing[j].name);
        var said = false;
        for (var i = 0; i < roots.length; i += 1) {
          if (roots[i].gouji) continue;
          said = true;
          var note = document.createElement("p");
          note.className = "gj-summary gj-error";
          note.textContent = (names.length ? "这个浏览器版本过旧，运行不了检查器（缺少：" + names.join("、") + "）。"
            : "检查器没能在这个浏览器里运行：浏览器可能版本过旧，或网站文件不完整。") + info.advice;
          if (help) {
            var a = document.createElement("a");
            a.href = help;
            a.target = "_blank";
            a.rel = "noopener";
            a.textContent = "见使用说明：浏览器要求";
            note.appendChild(a);
          }
          roots[i].className += " gj"; // the checker's styles (app/checker.css)
          roots[i].setAttribute("data-unsupported", names.length ? info.missing[0].id : "script");
          roots[i].appendChild(note);
        }
        // the theme's scripts wait for the checker (site/overrides/main.html): not for this one
        if (said && typeof window.__goujiStartTheme === "function") window.__goujiStartTheme();
      }, 0);
    });
  }
})();
