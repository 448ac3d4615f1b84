// Hostile input: markup and script in every input of every panel, and inputs too large, binary
// or in another encoding.
//
// XSS: payloads (`<img src=x onerror>`, `</textarea><script>`, `"><svg onload>`, `javascript:`
// URLs, more) go into every field of every panel, into a HAR's request URL, headers and
// response, a curl's header names and values, a .env, the base URL (and a connection check run
// on it), the bundle's free-text fields, the `#error=` link, and the names of a dropped and of
// a picked file. The page under test is the built page WITHOUT its Content-Security-Policy,
// so this proves the first line of defence on its own (everything rendered as text; the CSP,
// proved in privacy.test.mjs, would otherwise block inline handlers and hide a regression).
// Nothing may run: no dialog, the canary `window.__pwned` stays undefined, and the widget's DOM
// has no element from a payload (no `img[src=x]`, no `on…` attribute anywhere, no script,
// iframe or `javascript:` link), while the payloads are visibly there as text.
//
// Large input, in the real page (with its CSP), after typing into the other panels: a 50 MB
// paste into Diagnose and into Sanitize, a HAR of just over 100 MB (make_har.py 100) and one of
// just under the 100 MB limit picked in Sanitize, each watched by a long-task observer and a
// requestAnimationFrame heartbeat. Asserted: no task over 2 s and no stall of the heartbeat
// over 2 s (the page keeps painting and taking input), progress shown, the result or the limit
// message, nothing typed elsewhere lost, no page error. Then binary, UTF-16 and Latin-1 files:
// a clear message and nothing lost.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { open as openFile, rename, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, before, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { openRecorded, piecesIn, showTab, startWatch, stopWatch } from "./browser.mjs";
import { closedPort } from "./gateway.mjs";
import { serve } from "./server.mjs";

const HERE = dirname(fileURLToPath(import.meta.url));
const DIST = process.env.KD_DIST ?? join(HERE, "..", "dist");
const ARTIFACTS = join(HERE, "artifacts");
const MAKE_HAR = process.env.KD_MAKE_HAR ?? join(HERE, "..", "tests", "data", "make_har.py");

/** The responsiveness threshold: no task, and no gap between two frames, longer than this. */
const STALL_MS = 2_000;

// --- payloads -------------------------------------------------------------------------------

const PAYLOADS = [
  `<img src=x onerror="window.__pwned='img';alert('img')">`,
  `</textarea><script>window.__pwned='script';alert('script')</script>`,
  `"><svg onload="window.__pwned='svg';alert('svg')">`,
  `javascript:window.__pwned='js-url';alert('js-url')`,
  `'><iframe srcdoc="<script>parent.__pwned='iframe'</script>"></iframe>`,
  `<details open ontoggle="window.__pwned='details'">`,
  `<a href="javascript:window.__pwned='a'">click</a>`,
  `{{constructor.constructor('window.__pwned="tpl"')()}}`,
];
const ALL = PAYLOADS.join(" ");
const IMG = PAYLOADS[0];
const SVG = PAYLOADS[2];
const JS_URL = "javascript:alert(1)//";
/** Payloads without spaces, as they can sit in a URL that passes the base-URL lint. */
const URL_PAYLOADS = `"><svg/onload=window.__pwned='svg'><img/src=x/onerror=window.__pwned='img'>`;

/** A HAR with payloads in a request URL, a `javascript:` URL, header names and values, the
 *  request body and the response content. */
