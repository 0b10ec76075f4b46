// gouji checker: how the worker steps into Pyodide's fetching of its two big
// files.  Written for Pyodide 314.0.7 (package.json pins it; the npm package's
// pyodide.mjs and pyodide.asm.mjs); check every patch below again when the
// pin moves.
//
// What Pyodide 314.0.7 does in a browser, and what is patched:
//
//   * python_stdlib.zip: loadPyodide fetches stdLibURL with the global fetch()
//     and reads the whole response (loadBinaryFile, for the installStdlib
//     step), which it writes to /lib/python314.zip.  globalThis.fetch is
//     wrapped so that a clone of that one response is counted as it comes in:
//     that is the download's progress, the only byte count the page gets
//     without touching the WebAssembly file.
//       - Where the build brings the start-up stdlib as a bundle of files
//         (stdlibBundle, see app/wheel.js), the bundle is fetched, counted and
//         unpacked here instead (stdlibFiles: the worker writes the files
//         before Python starts), and Pyodide's request gets an empty zip
//         (app/wheel.js EMPTY_ZIP): Python imports the modules from the
//         files.  A bundle that cannot be had or read leaves
//         Pyodide the zip, which the build keeps beside it.
//
//   * pyodide.asm.wasm: Pyodide's instantiateWasm hook (getInstantiateWasmFunc)
//     calls fetch(indexURL + "pyodide.asm.wasm") and hands the response to
//     WebAssembly.instantiateStreaming.  That file is never read in JavaScript
//     here: reading it (a clone, a counting stream) takes the engine off its
//     fast streaming compile, measured at 25-30 ms of start-up.
//       - On the checker page the page itself fetches and compiles it
//         (app/start.js), about 100 ms before this worker's own imports would
//         let Pyodide ask for it, and posts the compiled module here; the
//         worker was told so by "?wasm=page" in its URL.  Pyodide's fetch of
//         the file then gets an empty answer (nothing is downloaded twice),
//         and the instantiateStreaming override instantiates the page's
//         module instead.  When the page could not compile it (it posts null),
//         the override fetches the file itself and compiles it as usual.
//       - Elsewhere the override only notes when the module is in, which is
//         when its download counts as done.
//     Beware: Pyodide 314.0.7 swallows a failure in that hook (it only warns
//     "wasm instantiation failed!") and then waits for ever.  So a failure
//     there is looked into here and said through onFailure, within moments:
//     the file missing (its HTTP status) or cut short or damaged (its size).
//     A file served with another type than application/wasm (an intranet
//     server that does not know .wasm) cannot be compiled as it streams in;
//     it is compiled from its bytes instead, and onNotice says so.  None of
//     this is on the path of a runtime that loads.
//
// Nothing here knows the page's words: the progress is a fraction, the
// caller says what it is called.

import { EMPTY_ZIP, STDLIB_ZIP, unbundle } from "./wheel.js";

// Why a WebAssembly file of size bytes would not compile, given the build's
// size (expected, when known): a file of the build's size is whole, so the
// browser is what cannot run it (too old: app/start.js's look missed it);
// anything else was cut short or damaged on its way.  diagnose.js says the same.
export function wasmFault(size, expected) {
  return expected && size === expected ? "browser" : "damaged";
}

