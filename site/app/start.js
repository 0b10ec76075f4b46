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
 */
(function () {
  "use strict";
  try {
    // this script's own URL: where it was loaded from, or (inlined) would have been
    var script = document.currentScript;
    var self = script && (script.src || script.getAttribute("data-src")) || "";
    var url = new URL("worker.js", new URL(self, document.baseURI)).href;
    var pageWasm = typeof WebAssembly === "object" && typeof WebAssembly.compileStreaming === "function";
    // Under the page's policy (see app/startup.js newWorker, which this repeats)
    var src = "import " + JSON.stringify(pageWasm ? url + "?wasm=page" : url) + ";";
    var href = URL.createObjectURL(new Blob([src], { type: "text/javascript" }));
    var w = new Worker(href, { type: "module" });
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
      early.wasm = WebAssembly.compileStreaming(fetch(new URL("runtime/pyodide.asm.wasm", url), { credentials: "same-origin" }))
        .catch(function () { return null; });
      early.wasm.then(function (module) { w.postMessage({ type: "wasm", module: module }); });
    }
  } catch (e) { /* app/checker.js starts its own */ }
})();
