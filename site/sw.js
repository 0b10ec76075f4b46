/* gouji checker: the service worker, which keeps the site for use offline.
 *
 * It sits at the site's root (its scope covers every page and app/, under any
 * sub-path) and is registered by the page after "ready" (app/startup.js),
 * never on the start path; the embedded checker (app/frame.html) registers it
 * too.  scripts/build-site writes BUILD and FILES below: every file the site's
 * pages need (the pages, the theme's styles and scripts, app/, the runtime,
 * every wheel, the samples), each with its SHA-256.
 *
 *   install    every file of FILES into the cache "gouji <scope> <BUILD>",
 *              each checked against its hash: the browser's own copy when it
 *              has one, and when that is another build's (an old copy, a
 *              deployment half done), the server's; when that still does not
 *              match, the install fails and is tried again on a later visit.
 *              A cache holds one build, whole, or is not used.
 *   activate   deletes this scope's caches of other builds.
 *   fetch      the build's files from its cache (cache first: a page and the
 *              files it loads always come from one build); the runtime's
 *              WebAssembly from the browser's HTTP cache while that still holds
 *              the copy the install checked (see fromHttpCache); anything else,
 *              and every other origin, is left to the browser.
 *
 * The cache keeps each file as the server sent it, not a copy made here (the
 * WebAssembly aside, see COMPILED): Chrome keeps the code it compiles from a
 * script beside the cache's entry only when the entry is a response of the
 * server's.  With copies, every visit compiled the runtime's 1.25 MB of
 * JavaScript (app/runtime/pyodide.asm.mjs) anew; with the server's responses,
 * the visits after the first one served from here take the code that one
 * compiled (measured in a trace of the third visit: the worker's JavaScript
 * compiling, about 450 ms of its thread, down to about 60).  A file asked
 * for by another URL than the one it is kept under (app/worker.js?wasm=page,
 * a page's index.html) is answered with a copy: a response names the URL it
 * came from, and a module script's import.meta.url is that URL, query and all.
 *
 * A new build: the browser fetches this file again when a page loads; when it
 * changed, the new worker installs its own cache beside the old one and waits.
 * It takes over when no page of the old build is open, or at the next load of
 * the only one open (the old worker tells the new one to take over, and
 * answers that load with a page that loads it again once the new one has, see
 * takeOver): never while a page of the old build may still load files of its
 * own.
 *
 * Nothing here reads, keeps or sends what is pasted into the page: the cache
 * holds the site's own files only.
 */
"use strict";

const BUILD = "dev";
const FILES = {};

const ROOT = new URL("./", self.location.href);
const PREFIX = "gouji " + ROOT.pathname + " ";
const CACHE = PREFIX + BUILD;
const AT_ONCE = 4; // files fetched at the same time while installing

// The path of one of the build's files within the site ("", "usage/",
// "app/worker.js"), or null.  A page's "index.html" is its directory's path;
// a query string (app/worker.js?wasm=page) does not change the file.
function buildFile(url) {
  const u = new URL(url);
  if (u.origin !== ROOT.origin || !u.pathname.startsWith(ROOT.pathname)) return null;
  let path;
  try {
    path = decodeURIComponent(u.pathname.slice(ROOT.pathname.length));
  } catch (e) {
    return null;
  }
  if (path === "index.html" || path.endsWith("/index.html")) path = path.slice(0, -"index.html".length);
  return Object.prototype.hasOwnProperty.call(FILES, path) ? path : null;
}

async function sha256(bytes) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}

// The runtime's WebAssembly (app/runtime/pyodide.asm.wasm).  Chrome keeps the
// machine code it compiles from a response with the copy the response came
// from: the first visit's, with the HTTP cache's copy; a visit served from
// this worker's cache, with that cache's copy, but only from the first such
// visit on.  Served from here alone, the first visit back compiled the runtime
// all over again (measured: ready in 0.43 x a stock cold start, where the
// visit after took 0.20 x; by this route both took about 0.25 x then, and
// 0.37-0.42 x and 0.33-0.41 x in scripts/bench-site now, which starts a
// fresh browser for each visit).  So the file is answered from the HTTP
// cache, as it is there (Chrome then uses the code the first visit
// compiled), as long as that is the very copy the install checked: the
// same validators (ETag, Last-Modified, length), noted beside this cache's
// copy under VALIDATOR.  Otherwise (not in the HTTP cache, another build's
// copy there, no validators) from this cache.  The install takes the
// browser's copy without revalidating it for the same reason: a revalidated
// copy is dated anew, and the code compiled from it is no longer used.
//   What Chrome keeps is only part of it: it keeps code once per compile, at
// V8's first caching event (1 MB of optimised code, or 2 s with none new),
// which on a first visit comes mid-boot (about 1 MB of the 1.6 MB a session
// optimises).
// Each visit back optimises the rest again (1.3-2.8 s of a core, traced
// with Chromium 150 on two cores) and now and then keeps it: in two traces
// of three visits back each, one visit wrote code (5.4 s and 2.3 s after
// its start), and the visit after it optimised 0.3-0.5 s' worth and was
// ready 0.16-0.35 s sooner; the others wrote none.  So the page compiles the
// file once more on a first visit, from the HTTP cache, once the worker's
// first checks are done (app/startup.js keepCompiledRuntime, which has the
// figures: the first visit back about 0.1 s sooner).  Compiled again at
// "ready" it wrote at once, mid-optimisation, as the first compile does;
// after the add-ons, it wrote in some runs and not in others.
// And this route is the slower one: on an idle page the 9.6 MB take about
// 75 ms from the HTTP cache (gzip, through this worker), 14 ms from this cache.
const COMPILED = /\.wasm$/;
const VALIDATOR = "X-Gouji-Http-Validator";

