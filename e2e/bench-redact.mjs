// Browser benchmark, not a test: how long the release build in dist/ takes to sanitize a
// 100 kB paste and a 20 MB HAR in the Sanitize panel, in headless Chromium, measured inside
// the page.
//
// 100 kB paste (the redaction corpus inputs repeated), pasted as one `insertFromPaste` event:
//   engine        the panel's `data-elapsed-ms`: parse + sanitized view + redact of the text
//                 (performance.now() around the work, 0.1 ms resolution);
//   paste→DOM     from dispatching the paste to the sanitized copy in the DOM.
// 20 MB HAR (tests/data/make_har.py, generated into target/bench/ when missing), picked
// with the file input like a user would:
//   total         from the input's `change` to `data-state="done"` (read + redact + parse);
//   engine        the panel's `data-elapsed-ms` (from the text in memory to the result);
//   longest slice the panel's `data-longest-ms`: the longest the main thread was held at once;
//   max gap       the longest gap between two 10 ms ticks of a page timer meanwhile (what a
//                 user feels: input and paint wait at most this long).
//
// Usage: node e2e/bench-redact.mjs [runs-100k] [runs-20mb]   (`make bench-web` builds first)
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { open } from "./browser.mjs";
import { serve } from "./server.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const DIST = process.env.KD_DIST ?? join(ROOT, "dist");
const RUNS_SMALL = Number(process.argv[2] ?? 20);
const RUNS_HAR = Number(process.argv[3] ?? 3);
const SIZE = 100_000;
const HAR = join(ROOT, "target/bench/bench20.har");

if (!existsSync(join(DIST, "index.html"))) {
  console.error("bench: dist/ is missing: run `trunk build --release`");
  process.exit(1);
}
if (!existsSync(HAR)) {
  mkdirSync(dirname(HAR), { recursive: true });
  console.log(`generating ${HAR} with tests/data/make_har.py`);
  execFileSync("python3", [join(ROOT, "tests/data/make_har.py"), "20", HAR, "7"], { stdio: "inherit" });
}

const inputs = readFileSync(join(ROOT, "tests/data/redaction.jsonl"), "utf8")
  .split("\n")
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l).input)
  .filter((s) => typeof s === "string");
let paste100k = "";
for (let i = 0; Buffer.byteLength(paste100k) < SIZE; i++) paste100k += inputs[i % inputs.length] + "\n";

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { median: q(0.5), p90: q(0.9), max: s[s.length - 1] };
};
const ms = (x) => x.toFixed(1).padStart(8);

const server = await serve(DIST);
const b = await open(server.url);
const version = b.context.browser()?.version() ?? "chromium";
await b.page.click("#kd-tab-sanitize");
console.log(`keydoctor Sanitize benchmark, Chromium ${version}`);
console.log("first run (cold) is reported apart; the statistics are over the warm runs\n");
console.log(`${"input".padEnd(26)} ${"figure".padEnd(14)} ${"cold".padStart(8)} ${"median".padStart(8)} ${"p90".padStart(8)} ${"max".padStart(8)}`);
const row = (input, figure, cold, s) =>
  console.log(`${input.padEnd(26)} ${figure.padEnd(14)} ${ms(cold)} ${ms(s.median)} ${ms(s.p90)} ${ms(s.max)}`);