function hostileHar() {
  const entry = (url, status) => ({
    startedDateTime: "2024-05-01T09:00:00.000Z",
    time: 50,
    request: {
      method: "POST",
      url,
      httpVersion: "HTTP/1.1",
      headers: [
        { name: "Content-Type", value: "application/json" },
        { name: IMG, value: SVG },
        { name: "X-Note", value: ALL },
        { name: "Authorization", value: `Bearer ${IMG}` },
      ],
      queryString: [{ name: "q", value: IMG }],
      cookies: [],
      headersSize: -1,
      bodySize: 10,
      postData: {
        mimeType: "application/json",
        text: JSON.stringify({ model: SVG, temperature: IMG, messages: [{ role: "user", content: ALL }] }),
      },
    },
    response: {
      status,
      statusText: IMG,
      httpVersion: "HTTP/1.1",
      headers: [{ name: SVG, value: IMG }],
      cookies: [],
      content: {
        size: 10,
        mimeType: "text/html",
        text: `<html><body>${ALL}</body></html>` + JSON.stringify({ error: { message: IMG, type: SVG, code: JS_URL } }),
      },
      redirectURL: JS_URL,
      headersSize: -1,
      bodySize: 10,
    },
    cache: {},
    timings: { send: 1, wait: 40, receive: 9 },
  });
  return JSON.stringify({
    log: {
      version: "1.2",
      creator: { name: IMG, version: SVG },
      pages: [],
      entries: [
        entry(`https://api.openai.com/v1/chat/completions?x=${encodeURIComponent(IMG)}&y=${IMG}`, 401),
        entry(JS_URL, 0),
        entry(`https://api.example.com/${SVG}/v1/messages`, 500),
      ],
    },
  });
}

const ERROR_JSON = `HTTP/1.1 401 Unauthorized\n${JSON.stringify({
  error: { message: `${IMG} Incorrect API key provided ${SVG}`, type: PAYLOADS[1], code: JS_URL, param: PAYLOADS[6] },
})}\nx-request-id: ${SVG}\nUser-Agent: ${IMG}\n${ALL}`;

const CURL = [
  `curl '${JS_URL}' \\`,
  `  -H '${IMG}: ${SVG}' \\`,
  `  -H 'Authorization: Bearer ${IMG}' \\`,
  `  -d '{"model": "${SVG.replaceAll('"', '\\"')}", "messages": [{"role": "user", "content": "${IMG.replaceAll('"', '\\"')}"}]}'`,
].join("\n");

const ENV = [`OPENAI_API_KEY="${IMG}"`, `OPENAI_BASE_URL=${JS_URL}`, `# ${PAYLOADS[1]}`, `MODEL=${SVG}`].join("\n");

/** What may never be in the widget's DOM, and whether the payloads ran. */
async function damage(page) {
  return page.evaluate(() => {
    const roots = [document, ...[...document.querySelectorAll("[data-keydoctor]")].map((h) => h.shadowRoot)];
    const found = [];
    for (const root of roots) {
      for (const el of root.querySelectorAll("*")) {
        for (const a of el.attributes) {
          if (/^on/i.test(a.name)) found.push(`<${el.localName} ${a.name}>`);
          if (/^\s*javascript:/i.test(a.value) && /^(href|src|action|formaction|xlink:href)$/i.test(a.name)) {
            found.push(`<${el.localName} ${a.name}=${a.value.slice(0, 30)}>`);
          }
        }
      }
      if (root === document) continue;
      for (const sel of ["img", "script", "iframe", "details", "svg[onload]", "a[href]", "object", "embed"]) {
        for (const el of root.querySelectorAll(sel)) found.push(`${sel}: ${el.outerHTML.slice(0, 60)}`);
      }
    }
    return { pwned: window.__pwned ?? null, found };
  });
}

/** Drops a file named `name` holding `content` (a string or bytes) on `selector`. */
async function dropFile(page, selector, name, content, type = "application/json") {
  const dt = await page.evaluateHandle(
    ([n, c, t]) => {
      const dt = new DataTransfer();
      dt.items.add(new File([typeof c === "string" ? c : new Uint8Array(c)], n, { type: t }));
      return dt;
    },
    [name, content, type],
  );
  await page.dispatchEvent(selector, "dragover", { dataTransfer: dt });
  await page.dispatchEvent(selector, "drop", { dataTransfer: dt });
}

/** Replaces `selector`'s text the way a paste does (one `insertFromPaste` input event). */
async function paste(page, selector, text) {
  await page.$eval(
    selector,
    (el, t) => {
      el.value = t;
      el.dispatchEvent(new InputEvent("input", { bubbles: true, inputType: "insertFromPaste" }));
    },
    text,
  );
}

const sanitizedDone = (page, timeout = 30_000) =>
  page.waitForSelector('[data-testid="sanitize-result"][data-state="done"]', { timeout });

