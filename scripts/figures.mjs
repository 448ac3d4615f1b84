#!/usr/bin/env node
// `make figures`: runs every benchmark and measurement, then rewrites the README's table of
// figures (between the `figures:begin` and `figures:end` markers) from what they printed.
// Each benchmark prints `FIGURE <name> <value...>` lines; the accuracy tests print
// `<set>: <right>/<total> right`; the size report prints its total. Needs dist/ (a release
// build): the Makefile target builds it first. Exits non-zero if a figure is missing.
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const README = join(ROOT, "README.md");
const BEGIN = "<!-- figures:begin (make figures writes this table) -->";
const END = "<!-- figures:end -->";

const STEPS = [
  ["cargo", ["run", "-q", "--release", "--no-default-features", "--example", "bench_diagnose"]],
  ["cargo", ["run", "-q", "--release", "--no-default-features", "--example", "bench_redact"]],
  ["node", ["e2e/bench-tti.mjs"]],
  ["node", ["e2e/bench.mjs"]],
  ["node", ["e2e/bench-redact.mjs"]],
  ["node", ["e2e/bench-probe.mjs"]],
  ["scripts/size-report.sh", ["dist"]],
  [
    "cargo",
    [
      "test", "-q", "--release", "--no-default-features",
      "--test", "diagnose", "--test", "redaction", "--test", "keylint",
      "--", "--nocapture", "--test-threads=1",
    ],
  ],
];

const fig = {};
const failed = [];
for (const [cmd, args] of STEPS) {
  console.log(`\n==> ${cmd} ${args.join(" ")}`);
  const r = spawnSync(cmd, args, { cwd: ROOT, encoding: "utf8", maxBuffer: 64 << 20 });
  process.stdout.write(r.stdout ?? "");
  process.stderr.write(r.stderr ?? "");
  if (r.status !== 0) failed.push(`${cmd} ${args.join(" ")} (exit ${r.status})`);
  // The test binaries print their counts on stderr (libtest shows them with --nocapture).
  for (const line of `${r.stdout ?? ""}\n${r.stderr ?? ""}`.split("\n")) {
    let m = line.match(/^FIGURE (\S+) (.+)$/);
    if (m) fig[m[1]] = m[2].trim().split(/\s+/);
    m = line.match(/^total\s+\d+\s+\d+\s+(\d+)$/);
    if (m) fig.size = [m[1]];
    // libtest's quiet mode may put progress dots before a test's own line.
    m = line.match(/(?:^|\.)([a-z][a-z0-9 ]*): (\d+)\/(\d+) right$/);
    if (m) fig[`right ${m[1]}`] = [m[2], m[3]];
  }
}

const missing = new Set();
/** The `i`th value of figure `name`, or a marker when it was not measured. */
const v = (name, i = 0) => {
  if (fig[name]?.[i] === undefined) {
    missing.add(name);
    return "?";
  }
  return fig[name][i];
};
const right = (set) => `${v(`right ${set}`, 0)}/${v(`right ${set}`, 1)}`;
// The held-out sets are the ones tests/diagnose.rs reports (wild, wild2, ... in order).
const wildNumber = (set) => Number(set.slice(4)) || 1;
const wildSets = Object.keys(fig)
  .filter((k) => /^right wild\d*$/.test(k))
  .map((k) => k.slice("right ".length))
  .sort((a, b) => wildNumber(a) - wildNumber(b));
if (wildSets.length === 0) wildSets.push("wild");
const thousands = (n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
const size = Number(v("size"));
const signed = (x) => (x === "?" || x.startsWith("-") ? x : `+${x}`);

const rows = [
  [
    "widget size (wasm + JS + CSS), brotli",
    `${thousands(size)} bytes; budget 200,000: ${size <= 200000 ? "within" : "**over**"}`,
    "`make test` (size report)",
  ],
  [
    "time to interactive (navigation → widget usable), fresh loads",
    `${v("tti")} ms median (p90 ${v("tti", 1)})`,
    "`make bench-web`",
  ],
  [
    "diagnose a 100 kB paste, native",
    `${v("diagnose_100k_native")} ms median (1 MB: ${v("diagnose_1m_native")} ms)`,
    "`make bench`",
  ],
  [
    "diagnose a 100 kB paste, in the browser: engine / paste→DOM",
    `${v("diagnose_100k_browser_engine")} ms median (p90 ${v("diagnose_100k_browser_engine", 1)}) / ${v("diagnose_100k_browser_total")} ms`,
    "`make bench-web`",
  ],
  ["one keystroke with 100 kB in the input", `${v("keystroke_100k")} ms`, "`make bench-web`"],
  [
    "redact a 100 kB paste / a 20 MB HAR, native",
    `${v("redact_100k_native")} ms / ${v("har_20m_native")} ms (${thousands(v("har_planted"))} planted secrets, ${v("har_surviving")} left)`,
    "`make bench`",
  ],
  [
    "sanitize a 100 kB paste in the browser: engine / paste→DOM",
    `${v("redact_100k_browser")} ms / ${v("redact_100k_browser_dom")} ms median`,
    "`make bench-web`",
  ],
  [
    "sanitize a 20 MB HAR in the browser: total / longest slice / longest pause",
    `${v("har_20m_browser")} s / ${v("har_20m_browser_slice")} ms / ${v("har_20m_browser_gap")} ms (${v("har_20m_browser_leaked")} planted secrets in the preview)`,
    "`make bench-web`",
  ],
  [
    "connection check warm median minus curl `time_total` (50 ms server)",
    `${signed(v("probe_minus_curl_tao"))} ms with \`Timing-Allow-Origin\`, ${signed(v("probe_minus_curl_plain"))} ms without`,
    "`make bench-web`",
  ],
  [
    "corpus error bodies right (`tests/data/errors.jsonl`)",
    right("corpus"),
    "`cargo test --test diagnose`",
  ],
  [
    "held-out real pastes right now (`errors_wild*.jsonl`)",
    wildSets.map(right).join(", "),
    "`cargo test --test diagnose -- --nocapture`",
  ],
  [
    "redaction corpus / key-lint corpus",
    `${right("redaction corpus")}, ${right("keylint corpus")}`,
    "`cargo test --test redaction --test keylint`",
  ],
];

const table = [
  "| figure | value | command |",
  "|---|---|---|",
  ...rows.map((r) => `| ${r.join(" | ")} |`),
].join("\n");

const readme = readFileSync(README, "utf8");
const a = readme.indexOf(BEGIN);
const b = readme.indexOf(END);
if (a < 0 || b < a) {
  console.error(`figures: the markers are missing in README.md:\n${BEGIN}\n${END}`);
  process.exit(1);
}
writeFileSync(README, `${readme.slice(0, a + BEGIN.length)}\n${table}\n${readme.slice(b)}`);
console.log(`\n${table}\n\nfigures: README.md updated`);
if (missing.size || failed.length) {
  console.error(`figures: not measured: ${[...missing].join(", ") || "-"}; failed: ${failed.join("; ") || "-"}`);
  process.exit(1);
}
