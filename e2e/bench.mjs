// Browser benchmark, not a test: how long the release build in dist/ takes to diagnose a
// 100 kB paste in headless Chromium, measured inside the page.
//
// For each run the input is cleared, then 100 kB is pasted (one `insertFromPaste` input event,
// which the panel diagnoses at once). Two figures per run:
//   diagnose      time spent in the engine call alone: the page's `data-elapsed-ms`
//                 (performance.now() around diagnose_with, 0.1 ms resolution);
//   paste→DOM     from dispatching the paste to the result being in the DOM (engine + render),
//                 timed in the page with a MutationObserver.
// And the cost of one keystroke at the end of 100 kB (the input handler only; the diagnosis
// of typed text then runs after the debounce).
//
// Usage: node e2e/bench.mjs [runs]     (`make bench-web` builds first)
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { open } from "./browser.mjs";
import { serve } from "./server.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const DIST = process.env.KD_DIST ?? join(ROOT, "dist");
const RUNS = Number(process.argv[2] ?? 30);
const SIZE = 100_000;

if (!existsSync(join(DIST, "index.html"))) {
  console.error("bench: dist/ is missing: run `trunk build --release`");
  process.exit(1);
}

const corpus = readFileSync(join(ROOT, "tests/data/errors.jsonl"), "utf8")
  .split("\n")
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l));

/** The first `SIZE` bytes of `text` repeated (cut on a character boundary). */
function fill100k(unit) {
  let s = unit;
  while (Buffer.byteLength(s) < SIZE) s += unit;
  let out = s.slice(0, SIZE);
  while (Buffer.byteLength(out) > SIZE) out = out.slice(0, -1);
  return out;
}

const shapes = {
  // Every corpus body one after another: many errors in one paste, the engine weighs them all.
  "every corpus body, repeated": fill100k(corpus.map((r) => r.body).join("\n\n") + "\n\n"),
  // A long log of noise with the error at its very end.
  "log noise, error at the end": (() => {
    const tail = corpus.find((r) => r.id === "anthropic-invalid-x-api-key-python").body;
    const noise = fill100k("2025-06-01T12:00:00.000Z INFO http: POST /v1/chat/completions 200 812ms\n");
    return noise.slice(0, SIZE - Buffer.byteLength(tail)) + tail;
  })(),
};

// The shape reported by `make figures` (the README's table).
const FIGURE_SHAPE = "every corpus body, repeated";

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { median: q(0.5), p90: q(0.9), max: s[s.length - 1] };
};
const ms = (x) => x.toFixed(1).padStart(7);

const server = await serve(DIST);
const b = await open(server.url);
const version = b.context.browser()?.version() ?? "chromium";
console.log(`keydoctor browser benchmark: ${RUNS} runs per shape, ${SIZE} bytes, Chromium ${version}`);
console.log("first run (cold) is reported apart; the statistics are over the warm runs\n");
console.log(`${"shape".padEnd(30)} ${"figure".padEnd(10)} ${"cold".padStart(7)} ${"median".padStart(7)} ${"p90".padStart(7)} ${"max".padStart(7)}  category`);

try {
  for (const [name, text] of Object.entries(shapes)) {
    const runs = [];
    let category = "";
    for (let i = 0; i < RUNS; i++) {
      const r = await b.page.evaluate(async (t) => {
        const area = kd('[data-testid="error-input"]');
        const result = kd('[data-testid="diagnosis"]');
        const paste = (value) => {
          area.value = value;
          area.dispatchEvent(new InputEvent("input", { bubbles: true, inputType: "insertFromPaste" }));
        };
        paste("");
        await new Promise((r) => setTimeout(r, 0));
        const done = new Promise((resolve) => {
          const obs = new MutationObserver(() => {
            if (result.getAttribute("data-category") !== "none") {
              obs.disconnect();
              resolve(performance.now());
            }
          });
          obs.observe(result, { attributes: true, attributeFilter: ["data-category"] });
        });
        const t0 = performance.now();
        paste(t);
        const t1 = await done;
        return {
          total: t1 - t0,
          engine: Number(result.getAttribute("data-elapsed-ms")),
          category: result.getAttribute("data-category"),
        };
      }, text);
      runs.push(r);
      category = r.category;
    }
    const [cold, ...warm] = runs;
    for (const [figure, key] of [
      ["diagnose", "engine"],
      ["paste→DOM", "total"],
    ]) {
      const s = stats(warm.map((r) => r[key]));
      if (name === FIGURE_SHAPE) {
        console.log(`FIGURE diagnose_100k_browser_${key} ${s.median.toFixed(1)} ${s.p90.toFixed(1)}`);
      }
      console.log(
        `${name.padEnd(30)} ${figure.padEnd(10)} ${ms(cold[key])} ${ms(s.median)} ${ms(s.p90)} ${ms(s.max)}  ${category}`,
      );
    }
  }

  // One keystroke at the end of 100 kB: the synchronous cost of the input handler.
  const keys = await b.page.evaluate(async (n) => {
    const area = kd('[data-testid="error-input"]');
    const out = [];
    for (let i = 0; i < n; i++) {
      area.value += "x";
      const t0 = performance.now();
      area.dispatchEvent(new InputEvent("input", { bubbles: true, inputType: "insertText", data: "x" }));
      out.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, 5));
    }
    return out;
  }, RUNS);
  const k = stats(keys);
  console.log(`FIGURE keystroke_100k ${k.median.toFixed(1)}`);
  console.log(
    `${"keystroke at end of 100 kB".padEnd(30)} ${"handler".padEnd(10)} ${ms(keys[0])} ${ms(k.median)} ${ms(k.p90)} ${ms(k.max)}`,
  );
  if (b.problems.length || b.foreign.length) {
    console.error("bench: the page reported problems:", b.problems, b.foreign);
    process.exitCode = 1;
  }
} finally {
  await b.close();
  await server.close();
}