describe("hostile markup in every input renders as text and never runs", () => {
  let site;
  let b;
  let closed;

  before(async () => {
    assert.ok(existsSync(join(DIST, "index.html")), "dist/ is missing: run `trunk build --release`");
    mkdirSync(ARTIFACTS, { recursive: true });
    const html = readFileSync(join(DIST, "index.html"), "utf8");
    const bare = html.replace(/<meta\b[^>]*http-equiv="?Content-Security-Policy"?[^>]*>/i, "");
    assert.notEqual(bare, html, "the CSP meta was not found to take out");
    site = await serve(DIST, { pages: { "/no-csp.html": bare } });
    closed = await closedPort();
    b = await openRecorded(site.url);
    const link = `${site.url}no-csp.html#error=${encodeURIComponent(ERROR_JSON)}`;
    await b.page.goto(link);
    await b.page.waitForSelector('[data-testid="diagnosis"]', { timeout: 15_000 });
    assert.equal(
      await b.page.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]')),
      null,
    );
  });

  after(async () => {
    await b?.close();
    await site?.close();
  });

  const clean = async (where) => {
    // Give anything that could fire (image errors, toggles, loads) a chance to.
    await b.page.waitForTimeout(150);
    const d = await damage(b.page);
    assert.deepEqual(b.dialogs, [], `${where}: a dialog opened`);
    assert.equal(d.pwned, null, `${where}: a payload ran`);
    assert.deepEqual(d.found, [], `${where}: payload markup in the DOM`);
  };

  test("Diagnose: the #error= link and a pasted error full of payloads", async () => {
    const { page } = b;
    // The link's text arrived (redacted) and is diagnosed; its payloads are text.
    await page.waitForSelector('[data-testid="diagnosis"]:not([data-category="none"])');
    assert.ok((await page.inputValue('[data-testid="error-input"]')).includes("<img src=x onerror="));
    await clean("the #error= link");
    await paste(page, '[data-testid="error-input"]', ERROR_JSON);
    await page.waitForSelector('[data-testid="diagnosis"][aria-busy="false"]');
    const shown = await page.locator('[data-testid="diagnosis"]').innerText();
    assert.ok(shown.includes("<img src=x onerror="), `the payload is shown as text:\n${shown}`);
    // Every copy and clear button of the panel too.
    await page.context().grantPermissions(["clipboard-read", "clipboard-write"], {
      origin: new URL(site.url).origin,
    });
    await page.click('[data-testid="copy-summary"]');
    await page.click('[data-testid="copy-steps"]');
    // Typed, not pasted (the debounced path).
    await page.fill('[data-testid="error-input"]', "");
    await page.locator('[data-testid="error-input"]').pressSequentially(`401 ${IMG} ${SVG}`, { delay: 0 });
    await page.waitForSelector('[data-testid="diagnosis"][aria-busy="false"]');
    await clean("Diagnose");
  });

  test("Sanitize: a HAR, a curl and a .env full of payloads, every field, file names", async () => {
    const { page } = b;
    await showTab(page, "sanitize");
    const input = '[data-testid="request-input"]';
    await paste(page, input, hostileHar());
    await sanitizedDone(page);
    const parsed = await page.locator('[data-testid="parsed-request"]').innerText();
    assert.ok(parsed.includes("<img src=x onerror="), parsed);
    await page.check('[data-testid="keep-prompts"]');
    await sanitizedDone(page);
    await clean("a HAR");
    await paste(page, input, CURL);
    await sanitizedDone(page);
    await page.uncheck('[data-testid="keep-prompts"]');
    await sanitizedDone(page);
    if (await page.locator('[data-testid="check-found-key"]').count()) {
      await page.click('[data-testid="check-found-key"]');
    }
    await clean("a curl");
    await paste(page, input, ENV);
    await sanitizedDone(page);
    await clean("a .env");
    // Typed text (the debounced path).
    await page.fill(input, "");
    await page.locator(input).pressSequentially(`POST /v1/x HTTP/1.1\n${IMG}: ${SVG}\n\n`, { delay: 0 });
    await sanitizedDone(page);
    // The key, header and base URL fields, and the reveal view of the key.
    await page.fill('[data-testid="key-input"]', `${ALL}\u200b `);
    await page.fill('[data-testid="key-header"]', ALL);
    await page.fill('[data-testid="sanitize-base-url-input"]', `${JS_URL}${SVG}`);
    await page.click('[data-testid="key-reveal-toggle"]');
    await page.waitForSelector('[data-testid="key-reveal"]:not([hidden])');
    await page.waitForSelector('[data-testid="key-findings"] [data-finding]');
    await page.waitForSelector('[data-testid="base-url-findings"] [data-finding]');
    await clean("the key fields");
    // Files named with payloads: a HAR dropped, a .env picked, a binary file dropped.
    await dropFile(page, input, `${IMG}.har`, hostileHar());
    await sanitizedDone(page);
    assert.ok((await page.innerText('[data-testid="request-file"]')).includes("<img src=x"));
    await page.setInputFiles('[data-testid="request-file-input"]', {
      name: `${SVG}.env`,
      mimeType: "text/plain",
      buffer: Buffer.from(ENV),
    });
    await page.waitForFunction(() => kd('[data-testid="request-file"]')?.textContent.includes(".env"));
    await sanitizedDone(page);
    await dropFile(page, input, `${PAYLOADS[1]}.png`, [0x89, 0x50, 0x4e, 0x47, 0, 0, 255, 254], "image/png");
    await page.waitForSelector('[data-testid="request-file-problem"]');
    assert.ok((await page.innerText('[data-testid="request-file-problem"]')).includes("</textarea><script>"));
    await page.click('[data-testid="sanitized-copy"]');
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.click('[data-testid="sanitized-download"]'),
    ]);
    assert.ok(download.suggestedFilename().length > 0);
    await page.click('[data-testid="key-reveal-toggle"]');
    await clean("Sanitize");
    await page.screenshot({ path: join(ARTIFACTS, "hostile-sanitize.png"), fullPage: true });
  });

  test("Check the connection: payloads in the base URL, key and model, with checks run", async () => {
    const { page } = b;
    await showTab(page, "connection");
    const results = '[data-testid="probe-results"]';
    const run = async (base) => {
      await page.fill('[data-testid="base-url-input"]', base);
      const runs = Number(await page.getAttribute(results, "data-runs"));
      await page.click('[data-testid="probe-start"]');
      await page.waitForFunction(
        ([sel, n]) => Number(kd(sel).dataset.runs) > n && ["done", "cancelled"].includes(kd(sel).dataset.state),
        [results, runs],
        { timeout: 20_000 },
      );
    };
    await page.fill('[data-testid="probe-warm-input"]', "1");
    await page.dispatchEvent('[data-testid="probe-warm-input"]', "change");
    await page.fill('[data-testid="probe-model-input"]', ALL);
    await page.fill('[data-testid="probe-key-input"]', IMG);
    // A base URL on a closed port of 127.0.0.1 (nothing leaves the machine) with payloads in it,
    // and a javascript: URL.
    await run(`http://127.0.0.1:${closed}/v1/${URL_PAYLOADS}`);
    const checksText = await page.locator(results).innerText();
    assert.ok(checksText.includes("onerror="), checksText);
    await clean("a connection check");
    await run(`${JS_URL}${URL_PAYLOADS}`);
    await clean("a javascript: base URL");
    // The smoke test with the payload key and model, on the closed port.
    await page.fill('[data-testid="base-url-input"]', `http://127.0.0.1:${closed}/v2/${URL_PAYLOADS}`);
    await page.check('[data-testid="smoke-kind-chat"]');
    await page.check('[data-testid="smoke-consent"]');
    const runs = Number(await page.getAttribute(results, "data-runs"));
    await page.click('[data-testid="smoke-start"]');
    await page.waitForFunction(
      ([sel, n]) => Number(kd(sel).dataset.runs) > n && ["done", "cancelled"].includes(kd(sel).dataset.state),
      [results, runs],
      { timeout: 20_000 },
    );
    await clean("Check the connection");
    await page.screenshot({ path: join(ARTIFACTS, "hostile-connection.png"), fullPage: true });
  });

  test("Support bundle: payloads in the free-text fields, the preview, copy and download", async () => {
    const { page } = b;
    await showTab(page, "diagnose");
    await paste(page, '[data-testid="error-input"]', ERROR_JSON);
    await page.waitForSelector('[data-testid="diagnosis"][aria-busy="false"]');
    await showTab(page, "bundle");
    await page.waitForSelector('[data-testid="bundle-preview"]');
    await page.fill('[data-testid="bundle-key-name"]', ALL);
    await page.fill('[data-testid="bundle-time"]', `${IMG} ${SVG}`);
    for (const format of ["json", "md"]) {
      await page.click(`[data-testid="bundle-format-${format}"]`);
      await page.waitForSelector(`[data-testid="bundle-preview"][data-format="${format}"]`);
      await page.click('[data-testid="bundle-copy"]');
      await page.waitForSelector('[data-testid="bundle-status"]:not([data-outcome="none"])');
      await page.click('[data-testid="bundle-download"]');
      await page.waitForTimeout(200);
    }
    const preview = await page.inputValue('[data-testid="bundle-preview"]');
    // Markdown escapes the markup (and lines with the typed "key", a payload too, are withheld).
    assert.ok(preview.includes("svg onload="), `the payloads are in the preview, as text:\n${preview}`);
    await clean("Support bundle");
    await page.screenshot({ path: join(ARTIFACTS, "hostile-bundle.png"), fullPage: true });
  });

  test("no dialog, no page error, no request anywhere but the page and the closed port", async () => {
    assert.deepEqual(b.dialogs, []);
    assert.deepEqual(b.pageErrors, []);
    const origin = new URL(site.url).origin;
    const elsewhere = b.requests.filter(
      (r) => !/^(data|blob):/.test(r.url) && ![origin, `http://127.0.0.1:${closed}`].includes(new URL(r.url).origin),
    );
    assert.deepEqual(elsewhere, []);
  });

  test("the detectors work: the same markup put in the widget as HTML on purpose runs and is found", async () => {
    // What a regression (a raw-HTML setter on user text) would do on this page without a CSP.
    await b.page.evaluate((html) => {
      const root = document.querySelector("[data-keydoctor]").shadowRoot;
      const div = document.createElement("div");
      div.className = "kd-injected";
      div.innerHTML = html;
      root.querySelector(".kd-main").append(div);
    }, PAYLOADS[0]);
    await b.page.waitForFunction(() => window.__pwned === "img");
    assert.equal(b.dialogs.length, 1, "the payload's alert was seen");
    assert.ok((await damage(b.page)).found.length > 0, "the injected markup was found");
    await b.page.evaluate(() => {
      document.querySelector("[data-keydoctor]").shadowRoot.querySelector(".kd-injected").remove();
      delete window.__pwned;
    });
  });
});

