// End-to-end tests of panel 3, "Check the connection", in headless Chromium against the fake
// gateway (src/bin/fake_gateway.rs) on 127.0.0.1: one scenario per outcome a user can meet, the
// consented smoke test, Cancel, a timeout, and what the page sends where. Needs dist/ (run
// `trunk build --release` first; `make test` does).
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import {
  checks,
  closedPort,
  latencyStats,
  openConnectionTab,
  openPage,
  ROOT,
  runProbe,
  runSmoke,
  settled,
  startGateway,
  TEST_KEY,
} from "./gateway.mjs";
import { serve } from "./server.mjs";

const DIST = process.env.KD_DIST ?? join(ROOT, "dist");
const RESULTS = '[data-testid="probe-results"]';

describe("check the connection", () => {
  let site;
  let gw;
  let b;
  /** Every base URL the tests typed: the page may send requests to these and to itself only. */
  const bases = [];
  const probe = (base, opts) => {
    bases.push(base);
    return runProbe(b.page, base, opts);
  };

  before(async () => {
    assert.ok(existsSync(join(DIST, "index.html")), "dist/ is missing: run `trunk build --release`");
    gw = await startGateway();
    site = await serve(DIST);
    b = await openPage(site.url);
    await openConnectionTab(b.page);
  });

  after(async () => {
    await b?.close();
    await site?.close();
    await gw?.close();
  });

  test("starts idle, with the presets and no request sent", async () => {
    assert.equal(await b.page.getAttribute(RESULTS, "data-state"), "idle");
    const presets = await b.page.$$eval('[data-testid="base-url-preset"] option', (o) =>
      o.map((x) => x.value),
    );
    for (const id of ["openai", "anthropic", "gemini", "openrouter", "deepseek", "groq", "custom"]) {
      assert.ok(presets.includes(id), `preset ${id} missing from ${presets}`);
    }
    // Picking a preset fills the base URL; nothing is sent until the user starts a check.
    await b.page.selectOption('[data-testid="base-url-preset"]', "anthropic");
    assert.equal(await b.page.inputValue('[data-testid="base-url-input"]'), "https://api.anthropic.com/v1");
    assert.equal(await b.page.inputValue('[data-testid="probe-style"]'), "anthropic");
    assert.equal(await b.page.getAttribute('[data-testid="probe-key-input"]', "type"), "password");
    assert.deepEqual(
      b.requests.filter((r) => !r.url.startsWith(site.url)),
      [],
      "requests before any check",
    );
  });

  test("an unreachable port: unreachable, the rest skipped, a curl line to run", async () => {
    const port = await closedPort();
    const { state, checks: c } = await probe(`http://127.0.0.1:${port}/v1`);
    assert.equal(state, "done");
    assert.equal(c.url.outcome, "url_ok");
    assert.equal(c.reach.outcome, "unreachable");
    assert.equal(c.reach.verdict, "fail");
    assert.match(c.reach.curl, new RegExp(`^curl .*'http://127\\.0\\.0\\.1:${port}/v1/models'$`));
    assert.equal(c.read.outcome, "skipped");
    assert.equal(c.latency.outcome, "skipped");
  });

  test("a server without CORS: reachable, but it does not allow calls from a browser", async () => {
    const { state, checks: c } = await probe(`${gw.origin}/v1`);
    assert.equal(state, "done");
    assert.equal(c.reach.outcome, "reachable");
    assert.equal(c.read.outcome, "no_browser_calls");
    assert.equal(c.read.verdict, "warn");
    assert.match(c.read.sentence, /reachable, but this server does not allow calls from a browser/);
    assert.doesNotMatch(c.read.sentence, /\bdown\b/);
    assert.match(c.read.curl, /-H 'Origin: http:\/\/127\.0\.0\.1:\d+'/);
    // Latency still measured, through no-cors requests.
    assert.equal(c.latency.verdict, "pass");
    assert.equal((await latencyStats(b.page)).lost, "0");
  });

  test("a wrong path answering HTML: wrong base URL", async () => {
    const { checks: c } = await probe(`${gw.origin}/cors/wrong`);
    assert.equal(c.reach.outcome, "reachable");
    assert.equal(c.read.outcome, "wrong_base_html");
    assert.equal(c.read.status, "404");
    assert.equal(c.read.verdict, "fail");
    const { checks: c2 } = await probe(`${gw.origin}/cors/html/v1`);
    assert.equal(c2.read.outcome, "wrong_base_html");
  });

  test("a JSON 401 without a key: the endpoint is right and alive", async () => {
    const { checks: c } = await probe(`${gw.origin}/cors/tao/v1`, { warm: 5 });
    assert.equal(c.read.outcome, "auth_required");
    assert.equal(c.read.status, "401");
    assert.equal(c.read.verdict, "pass");
    assert.equal(c.latency.outcome, "fast");
    // Timing-Allow-Origin: the phases are shown instead of the note about them.
    assert.match(c.latency.note, /^Phases/);
    const { checks: c2 } = await probe(`${gw.origin}/cors/v1`, { warm: 2 });
    assert.match(c2.latency.note, /Timing-Allow-Origin/);
    // The SVG chart has one bar per sample (cold + warm).
    const bars = await b.page.$$eval('[data-testid="latency-chart"] rect', (r) => r.length);
    assert.equal(bars, 3);
  });

  test("the smoke test waits for consent, then answers 200 with the key", async () => {
    const before = b.requests.length;
    await b.page.fill('[data-testid="probe-key-input"]', TEST_KEY);
    assert.equal(await b.page.isDisabled('[data-testid="smoke-start"]'), true, "no consent yet");
    const smoke = await runSmoke(b.page, { kind: "models" });
    assert.equal(smoke.outcome, "key_works");
    assert.equal(smoke.status, "200");
    assert.match(smoke.curl, /-H "Authorization: Bearer \$API_KEY"/);
    const sent = b.requests.slice(before).filter((r) => r.url.startsWith(gw.origin));
    assert.ok(sent.some((r) => r.headers.authorization === `Bearer ${TEST_KEY}`));
    // The chat completion too.
    const chat = await runSmoke(b.page, { kind: "chat" });
    assert.equal(chat.outcome, "key_works");
    // Consent lapses when the base URL changes.
    await b.page.fill('[data-testid="base-url-input"]', `${gw.origin}/cors/v1/`);
    assert.equal(await b.page.isChecked('[data-testid="smoke-consent"]'), false);
    assert.equal(await b.page.isDisabled('[data-testid="smoke-start"]'), true);
  });

  test("429: rate limited, and the smoke test's answer diagnosed", async () => {
    const { checks: c } = await probe(`${gw.origin}/cors/ratelimit/v1`, { warm: 1 });
    assert.equal(c.read.outcome, "rate_limited");
    assert.equal(c.read.status, "429");
    assert.match(c.read.sentence, /20/); // Retry-After
    const smoke = await runSmoke(b.page);
    assert.equal(smoke.outcome, "api_error");
    assert.equal(smoke.category, "rate_limited");
    assert.equal(smoke.verdict, "warn");
  });

  test("a bad key and exhausted credits are named by the diagnosis engine", async () => {
    await probe(`${gw.origin}/cors/v1`, { warm: 1 });
    const bad = await runSmoke(b.page, { key: "sk-wrong-0000000000000000000000" });
    assert.equal(bad.category, "invalid_key");
    assert.equal(bad.verdict, "fail");
    // The whole answer can be copied for the Diagnose panel or a ticket, without the key.
    await b.page.context().grantPermissions(["clipboard-read", "clipboard-write"], {
      origin: new URL(site.url).origin,
    });
    await b.page.click('[data-testid="smoke-copy-answer"]');
    await b.page.waitForSelector('[data-testid="smoke-copy-answer"]:has-text("copied")');
    const copied = await b.page.evaluate(() => navigator.clipboard.readText());
    assert.match(copied, /^HTTP 401\n/);
    assert.match(copied, /invalid_api_key/);
    assert.ok(!copied.includes("sk-wrong-0000000000000000000000"));
    await probe(`${gw.origin}/cors/credits/v1`, { warm: 1 });
    const credits = await runSmoke(b.page);
    assert.equal(credits.category, "quota_exhausted");
  });

  test("Anthropic and Gemini styles send their own headers", async () => {
    // Without the browser-access header, Anthropic's API refuses browsers...
    const { checks: c } = await probe(`${gw.origin}/anthropic/v1`, { warm: 1 });
    assert.equal(c.read.outcome, "no_browser_calls");
    // ...and the smoke test sends it, with x-api-key.
    const before = b.requests.length;
    const smoke = await runSmoke(b.page, { style: "anthropic", kind: "chat" });
    assert.equal(smoke.outcome, "key_works");
    const sent = b.requests.slice(before).find((r) => r.url.endsWith("/anthropic/v1/messages") && r.method === "POST");
    assert.equal(sent.headers["x-api-key"], TEST_KEY);
    assert.equal(sent.headers["anthropic-dangerous-direct-browser-access"], "true");
    assert.equal(sent.headers["anthropic-version"], "2023-06-01");
    assert.equal(sent.headers.authorization, undefined);

    await probe(`${gw.origin}/gemini/cors/v1beta/openai`, { warm: 1 });
    const gem = await runSmoke(b.page, { style: "gemini", key: "AIzaWrongKey" });
    assert.equal(gem.category, "invalid_key");
    const ok = await runSmoke(b.page, { style: "gemini" });
    assert.equal(ok.outcome, "key_works");
  });

  test("a 200 ms ± 20 ms server: the reported median lands within tolerance", async () => {
    const { checks: c } = await probe(`${gw.origin}/cors/delay/200/20/v1`, { warm: 10 });
    const s = await latencyStats(b.page);
    const median = Number(s.medianMs);
    console.log(`delay 200±20 ms: median ${median} ms, p90 ${s.p90Ms}, jitter ${s.jitterMs}, cold ${s.coldMs}`);
    assert.ok(median >= 180 && median <= 260, `median ${median}`);
    assert.equal(s.warm, "10");
    assert.equal(s.lost, "0");
    assert.equal(c.latency.outcome, "fast");
  });

  test("a server that never answers: timed out after 5 s, never a spinner forever", async () => {
    const t0 = Date.now();
    const { state, checks: c } = await probe(`${gw.origin}/hang/v1`, { timeout: 15_000 });
    const took = Date.now() - t0;
    assert.equal(state, "done");
    assert.equal(c.reach.outcome, "timed_out");
    assert.equal(c.read.outcome, "skipped");
    assert.ok(took >= 4_500 && took < 9_000, `took ${took} ms`);
  });

  test("Cancel aborts the request in flight", async () => {
    const base = `${gw.origin}/cors/delay/1000/0/v1`;
    bases.push(base);
    await b.page.fill('[data-testid="base-url-input"]', base);
    await b.page.fill('[data-testid="probe-warm-input"]', "10");
    await b.page.dispatchEvent('[data-testid="probe-warm-input"]', "change");
    await b.page.click('[data-testid="probe-start"]');
    await b.page.waitForSelector(`${RESULTS}[data-state="running"]`);
    await b.page.waitForTimeout(2_500); // reach and read done, a latency request in flight
    const t0 = Date.now();
    await b.page.click('[data-testid="probe-cancel"]');
    assert.equal(await settled(b.page, 2_000), "cancelled");
    assert.ok(Date.now() - t0 < 900, "cancel took too long: the request was not aborted");
    const c = await checks(b.page);
    assert.equal(c.reach.outcome, "reachable");
    assert.equal(c.latency.outcome, "cancelled");
    // Nothing more is sent after the cancel (the gateway logs requests as they arrive).
    const n = (await gw.log()).length;
    await b.page.waitForTimeout(1_500);
    assert.equal((await gw.log()).length, n);
  });

  test("works at phone width (360 px) without sideways scrolling", async () => {
    await b.page.setViewportSize({ width: 360, height: 800 });
    try {
      await probe(`${gw.origin}/cors/tao/v1`, { warm: 20 });
      await runSmoke(b.page, { key: "sk-wrong-0000000000000000000000" });
      const width = await b.page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 360, `page is ${width} px wide`);
    } finally {
      await b.page.setViewportSize({ width: 1280, height: 900 });
    }
  });

  test("requests go only to the page's own origin and the chosen base URL, one at a time", async () => {
    const pageOrigin = new URL(site.url).origin;
    for (const r of b.requests) {
      const own = new URL(r.url).origin === pageOrigin;
      const chosen = bases.some((base) => r.url.startsWith(`${base.replace(/\/$/, "")}/`));
      assert.ok(own || chosen, `unexpected request ${r.method} ${r.url}`);
      // The key never travels in a URL.
      assert.ok(!r.url.includes(TEST_KEY), `key in a URL: ${r.url}`);
    }
    // Never two requests at once, and never more than 60 in a run (the gateway's own log).
    // (Requests the page aborted, on /hang/ or by Cancel, end on the server after the page moved
    // on: only answered requests on other paths count.)
    const log = (await gw.log()).filter(
      (e) => e.method !== "OPTIONS" && e.status !== 0 && !e.path.includes("/delay/1000/"),
    );
    const sorted = log.sort((x, y) => x.start_ms - y.start_ms);
    for (let i = 1; i < sorted.length; i++) {
      assert.ok(
        sorted[i].start_ms >= sorted[i - 1].end_ms - 1,
        `overlap: ${JSON.stringify(sorted[i - 1])} and ${JSON.stringify(sorted[i])}`,
      );
    }
    // The key was never written to storage, cookies or the console.
    const stored = await b.page.evaluate(() =>
      JSON.stringify([{ ...localStorage }, { ...sessionStorage }, document.cookie, location.href]),
    );
    assert.ok(!stored.includes(TEST_KEY), stored);
    assert.ok(!b.console.some((l) => l.includes(TEST_KEY)), "key in the console");
    assert.deepEqual(b.pageErrors, []);
  });
});
