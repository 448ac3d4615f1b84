// End-to-end tests of panel 2, "Sanitize a request and check the key", in headless Chromium:
// a real curl command with a key pasted, a HAR full of keys dropped as a file (small, and large
// enough to be redacted in slices), a binary file refused without losing the input, the file
// picker, the key lint corpus (tests/data/keylint.jsonl) through the key field, the reveal view,
// the base URL shared with the connection check, and no request leaving the page meanwhile.
// Needs dist/ (run `trunk build --release` first; `make test` does). Everything the tests use
// is made here or read from tests/data/: nothing outside the repository.
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { open } from "./browser.mjs";
import { serve } from "./server.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const DIST = process.env.KD_DIST ?? join(ROOT, "dist");
const INPUT = '[data-testid="request-input"]';
const OUT = '[data-testid="sanitized-request"]';
const RESULT = '[data-testid="sanitize-result"]';
const KEY = '[data-testid="key-input"]';
const HEADER = '[data-testid="key-header"]';
const BASE = '[data-testid="sanitize-base-url-input"]';

// --- fake secrets in real shapes (deterministic) ---------------------------------------------

let seed = 7;
const rand = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};
const AN = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const B64U = AN + "-_";
const rs = (n, al = B64U) => Array.from({ length: n }, () => al[Math.floor(rand() * al.length)]).join("");
const b64u = (s) => Buffer.from(s).toString("base64url");
const fakes = {
  openai: () => "sk-proj-" + rs(74) + "T3BlbkFJ" + rs(74),
  anthropic: () => "sk-ant-api03-" + rs(93) + "AA",
  google: () => "AIza" + rs(35),
  session: () => rs(48, AN),
  jwt: () =>
    b64u('{"alg":"HS256","typ":"JWT"}') +
    "." +
    b64u(JSON.stringify({ sub: "usr_" + rs(12, AN), iat: 1714554000 })) +
    "." +
    rs(43),
};

/** Public prefixes a placeholder may keep (`sk-ant-api03-…AbCd`). */
const PUBLIC = ["sk-proj-", "sk-ant-api03-", "AIza"];

/** The first 12-character piece of `secret` found in `text`, or null. Pieces that lie wholly
 *  inside a public prefix are allowed. Every 12-character window holds an aligned 6-character
 *  block, so only windows around a block that occurs are searched (fast on megabytes). */
function leak(text, secret, n = 12) {
  const prefix = PUBLIC.find((p) => secret.startsWith(p)) ?? "";
  const start = Math.max(0, prefix.length - n + 1);
  const half = n / 2;
  for (let b = 0; b + half <= secret.length; b += half) {
    if (!text.includes(secret.slice(b, b + half))) continue;
    for (let i = Math.max(start, b - half + 1); i <= b && i + n <= secret.length; i++) {
      const piece = secret.slice(i, i + n);
      if (text.includes(piece)) return piece;
    }
  }
  return null;
}

/** A HAR (Chrome's export shape) of `n` calls to LLM APIs, every one carrying secrets. */
function makeHar(n, { padding = 0 } = {}) {
  const secrets = [];
  const plant = (kind) => {
    const v = fakes[kind]();
    secrets.push(v);
    return v;
  };
  const entries = [];
  for (let i = 0; i < n; i++) {
    const kind = ["openai", "anthropic", "google"][i % 3];
    const key = plant(kind);
    const session = plant("session");
    const jwt = plant("jwt");
    const headers = [
      { name: "Content-Type", value: "application/json" },
      { name: "Cookie", value: `session=${session}; theme=dark` },
      { name: "X-Session-Token", value: jwt },
    ];
    let url = "https://api.openai.com/v1/chat/completions";
    if (kind === "openai") headers.push({ name: "Authorization", value: `Bearer ${key}` });
    if (kind === "anthropic") {
      url = "https://api.anthropic.com/v1/messages";
      headers.push({ name: "x-api-key", value: key });
    }
    if (kind === "google") {
      url = `https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent?key=${key}`;
    }
    const body = JSON.stringify({
      model: kind === "anthropic" ? "claude-sonnet-4-5" : "gpt-4o-mini",
      temperature: 0.3,
      messages: [{ role: "user", content: `Summarize report ${i}. ` + "x".repeat(padding) }],
    });
    const status = i % 4 === 1 ? 401 : 200;
    entries.push({
      startedDateTime: "2024-05-01T09:00:00.000Z",
      time: 120,
      request: {
        method: "POST",
        url,
        httpVersion: "HTTP/1.1",
        headers,
        queryString: kind === "google" ? [{ name: "key", value: key }] : [],
        cookies: [{ name: "session", value: session }],
        headersSize: -1,
        bodySize: body.length,
        postData: { mimeType: "application/json", text: body },
      },
      response: {
        status,
        statusText: status === 200 ? "OK" : "Unauthorized",
        httpVersion: "HTTP/1.1",
        headers: [{ name: "Set-Cookie", value: `session=${session}; Path=/; HttpOnly` }],
        cookies: [],
        content: {
          size: 40,
          mimeType: "application/json",
          text: JSON.stringify({ echo: `Bearer ${key}`, ok: status === 200 }),
        },
        redirectURL: "",
        headersSize: -1,
        bodySize: 40,
      },
      cache: {},
      timings: { send: 1, wait: 100, receive: 19 },
    });
  }
  const har = { log: { version: "1.2", creator: { name: "WebInspector", version: "537.36" }, pages: [], entries } };
  return { text: JSON.stringify(har, null, 1), secrets };
}