// --- large and malformed input ---------------------------------------------------------------

/**
 * The HARs for the large-file case, made once and kept in the temporary folder (make_har.py is
 * deterministic: same arguments, same bytes). `over`: `make_har.py 100` (just over the
 * 100,000,000-byte limit); `under`: the same HAR with its last entries cut so that it is just
 * under the limit (still a valid HAR). Generation takes about 40 s the first time, so it starts
 * when the suite starts and runs beside the tests before it.
 */
function makeHars() {
  const script = readFileSync(MAKE_HAR);
  const dir = join(tmpdir(), `kd-e2e-har-${createHash("sha256").update(script).digest("hex").slice(0, 12)}`);
  mkdirSync(dir, { recursive: true });
  const over = join(dir, "over.har");
  const under = join(dir, "under.har");
  return (async () => {
    if (!existsSync(over)) {
      const tmp = join(dir, `gen-${process.pid}.har`);
      await new Promise((ok, fail) => {
        const child = spawn("python3", [MAKE_HAR, "100", tmp], { stdio: ["ignore", "ignore", "inherit"] });
        child.once("error", fail);
        child.once("exit", (code) => (code === 0 ? ok() : fail(new Error(`make_har.py exited with ${code}`))));
      });
      await rename(`${tmp}.secrets.json`, `${over}.secrets.json`);
      await rename(tmp, over);
    }
    if (!existsSync(under)) {
      const text = readFileSync(over, "latin1");
      const sep = "\n      },\n      {\n";
      const cut = text.lastIndexOf(sep, 99_900_000);
      assert.ok(cut > 90_000_000, "entry separator not found in the generated HAR");
      const tmp = `${under}.${process.pid}`;
      const f = await openFile(tmp, "w");
      await f.write(Buffer.from(text.slice(0, cut + "\n      }".length) + "\n    ]\n  }\n}\n", "latin1"));
      await f.close();
      await rename(tmp, under);
    }
    return { over, under, overBytes: (await stat(over)).size, underBytes: (await stat(under)).size };
  })();
}

