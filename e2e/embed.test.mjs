// End-to-end tests of embedding (README, Embed) against the release build: the example host
// page (examples/host, served at /host/) embeds two widgets under hostile CSS and a strict
// Content-Security-Policy; each must render in its own shadow root, work, honour its
// configuration (brand, locale, theme, panels, presets, support contact, catalog), and leave
// the host page alone. Also: a bad configuration, the #error= link, the browser's language,
// and a host whose CSP forbids wasm. Screenshots go to e2e/artifacts/.
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { after, before, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { ARGS, CHROMIUM, open } from "./browser.mjs";
import { serve } from "./server.mjs";

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, "..");
const DIST = process.env.KD_DIST ?? join(ROOT, "dist");
const ARTIFACTS = join(HERE, "artifacts");
const EN = "#help-widget";
const ZH = "#help-widget-zh";

// Test pages served beside the build: a host with a bad configuration, and a host whose CSP
// has no 'wasm-unsafe-eval'.
const STRICT = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self'";
const page = (csp, body) => `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}"><title>host</title>
<script type="module" src="/keydoctor.js"></script></head><body>${body}</body></html>`;
const PAGES = {
  "/bad.html": page(
    STRICT,
    `<div id="bad" data-keydoctor data-theme="blue" data-panels="tarot" data-locale="fr"
      data-support="call us" data-colour="red" data-catalog="[{oops"></div>
     <div id="far" data-keydoctor data-config="https://elsewhere.example/kd.json"></div>
     <div id="missing" data-keydoctor data-config="/nope.json" data-brand="Still here"></div>
     <div id="slow" data-keydoctor data-config="/hang.json" data-locale="zh-CN"></div>`,
  ),
  // A configuration URL that never answers.
  "/hang.json": () => {},
  // A client-rendered docs page: the element appears after the widget's code has started.
  "/late.html": page(STRICT, `<div id="first" data-keydoctor></div><script type="module" src="/late.js"></script>`),
  "/late.js": `setTimeout(() => {
    const el = document.createElement("section");
    el.innerHTML = '<div id="later" data-keydoctor data-locale="zh-CN" data-panels="diagnose"></div>';
    document.body.append(el);
  }, 300);`,
  "/nowasm.html": page(
    "default-src 'none'; script-src 'self'; connect-src 'self'",
    `<div id="w" data-keydoctor></div>`,
  ),
};

