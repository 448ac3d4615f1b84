#!/usr/bin/env node
// Trunk post_build hook: writes keydoctor.js, the one script a host page adds to embed the widget
// (`<script type="module" src=".../keydoctor.js">`). It loads the widget's code and wasm, whose
// names carry Trunk's content hash, from beside itself, so the loader's own URL never changes
// while the files it loads can be cached for good. If the widget cannot start (a CSP without
// 'wasm-unsafe-eval', a blocked download), each element says so instead of staying blank.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { stagingDir, widgetFiles } from "./trunk-hook.mjs";

const dir = stagingDir("embed-loader");
const { js, wasm } = widgetFiles(dir);
if (!js || !wasm) {
  console.error(`embed-loader: the widget's .js or _bg.wasm is missing in ${dir}`);
  process.exit(1);
}
const loader = `// keydoctor: add <div data-keydoctor></div> and this script (type="module") to a page.
// Every [data-keydoctor] element becomes a widget in its own shadow root. Docs: README, Embed.
const here = import.meta.url;
try {
  const { default: init } = await import(new URL(${JSON.stringify(`./${js}`)}, here).href);
  await init({ module_or_path: new URL(${JSON.stringify(`./${wasm}`)}, here) });
} catch (e) {
  const why = "keydoctor could not start: " + (e && e.message ? e.message : e) +
    " (does this page's Content-Security-Policy allow 'wasm-unsafe-eval' and this script's origin?)";
  console.error(why);
  for (const el of document.querySelectorAll("[data-keydoctor]")) {
    if (!el.shadowRoot && !el.textContent.trim()) el.textContent = why;
  }
}
`;
writeFileSync(join(dir, "keydoctor.js"), loader);
