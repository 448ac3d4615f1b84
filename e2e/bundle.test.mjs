// End-to-end tests of the Support bundle panel in the release build (dist/): fill the other
// panels like a user (an error holding a key, the request when the Sanitize panel is there, the
// key in the connection form), then copy and download the bundle, read the clipboard and the
// downloaded files back, and check that the category and the redaction line are there and that
// no 12-character piece of the key is. And the leak guard: a key of no known shape, typed in the
// page and pasted raw into the error, makes both exports refuse.
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { after, before, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { diagnoseIn, open } from "./browser.mjs";
import { serve } from "./server.mjs";

const HERE = dirname(fileURLToPath(import.meta.url));
// `KD_DIST` runs the same tests against another build folder.
const DIST = process.env.KD_DIST ?? join(HERE, "..", "dist");
const ARTIFACTS = join(HERE, "artifacts");

const PREVIEW = '[data-testid="bundle-preview"]';
const STATUS = '[data-testid="bundle-status"]';
const COPY = '[data-testid="bundle-copy"]';
const DOWNLOAD = '[data-testid="bundle-download"]';

// A made-up OpenAI project key: in the error (twice) and in the request.
const KEY = "sk-proj-Q7vLm2Xc9RtB4nWp8KdZs1HyGf6JaUe3T0oVi5NbMqCxR2wE";
const ERROR = [
  "2025-10-16T22:40:20.395Z ERROR openai.RateLimitError: Error code: 429 - {'error': {'message': " +
    "'You exceeded your current quota, please check your plan and billing details.', 'type': " +
    "'insufficient_quota', 'param': None, 'code': 'insufficient_quota'}}",
  `  request headers: {'Authorization': 'Bearer ${KEY}'}`,
  `  OPENAI_API_KEY=${KEY}`,
].join("\n");
const REQUEST =
  `curl https://api.openai.com/v1/chat/completions -H "Authorization: Bearer ${KEY}" ` +
  `-H "Content-Type: application/json" ` +
  `-d '{"model":"gpt-4o-mini","temperature":0.2,"max_tokens":64,"messages":[{"role":"user","content":"hello"}]}'`;

// A key of no known shape: lowercase words and dashes. Pasted raw into an error line where no
// rule names it, only the check for pieces of the typed key can see it.
const ODD_KEY = "orchid-lantern-velvet-harbor-quince";
const ODD_ERROR = `HTTP 401 Unauthorized: the gateway rejected ${ODD_KEY} for this route`;

/** Every 12-character piece of `key` found in `text`. */
function piecesOf(key, text) {
  const found = [];
  for (let i = 0; i + 12 <= key.length; i++) {
    const piece = key.slice(i, i + 12);
    if (text.includes(piece)) found.push(piece);
  }
  return found;
}

async function tab(page, id) {
  await page.click(`#kd-tab-${id}`);
  await page.waitForSelector(`#kd-panel-${id}:not([hidden])`);
}

describe("the Support bundle panel", () => {
  let server;
  let b;
  let hasSanitize = false;

  before(async () => {
    assert.ok(existsSync(join(DIST, "index.html")), "dist/ is missing: run `trunk build --release`");
    mkdirSync(ARTIFACTS, { recursive: true });
    server = await serve(DIST);
    b = await open(server.url);
    await b.context.grantPermissions(["clipboard-read", "clipboard-write"], {
      origin: new URL(server.url).origin,
    });
  });

  after(async () => {
    await b?.close();
    await server?.close();
  });

  test("says what to do first when nothing is pasted", async () => {
    await tab(b.page, "bundle");
    const empty = b.page.locator('[data-testid="bundle-empty"]');
    assert.equal(await empty.isVisible(), true);
    assert.match(await empty.innerText(), /Diagnose an error/);
    assert.equal(await b.page.locator(PREVIEW).count(), 0);
    // Now, with the time zone shown.
    assert.match(await b.page.inputValue('[data-testid="bundle-time"]'), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/);
    assert.match(await b.page.innerText('[data-testid="bundle-zone"]'), /UTC/);
  });

  test("fill the other panels: an error and a request holding a key, the key itself", async () => {
    await tab(b.page, "diagnose");
    assert.equal(await diagnoseIn(b.page, ERROR), "quota_exhausted");
    hasSanitize = (await b.page.locator("#kd-tab-sanitize").count()) > 0;
    if (hasSanitize) {
      await tab(b.page, "sanitize");
      await b.page.fill('[data-testid="request-input"]', REQUEST);
    }
    await tab(b.page, "connection");
    await b.page.fill('[data-testid="probe-key-input"]', KEY);
    await tab(b.page, "bundle");
    await b.page.waitForSelector(PREVIEW);
    await b.page.fill('[data-testid="bundle-key-name"]', "prod-backend");
  });

  test("the preview has the category, the redaction line and no piece of the key", async () => {
    await b.page.waitForFunction(
      (sel) => /prod-backend/.test(kd(sel)?.value ?? ""),
      PREVIEW,
    );
    const md = await b.page.inputValue(PREVIEW);
    assert.match(md, /quota_exhausted/);
    assert.match(md, /Key name: prod-backend/);
    assert.match(md, /secrets? redacted: .*openai\\_project\\_key/);
    assert.deepEqual(piecesOf(KEY, md), []);
    if (hasSanitize) assert.match(md, /gpt-4o-mini/, "the request's model is in the bundle");
    const summary = await b.page.innerText('[data-testid="bundle-redactions"]');
    assert.match(summary, /^\d+ secrets? redacted: openai_project_key ×\d+/);
    // The client is suggested from the paste; the time found in it is offered.
    assert.equal(await b.page.inputValue('[data-testid="bundle-client"]'), "OpenAI SDK");
    await b.page.click('[data-testid="bundle-time-choice"] >> text=2025-10-16T22:40:20.395Z');
    assert.equal(await b.page.inputValue('[data-testid="bundle-time"]'), "2025-10-16T22:40:20.395Z");
    await b.page.waitForFunction(
      (sel) => (kd(sel)?.value ?? "").includes("Time: 2025-10-16T22:40:20.395Z"),
      PREVIEW,
    );
    assert.equal(await b.page.locator('[data-testid="bundle-leaks"]').count(), 0);
    await b.page.locator("#kd-panel-bundle").screenshot({ path: join(ARTIFACTS, "bundle.png") });
  });

  test("copy puts exactly the preview on the clipboard", async () => {
    const md = await b.page.inputValue(PREVIEW);
    await b.page.click(COPY);
    await b.page.waitForSelector(`${STATUS}[data-outcome="copied"]`);
    const copied = await b.page.evaluate(() => navigator.clipboard.readText());
    assert.equal(copied, md);
    assert.match(copied, /quota_exhausted/);
    assert.match(copied, /redacted/);
    assert.deepEqual(piecesOf(KEY, copied), []);
  });

  test("download saves the Markdown, named with the time and the category", async () => {
    const md = await b.page.inputValue(PREVIEW);
    const [download] = await Promise.all([b.page.waitForEvent("download"), b.page.click(DOWNLOAD)]);
    assert.equal(download.suggestedFilename(), "keydoctor-2025-10-16T2240-quota_exhausted.md");
    const text = readFileSync(await download.path(), "utf8");
    assert.equal(text, md);
    assert.match(text, /quota_exhausted/);
    assert.match(text, /redacted/);
    assert.deepEqual(piecesOf(KEY, text), []);
    await b.page.waitForSelector(`${STATUS}[data-outcome="downloaded"]`);
  });

  test("JSON mode downloads a bundle with schema_version 1", async () => {
    await b.page.click('[data-testid="bundle-format-json"]');
    await b.page.waitForSelector(`${PREVIEW}[data-format="json"]`);
    await b.page.waitForFunction((sel) => {
      try {
        return JSON.parse(kd(sel).value).schema_version === 1;
      } catch {
        return false;
      }
    }, PREVIEW);
    const [download] = await Promise.all([b.page.waitForEvent("download"), b.page.click(DOWNLOAD)]);
    assert.equal(download.suggestedFilename(), "keydoctor-2025-10-16T2240-quota_exhausted.json");
    const text = readFileSync(await download.path(), "utf8");
    const bundle = JSON.parse(text);
    assert.equal(bundle.schema_version, 1);
    assert.equal(bundle.diagnosis.category, "quota_exhausted");
    assert.equal(bundle.client, "OpenAI SDK");
    assert.equal(bundle.key_name, "prod-backend");
    assert.match(bundle.redaction_summary, /redacted: openai_project_key/);
    assert.ok(bundle.redactions.every((r) => r.placeholder.length < 40));
    if (hasSanitize) assert.equal(bundle.request?.model, "gpt-4o-mini");
    assert.deepEqual(piecesOf(KEY, text), []);
    // Copy in JSON mode too.
    await b.page.click(COPY);
    await b.page.waitForFunction(
      () => navigator.clipboard.readText().then((t) => t.startsWith("{")),
      null,
      { polling: 100 },
    );
    const copied = await b.page.evaluate(() => navigator.clipboard.readText());
    assert.equal(copied, text);
    await b.page.click('[data-testid="bundle-format-md"]');
  });

  test("a section left out is gone from what is shared", async () => {
    await b.page.uncheck('[data-testid="bundle-section"][data-section="error"]');
    await b.page.waitForFunction(
      (sel) => !(kd(sel)?.value ?? "").includes("Error text (redacted)"),
      PREVIEW,
    );
    assert.match(await b.page.inputValue(PREVIEW), /quota_exhausted/);
    await b.page.check('[data-testid="bundle-section"][data-section="error"]');
  });

  test("the guard refuses to export a key of no known shape typed in the page and pasted raw", async () => {
    await tab(b.page, "connection");
    await b.page.fill('[data-testid="probe-key-input"]', ODD_KEY);
    await tab(b.page, "diagnose");
    await diagnoseIn(b.page, ODD_ERROR);
    await tab(b.page, "bundle");
    await b.page.waitForSelector('[data-testid="bundle-leaks"] li[data-rule="typed_key"]');
    // The preview withholds the line instead of showing the key.
    const shown = await b.page.inputValue(PREVIEW);
    assert.match(shown, /withheld: typed_key/);
    assert.deepEqual(piecesOf(ODD_KEY, shown), []);

    await b.page.evaluate(() => navigator.clipboard.writeText("sentinel"));
    await b.page.click(COPY);
    await b.page.waitForSelector(`${STATUS}[data-outcome="refused"]`);
    const status = await b.page.innerText(STATUS);
    assert.match(status, /Not exported/);
    assert.match(status, /Line \d+/);
    assert.deepEqual(piecesOf(ODD_KEY, status), []);
    assert.equal(await b.page.evaluate(() => navigator.clipboard.readText()), "sentinel");

    let downloaded = false;
    const onDownload = () => {
      downloaded = true;
    };
    b.page.on("download", onDownload);
    await b.page.click(DOWNLOAD);
    await b.page.waitForTimeout(1000);
    assert.equal(await b.page.getAttribute(STATUS, "data-outcome"), "refused");
    b.page.off("download", onDownload);
    assert.equal(downloaded, false, "a refused bundle must not be downloaded");
    const text = await b.page.locator("#kd-panel-bundle").innerText();
    assert.deepEqual(piecesOf(ODD_KEY, text), []);
    await b.page.locator("#kd-panel-bundle").screenshot({ path: join(ARTIFACTS, "bundle-refused.png") });
  });

  test("works at phone width (360 px) without sideways scrolling", async () => {
    await b.page.setViewportSize({ width: 360, height: 780 });
    const overflow = await b.page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    await b.page.screenshot({ path: join(ARTIFACTS, "bundle-phone.png"), fullPage: true });
    await b.page.setViewportSize({ width: 1280, height: 900 });
    assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
  });

  test("no page errors, no console errors, no request leaves the page's origin", () => {
    assert.deepEqual(b.problems, []);
    assert.deepEqual(b.foreign, []);
  });
});
