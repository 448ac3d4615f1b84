// Helpers for the connection check's end-to-end tests and benchmark: the fake gateway
// (src/bin/fake_gateway.rs, built here if needed) on 127.0.0.1 and a free port, a closed port,
// and a headless Chromium that lets requests reach the gateway (the Diagnose tests' browser
// blocks every other origin) while recording every request the page makes.
import { execFileSync, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { ARGS, addHelpers } from "./browser.mjs";

const HERE = dirname(fileURLToPath(import.meta.url));
export const ROOT = join(HERE, "..");
/** The key the fake gateway accepts. */
export const TEST_KEY = "kd-test-key-0123456789abcdef";

/** Path of the fake-gateway binary: $FAKE_GATEWAY, or a fresh `cargo build` of it. */
export function gatewayBinary() {
  if (process.env.FAKE_GATEWAY) return process.env.FAKE_GATEWAY;
  execFileSync("cargo", ["build", "--quiet", "--bin", "fake-gateway"], {
    cwd: ROOT,
    stdio: ["ignore", "inherit", "inherit"],
  });
  const target = process.env.CARGO_TARGET_DIR ?? join(ROOT, "target");
  const bin = join(target, "debug", "fake-gateway");
  if (!existsSync(bin)) throw new Error(`fake-gateway not found at ${bin}`);
  return bin;
}

/**
 * Starts the fake gateway on 127.0.0.1 and a free port. Resolves to
 * `{ origin, log(), close() }`; `log()` is every request it answered so far (method, path,
 * status, start_ms, end_ms).
 */
export async function startGateway(bin = gatewayBinary()) {
  const child = spawn(bin, ["--port", "0"], { stdio: ["pipe", "pipe", "inherit"] });
  const lines = createInterface({ input: child.stdout });
  const first = await new Promise((ok, fail) => {
    child.once("error", fail);
    child.once("exit", (code) => fail(new Error(`fake-gateway exited with ${code}`)));
    lines.once("line", ok);
  });
  const m = /^listening 127\.0\.0\.1:(\d+)$/.exec(first);
  if (!m) throw new Error(`unexpected first line from fake-gateway: ${first}`);
  const origin = `http://127.0.0.1:${m[1]}`;
  return {
    origin,
    log: async () => (await fetch(`${origin}/__log`)).json(),
    close: () =>
      new Promise((ok) => {
        if (child.exitCode !== null) return ok();
        child.once("exit", () => ok());
        child.stdin.end(); // the gateway stops when its stdin closes
      }),
  };
}

/** A port on 127.0.0.1 that nothing listens on (bound, then released). */
export async function closedPort() {
  const server = createServer();
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  const { port } = server.address();
  await new Promise((ok) => server.close(ok));
  return port;
}


/**
 * Opens `url` in a fresh headless Chromium. Resolves to
 * `{ page, requests, pageErrors, console, close }`: `requests` records every request the page
 * makes (`{ url, method, headers }`), `pageErrors` uncaught errors, `console` every message.
 */
export async function openPage(url) {
  const profile = await mkdtemp(join(tmpdir(), "kd-probe-e2e-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: ARGS,
    viewport: { width: 1280, height: 900 },
  });
  await addHelpers(context);
  const page = context.pages()[0] ?? (await context.newPage());
  const requests = [];
  const pageErrors = [];
  const consoleLines = [];
  page.on("request", (r) =>
    requests.push({ url: r.url(), method: r.method(), headers: r.headers() }),
  );
  page.on("pageerror", (e) => pageErrors.push(e.message));
  page.on("console", (m) => consoleLines.push(`${m.type()}: ${m.text()}`));
  await page.goto(url);
  return {
    page,
    requests,
    pageErrors,
    console: consoleLines,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

const RESULTS = '[data-testid="probe-results"]';

/** Opens the Check-the-connection tab. */
export async function openConnectionTab(page) {
  await page.click("#kd-tab-connection");
  await page.waitForSelector('[data-testid="base-url-input"]');
}

/** Waits until the panel is no longer running; resolves to its data-state. A run's first state
 * is set in the click handler, so after `data-runs` moved, a settled state is the new run's. */
export async function settled(page, timeout = 30_000) {
  await page.waitForFunction(
    (sel) => {
      const s = kd(sel)?.dataset.state;
      return s === "done" || s === "cancelled";
    },
    RESULTS,
    { timeout },
  );
  return page.getAttribute(RESULTS, "data-state");
}

/** Every check shown: `{ check: { verdict, outcome, status, category, sentence, curl } }`. */
export async function checks(page) {
  return page.$$eval('[data-testid="probe-check"]', (items) =>
    Object.fromEntries(
      items.map((li) => [
        li.dataset.check,
        {
          verdict: li.dataset.verdict,
          outcome: li.dataset.outcome,
          status: li.dataset.status,
          category: li.dataset.category,
          sentence: li.querySelector('[data-testid="check-sentence"]')?.textContent ?? "",
          curl: li.querySelector('[data-testid="check-curl"]')?.textContent ?? "",
          note: li.querySelector('[data-testid="timing-note"]')?.textContent ?? "",
        },
      ]),
    ),
  );
}

/** The latency figures' data attributes (`medianMs`, `coldMs`, `lost`, ...). */
export async function latencyStats(page) {
  return page.$eval('[data-testid="latency-stats"]', (dl) => ({ ...dl.dataset }));
}

/**
 * Types `base` into the panel, sets the number of warm requests, starts the check and waits
 * for it to finish. Resolves to `{ state, checks }`.
 */
export async function runProbe(page, base, { warm = 3, timeout = 30_000 } = {}) {
  await page.fill('[data-testid="base-url-input"]', base);
  await page.fill('[data-testid="probe-warm-input"]', String(warm));
  await page.dispatchEvent('[data-testid="probe-warm-input"]', "change");
  const runs = Number(await page.getAttribute(RESULTS, "data-runs"));
  await page.click('[data-testid="probe-start"]');
  await page.waitForSelector(`${RESULTS}[data-runs="${runs + 1}"]`, { timeout: 5_000 });
  const state = await settled(page, timeout);
  return { state, checks: await checks(page) };
}

/**
 * Runs the smoke test: types `key`, picks the request kind, ticks the consent box, sends, and
 * waits. Resolves to the smoke check (see `checks`).
 */
export async function runSmoke(page, { key = TEST_KEY, kind = "models", style, timeout = 30_000 } = {}) {
  await page.fill('[data-testid="probe-key-input"]', key);
  if (style) await page.selectOption('[data-testid="probe-style"]', style);
  await page.check(`[data-testid="smoke-kind-${kind}"]`);
  await page.check('[data-testid="smoke-consent"]');
  const runs = Number(await page.getAttribute(RESULTS, "data-runs"));
  await page.click('[data-testid="smoke-start"]');
  await page.waitForSelector(`${RESULTS}[data-runs="${runs + 1}"]`, { timeout: 5_000 });
  await settled(page, timeout);
  return (await checks(page)).smoke;
}