// What tells one HTTP response of a file from another: "" when nothing does.
function validator(resp) {
  const h = resp.headers;
  const id = [h.get("ETag"), h.get("Last-Modified")].filter(Boolean);
  return id.length ? [...id, h.get("Content-Length") || ""].join(" ") : "";
}

// One file, as the build has it: the browser's own copy first (its hash says
// whether it is this build's), then straight from the server.
async function fetchChecked(path) {
  const url = new URL(path, ROOT).href;
  for (const cache of ["force-cache", "reload"]) {
    const resp = await fetch(url, { cache, credentials: "same-origin" });
    if (!resp.ok) throw new Error(`${path}: HTTP ${resp.status}`);
    // the server's response itself is kept (see above); not one that was
    // redirected, which a page may not be answered with
    const served = resp.redirected || COMPILED.test(path) ? null : resp.clone();
    const body = await resp.arrayBuffer();
    if ((await sha256(body)).startsWith(FILES[path])) {
      if (served) return [url, served];
      const headers = { "Content-Type": resp.headers.get("Content-Type") || "application/octet-stream" };
      if (COMPILED.test(path) && validator(resp)) headers[VALIDATOR] = validator(resp);
      return [url, new Response(body, { status: 200, statusText: "OK", headers })];
    }
  }
  throw new Error(`${path}: not the file of build ${BUILD}`);
}

// The HTTP cache's copy of url, untouched, when it is the one the install
// checked (want: its validators); null otherwise.  Never asks the server.
async function fromHttpCache(url, want) {
  if (!want) return null;
  try {
    const resp = await fetch(url, { cache: "only-if-cached", mode: "same-origin", credentials: "same-origin" });
    if (resp.ok && validator(resp) === want) return resp;
    if (resp.body) resp.body.cancel().catch(() => {});
  } catch (e) {
    // not in the HTTP cache (or this browser cannot tell): this cache's copy
  }
  return null;
}

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    // an install tried again keeps what the last try checked
    const have = new Set((await cache.keys()).map((r) => r.url));
    const todo = Object.keys(FILES).filter((p) => !have.has(new URL(p, ROOT).href));
    const next = async () => {
      for (let path = todo.shift(); path !== undefined; path = todo.shift()) {
        const [url, resp] = await fetchChecked(path);
        await cache.put(url, resp);
      }
    };
    await Promise.all(Array.from({ length: AT_ONCE }, next));
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
    }
  })());
});

self.addEventListener("message", (event) => {
  // from the worker of the build before this one (see takeOver)
  if (event.data && event.data.type === "take-over") self.skipWaiting();
});

// A page is being loaded while a newer build waits: when no other page is
// open, the newer build is told to take over and the page is loaded again,
// once it has.  Not at once ("Refresh: 0", as before): the newer build takes
// over only when this worker has no fetch under way, and a page loaded again
// at once could come back to this worker, which sent it round again, and
// again (the offline test: 2 times in 14 the page was not on the new build a
// minute later; with this page, 0 in 14).  The page waits for the newer
// build to control it (controllerchange), or finds that no build waits any
// more; 2 s at most.
const RELOAD_ONCE_TAKEN_OVER = `<!doctype html><meta charset="utf-8"><title>正在切换到新版本</title>
<p>正在切换到新版本……</p>
<script>
(function () {
  var done = false;
  var again = function () { if (!done) { done = true; location.reload(); } };
  var sw = navigator.serviceWorker;
  sw.addEventListener("controllerchange", again);
  sw.getRegistration().then(function (r) { if (!r || !r.waiting) again(); }, again);
  setTimeout(again, 2000);
})();
</script>
`;
async function takeOver() {
  const waiting = self.registration.waiting;
  if (!waiting) return null;
  const open = await self.clients.matchAll({ type: "window" });
  if (open.length > 1) return null;
  waiting.postMessage({ type: "take-over" });
  return new Response(RELOAD_ONCE_TAKEN_OVER, {
    status: 200,
    // like the site's pages, it runs its own script only and loads nothing
    headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store",
               "Content-Security-Policy": "default-src 'none'; script-src 'unsafe-inline'" },
  });
}

async function respond(request, path) {
  if (request.mode === "navigate") {
    const reload = await takeOver();
    if (reload) return reload;
  }
  const url = new URL(path, ROOT).href;
  const cache = await caches.open(CACHE);
  const hit = await cache.match(url);
  if (hit && COMPILED.test(path) && request.url === url) {
    const same = await fromHttpCache(url, hit.headers.get(VALIDATOR));
    if (same) return same;
  }
  // asked for by another URL (a query, index.html): a copy, under that URL
  if (hit && request.url !== url) {
    return new Response(hit.body, { status: hit.status, statusText: hit.statusText, headers: hit.headers });
  }
  // not in the cache (only when the browser dropped it): from the server
  return hit || fetch(request);
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const path = buildFile(request.url);
  if (path === null) return;
  event.respondWith(respond(request, path));
});