try {
  // --- 100 kB paste ---
  const small = [];
  for (let i = 0; i < RUNS_SMALL; i++) {
    small.push(
      await b.page.evaluate(async (t) => {
        const area = kd('[data-testid="request-input"]');
        const result = kd('[data-testid="sanitize-result"]');
        const out = kd('[data-testid="sanitized-request"]');
        const paste = (v) => {
          area.value = v;
          area.dispatchEvent(new InputEvent("input", { bubbles: true, inputType: "insertFromPaste" }));
        };
        paste("");
        await new Promise((r) => setTimeout(r, 0));
        const done = new Promise((resolve) => {
          const obs = new MutationObserver(() => {
            if (result.getAttribute("data-state") === "done") {
              obs.disconnect();
              resolve(performance.now());
            }
          });
          obs.observe(result, { attributes: true, attributeFilter: ["data-state"] });
        });
        const t0 = performance.now();
        paste(t);
        const t1 = await done;
        return { total: t1 - t0, engine: Number(out.getAttribute("data-elapsed-ms")) };
      }, paste100k),
    );
  }
  const [c, ...w] = small;
  row(`paste ${Buffer.byteLength(paste100k)} bytes`, "engine", c.engine, stats(w.map((r) => r.engine)));
  row("", "paste→DOM", c.total, stats(w.map((r) => r.total)));
  const sw = (k) => stats(w.map((r) => r[k])).median.toFixed(1);
  console.log(`FIGURE redact_100k_browser ${sw("engine")}`);
  console.log(`FIGURE redact_100k_browser_dom ${sw("total")}`);

  // --- 20 MB HAR through the file input ---
  const har = [];
  for (let i = 0; i < RUNS_HAR; i++) {
    await b.page.evaluate(() => {
      const area = kd('[data-testid="request-input"]');
      area.value = "";
      area.dispatchEvent(new InputEvent("input", { bubbles: true, inputType: "insertFromPaste" }));
      const result = kd('[data-testid="sanitize-result"]');
      const input = kd('[data-testid="request-file-input"]');
      window.__kdBench = new Promise((resolve) => {
        let t0 = 0;
        let last = 0;
        let gap = 0;
        let timer = 0;
        const long = [];
        const po = new PerformanceObserver((list) => {
          for (const e of list.getEntries()) long.push([Math.round(e.startTime - t0), Math.round(e.duration)]);
        });
        po.observe({ type: "longtask" });
        input.addEventListener(
          "change",
          () => {
            t0 = performance.now();
            last = t0;
            timer = setInterval(() => {
              const now = performance.now();
              gap = Math.max(gap, now - last);
              last = now;
            }, 10);
          },
          { once: true, capture: true },
        );
        const obs = new MutationObserver(() => {
          if (t0 && result.getAttribute("data-state") === "done") {
            obs.disconnect();
            clearInterval(timer);
            po.disconnect();
            const out = kd('[data-testid="sanitized-request"]');
            resolve({
              total: performance.now() - t0,
              engine: Number(out.getAttribute("data-elapsed-ms")),
              longest: Number(out.getAttribute("data-longest-ms")),
              gap: Math.max(gap, performance.now() - last),
              long,
              entries: kd('[data-testid="har-summary"]')?.textContent ?? "",
            });
          }
        });
        obs.observe(result, { attributes: true, attributeFilter: ["data-state"] });
      });
    });
    await b.page.setInputFiles('[data-testid="request-file-input"]', HAR);
    har.push(await b.page.evaluate(() => window.__kdBench));
  }
  const [hc, ...hw] = har;
  const hs = (k) => stats((hw.length ? hw : [hc]).map((r) => r[k]));
  const mb = (statSync(HAR).size / 1e6).toFixed(1);
  row(`HAR ${mb} MB (file input)`, "total", hc.total, hs("total"));
  row("", "engine", hc.engine, hs("engine"));
  row("", "longest slice", hc.longest, hs("longest"));
  row("", "max gap", hc.gap, hs("gap"));
  console.log(`FIGURE har_20m_browser ${(hs("total").median / 1000).toFixed(2)}`);
  console.log(`FIGURE har_20m_browser_slice ${hs("longest").median.toFixed(0)}`);
  console.log(`FIGURE har_20m_browser_gap ${hs("gap").median.toFixed(0)}`);
  console.log(`\n${hc.entries}`);
  for (const r of har) console.log(`long tasks (start ms after change, duration ms): ${JSON.stringify(r.long)}`);

  // The preview (first 1 MB of the sanitized copy) holds none of the planted secrets.
  const secrets = JSON.parse(readFileSync(HAR + ".secrets.json", "utf8")).secrets;
  const preview = await b.page.inputValue('[data-testid="sanitized-request"]');
  const leaked = secrets.filter((s) => preview.includes(s.value.slice(-16)));
  console.log(`planted secrets: ${secrets.length}; found in the sanitized preview: ${leaked.length}`);
  console.log(`FIGURE har_20m_browser_leaked ${leaked.length}`);
  if (leaked.length || b.problems.length || b.foreign.length) {
    console.error("bench: problems:", leaked.slice(0, 3), b.problems, b.foreign);
    process.exitCode = 1;
  }
} finally {
  await b.close();
  await server.close();
}
