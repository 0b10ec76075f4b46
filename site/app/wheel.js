// gouji checker: putting Python's files into a Pyodide file system without
// Python's help, before Python starts: the gouji wheel, and the part of the
// standard library Python's start-up imports.  Used by worker.js, and by the
// Node test that runs the core inside the site's runtime
// (tests/pyodide/run_checks.mjs).
//
// Why not pyodide.unpackArchive for the wheel: it runs Python's zip reader
// (and, through importlib.invalidate_caches, imports importlib.metadata):
// 10-35 ms on the checker page's start-up path.  Why not the zip Pyodide reads
// for the stdlib: Python's zipimport and zlib open and inflate each module in
// WebAssembly (see scripts/build-site, STDLIB_BUNDLE).  Here both are inflated
// by the browser's own DecompressionStream while the runtime downloads, and
// installing them is a few file writes.

// The wheel's files as [name, bytes] pairs, or null when this JavaScript
// engine cannot inflate (the caller then lets Pyodide unpack the wheel).
export async function unzip(bytes) {
  if (typeof DecompressionStream !== "function") return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = bytes.length - 22; // the end-of-central-directory record
  while (end >= 0 && view.getUint32(end, true) !== 0x06054b50) end -= 1;
  if (end < 0) throw new Error("wheel: not a zip file");
  const count = view.getUint16(end + 10, true);
  const names = new TextDecoder();
  const files = [];
  for (let i = 0, p = view.getUint32(end + 16, true); i < count; i += 1) {
    if (view.getUint32(p, true) !== 0x02014b50) throw new Error("wheel: bad zip directory");
    const method = view.getUint16(p + 10, true);
    const packed = view.getUint32(p + 20, true);
    const size = view.getUint32(p + 24, true);
    const nameLength = view.getUint16(p + 28, true);
    const local = view.getUint32(p + 42, true);
    const name = names.decode(bytes.subarray(p + 46, p + 46 + nameLength));
    p += 46 + nameLength + view.getUint16(p + 30, true) + view.getUint16(p + 32, true);
    if (name.endsWith("/")) continue;
    checkPath(name, "wheel");
    if (method !== 0 && method !== 8) throw new Error(`wheel: compression ${method}`);
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    const raw = bytes.subarray(start, start + packed);
    files.push(Promise.resolve(method === 0 ? raw : inflate(raw)).then((data) => {
      if (data.length !== size) throw new Error(`wheel: ${name} is damaged`);
      return [name, data];
    }));
  }
  return Promise.all(files);
}

// A file's path within its archive stays within the directory it is written to.
function checkPath(name, what) {
  if (name.startsWith("/") || name.split("/").includes("..")) throw new Error(`${what}: bad path ${name}`);
}

async function inflate(raw, format = "deflate-raw") {
  const stream = new Blob([raw]).stream().pipeThrough(new DecompressionStream(format));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

// The start-up stdlib as a zip, in app/runtime/: what Pyodide reads itself
// (stdLibURL), and, when the modules come as files, gets empty (EMPTY_ZIP: a
// zip with nothing in it, its end-of-central-directory record alone; Python
// still finds its landmark there, for sys.prefix).
export const STDLIB_ZIP = "python_stdlib.zip";
export const EMPTY_ZIP = new Uint8Array([0x50, 0x4b, 0x05, 0x06, ...new Array(18).fill(0)]);

// Where Python imports the start-up stdlib from when it comes as files (the
// build's bundle, below): put on Python's path ahead of STDLIB_ZIP, which is
// then left empty (app/pyodide-io.js).  Pyodide's own stdlib directory, named
// by the Python it runs (pyodide-lock.json info.python: a test holds the two
// together); nothing else is in it but site-packages and lib-dynload.
export const STDLIB_DIR = "/lib/python3.14";

// The start-up stdlib's bundle in app/runtime/ (manifest.json: stdlib_start),
// when the build has one and this engine can inflate it; else null, and
// Pyodide reads STDLIB_ZIP itself (a --quick build; a browser without
// DecompressionStream: Safari before 16.4).
export function stdlibBundle(manifest) {
  const bundle = manifest && manifest.stdlib_start;
  return bundle && typeof DecompressionStream === "function" ? bundle : null;
}

// The start-up stdlib's files as [name, bytes] pairs, from its bundle
// (scripts/build-site STDLIB_BUNDLE: one gzip stream of an index and the
// files' bytes).  A server that sent the file with a Content-Encoding of its
// own has had the browser inflate it already: the gzip header tells.
export async function unbundle(bytes) {
  const gzipped = bytes[0] === 0x1f && bytes[1] === 0x8b && bytes[2] === 8;
  const raw = gzipped ? await inflate(bytes, "gzip") : bytes;
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const length = raw.length >= 4 ? view.getUint32(0, true) : -1;
  if (length < 0 || 4 + length > raw.length) throw new Error("stdlib: not a bundle");
  const index = JSON.parse(new TextDecoder().decode(raw.subarray(4, 4 + length)));
  const files = [];
  let at = 4 + length;
  for (const [name, size] of index) {
    checkPath(name, "stdlib");
    files.push([name, raw.subarray(at, at + size)]);
    at += size;
  }
  if (at !== raw.length) throw new Error("stdlib: the bundle is damaged");
  return files;
}

// Write the files under dir (site-packages, the stdlib's directory).  The
// worker does this in loadPyodide's fsInit hook, before the interpreter
// starts: no importer has listed the directory yet, so nothing has to be told
// about the new files.
export function writeFiles(FS, files, dir) {
  for (const [name, data] of files) {
    const path = `${dir}/${name}`;
    FS.mkdirTree(path.slice(0, path.lastIndexOf("/")));
    FS.writeFile(path, data);
  }
}
