// Benchmark, run by hand (`node e2e/bench-probe.mjs` after `trunk build --release`): the
// connection check's warm median in headless Chromium against curl's `time_total` to the same
// fake gateway answering after a fixed 50 ms. DESIGN.md's budget: within 2 ms of curl.
//
// curl runs two ways: one process with N transfers on a kept-alive connection (like the page's
// warm requests), and N processes (each a cold connection). Prints a table and the differences.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { openConnectionTab, openPage, ROOT, runProbe, latencyStats, startGateway } from "./gateway.mjs";
import { serve } from "./server.mjs";

const N = Number(process.env.N ?? 50);
const DELAY = Number(process.env.DELAY ?? 50);

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = (s.length - 1) / 2;
  return (s[Math.floor(m)] + s[Math.ceil(m)]) / 2;
}

/** curl's time_total (ms) for `n` transfers of `url` on one connection. */
function curlKeepAlive(url, n) {
  const args = ["-s", "-w", "%{time_total}\\n"];
  for (let i = 0; i < n; i++) args.push("-o", "/dev/null", url);
  return execFileSync("curl", args, { encoding: "utf8" })
    .trim()
    .split("\n")
    .map((s) => Number(s) * 1000);
}

/** curl's time_total (ms) for `n` separate processes (a new connection each). */
function curlFresh(url, n) {
  const out = [];
  for (let i = 0; i < n; i++) {
    out.push(Number(execFileSync("curl", ["-s", "-o", "/dev/null", "-w", "%{time_total}", url], { encoding: "utf8" })) * 1000);
  }
  return out;
}

const f = (ms) => ms.toFixed(2).padStart(8);

async function main() {
  if (!existsSync(join(ROOT, "dist", "index.html"))) {
    console.error("dist/ is missing: run `trunk build --release` first");
    process.exit(2);
  }
  const gw = await startGateway();
  const site = await serve(join(ROOT, "dist"));
  const b = await openPage(site.url);
  try {
    await openConnectionTab(b.page);
    const rows = [];
    for (const flags of ["cors", "cors/tao"]) {
      const base = `${gw.origin}/${flags}/delay/${DELAY}/0/v1`;
      const url = `${base}/models`;
      const { checks } = await runProbe(b.page, base, { warm: N, timeout: 120_000 });
      if (checks.latency?.verdict === "fail") throw new Error(`latency check failed: ${checks.latency.sentence}`);
      const s = await latencyStats(b.page);
      const page = Number(s.medianMs);
      const kept = median(curlKeepAlive(url, N));
      const fresh = median(curlFresh(url, N));
      rows.push({ flags, page, kept, fresh, p90: Number(s.p90Ms), jitter: Number(s.jitterMs) });
    }
    console.log(`fake gateway answering after ${DELAY} ms, ${N} warm requests each (medians, ms)`);
    console.log("path            page   curl keep-alive  curl fresh   page-curl(ka)  page-curl(fresh)");
    for (const r of rows) {
      console.log(
        `${r.flags.padEnd(10)} ${f(r.page)} ${f(r.kept)}        ${f(r.fresh)}    ${f(r.page - r.kept)}       ${f(r.page - r.fresh)}`,
      );
    }
    for (const r of rows) {
      console.log(`FIGURE probe_minus_curl_${r.flags === "cors" ? "plain" : "tao"} ${(r.page - r.kept).toFixed(1)}`);
    }
    const worst = Math.max(...rows.map((r) => Math.abs(r.page - r.kept)));
    console.log(`largest |page − curl keep-alive| = ${worst.toFixed(2)} ms (budget 2 ms): ${worst <= 2 ? "within" : "OVER"}`);
  } finally {
    await b.close();
    await site.close();
    await gw.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
