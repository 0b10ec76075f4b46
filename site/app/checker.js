// gouji checker: the page script.  It builds the checker into every element
// marked [data-gouji-app], adopts the Python worker started in <head>
// (app/start.js) and renders the core's result.  Plain ES modules, no
// framework, no build step:
//   render.js    the result (plain data) -> DOM; the page's skeleton
//   client.js    the worker's client and the page's states
//   box.js       the report box: pastes, typing and keys ask for checks
//   startup.js   adopting the early worker (and starting another), the theme's
//                deferral, the page's warm-up, the start-up timings
//   files.js     many files: the table of their results and its CSV (loaded
//                when files come)
//   diagnose.js  what keeps the runtime from loading (loaded on a failure)
// The pages that load this preload those (<link rel="modulepreload">:
// site/overrides/main.html, app/frame.html).
//
// DOM contract (the tests rely on it):
//   textarea#report-input, #check-button,
//   #results[data-state = loading | ready | checking | pass | fail | incomplete | error]
//           [data-elapsed-ms] [data-seq]   (a result's state is its verdict's, from the core)
//   .finding[data-rule][data-severity][data-category]
//   td[data-cell="<table>.<row>.<column>"], .bad on the cells of error findings,
//   .suspect on the most likely cell, [data-candidate] on each of several candidates
//   input[type=file] (many files: table.gj-batch, a row tr.gj-file-row[data-file] each,
//   its verdict td[data-verdict]; button.gj-csv)
//   [data-gouji-app][data-unsupported = module | wasm | wasm-eh | module-worker | script]
//           a browser too old, or a page script that did not run: said in the
//           checker's place, by app/start.js

import { Client } from "./client.js";
import { context, sampleButton, skeleton } from "./render.js";
import { adoptWorker, Startup } from "./startup.js";

const HERE = new URL("./", import.meta.url);
const RULES = new URL("../rules/", HERE);

function mount(root) {
  const view = skeleton(root);
  // manifest.json: the core's words and table layouts, the rule codes, the
  // samples and the warm-up results (all made at build time by the same core)
  const manifest = fetch(new URL("manifest.json", HERE))
    .then((resp) => resp.json())
    .catch((e) => { console.warn("manifest.json unavailable", e); return null; });
  const ctx = manifest.then((m) => context(m, {
    ruleHref: (code) => new URL(encodeURIComponent(code) + "/", RULES).href,
  }));
  let client = null;
  const startup = new Startup(root, view.results, {
    context: ctx,
    checking: () => Boolean(client && client.pending),
    asked: () => Boolean(client && client.seq),
    shown: () => (client ? client.shown : 0),
  });
  client = new Client(root, view, {
    context: ctx,
    startup,
    sampleURL: (file) => new URL("samples/" + encodeURIComponent(file), HERE),
    appURL: HERE,
    helpURL: new URL("../usage/#intranet", HERE),
  });
  manifest.then((m) => {
    if (!m) return;
    startup.scheduleWarmUp({ results: m.warmup || [] });
    for (const s of m.samples || []) {
      const b = sampleButton(s);
      b.addEventListener("click", () => client.loadSample(s.file));
      view.samples.append(b);
    }
  });
  const adopted = adoptWorker(new URL("worker.js", HERE).href);
  startup.wasmURL = adopted.wasmURL; // for keepCompiledRuntime
  client.attach(adopted);
  return client;
}

// In a browser too old for the checker (app/start.js found what it lacks and
// started nothing), start.js says so in the checker's place.
const browser = window.__goujiBrowser;
if (!(browser && browser.missing.length)) {
  for (const root of document.querySelectorAll("[data-gouji-app]")) {
    if (!root.gouji) root.gouji = mount(root);
  }
}