// --- page helpers ----------------------------------------------------------------------------

/** Replaces the request input's text the way a paste does (one `insertFromPaste` event). */
async function paste(page, text) {
  await page.$eval(
    INPUT,
    (el, t) => {
      el.value = t;
      el.dispatchEvent(new InputEvent("input", { bubbles: true, inputType: "insertFromPaste" }));
    },
    text,
  );
}

/** Drops a file with `content` (a string, or an array of byte values) on the request input. */
async function drop(page, name, content, type = "application/json") {
  const dt = await page.evaluateHandle(
    ([n, c, t]) => {
      const dt = new DataTransfer();
      const data = typeof c === "string" ? c : new Uint8Array(c);
      dt.items.add(new File([data], n, { type: t }));
      return dt;
    },
    [name, content, type],
  );
  await page.dispatchEvent(INPUT, "dragover", { dataTransfer: dt });
  await page.dispatchEvent(INPUT, "drop", { dataTransfer: dt });
}

/** Waits until the sanitized copy is for the current input, and returns it. */
async function sanitized(page, timeout = 30_000) {
  await page.waitForSelector(`${RESULT}[data-state="done"]`, { timeout });
  return page.inputValue(OUT);
}

/** The `data-finding` ids under `list`, sorted. */
const findingIds = (page, list) =>
  page.$$eval(`[data-testid="${list}"] [data-finding]`, (els) =>
    els.map((e) => e.getAttribute("data-finding")).sort(),
  );

/** Waits for the finding set under `list` to equal `want` (sorted); returns the last seen. */
async function findingsBecome(page, list, want) {
  let got;
  for (let i = 0; i < 50; i++) {
    got = await findingIds(page, list);
    if (JSON.stringify(got) === JSON.stringify(want)) return got;
    await page.waitForTimeout(10);
  }
  return got;
}

