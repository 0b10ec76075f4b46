// gouji checker: installing a pure-Python wheel into a Pyodide file system
// without Python's help.  Used by worker.js, and by the Node test that runs
// the core inside the site's runtime (tests/pyodide/run_checks.mjs).
//
// Why not pyodide.unpackArchive: it runs Python's zip reader (and, through
// importlib.invalidate_caches, imports importlib.metadata): 10-35 ms on the
// checker page's start-up path.  Here the wheel (a zip file) is inflated by
// the browser's own DecompressionStream while the runtime downloads, and
// installing it is a few file writes before Python starts.

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
    if (name.startsWith("/") || name.split("/").includes("..")) throw new Error(`wheel: bad path ${name}`);
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

async function inflate(raw) {
  const stream = new Blob([raw]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

// Write the files under dir (site-packages).  The worker does this in
// loadPyodide's fsInit hook, before the interpreter starts: no importer has
// listed site-packages yet, so nothing has to be told about the new files.
export function writeFiles(FS, files, dir) {
  for (const [name, data] of files) {
    const path = `${dir}/${name}`;
    FS.mkdirTree(path.slice(0, path.lastIndexOf("/")));
    FS.writeFile(path, data);
  }
}
