// End-to-end tests of the release build in dist/ (run `trunk build --release` first; `make test`
// does): the Diagnose panel in headless Chromium, driven like a user, over the real bodies of
// tests/data/errors.jsonl.
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { after, before, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { diagnoseIn, open, pasteIn } from "./browser.mjs";
import { serve } from "./server.mjs";

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, "..");
const DIST = process.env.KD_DIST ?? join(ROOT, "dist");
const ARTIFACTS = join(HERE, "artifacts");
const DIAGNOSIS = '[data-testid="diagnosis"]';
const INPUT = '[data-testid="error-input"]';

const corpus = readFileSync(join(ROOT, "tests/data/errors.jsonl"), "utf8")
  .split("\n")
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l));

describe("the built page", () => {
  let server;
  let b;

  before(async () => {
    assert.ok(existsSync(join(DIST, "index.html")), "dist/ is missing: run `trunk build --release`");
    mkdirSync(ARTIFACTS, { recursive: true });
    server = await serve(DIST);
    b = await open(server.url);
  });

  after(async () => {
    await b?.close();
    await server?.close();
  });

  test("shows an invitation before anything is pasted", async () => {
    const d = b.page.locator(DIAGNOSIS);
    assert.equal(await d.getAttribute("data-category"), "none");
    assert.match(await d.innerText(), /Paste an error/);
    assert.equal(await b.page.locator(INPUT).inputValue(), "");
    // The input has a visible label.
    assert.equal(await b.page.locator("label[for=kd-error-input]").isVisible(), true);
  });

  test(`diagnoses at least 95% of the ${corpus.length} corpus bodies like the corpus says`, async () => {
    const misses = [];
    for (const row of corpus) {
      const got = await diagnoseIn(b.page, row.body);
      if (got !== row.expected_category) {
        misses.push(`${row.id}: expected ${row.expected_category}, got ${got}`);
      }
    }
    const right = corpus.length - misses.length;
    console.log(`corpus in the page: ${right}/${corpus.length} right`);
    for (const m of misses) console.log(`  miss ${m}`);
    assert.ok(right / corpus.length >= 0.95, `only ${right}/${corpus.length}:\n${misses.join("\n")}`);
  });

  test("renders pasted markup as text, never as HTML", async () => {
    const hostile = `<img src=x onerror="document.body.dataset.pwned=1"><b id="kd-injected">x</b> 401 {"error":{"message":"<script>alert(1)</script>","type":"invalid_request_error"}}`;
    await diagnoseIn(b.page, hostile);
    assert.equal(await b.page.locator("#kd-injected").count(), 0);
    assert.equal(await b.page.evaluate(() => document.body.dataset.pwned ?? null), null);
  });

  test("an example button fills the input and shows its diagnosis", async () => {
    const buttons = b.page.locator('[data-testid="example"]');
    const n = await buttons.count();
    assert.ok(n >= 3 && n <= 5, `${n} examples`);
    for (let i = 0; i < n; i++) {
      const button = buttons.nth(i);
      const expected = await button.getAttribute("data-expected-category");
      await button.click();
      await b.page.waitForSelector(`${DIAGNOSIS}[aria-busy="false"]`);
      assert.notEqual(await b.page.locator(INPUT).inputValue(), "");
      const got = await b.page.getAttribute(DIAGNOSIS, "data-category");
      assert.equal(got, expected, `example ${i}: ${await button.innerText()}`);
    }
    // The first example again, for the checks below and the screenshot.
    await buttons.first().click();
    const d = b.page.locator(DIAGNOSIS);
    assert.equal(await d.getAttribute("data-category"), "quota_exhausted");
    assert.ok((await d.locator('[data-testid="steps"] li').count()) >= 2);
    assert.ok((await d.locator('[data-testid="evidence"] li').count()) >= 1);
    assert.match(await d.locator('[data-testid="facts"]').innerText(), /429/);
  });

  test("the checklist can be ticked", async () => {
    const first = b.page.locator('[data-testid="steps"] input[type=checkbox]').first();
    await first.check();
    assert.equal(await first.isChecked(), true);
  });

  test("copy summary puts the diagnosis on the clipboard", async () => {
    await b.context.grantPermissions(["clipboard-read", "clipboard-write"], {
      origin: new URL(server.url).origin,
    });
    await b.page.click('[data-testid="copy-summary"]');
    await b.page.waitForFunction(() =>
      /copied/i.test(kd(".kd-copy-status")?.textContent ?? ""),
    );
    const copied = await b.page.evaluate(() => navigator.clipboard.readText());
    assert.match(copied, /\[quota_exhausted\]/);
    assert.match(copied, /1\. /);
  });

  test("clearing the input brings the invitation back", async () => {
    await diagnoseIn(b.page, "");
    assert.equal(await b.page.getAttribute(DIAGNOSIS, "data-category"), "none");
  });

  test("a 100 kB paste is diagnosed and typing after it stays responsive", async () => {
    const big = ("2025-01-01T00:00:00Z INFO request ok\n".repeat(2800) +
      corpus.find((r) => r.id === "openai-insufficient-quota-continue-plain").body).slice(-100_000);
    // Pasted, as a person would (Playwright's fill() types it through the editor: 18 s).
    await pasteIn(b.page, big);
    await b.page.waitForSelector(`${DIAGNOSIS}[aria-busy="false"]`);
    assert.equal(await b.page.getAttribute(DIAGNOSIS, "data-category"), "quota_exhausted");
    // One keystroke at the end of 100 kB: the input handler must not block for long.
    const blockedMs = await b.page.evaluate(() => {
      const el = kd('[data-testid="error-input"]');
      el.value += " ";
      const t0 = performance.now();
      el.dispatchEvent(new InputEvent("input", { bubbles: true, inputType: "insertText", data: " " }));
      return performance.now() - t0;
    });
    console.log(`keystroke handler with 100 kB in the input: ${blockedMs.toFixed(1)} ms`);
    assert.ok(blockedMs < 50, `input handler blocked ${blockedMs} ms`);
    await b.page.waitForSelector(`${DIAGNOSIS}[aria-busy="false"]`);
  });

  test("works at phone width (360 px) without sideways scrolling", async () => {
    await b.page.click('[data-testid="example"] >> nth=1');
    await b.page.setViewportSize({ width: 360, height: 780 });
    const overflow = await b.page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
    await b.page.screenshot({ path: join(ARTIFACTS, "phone.png"), fullPage: true });
    await b.page.setViewportSize({ width: 1280, height: 900 });
    await b.page.click('[data-testid="example"] >> nth=0');
    await b.page.screenshot({ path: join(ARTIFACTS, "desktop.png"), fullPage: true });
    // `make screenshot` refreshes the README's picture.
    if (process.env.KD_SCREENSHOT) {
      await b.page.screenshot({ path: process.env.KD_SCREENSHOT, fullPage: true });
    }
  });

  test("no page errors, no console errors, no request leaves the page's origin", () => {
    assert.deepEqual(b.problems, []);
    assert.deepEqual(b.foreign, []);
  });
});
