// Boot the site's own Pyodide files under Node, put the start-up stdlib and
// the site's gouji wheel in place exactly as the page's worker does, and check
// each file given.  Prints one JSON object: {"<file name>": <result>, ...} plus "__meta__".
//
//   node run_checks.mjs build/site/app FILE...
//   GOUJI_STDLIB=zip node run_checks.mjs ...   the stdlib from Pyodide's zip, as a
//                                              browser that cannot inflate the bundle
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [appDir, ...files] = process.argv.slice(2);
const runtime = path.resolve(appDir, "runtime") + "/";
const { loadPyodide } = await import(pathToFileURL(runtime + "pyodide.mjs").href);
const { EMPTY_ZIP, STDLIB_DIR, STDLIB_ZIP, stdlibBundle, unbundle, unzip, writeFiles } =
  await import(pathToFileURL(path.resolve(appDir, "wheel.js")).href);
const manifest = JSON.parse(fs.readFileSync(path.join(appDir, "manifest.json"), "utf8"));
const wheel = new Uint8Array(fs.readFileSync(path.join(appDir, "wheels", manifest.wheel)));
const wheelFiles = await unzip(wheel);
if (!wheelFiles) throw new Error("this Node cannot inflate (DecompressionStream)");
// the start-up stdlib as the worker has it (app/worker.js, app/pyodide-io.js):
// its bundle's files ahead of an empty zip, or Pyodide's zip
const bundle = process.env.GOUJI_STDLIB === "zip" ? null : stdlibBundle(manifest);
const stdlibFiles = bundle ? await unbundle(new Uint8Array(fs.readFileSync(path.join(runtime, bundle)))) : null;
let stdLibURL = runtime + STDLIB_ZIP;
const tmp = stdlibFiles ? fs.mkdtempSync(path.join(os.tmpdir(), "gouji-stdlib-")) : null;
if (tmp) {
  stdLibURL = path.join(tmp, "empty.zip");
  fs.writeFileSync(stdLibURL, EMPTY_ZIP);
}
const py = await loadPyodide({
  indexURL: runtime,
  stdLibURL,
  lockFileURL: runtime + "pyodide-lock.json",
  packageBaseUrl: runtime,
  env: { PYTHONPATH: STDLIB_DIR },
  fsInit: async (FS, { sitePackages }) => {
    if (stdlibFiles) writeFiles(FS, stdlibFiles, STDLIB_DIR);
    writeFiles(FS, wheelFiles, sitePackages);
  },
  stdout: (s) => process.stderr.write(s + "\n"),
});
if (tmp) fs.rmSync(tmp, { recursive: true }); // Pyodide has read it
const out = {};
// pasted text, as the page's worker checks it from "ready" on: with the
// start-up part of the stdlib only (scripts/build-site)
const web = py.pyimport("gouji.web");
for (const f of files) {
  if (f.endsWith(".txt")) out["text:" + path.basename(f)] = JSON.parse(web.check_json(fs.readFileSync(f, "utf8")));
}
// what the worker loads after "ready", before it reads a file (gouji.web): the
// rest of the stdlib, the readers of pages, .docx and PDF, and the PDF add-on
if (manifest.stdlib_rest) {
  py.FS.writeFile("/lib/stdlib-rest.zip", new Uint8Array(fs.readFileSync(path.join(runtime, manifest.stdlib_rest))));
  web.extend_stdlib("/lib/stdlib-rest.zip");
}
const sitePackages = py.runPython("import sys; [p for p in sys.path if p.endswith('site-packages')][0]");
for (const key of ["readers", "pdf"]) {
  const name = (manifest.addons || {})[key];
  if (name) py.unpackArchive(new Uint8Array(fs.readFileSync(path.join(appDir, "wheels", name))), "wheel",
                             { extractDir: sitePackages });
}
py.runPython("import importlib; importlib.invalidate_caches()");
py.runPython(`
import json, sys, gouji
def _run(name, data):
    return json.dumps(gouji.check_bytes(bytes(data), file=name), ensure_ascii=False, sort_keys=True, default=str)
`);
const run = py.globals.get("_run");
for (const f of files) {
  out[path.basename(f)] = JSON.parse(run(path.basename(f), new Uint8Array(fs.readFileSync(f))));
}
out.__meta__ = {
  python: py.runPython("sys.version"),
  gouji_file: py.runPython("gouji.__file__"),
  pyc: py.runPython("gouji.__spec__.cached or ''"),
  t2s_table: py.runPython("import importlib.util as u; bool(u.find_spec('gouji._t2s_table'))"),
  // how many of the checker's patterns came from the build-time table, of how many
  regex_table: py.runPython("from gouji import regexes; regexes.from_table()"),
  regex_asked: py.runPython("len(regexes._asked)"),
  // where the start-up stdlib came from: the bundle's files, or the zip
  stdlib: py.runPython("import encodings; encodings.__file__"),
};
process.stdout.write(JSON.stringify(out));
