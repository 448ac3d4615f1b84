#!/usr/bin/env node
// Trunk post_build hook (release builds only): minifies the widget's wasm-bindgen JavaScript
// with terser (from e2e/node_modules, installed by scripts/setup.sh) and puts the new file's
// SHA-384 into the page's `integrity` attribute for it. Trunk's own JS minifier gives up on
// this file ("Failed to minify JS"); terser takes it from 61 kB to 28 kB (brotli -1.8 kB).
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { stagingDir, widgetFiles } from "./trunk-hook.mjs";

const dir = stagingDir("minify-js");
if (process.env.TRUNK_PROFILE !== "release") process.exit(0);

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
let terser;
try {
  terser = createRequire(join(root, "e2e", "package.json"))("terser");
} catch {
  console.error("minify-js: terser is not installed in e2e/ (run scripts/setup.sh)");
  process.exit(1);
}

const { js } = widgetFiles(dir);
if (!js) {
  console.error(`minify-js: the widget's .js is missing in ${dir}`);
  process.exit(1);
}
const file = join(dir, js);
const { code } = await terser.minify(readFileSync(file, "utf8"), {
  module: true,
  compress: true,
  mangle: true,
  format: { comments: false },
});
if (!code) {
  console.error(`minify-js: terser returned nothing for ${js}`);
  process.exit(1);
}
writeFileSync(file, code);

// The page preloads the file with Subresource Integrity: the hash must be the new file's.
const page = join(dir, "index.html");
const html = readFileSync(page, "utf8");
const sri = `sha384-${createHash("sha384").update(code, "utf8").digest("base64")}`;
const escaped = js.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const link = new RegExp(`(<link\\b[^>]*\\bhref="?/?${escaped}"?[^>]*\\bintegrity="?)sha384-[A-Za-z0-9+/=]+`);
if (link.test(html)) {
  writeFileSync(page, html.replace(link, `$1${sri}`));
} else if (html.includes(js) && /integrity=/.test(html)) {
  console.error(`minify-js: found no integrity attribute for ${js} in index.html to update`);
  process.exit(1);
}
