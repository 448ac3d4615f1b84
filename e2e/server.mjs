// A small static file server for dist/, on 127.0.0.1 and a free port, for the end-to-end tests
// and the benchmark. It serves files only from the given folder and logs nothing.
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, normalize, resolve, sep } from "node:path";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json",
  ".png": "image/png",
  ".svg": "image/svg+xml",
};

/**
 * Starts serving `root`; resolves to `{ url, close }`. `pages` maps extra paths to files served
 * as is, typed by extension, HTML otherwise (test pages beside the build, e.g. a host page with
 * a bad configuration), or to a function `(req, res)` that answers (or never does).
 */
export async function serve(root, { pages = {} } = {}) {
  const base = resolve(root);
  const server = createServer(async (req, res) => {
    try {
      const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
      if (Object.hasOwn(pages, path) && typeof pages[path] === "function") {
        pages[path](req, res);
        return;
      }
      if (Object.hasOwn(pages, path)) {
        const type = TYPES[extname(path)] ?? TYPES[".html"];
        res.writeHead(200, { "content-type": type, "cache-control": "no-store" });
        res.end(pages[path]);
        return;
      }
      // A folder's index.html for a path ending in "/" (the example host page is at /host/).
      const rel = normalize(path.endsWith("/") ? `${path}index.html` : path).replace(/^([/\\])+/, "");
      const file = join(base, rel);
      if (file !== base && !file.startsWith(base + sep)) throw new Error("outside root");
      const body = await readFile(file);
      res.writeHead(200, {
        "content-type": TYPES[extname(file)] ?? "application/octet-stream",
        "cache-control": "no-store",
      });
      res.end(body);
    } catch {
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("not found");
    }
  });
  await new Promise((ok, fail) => {
    server.once("error", fail);
    server.listen(0, "127.0.0.1", ok);
  });
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise((ok) => {
        server.closeAllConnections?.();
        server.close(() => ok());
      }),
  };
}