// The runtime files' interception, installed once, before loadPyodide runs.
//   runtimeURL   the runtime directory (Pyodide's indexURL), with a trailing slash
//   pageWasm     true when the page compiles the WebAssembly and posts it here
//   stdlibBundle a promise of the start-up stdlib bundle's URL, or of null (Pyodide's zip)
//   everyMs      at most one progress estimate per this many milliseconds
//   onProgress   called with the estimated download fraction (0..0.99), and
//                with null once the WebAssembly module is in (the download is over)
//   onFailure    called when the WebAssembly file cannot be had, with {file,
//                reason: "http" | "damaged" | "browser" | "network", status?, size?, expected?, message}
//   onNotice     called with {kind: "mime", file, got, want} when it came with the wrong type
// Returns { pageModule(module|null), sizes({wasm, zip}), stdlibFiles }: the
// page's compiled module as it arrives, the two files' sizes (from
// manifest.json: a compressed response's length is not its size; zip: the
// start-up stdlib's file, bundle or zip), and a promise of the start-up
// stdlib's files ([name, bytes] pairs), or of null when Pyodide reads its zip.
export function interceptRuntimeFiles({ runtimeURL, pageWasm, stdlibBundle = Promise.resolve(null), everyMs,
                                        onProgress, onFailure = () => {}, onNotice = () => {} }) {
  const nativeFetch = globalThis.fetch.bind(globalThis);
  const wasmURL = new URL("pyodide.asm.wasm", runtimeURL).href;
  const zipURL = new URL(STDLIB_ZIP, runtimeURL).href;
  const instantiateStreaming = typeof WebAssembly.instantiateStreaming === "function"
    ? WebAssembly.instantiateStreaming.bind(WebAssembly) : null;
  const fromPage = Boolean(instantiateStreaming) && pageWasm;
  let receive = () => {};
  const pageModule = fromPage ? new Promise((ok) => { receive = ok; }) : Promise.resolve(null);

  // The WebAssembly file's progress is estimated from the zip's pace (the
  // two share the link), and it counts as downloaded once compiled.
  const dl = { wasmSize: 0, zipSize: 0, zipLoaded: 0, zipStart: 0, zipEnd: 0, wasmDone: false, timer: 0 };
  function estimate() {
    if (dl.wasmDone) {
      clearInterval(dl.timer);
      onProgress(null);
      return;
    }
    if (!dl.zipSize || !dl.wasmSize || !dl.zipLoaded) return;
    // bytes per ms of the zip while both came; the WebAssembly file is taken to
    // come as fast, and twice as fast once it has the link to itself
    const now = performance.now();
    const end = dl.zipEnd || now;
    const rate = dl.zipLoaded / Math.max(1, end - dl.zipStart);
    const wasm = rate * (end - dl.zipStart) + (dl.zipEnd ? 2 * rate * (now - dl.zipEnd) : 0);
    const loaded = Math.min(dl.zipLoaded, dl.zipSize) + Math.min(wasm, 0.95 * dl.wasmSize);
    onProgress(Math.min(0.99, loaded / (dl.zipSize + dl.wasmSize)));
  }

  // The start-up stdlib's download (the bundle's or the zip's), counted as it comes in.
  function counted(p) {
    dl.zipStart = performance.now();
    dl.zipLoaded = 0;
    return p.then((resp) => {
      if (resp.ok && resp.body) {
        const reader = resp.clone().body.getReader();
        (async () => {
          for (;;) {
            const { done, value } = await reader.read();
            if (done) break;
            dl.zipLoaded += value.byteLength;
            estimate();
          }
          dl.zipEnd = performance.now();
          // nothing more to count: the estimate for the WebAssembly file moves on
          dl.timer = setInterval(estimate, everyMs);
        })().catch(() => {});
      }
      return resp;
    });
  }

  const stdlibFiles = stdlibBundle.then((url) => url && counted(
    nativeFetch(url, { credentials: "same-origin" })).then(async (resp) => {
    if (!resp.ok) throw new Error(`${url}: HTTP ${resp.status}`);
    return unbundle(new Uint8Array(await resp.arrayBuffer()));
  })).catch((e) => {
    console.warn("stdlib bundle", e); // Pyodide reads the zip instead
    return null;
  });

  globalThis.fetch = (input, init) => {
    const url = String(input && input.url ? input.url : input);
    if (fromPage && url === wasmURL) {
      // compiled by the page: Pyodide's own request gets an empty answer, and
      // instantiateStreaming below uses the page's module instead
      return Promise.resolve(new Response(new Uint8Array(0), { headers: { "content-type": "application/wasm" } }));
    }
    if (url !== zipURL) return nativeFetch(input, init);
    // the modules come as files (stdlibFiles): an empty zip for Pyodide
    return stdlibFiles.then((files) => (files
      ? new Response(EMPTY_ZIP, { headers: { "content-type": "application/zip" } })
      : counted(nativeFetch(input, init))));
  };

  // The WebAssembly file could not be compiled as it streamed in: fetched again
  // (from the HTTP cache, as a rule) to find out why, and compiled from its
  // bytes when only its type was wrong.
  const FILE = "runtime/pyodide.asm.wasm";
  async function recover(error, imports) {
    const fail = (what) => {
      onFailure({ file: FILE, message: String(error && error.message || error), ...what });
      throw error;
    };
    let resp;
    try {
      resp = await nativeFetch(wasmURL, { credentials: "same-origin" });
    } catch (e) {
      return fail({ reason: "network" });
    }
    if (!resp.ok) return fail({ reason: "http", status: resp.status });
    const type = (resp.headers.get("content-type") || "").split(";")[0].trim().toLowerCase();
    const bytes = await resp.arrayBuffer().catch(() => new ArrayBuffer(0));
    const sized = { size: bytes.byteLength, expected: dl.wasmSize || undefined };
    let result;
    try {
      result = await WebAssembly.instantiate(bytes, imports);
    } catch (e) {
      const reason = e instanceof WebAssembly.CompileError ? wasmFault(sized.size, sized.expected) : "damaged";
      return fail({ reason, ...sized });
    }
    if (type !== "application/wasm") onNotice({ kind: "mime", file: FILE, got: type, want: "application/wasm" });
    return result;
  }

  if (instantiateStreaming) {
    WebAssembly.instantiateStreaming = async (source, imports) => {
      const module = await pageModule;
      const result = module
        ? { instance: await WebAssembly.instantiate(module, imports), module }
        : await instantiateStreaming(fromPage ? nativeFetch(wasmURL, { credentials: "same-origin" }) : source, imports)
          .catch((e) => recover(e, imports));
      dl.wasmDone = true;
      estimate();
      return result;
    };
  }

  return {
    pageModule(module) {
      receive(module instanceof WebAssembly.Module ? module : null);
    },
    sizes({ wasm, zip }) {
      dl.wasmSize = wasm || 0;
      dl.zipSize = zip || 0;
    },
    stdlibFiles,
  };
}
