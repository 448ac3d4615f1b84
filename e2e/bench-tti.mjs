// Time to interactive of the built page in headless Chromium: from the start of navigation to
// the moment the widget's error input and diagnosis exist in its shadow root (the wasm loaded,
// compiled and mounted), over several fresh loads (the server sends no-store, so every load
// fetches and compiles the wasm again). Run by `make bench-web` and `make figures`.
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { open } from "./browser.mjs";
import { serve } from "./server.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const DIST = process.env.KD_DIST ?? join(ROOT, "dist");
const RUNS = Number(process.env.KD_TTI_RUNS ?? 9);

if (!existsSync(join(DIST, "index.html"))) {
  console.error("dist/ is missing: run `trunk build --release` first");
  process.exit(2);
}
const server = await serve(DIST);
const b = await open(server.url);
try {
  // Marks the moment the widget is usable, in page time (navigation start = 0).
  await b.context.addInitScript(() => {
    const ready = () => {
      const host = document.querySelector("[data-keydoctor]");
      const root = host?.shadowRoot;
      return root?.querySelector('[data-testid="error-input"]') && root.querySelector('[data-testid="diagnosis"]');
    };
    const tick = () => {
      if (ready()) window.__kdReady = performance.now();
      else requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    await b.page.goto(`${server.url}?run=${i}`);
    await b.page.waitForFunction(() => window.__kdReady !== undefined, null, { timeout: 30_000 });
    times.push(await b.page.evaluate(() => window.__kdReady));
  }
  const [cold, ...warm] = times;
  warm.sort((x, y) => x - y);
  const median = warm[Math.floor(warm.length / 2)];
  const p90 = warm[Math.min(warm.length - 1, Math.floor(warm.length * 0.9))];
  console.log(`time to interactive over ${RUNS} loads: first ${cold.toFixed(0)} ms, then median ${median.toFixed(0)} ms, p90 ${p90.toFixed(0)} ms`);
  console.log(`FIGURE tti ${median.toFixed(0)} ${p90.toFixed(0)}`);
} finally {
  await b.close();
  await server.close();
}
