// Privacy, recorded: one whole session in one page, the way a user with a failing key goes
// through it (diagnose an error that holds the key, sanitize a curl command with the key, check
// the key, check the connection against the fake gateway on another port of 127.0.0.1, which is
// another origin than the page, consent and run the smoke test with the key, build, copy and
// download the bundle), with every request, console message and CSP violation recorded. Then
// the absences the design promises (DESIGN.md, Invariants):
// - requests go to the page's own origin and under the base URL the user chose, nowhere else
//   (page, context and CDP views of the network; no worker exists to send any other);
// - no 12-character piece of the key in localStorage, sessionStorage, cookies, IndexedDB,
//   Cache Storage, the URL or the history entries the page can see, the title, the console,
//   the resource timing names, the DOM's markup, or any field but the ones the user typed it in;
// - the page's Content-Security-Policy allows no inline or eval'd script and no `*` connect,
//   and nothing in the session violated it (a deliberate violation at the end proves that the
//   listener hears them).
// Needs dist/ (`trunk build --release`; `make test` does) and builds the fake gateway.
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { after, before, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { diagnoseIn, openRecorded, piecesIn, showTab } from "./browser.mjs";
import { checks, runProbe, runSmoke, startGateway, TEST_KEY } from "./gateway.mjs";
import { serve } from "./server.mjs";

const HERE = dirname(fileURLToPath(import.meta.url));
const DIST = process.env.KD_DIST ?? join(HERE, "..", "dist");
const ARTIFACTS = join(HERE, "artifacts");

// The one key of the session: the fake gateway accepts it, so the smoke test succeeds.
const KEY = TEST_KEY;
const ERROR = [
  "2025-10-16T22:40:20.395Z POST /v1/chat/completions -> 401",
  `request headers: {'Authorization': 'Bearer ${KEY}', 'Content-Type': 'application/json'}`,
  `openai.AuthenticationError: Error code: 401 - {'error': {'message': 'Incorrect API key provided.', ` +
    `'type': 'invalid_request_error', 'param': None, 'code': 'invalid_api_key'}}`,
].join("\n");
const CURL = [
  "curl https://api.openai.com/v1/chat/completions \\",
  '  -H "Content-Type: application/json" \\',
  `  -H "Authorization: Bearer ${KEY}" \\`,
  `  -d '{"model": "gpt-4o-mini", "max_tokens": 16, "messages": [{"role": "user", "content": "hi"}]}'`,
].join("\n");

/** Parses a CSP into `{ directive: [tokens] }`. */
function parsePolicy(text) {
  const out = {};
  for (const part of text.split(";")) {
    const [name, ...tokens] = part.trim().split(/\s+/);
    if (name) out[name.toLowerCase()] = tokens;
  }
  return out;
}

describe("privacy: a whole session, recorded", () => {
  let site;
  let gw;
  let b;
  let base;
  let pageOrigin;
  /** What the user typed where, so those fields may hold what they typed. */
  const typed = {};

  before(async () => {
    assert.ok(existsSync(join(DIST, "index.html")), "dist/ is missing: run `trunk build --release`");
    mkdirSync(ARTIFACTS, { recursive: true });
    gw = await startGateway();
    site = await serve(DIST);
    pageOrigin = new URL(site.url).origin;
    base = `${gw.origin}/cors/tao/v1`;
    assert.notEqual(new URL(base).origin, pageOrigin, "the gateway must be another origin");
    b = await openRecorded(site.url, { allow: [gw.origin] });
    await b.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: pageOrigin });
    await b.page.goto(site.url);
    await b.page.waitForSelector('[data-testid="diagnosis"]', { timeout: 15_000 });
  });

  after(async () => {
    await b?.close();
    await site?.close();
    await gw?.close();
  });

  test("the session: diagnose, sanitize, check the key, check the connection, smoke test, bundle", async () => {
    const { page } = b;
    // 1. Diagnose an error that holds the key.
    assert.equal(await diagnoseIn(page, ERROR), "invalid_key");
    typed.error = ERROR;

    // 2. Sanitize a curl with the key; "Check this key" moves it into the key field.
    await showTab(page, "sanitize");
    await page.fill('[data-testid="request-input"]', CURL);
    typed.request = CURL;
    await page.waitForSelector('[data-testid="sanitize-result"][data-state="done"]');
    const copy = await page.inputValue('[data-testid="sanitized-request"]');
    assert.deepEqual(piecesIn(copy, KEY), [], "the sanitized copy holds a piece of the key");
    await page.click('[data-testid="check-found-key"]');
    // The header's value goes to the key field (a password field), scheme and all.
    assert.equal(await page.inputValue('[data-testid="key-input"]'), `Bearer ${KEY}`);
    await page.waitForSelector('[data-testid="key-findings"] [data-finding]');
    await page.click('[data-testid="sanitized-copy"]');
    await page.waitForSelector('#kd-panel-sanitize .kd-copy-status:has-text("copied")');

    // 3. Check the connection against the gateway (another origin), then the smoke test.
    await showTab(page, "connection");
    assert.equal(await page.inputValue('[data-testid="probe-key-input"]'), `Bearer ${KEY}`, "one key for the page");
    const { state, checks: c } = await runProbe(page, base, { warm: 2 });
    assert.equal(state, "done");
    assert.equal(c.read.outcome, "auth_required");
    for (const check of Object.values(c)) assert.deepEqual(piecesIn(check.curl, KEY), []);
    const smoke = await runSmoke(page, { key: KEY, kind: "models" });
    assert.equal(smoke.outcome, "key_works");
    assert.match(smoke.curl, /\$API_KEY/);
    const chat = await runSmoke(page, { key: KEY, kind: "chat" });
    assert.equal(chat.outcome, "key_works");
    const log = await gw.log();
    assert.ok(log.some((r) => r.path.endsWith("/cors/tao/v1/models")), JSON.stringify(log));

    // 4. The bundle: preview, copy, download (Markdown and JSON).
    await showTab(page, "bundle");
    await page.waitForSelector('[data-testid="bundle-preview"]');
    await page.fill('[data-testid="bundle-key-name"]', "prod-backend");
    await page.waitForFunction(() => /prod-backend/.test(kd('[data-testid="bundle-preview"]').value));
    const preview = await page.inputValue('[data-testid="bundle-preview"]');
    assert.match(preview, /invalid_key/);
    assert.deepEqual(piecesIn(preview, KEY), []);
    await page.click('[data-testid="bundle-copy"]');
    await page.waitForSelector('[data-testid="bundle-status"][data-outcome="copied"]');
    const clip = await page.evaluate(() => navigator.clipboard.readText());
    assert.equal(clip, preview);
    for (const format of ["md", "json"]) {
      await page.click(`[data-testid="bundle-format-${format}"]`);
      await page.waitForSelector(`[data-testid="bundle-preview"][data-format="${format}"]`);
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.click('[data-testid="bundle-download"]'),
      ]);
      const saved = readFileSync(await download.path(), "utf8");
      assert.ok(saved.length > 200, `${format}: ${saved.length} bytes`);
      assert.deepEqual(piecesIn(saved, KEY), [], `the downloaded .${format} holds a piece of the key`);
    }
    await page.waitForSelector('[data-testid="bundle-status"][data-outcome="downloaded"]');
    await page.screenshot({ path: join(ARTIFACTS, "privacy-session.png"), fullPage: true });
  });

  test("every request went to the page's origin or under the chosen base URL; no worker", async () => {
    await b.page.waitForLoadState("networkidle");
    const seen = b.requests.filter((r) => !/^(data|blob):/.test(r.url));
    const views = new Set(seen.map((r) => r.via));
    for (const via of ["page", "context", "cdp"]) assert.ok(views.has(via), `no request seen by ${via}`);
    const elsewhere = seen.filter((r) => new URL(r.url).origin !== pageOrigin && !r.url.startsWith(`${base}/`));
    assert.deepEqual(elsewhere, [], "requests outside the page's origin and the base URL");
    // The gateway was called (the check works), and only the smoke test sent the key.
    const toGateway = seen.filter((r) => r.url.startsWith(`${base}/`));
    assert.ok(toGateway.length >= 5, `${toGateway.length} requests to the base URL`);
    const withKey = toGateway.filter((r) => JSON.stringify(r.headers).includes(KEY));
    assert.ok(withKey.length >= 2, "the smoke tests sent the key");
    assert.ok(withKey.every((r) => /\/(models|chat\/completions)$/.test(r.url)), JSON.stringify(withKey));
    // Nothing sent to the page's own server carries the key either (it serves files only).
    const own = seen.filter((r) => new URL(r.url).origin === pageOrigin);
    assert.deepEqual(own.filter((r) => piecesIn(JSON.stringify(r), KEY).length), []);
    // No URL carries any piece of the key, anywhere.
    assert.deepEqual(seen.filter((r) => piecesIn(r.url, KEY).length), []);
    // Blob URLs (the downloads) are this page's own.
    for (const r of b.requests.filter((r) => r.url.startsWith("blob:"))) {
      assert.ok(r.url.startsWith(`blob:${pageOrigin}/`), r.url);
    }
    assert.deepEqual(b.workers, [], "a worker could send requests the page does not see");
    assert.deepEqual(b.context.serviceWorkers(), []);
  });

  test("no piece of the key in storage, cookies, IndexedDB, caches, URL, history, title, console", async () => {
    const { page } = b;
    const places = await page.evaluate(async () => {
      const dump = (s) => Object.fromEntries(Array.from({ length: s.length }, (_, i) => [s.key(i), s.getItem(s.key(i))]));
      const idb = [];
      for (const info of await indexedDB.databases()) {
        const db = await new Promise((ok, fail) => {
          const r = indexedDB.open(info.name);
          r.onsuccess = () => ok(r.result);
          r.onerror = () => fail(r.error);
        });
        for (const store of db.objectStoreNames) {
          const all = await new Promise((ok) => {
            const r = db.transaction(store).objectStore(store).getAll();
            r.onsuccess = () => ok(r.result);
          });
          idb.push({ db: info.name, store, all });
        }
        db.close();
      }
      const cached = [];
      for (const name of await caches.keys()) {
        const cache = await caches.open(name);
        for (const req of await cache.keys()) {
          cached.push({ name, url: req.url, body: await (await cache.match(req)).text() });
        }
      }
      return {
        localStorage: JSON.stringify(dump(localStorage)),
        sessionStorage: JSON.stringify(dump(sessionStorage)),
        documentCookie: document.cookie,
        indexedDB: JSON.stringify({ names: (await indexedDB.databases()).map((d) => d.name), idb }),
        cacheStorage: JSON.stringify(cached),
        href: location.href,
        historyState: JSON.stringify(history.state),
        historyLength: String(history.length),
        historyEntries: JSON.stringify(globalThis.navigation?.entries().map((e) => e.url) ?? []),
        title: document.title,
        windowName: window.name,
        resourceTimingNames: JSON.stringify(performance.getEntries().map((e) => e.name)),
      };
    });
    places.cookies = JSON.stringify(await b.context.cookies());
    places.console = b.consoleLines.join("\n");
    const found = Object.entries(places)
      .map(([where, text]) => [where, piecesIn(text, KEY)])
      .filter(([, pieces]) => pieces.length);
    assert.deepEqual(found, [], "pieces of the key found");
    // The app stores nothing at all.
    assert.equal(places.localStorage, "{}");
    assert.equal(places.sessionStorage, "{}");
    assert.equal(places.cookies, "[]");
    assert.equal(places.indexedDB, '{"names":[],"idb":[]}');
    assert.equal(places.cacheStorage, "[]");
    assert.equal(places.href, site.url);
    console.log(`history: ${places.historyLength} entries, seen ${places.historyEntries}`);
  });

  test("the DOM shows the key nowhere: only the password fields' values and the user's own text hold it", async () => {
    const fields = await b.page.evaluate(() => {
      const out = [];
      for (const host of document.querySelectorAll("[data-keydoctor]")) {
        for (const el of host.shadowRoot.querySelectorAll("input, textarea, select")) {
          out.push({
            id: el.dataset.testid ?? el.id ?? el.tagName,
            type: el.type,
            value: el.value,
            placeholder: el.placeholder ?? "",
            title: el.title ?? "",
          });
        }
      }
      return out;
    });
    const passwords = fields.filter((f) => f.type === "password");
    assert.ok(passwords.length >= 2, "the key fields are password fields");
    for (const f of passwords) assert.ok(["", KEY, `Bearer ${KEY}`].includes(f.value), f.id);
    const leaks = [];
    for (const f of fields) {
      if (f.type === "password") continue;
      // The user's own text, exactly as they typed it, may hold what they typed.
      if (f.id === "error-input" && f.value === typed.error) continue;
      if (f.id === "request-input" && f.value === typed.request) continue;
      const pieces = piecesIn(`${f.value}\n${f.placeholder}\n${f.title}`, KEY);
      if (pieces.length) leaks.push(`${f.id}: ${pieces[0]}`);
    }
    assert.deepEqual(leaks, [], "a field shows a piece of the key");
    // The markup (every attribute, every text node), the text a user sees, and the page title.
    const markup = await b.page.evaluate(() =>
      [...document.querySelectorAll("[data-keydoctor]")].map((h) => h.shadowRoot.innerHTML).join("\n") +
      document.documentElement.outerHTML,
    );
    assert.deepEqual(piecesIn(markup, KEY), [], "the DOM's markup holds a piece of the key");
    for (const id of ["diagnose", "sanitize", "connection", "bundle"]) {
      await showTab(b.page, id);
      const text = await b.page.locator(`#kd-panel-${id}`).innerText();
      assert.deepEqual(piecesIn(text, KEY), [], `panel ${id} shows a piece of the key`);
    }
  });

  test("the Content-Security-Policy forbids inline and eval'd script and `*` connects; nothing violated it", async () => {
    const policy = await b.page.evaluate(
      () => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.content ?? "",
    );
    assert.ok(policy, "index.html has a Content-Security-Policy meta");
    assert.ok(!policy.includes("__KD_SCRIPT_HASHES__"), "the build filled in the script hashes");
    const csp = parsePolicy(policy);
    assert.deepEqual(csp["default-src"], ["'none'"]);
    const scripts = csp["script-src"] ?? csp["default-src"];
    for (const bad of ["'unsafe-inline'", "'unsafe-eval'", "*", "http:", "https:", "data:", "blob:"]) {
      assert.ok(!scripts.includes(bad), `script-src allows ${bad}`);
    }
    assert.ok(scripts.some((t) => t.startsWith("'sha256-")), "inline loader allowed by hash only");
    assert.ok(!(csp["style-src"] ?? []).includes("'unsafe-inline'"), "style-src allows inline style");
    const connect = csp["connect-src"] ?? csp["default-src"];
    assert.ok(!connect.includes("*"), `connect-src allows everything: ${connect}`);
    assert.ok(!connect.some((t) => /^\*|:\/\/\*$/.test(t)), `connect-src has a wildcard: ${connect}`);
    for (const d of ["base-uri", "form-action"]) assert.deepEqual(csp[d], ["'none'"], d);
    assert.equal(csp["frame-src"] ?? csp["default-src"]?.[0], "'none'");

    // Nothing in the whole session violated the policy...
    assert.deepEqual(await b.page.evaluate(() => window.__kdCsp), []);
    assert.deepEqual(b.pageErrors, []);
    // (The browser's own "Failed to load resource: 401" lines for the check's answers are fine.)
    assert.deepEqual(b.consoleLines.filter((l) => /Content Security Policy|Refused to/i.test(l)), []);
    // ...and the listener does hear one (an inline style attribute, blocked by style-src).
    await b.page.evaluate(() => document.body.setAttribute("style", "outline: 1px solid red"));
    await b.page.waitForFunction(() => window.__kdCsp.length > 0);
    const [v] = await b.page.evaluate(() => window.__kdCsp);
    assert.match(v.directive, /^style-src/);
  });
});