describe("large, binary and mis-encoded input: answered, responsive, nothing lost", () => {
  let site;
  let b;
  let hars;
  /** What the user typed in the other panels, checked after every large input. */
  const typed = {
    '[data-testid="key-input"]': "sk-proj-typedBeforeThePaste000000000000000000",
    '[data-testid="sanitize-base-url-input"]': "https://api.openai.com/v1",
    '[data-testid="probe-model-input"]': "gpt-4o-mini",
    '[data-testid="bundle-key-name"]': "prod-backend",
  };
  const ERROR_TYPED = "Error code: 429 - {'error': {'code': 'insufficient_quota'}}";
  const REQUEST_TYPED = "curl https://api.openai.com/v1/models -H 'Authorization: Bearer $OPENAI_API_KEY'";

  before(async () => {
    assert.ok(existsSync(join(DIST, "index.html")), "dist/ is missing: run `trunk build --release`");
    hars = makeHars();
    hars.catch(() => {}); // awaited by its test; never an unhandled rejection meanwhile
    site = await serve(DIST);
    b = await openRecorded(site.url);
    await b.page.goto(site.url);
    await b.page.waitForSelector('[data-testid="diagnosis"]', { timeout: 15_000 });
    // Type into every panel first.
    await b.page.fill('[data-testid="error-input"]', ERROR_TYPED);
    await showTab(b.page, "sanitize");
    await b.page.fill('[data-testid="request-input"]', REQUEST_TYPED);
    await sanitizedDone(b.page);
    await b.page.fill('[data-testid="key-input"]', typed['[data-testid="key-input"]']);
    await b.page.fill('[data-testid="sanitize-base-url-input"]', typed['[data-testid="sanitize-base-url-input"]']);
    await showTab(b.page, "connection");
    await b.page.fill('[data-testid="probe-model-input"]', typed['[data-testid="probe-model-input"]']);
    await showTab(b.page, "bundle");
    await b.page.fill('[data-testid="bundle-key-name"]', typed['[data-testid="bundle-key-name"]']);
  });

  after(async () => {
    await b?.close();
    await site?.close();
  });

  /** Every field typed in before is as it was. */
  const nothingLost = async (except = []) => {
    for (const [sel, want] of Object.entries(typed)) {
      assert.equal(await b.page.inputValue(sel), want, `${sel} lost what was typed`);
    }
    if (!except.includes("error")) assert.equal(await b.page.inputValue('[data-testid="error-input"]'), ERROR_TYPED);
    if (!except.includes("request")) {
      assert.equal(await b.page.inputValue('[data-testid="request-input"]'), REQUEST_TYPED);
    }
    assert.deepEqual(b.pageErrors, []);
  };

  const report = (what, w) => {
    console.log(
      `${what}: ${w.ms} ms, longest task ${w.longestTaskMs} ms, longest frame gap ${w.longestGapMs} ms, ` +
        `${w.frames} frames, tasks over 50 ms: ${w.tasks.length}`,
    );
    assert.ok(w.longestTaskMs < STALL_MS, `${what}: a task took ${w.longestTaskMs} ms (limit ${STALL_MS})`);
    assert.ok(w.longestGapMs < STALL_MS, `${what}: no frame for ${w.longestGapMs} ms (limit ${STALL_MS})`);
  };

  /** The log line repeated in the large pastes: an error and a key on every line. */
  const LINE =
    "2025-10-16T22:40:20.395Z ERROR openai.RateLimitError: Error code: 429 - {'error': {'message': " +
    "'You exceeded your current quota', 'code': 'insufficient_quota'}} Authorization: Bearer " +
    "sk-proj-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcdefGHIJ\n";

  /**
   * Pastes `mb` megabytes of that log into `selector` the way a user does: the text goes to the
   * clipboard (made in the page), the field is focused, all of it selected, and Ctrl+V pressed.
   * The main thread is watched from the key press until `done` resolves; resolves to the watch.
   */
  async function bigPaste(selector, mb, done, watch = null) {
    await b.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: new URL(site.url).origin });
    await b.page.evaluate(
      ([line, n]) => navigator.clipboard.writeText(line.repeat(Math.ceil((n * 1e6) / line.length))),
      [LINE, mb],
    );
    await b.page.focus(selector);
    await b.page.keyboard.press("Control+A");
    await startWatch(b.page, watch);
    await b.page.keyboard.press("Control+V");
    await done();
    return stopWatch(b.page);
  }

  test("a 50 MB paste into Diagnose: answered, page responsive, nothing lost", async () => {
    await showTab(b.page, "diagnose");
    const w = await bigPaste('[data-testid="error-input"]', 50, () =>
      b.page.waitForSelector('[data-testid="diagnosis"][data-category="quota_exhausted"][aria-busy="false"]', {
        timeout: 60_000,
      }),
    );
    report("Diagnose, 50 MB paste", w);
    // The paste is held in memory (laying it out in the text area would freeze the tab), and
    // only its first part is analysed: the page says both.
    assert.match(await b.page.innerText('[data-testid="error-held"]'), /Pasted 50\.0 MB: too large to show here/);
    assert.match(await b.page.innerText('[data-testid="diagnosis"]'), /very large.*first part/i);
    await nothingLost(["error"]);
    await b.page.screenshot({ path: join(ARTIFACTS, "hostile-diagnose-50mb.png") });
    // Typing replaces what was held.
    await b.page.fill('[data-testid="error-input"]', ERROR_TYPED);
    await b.page.waitForSelector('[data-testid="diagnosis"][aria-busy="false"]');
    assert.equal(await b.page.locator('[data-testid="error-held"]').count(), 0);
    await nothingLost();
  });

  test("a paste into Sanitize: 0.99 MB of text is sanitized, 50 MB gets the limit message; nothing lost", async () => {
    await showTab(b.page, "sanitize");
    const key = "sk-proj-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcdefGHIJ";
    const progress = '[data-testid="sanitize-progress"]';
    // Just under the 1 MB of text sanitized in one piece: pasted into the text area as usual.
    const under = await bigPaste('[data-testid="request-input"]', 0.99, () => sanitizedDone(b.page, 60_000), progress);
    report("Sanitize, 0.99 MB paste", under);
    assert.ok(under.seen.some((t) => /Sanitizing/.test(t)), `progress never painted: ${under.seen}`);
    const out = await b.page.inputValue('[data-testid="sanitized-request"]');
    assert.ok(out.length > 700_000 && out.includes("insufficient_quota"), `${out.length}`);
    assert.deepEqual(piecesIn(out, key.slice(8)), [], "a piece of the key survived");
    assert.ok((await b.page.$eval('[data-testid="request-input"]', (el) => el.value.length)) > 900_000);

    const over = await bigPaste(
      '[data-testid="request-input"]',
      50,
      () => b.page.waitForSelector('[data-testid="sanitize-result"][data-state="refused"]', { timeout: 60_000 }),
      progress,
    );
    report("Sanitize, 50 MB paste", over);
    assert.match(
      await b.page.innerText("#kd-panel-sanitize .kd-sz-problem"),
      /50\.0 MB and not a HAR: .* up to 1\.0 MB.*what you entered is kept/s,
    );
    assert.match(await b.page.innerText('[data-testid="request-file"]'), /Pasted text.*50\.0 MB/s);
    await nothingLost(["request"]);
    await b.page.screenshot({ path: join(ARTIFACTS, "hostile-sanitize-50mb.png") });
  });

  test("a HAR just over 100 MB is refused with the limit; one just under is sanitized with progress", async () => {
    const { over, under, overBytes, underBytes } = await hars;
    console.log(`HARs: ${overBytes} and ${underBytes} bytes`);
    assert.ok(overBytes > 100_000_000 && underBytes < 100_000_000 && underBytes > 99_000_000);
    // Start from what the user typed (the 50 MB paste is replaced by it again).
    await b.page.fill('[data-testid="request-input"]', REQUEST_TYPED);
    await sanitizedDone(b.page);
    const picker = '[data-testid="request-file-input"]';

    await startWatch(b.page);
    await b.page.setInputFiles(picker, over);
    const problem = b.page.locator('[data-testid="request-file-problem"]');
    await problem.waitFor();
    assert.match(await problem.innerText(), /over\.har is 100\.0 MB: above the 100\.0 MB limit.*kept/s);
    report("100 MB HAR, refused", await stopWatch(b.page));
    await nothingLost(["error"]);

    await startWatch(b.page, '[data-testid="sanitize-progress"]');
    await b.page.setInputFiles(picker, under);
    await b.page.waitForFunction(() => /part \d+ of \d+/.test(kd('[data-testid="sanitize-progress"]')?.textContent ?? ""), null, {
      timeout: 60_000,
    });
    await b.page.screenshot({ path: join(ARTIFACTS, "hostile-har-progress.png") });
    await sanitizedDone(b.page, 120_000);
    const w = await stopWatch(b.page);
    report("99.9 MB HAR, sanitized", w);
    // Progress painted while it ran: reading the file, then the parts, moving.
    assert.ok(w.seen.some((t) => /Reading the file/.test(t)), w.seen.join(" | "));
    assert.ok(w.seen.filter((t) => /part \d+ of \d+/.test(t)).length >= 3, w.seen.join(" | "));
    assert.match(await b.page.innerText('[data-testid="har-summary"]'), /^\d{4,} entries/);
    const secrets = JSON.parse(readFileSync(`${over}.secrets.json`, "utf8")).secrets.slice(0, 50);
    const shown = await b.page.inputValue('[data-testid="sanitized-request"]');
    // Pieces that lie wholly inside a public prefix (`sk-ant-api03-…AbCd` keeps it) are fine.
    const publicPrefix = (v) => ["sk-proj-", "sk-ant-api03-", "AIza"].find((p) => v.startsWith(p)) ?? "";
    for (const s of secrets) {
      const pieces = piecesIn(shown, s.value).filter((p) => !publicPrefix(s.value).includes(p));
      assert.deepEqual(pieces, [], `${s.kind} of entry ${s.entry}`);
    }
    assert.match(await b.page.innerText('[data-testid="request-file"]'), /under\.har/);
    await nothingLost(["error", "request"]);
  });

  test("the Support bundle opens with a 50 MB error and the 99.9 MB HAR held: responsive, bounded", async () => {
    // The HAR of the test before is still the request; paste 50 MB into Diagnose again.
    await showTab(b.page, "diagnose");
    await bigPaste('[data-testid="error-input"]', 50, () =>
      b.page.waitForSelector('[data-testid="diagnosis"][data-category="quota_exhausted"][aria-busy="false"]'),
    );
    await startWatch(b.page);
    await showTab(b.page, "bundle");
    await b.page.waitForSelector('[data-testid="bundle-preview"]', { timeout: 60_000 });
    report("Support bundle of 50 MB + 99.9 MB", await stopWatch(b.page));
    const md = await b.page.inputValue('[data-testid="bundle-preview"]');
    assert.ok(md.length < 2_000_000, `the bundle is ${md.length} bytes`);
    assert.match(md, /more bytes left out of the bundle/);
    await nothingLost(["error", "request"]);
    // Back to what was typed, for the next test.
    await showTab(b.page, "diagnose");
    await b.page.fill('[data-testid="error-input"]', ERROR_TYPED);
    await showTab(b.page, "sanitize");
  });

  test("binary, random, UTF-16 and Latin-1 files get a clear message and lose nothing", async () => {
    await b.page.fill('[data-testid="request-input"]', REQUEST_TYPED);
    await sanitizedDone(b.page);
    const png = Buffer.from(
      "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201b6c1d4f00000000049454e44ae426082",
      "hex",
    );
    const files = [
      { name: "pixel.png", mimeType: "image/png", buffer: png },
      { name: "random.bin", mimeType: "application/octet-stream", buffer: randomBytes(64 * 1024) },
      { name: "utf16.har", mimeType: "application/json", buffer: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"log": {}}', "utf16le")]) },
      { name: "latin1.txt", mimeType: "text/plain", buffer: Buffer.from("curl https://api.example.com -H 'X-Caf\xe9: 1'", "latin1") },
    ];
    for (const f of files) {
      await b.page.setInputFiles('[data-testid="request-file-input"]', f);
      await b.page.waitForFunction(
        (name) => kd('[data-testid="request-file-problem"]')?.textContent.includes(name),
        f.name,
      );
      const msg = await b.page.innerText('[data-testid="request-file-problem"]');
      assert.match(msg, /not UTF-8 text.*kept/s, `${f.name}: ${msg}`);
      assert.equal(await b.page.getAttribute('[data-testid="sanitize-result"]', "data-state"), "done");
      await nothingLost(["error"]);
    }
    await b.page.screenshot({ path: join(ARTIFACTS, "hostile-binary.png") });
  });
});