describe("sanitize a request and check the key", () => {
  let server;
  let b;
  /** Every request the page starts after it has loaded: none may happen while sanitizing. */
  const requests = [];

  before(async () => {
    assert.ok(existsSync(join(DIST, "index.html")), "dist/ is missing: run `trunk build --release`");
    server = await serve(DIST);
    b = await open(server.url);
    await b.page.waitForLoadState("networkidle");
    b.page.on("request", (r) => {
      if (!/^(blob|data):/.test(r.url())) requests.push(r.url());
    });
    await b.page.click("#kd-tab-sanitize");
    assert.equal(await b.page.isVisible(INPUT), true);
  });

  after(async () => {
    await b?.close();
    await server?.close();
  });

  test("a pasted curl command: the copy names URL, model and headers, holds no piece of the key", async () => {
    const key = fakes.openai();
    const curl = [
      "curl https://api.openai.com/v1/chat/completions \\",
      '  -H "Content-Type: application/json" \\',
      `  -H "Authorization: Bearer ${key}" \\`,
      '  -H "OpenAI-Project: proj_abc123" \\',
      `  -d '{"model": "gpt-4o-mini", "temperature": 0.2, "max_tokens": 256, "stream": false,`,
      `       "messages": [{"role": "user", "content": "Say hi to the support team"}]}'`,
    ].join("\n");
    await paste(b.page, curl);
    const out = await sanitized(b.page);
    assert.equal(leak(out, key), null, "a piece of the key survived");
    for (const want of [
      "https://api.openai.com/v1/chat/completions",
      "gpt-4o-mini",
      "Authorization",
      "Content-Type",
      "OpenAI-Project",
      "sk-proj-…",
      "temperature",
    ]) {
      assert.ok(out.includes(want), `the copy lost ${want}:\n${out}`);
    }
    // Prompts are replaced by their length unless the user opts in.
    assert.ok(!out.includes("Say hi to the support team"));
    assert.match(out, /\[prompt: \d+ chars\]/);
    assert.equal(await b.page.getAttribute('[data-testid="parsed-request"]', "data-kind"), "curl");
    const params = await b.page.innerText('[data-testid="request-params"]');
    for (const p of ["gpt-4o-mini", "temperature", "max_tokens"]) assert.ok(params.includes(p), params);
    const headers = await b.page.innerText('[data-testid="request-headers"]');
    assert.ok(headers.includes("Authorization") && leak(headers, key) === null, headers);
    assert.ok((await b.page.getAttribute('[data-testid="redactions"]', "data-count")) >= "1");
    // Raw text is kept for the bundle panel; the page shows no piece of the key anywhere.
    assert.equal(leak(await b.page.innerText("body"), key), null);

    // Opting in keeps the prompt, still without the key.
    await b.page.check('[data-testid="keep-prompts"]');
    const kept = await sanitized(b.page);
    assert.ok(kept.includes("Say hi to the support team"));
    assert.equal(leak(kept, key), null);
    await b.page.uncheck('[data-testid="keep-prompts"]');
    await sanitized(b.page);

    // "Check this key" moves the key into the key field (a password field) and lints it.
    await b.page.click('[data-testid="check-found-key"]');
    assert.equal(await b.page.getAttribute(KEY, "type"), "password");
    assert.equal(await b.page.inputValue(HEADER), "Authorization");
    assert.deepEqual(await findingsBecome(b.page, "key-findings", ["ok"]), ["ok"]);
    assert.equal(leak(await b.page.innerText("body"), key), null);
    assert.equal(leak(await b.page.content(), key), null, "the key is in the DOM's HTML");
  });

  test("pasted markup stays text", async () => {
    await paste(b.page, `<img src=x onerror="document.body.dataset.pwned=1"><b id="kd-sz-injected">x</b>`);
    await sanitized(b.page);
    assert.equal(await b.page.locator("#kd-sz-injected").count(), 0);
    assert.equal(await b.page.evaluate(() => document.body.dataset.pwned ?? null), null);
  });

  test("a dropped HAR full of keys: every key gone, valid JSON with every entry, download too", async () => {
    const { text, secrets } = makeHar(12);
    await drop(b.page, "session.har", text);
    const out = await sanitized(b.page);
    const har = JSON.parse(out);
    assert.equal(har.log.entries.length, 12);
    for (const s of secrets) assert.equal(leak(out, s), null, `a piece of ${s.slice(0, 6)}… survived`);
    assert.equal(har.log.entries[0].request.postData.mimeType, "application/json");
    // The file is named with its size; the parsed view shows the failing entry first.
    const file = await b.page.innerText('[data-testid="request-file"]');
    assert.ok(file.includes("session.har") && /kB/.test(file), file);
    assert.equal(await b.page.getAttribute('[data-testid="parsed-request"]', "data-kind"), "har");
    assert.match(await b.page.innerText('[data-testid="har-summary"]'), /12 entries, 3 failing/);
    assert.equal(leak(await b.page.content(), secrets[0]), null);

    const [download] = await Promise.all([
      b.page.waitForEvent("download"),
      b.page.click('[data-testid="sanitized-download"]'),
    ]);
    assert.equal(download.suggestedFilename(), "session.sanitized.har");
    const saved = readFileSync(await download.path(), "utf8");
    assert.equal(JSON.parse(saved).log.entries.length, 12);
    for (const s of secrets) assert.equal(leak(saved, s), null);
  });

  test("a 2 MB HAR is sanitized in slices, with progress, and stays a valid HAR", async () => {
    const { text, secrets } = makeHar(400, { padding: 4000 });
    assert.ok(text.length > 1_500_000, `${text.length} bytes`);
    await drop(b.page, "big.har", text);
    const out = await sanitized(b.page, 60_000);
    assert.equal(JSON.parse(out).log.entries.length, 400);
    for (const s of secrets) assert.equal(leak(out, s), null);
    const longest = Number(await b.page.getAttribute(OUT, "data-longest-ms"));
    console.log(`2 MB HAR: ${await b.page.getAttribute(OUT, "data-elapsed-ms")} ms, longest slice ${longest} ms`);
  });

  test("a binary file is refused with a clear message and the input is kept", async () => {
    await paste(b.page, "curl https://api.example.com/v1/models");
    await sanitized(b.page);
    await drop(b.page, "photo.png", [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 255, 254], "image/png");
    const problem = b.page.locator('[data-testid="request-file-problem"]');
    await problem.waitFor();
    assert.match(await problem.innerText(), /photo\.png .*not UTF-8 text.*what was here is kept/s);
    assert.equal(await b.page.inputValue(INPUT), "curl https://api.example.com/v1/models");
    assert.equal(await b.page.getAttribute(RESULT, "data-state"), "done");
  });

  test("a file over 100 MB is refused with its size, and the input is kept", async () => {
    await paste(b.page, "curl https://api.example.com/v1/models");
    await sanitized(b.page);
    const dt = await b.page.evaluateHandle(() => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(100_000_001)], "huge.har", { type: "application/json" }));
      return dt;
    });
    await b.page.dispatchEvent(INPUT, "drop", { dataTransfer: dt });
    const problem = b.page.locator('[data-testid="request-file-problem"]');
    await problem.waitFor();
    assert.match(await problem.innerText(), /huge\.har is 100\.0 MB: above the 100\.0 MB limit/);
    assert.equal(await b.page.inputValue(INPUT), "curl https://api.example.com/v1/models");
    assert.equal(await b.page.getAttribute(RESULT, "data-state"), "done");
  });

  test("the file picker loads a file like a drop", async () => {
    const key = fakes.anthropic();
    await b.page.setInputFiles('[data-testid="request-file-input"]', {
      name: "anthropic.env",
      mimeType: "text/plain",
      buffer: Buffer.from(`ANTHROPIC_API_KEY=${key}\nANTHROPIC_BASE_URL=https://api.anthropic.com\n`),
    });
    const out = await sanitized(b.page);
    assert.equal(leak(out, key), null);
    assert.ok(out.includes("ANTHROPIC_API_KEY="), out);
    assert.equal(await b.page.getAttribute('[data-testid="parsed-request"]', "data-kind"), "env");
    assert.match(await b.page.innerText('[data-testid="request-file"]'), /anthropic\.env/);
  });

  test("key lint corpus through the key field: exact finding sets", async () => {
    const cases = readFileSync(join(ROOT, "tests/data/keylint.jsonl"), "utf8")
      .split("\n")
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l))
      // A single-line input drops line breaks from its value (HTML value sanitization), so
      // keys with a newline can't reach the lint through it: those are tested natively.
      .filter((c) => !/[\r\n]/.test(c.key_or_header));
    assert.ok(cases.length >= 10, `${cases.length} cases`);
    const misses = [];
    for (const c of cases) {
      await b.page.fill(BASE, c.target_base_url ?? "");
      await b.page.fill(HEADER, c.header_name ?? "");
      await b.page.fill(KEY, c.key_or_header);
      const want = [...new Set(c.expected_findings)].sort();
      const got = await findingsBecome(b.page, "key-findings", want);
      if (JSON.stringify(got) !== JSON.stringify(want)) misses.push(`${c.id}: got ${got}, want ${want}`);
    }
    console.log(`key lint in the page: ${cases.length - misses.length}/${cases.length} exact`);
    assert.deepEqual(misses, []);
    // Each finding carries its sentence and its fix.
    await b.page.fill(KEY, "sk-proj-abcdefghijklmnopqrstuvwxyz0123456789ABCD ");
    await findingsBecome(b.page, "key-findings", ["leading_or_trailing_whitespace"]);
    const item = b.page.locator('[data-finding="leading_or_trailing_whitespace"]');
    assert.match(await item.innerText(), /starts or ends with a space[\s\S]*Remove the whitespace/);
  });

  test("reveal shows invisible characters as marks, never the key", async () => {
    const key = fakes.openai();
    await b.page.fill(HEADER, "");
    await b.page.fill(BASE, "");
    await b.page.fill(KEY, `${key.slice(0, 30)}\u200b${key.slice(30)} `);
    const reveal = b.page.locator('[data-testid="key-reveal"]');
    assert.equal(await reveal.isVisible(), false);
    await b.page.click('[data-testid="key-reveal-toggle"]');
    await reveal.waitFor();
    const marks = await reveal.locator("[data-mark]").evaluateAll((els) => els.map((e) => e.dataset.mark));
    assert.deepEqual(marks, ["zero-width space", "space"]);
    assert.equal(leak(await reveal.innerText(), key, 8), null);
    assert.deepEqual(
      await findingsBecome(b.page, "key-findings", ["invisible_character", "leading_or_trailing_whitespace"]),
      ["invisible_character", "leading_or_trailing_whitespace"],
    );
    await b.page.click('[data-testid="key-reveal-toggle"]');
    assert.equal(await reveal.isVisible(), false);
  });

  test("the base URL is the connection check's, with its lint", async () => {
    await b.page.fill(KEY, "");
    await b.page.fill(BASE, "https://api.openai.com/v1/chat/completions");
    const ids = await findingIds(b.page, "base-url-findings");
    assert.ok(ids.includes("endpoint_path_as_base"), ids.join());
    assert.equal(await b.page.inputValue('[data-testid="base-url-input"]'), "https://api.openai.com/v1/chat/completions");
    await b.page.fill(BASE, "");
    assert.deepEqual(await findingIds(b.page, "base-url-findings"), []);
  });

  test("nothing left the page: no request, no page error, no console error", () => {
    assert.deepEqual(requests, []);
    assert.deepEqual(b.foreign, []);
    assert.deepEqual(b.problems, []);
  });
});