/** Records CSP violations in every page of the context. */
async function watchCsp(context) {
  await context.addInitScript(() => {
    window.__csp = [];
    document.addEventListener("securitypolicyviolation", (e) =>
      window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
}

/** The widgets' shadow roots are open and hold the app. */
async function widgets(p) {
  return p.evaluate(() =>
    [...document.querySelectorAll("[data-keydoctor]")].map((el) => ({
      id: el.id,
      shadow: !!el.shadowRoot,
      tabs: el.shadowRoot ? el.shadowRoot.querySelectorAll('[role="tab"]').length : 0,
      lang: el.shadowRoot?.querySelector(".kd")?.getAttribute("lang") ?? null,
      brand: el.shadowRoot?.querySelector('[data-testid="brand"]')?.textContent ?? null,
      notes: [...(el.shadowRoot?.querySelectorAll('[data-testid="config-ignored"] li') ?? [])].map(
        (li) => li.dataset.setting,
      ),
      text: el.shadowRoot ? "" : el.textContent,
    })),
  );
}

describe("embedding", () => {
  let server;

  before(async () => {
    assert.ok(existsSync(join(DIST, "host/index.html")), "dist/host is missing: run `trunk build --release`");
    assert.ok(existsSync(join(DIST, "keydoctor.js")), "dist/keydoctor.js is missing (Trunk hook)");
    mkdirSync(ARTIFACTS, { recursive: true });
    server = await serve(DIST, { pages: PAGES });
  });

  after(async () => {
    await server?.close();
  });

  describe("the example host page", () => {
    let b;

    before(async () => {
      b = await open(`${server.url}host/`);
      await watchCsp(b.context);
      await b.page.reload();
      await b.page.waitForSelector(`${ZH} [data-testid="diagnosis"]`);
    });

    after(async () => {
      await b?.close();
    });

    test("the snippet in the README is the one the example page uses", () => {
      const readme = readFileSync(join(ROOT, "README.md"), "utf8");
      const host = readFileSync(join(ROOT, "examples/host/index.html"), "utf8");
      const csp = host.match(/http-equiv="Content-Security-Policy"\s+content="([^"]+)"/)[1];
      assert.ok(readme.includes(csp), "README's embed section must show the example's CSP");
      assert.ok(readme.includes('<script type="module" src='), "README shows the script tag");
      assert.ok(readme.includes("data-keydoctor"), "README shows the element");
    });

    test("both widgets render in their own shadow roots, with no error and no CSP violation", async () => {
      const w = await widgets(b.page);
      assert.deepEqual(
        w.map((x) => [x.id, x.shadow, x.tabs, x.lang]),
        [
          ["help-widget", true, 4, "en"],
          ["help-widget-zh", true, 2, "zh-CN"],
        ],
      );
      assert.deepEqual(b.problems, []);
      assert.deepEqual(await b.page.evaluate(() => window.__csp), []);
      assert.deepEqual(b.foreign, []);
      await b.page.screenshot({ path: join(ARTIFACTS, "embed-host.png"), fullPage: true });
    });

    test("the host's hostile CSS reaches neither widget, and the widget's CSS stays inside", async () => {
      for (const id of [EN, ZH]) {
        const area = b.page.locator(`${id} [data-testid="error-input"]`);
        assert.equal(await area.isVisible(), true, `${id}: the text area is visible`);
        const box = await area.boundingBox();
        assert.ok(box.width > 200 && box.height > 100, `${id}: the text area has its size`);
        const style = await area.evaluate((el) => {
          const s = getComputedStyle(el);
          return { transform: s.textTransform, color: s.color, bg: s.backgroundColor };
        });
        assert.equal(style.transform, "none", `${id}: no uppercase from the host`);
        assert.notEqual(style.color, "rgb(255, 0, 0)");
        assert.notEqual(style.bg, "rgb(255, 255, 0)");
        assert.equal(await b.page.locator(`${id} [role="tab"]`).first().isVisible(), true);
      }
      // The host's own element with our class names keeps the host's rule (hidden), and the
      // host's heading keeps the host's font: our styles did not leak out.
      const host = await b.page.evaluate(() => ({
        p: getComputedStyle(document.querySelector("article > p")).display,
        h1: getComputedStyle(document.querySelector("h1")).fontFamily,
      }));
      assert.equal(host.p, "none");
      assert.match(host.h1, /Georgia/);
    });

    test("the configuration is honoured: brand, panels, theme, colours, presets, contact", async () => {
      const w = await widgets(b.page);
      assert.match(w[0].brand, /ToRouter API doctor/);
      assert.match(w[1].brand, /ToRouter 接口诊断/);
      assert.deepEqual(w.map((x) => x.notes), [[], []]);
      // Widget 2: Diagnose and Connection only, dark; widget 1: light with the host's accent.
      const zhTabs = await b.page.locator(`${ZH} [role="tab"]`).allInnerTexts();
      assert.deepEqual(zhTabs, ["诊断报错", "检查连接"]);
      assert.equal(await b.page.getAttribute(ZH, "data-kd-theme"), "dark");
      const bg = (id) =>
        b.page.locator(`${id} .kd`).evaluate((el) => getComputedStyle(el).backgroundColor);
      const dark = (rgb) => rgb.match(/\d+/g).slice(0, 3).reduce((a, c) => a + Number(c), 0) < 150;
      assert.ok(dark(await bg(ZH)), `dark background, got ${await bg(ZH)}`);
      assert.ok(!dark(await bg(EN)), `light background, got ${await bg(EN)}`);
      const accent = await b.page
        .locator(`${EN} .kd-logo`)
        .evaluate((el) => getComputedStyle(el).backgroundColor);
      assert.equal(accent, "rgb(122, 31, 92)", "the host's --kd-accent reaches the widget");
      // The host's preset comes first in the provider menu.
      await b.page.click(`${ZH} [role="tab"]:has-text("检查连接")`);
      const first = await b.page
        .locator(`${ZH} [data-testid="base-url-preset"] option`)
        .first()
        .innerText();
      assert.equal(first, "ToRouter");
      await b.page.selectOption(`${ZH} [data-testid="base-url-preset"]`, { index: 0 });
      assert.equal(
        await b.page.locator(`${ZH} [data-testid="base-url-input"]`).inputValue(),
        "https://api.torouter.example/v1",
      );
      // Widget 1's support contact is shown by its bundle panel.
      await b.page.click(`${EN} #kd-tab-bundle`);
      assert.match(
        await b.page.locator(`${EN} [data-testid="bundle-contact"]`).innerText(),
        /support@torouter\.example/,
      );
      await b.page.click(`${EN} #kd-tab-diagnose`);
      await b.page.click(`${ZH} [role="tab"]:has-text("诊断报错")`);
    });

    test("each widget works on its own, and the custom catalog decides its codes", async () => {
      const diagnose = async (id, text) => {
        await b.page.fill(`${id} [data-testid="error-input"]`, text);
        const d = b.page.locator(`${id} [data-testid="diagnosis"][aria-busy="false"]`);
        await d.waitFor();
        return { category: await d.getAttribute("data-category"), text: await d.innerText() };
      };
      const disabled = 'HTTP 403 {"error":{"code":"API_KEY_DISABLED","message":"forbidden"}}';
      const en = await diagnose(EN, disabled);
      assert.equal(en.category, "key_revoked");
      assert.match(en.text, /This ToRouter key was disabled/);
      // Widget 2 is untouched by widget 1's input.
      assert.equal(await b.page.locator(`${ZH} [data-testid="error-input"]`).inputValue(), "");
      const zh = await diagnose(ZH, '{"error":{"code":"BALANCE_EMPTY","message":"余额不足"}}');
      assert.equal(zh.category, "quota_exhausted");
      assert.match(zh.text, /账户余额不足/);
      // A built-in category's checklist in Chinese.
      const revoked = await diagnose(ZH, disabled);
      assert.equal(revoked.category, "key_revoked");
      assert.match(revoked.text, /密钥/);
      // Events: the keyboard moves between widget 2's tabs.
      await b.page.focus(`${ZH} [role="tab"][aria-selected="true"]`);
      await b.page.keyboard.press("ArrowRight");
      assert.equal(
        await b.page.locator(`${ZH} [role="tab"][aria-selected="true"]`).innerText(),
        "检查连接",
      );
      await b.page.keyboard.press("ArrowLeft");
      await b.page.screenshot({ path: join(ARTIFACTS, "embed-host-used.png"), fullPage: true });
      // `make screenshot` also refreshes the README's picture of the example host page.
      if (process.env.KD_SCREENSHOT) {
        await b.page.setViewportSize({ width: 1100, height: 900 });
        await b.page.screenshot({ path: join(dirname(process.env.KD_SCREENSHOT), "embed.png"), fullPage: true });
        await b.page.setViewportSize({ width: 1280, height: 900 });
      }
      assert.deepEqual(b.problems, []);
      assert.deepEqual(await b.page.evaluate(() => window.__csp), []);
    });
  });

  test("a bad configuration renders the widget with defaults and names each ignored setting", async () => {
    const b = await open(`${server.url}bad.html`);
    try {
      await b.page.waitForSelector('#missing [data-testid="diagnosis"]');
      const w = await widgets(b.page);
      const bad = w.find((x) => x.id === "bad");
      assert.equal(bad.tabs, 4, "all panels, the default");
      assert.equal(bad.lang, "en");
      assert.deepEqual(
        [...bad.notes].sort(),
        ["data-catalog", "data-colour", "data-locale", "data-panels", "data-panels", "data-support", "data-theme"],
      );
      const far = w.find((x) => x.id === "far");
      assert.deepEqual([far.tabs, far.notes], [4, ["data-config"]]);
      const missing = w.find((x) => x.id === "missing");
      assert.deepEqual([missing.tabs, missing.notes], [4, ["data-config"]]);
      assert.match(missing.brand, /Still here/);
      // The one whose configuration never arrives starts with its attributes after a while.
      await b.page.waitForSelector('#slow [data-testid="diagnosis"]', { timeout: 10_000 });
      const slow = (await widgets(b.page)).find((x) => x.id === "slow");
      assert.deepEqual([slow.tabs, slow.lang, slow.notes], [4, "zh-CN", ["data-config"]]);
      assert.deepEqual(b.foreign, [], "a config URL on another origin is never requested");
      await b.page.screenshot({ path: join(ARTIFACTS, "embed-bad-config.png"), fullPage: true });
    } finally {
      await b.close();
    }
  });

  test("a widget added to the page later (client-side rendering) is mounted too", async () => {
    const b = await open(`${server.url}late.html`);
    try {
      await b.page.waitForSelector('#later [data-testid="diagnosis"]');
      const w = await widgets(b.page);
      assert.deepEqual(
        w.map((x) => [x.id, x.tabs, x.lang]),
        [
          ["first", 4, "en"],
          ["later", 1, "zh-CN"],
        ],
      );
      assert.deepEqual(b.problems, []);
    } finally {
      await b.close();
    }
  });

  test("a #error= link fills the first widget's error, redacted, and leaves the address bar", async () => {
    const key = "sk-proj-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcdEF";
    const error = `Error code: 401 - {'error': {'message': 'Incorrect API key provided: ${key}', 'code': 'invalid_api_key'}}`;
    const b = await open(`${server.url}host/#error=${encodeURIComponent(error)}`);
    try {
      const d = b.page.locator(`${EN} [data-testid="diagnosis"][aria-busy="false"]`);
      await d.waitFor();
      assert.equal(await d.getAttribute("data-category"), "invalid_key");
      const shown = await b.page.locator(`${EN} [data-testid="error-input"]`).inputValue();
      assert.match(shown, /Incorrect API key provided/);
      assert.ok(!shown.includes(key.slice(8, 20)), "the key in the link is redacted");
      assert.equal(await b.page.locator(`${ZH} [data-testid="error-input"]`).inputValue(), "");
      const url = await b.page.evaluate(() => location.href);
      assert.ok(!url.includes("#"), `the fragment is gone: ${url}`);
      assert.ok(!url.includes(key.slice(0, 12)));
    } finally {
      await b.close();
    }
  });

  test("the system's colour scheme picks light or dark, and the host's colours win in both", async () => {
    const b = await open(`${server.url}host/`);
    try {
      const bg = (id) =>
        b.page.locator(`${id} .kd`).evaluate((el) => getComputedStyle(el).backgroundColor);
      const accent = () =>
        b.page.locator(`${EN} .kd-logo`).evaluate((el) => getComputedStyle(el).backgroundColor);
      const sum = (rgb) => rgb.match(/\d+/g).slice(0, 3).reduce((a, c) => a + Number(c), 0);
      // Widget 1 fixes light by configuration: unchanged by the system's scheme.
      await b.page.emulateMedia({ colorScheme: "dark" });
      assert.ok(sum(await bg(EN)) > 600, "data-theme=light stays light");
      assert.equal(await accent(), "rgb(122, 31, 92)");
      // An element with no theme follows the system.
      await b.page.evaluate(() => document.querySelector("#help-widget").removeAttribute("data-kd-theme"));
      assert.ok(sum(await bg(EN)) < 150, "auto follows prefers-color-scheme: dark");
      assert.equal(await accent(), "rgb(122, 31, 92)", "the host's --kd-accent wins in dark too");
      await b.page.emulateMedia({ colorScheme: "light" });
      assert.ok(sum(await bg(EN)) > 600, "and light again");
    } finally {
      await b.close();
    }
  });

  test("the browser's language picks Chinese on the stand-alone page", async () => {
    const b = await open(server.url, { locale: "zh-CN" });
    try {
      const tabs = await b.page.locator('[role="tab"]').allInnerTexts();
      assert.deepEqual(tabs, ["诊断报错", "脱敏并检查密钥", "检查连接", "支持信息包"]);
      await b.page.screenshot({ path: join(ARTIFACTS, "embed-page-zh.png") });
    } finally {
      await b.close();
    }
  });

  test("a host whose CSP forbids wasm gets a message in the element, not a blank", async () => {
    // Not open(): it waits for a diagnosis panel, which never comes here.
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    try {
      const p = await browser.newPage();
      await p.goto(`${server.url}nowasm.html`);
      await p.waitForFunction(() => document.querySelector("#w").textContent.includes("could not start"));
      assert.match(await p.locator("#w").innerText(), /wasm-unsafe-eval/);
    } finally {
      await browser.close();
    }
  });
});
