// Accessibility of the built page, in headless Chromium:
// - axe-core (e2e/node_modules/axe-core, pinned in package.json) on every panel, empty and with
//   its results shown (a diagnosis, a sanitized request with the key findings and the reveal
//   view, the connection check's results and the smoke test's, the bundle preview), in the
//   light and the dark scheme: no `serious` or `critical` violation (all of them are printed);
// - the keyboard alone: Tab and Shift+Tab walk every panel, arrow keys, Home and End move
//   between the tabs, and every kind of control (tab, button, text field, checkbox, radio,
//   select, the file picker, the consent) is reached and operated without the mouse; every
//   control that takes focus shows it (its outline or box-shadow differs from unfocused);
// - results are announced: the diagnosis, the sanitize result, the connection check's results,
//   the smoke test and every copy status sit in an aria-live / role=status region.
// axe is injected with `page.evaluate(source)` (CDP's Runtime.evaluate is not subject to the
// page's script-src, which allows no inline script); the page's CSP stays on.
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { after, before, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { openRecorded, showTab } from "./browser.mjs";
import { startGateway, TEST_KEY } from "./gateway.mjs";
import { serve } from "./server.mjs";

const HERE = dirname(fileURLToPath(import.meta.url));
const DIST = process.env.KD_DIST ?? join(HERE, "..", "dist");
const ARTIFACTS = join(HERE, "artifacts");
const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

const CURL = [
  "curl https://api.openai.com/v1/chat/completions \\",
  '  -H "Content-Type: application/json" \\',
  `  -H "Authorization: Bearer sk-proj-${"Ab1Cd2Ef3Gh4".repeat(6)}" \\`,
  `  -d '{"model": "gpt-4o-mini", "temperature": 0.2, "messages": [{"role": "user", "content": "hi"}]}'`,
].join("\n");

/** Runs axe on the whole document (open shadow roots included); resolves to its violations. */
async function axe(page) {
  if (!(await page.evaluate(() => typeof window.axe?.run === "function"))) {
    await page.evaluate(AXE);
    assert.equal(await page.evaluate(() => typeof window.axe?.run), "function", "axe did not load");
  }
  return page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ["violations"] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => `${JSON.stringify(n.target)} ${n.failureSummary?.split("\n").slice(1).join(" ")}`),
    }));
  });
}

/** Prints every violation; fails on serious and critical ones. */
function assertNoSerious(where, violations) {
  for (const v of violations) {
    console.log(`axe ${where}: [${v.impact}] ${v.id}: ${v.help}\n  ${v.nodes.join("\n  ")}`);
  }
  const bad = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  assert.deepEqual(
    bad.map((v) => `${v.id}: ${v.nodes.join(" | ")}`),
    [],
    `${where}: serious or critical accessibility violations`,
  );
}

/** The focused element, through shadow roots: a description and whether its focus shows. */
async function focused(page) {
  return page.evaluate(() => {
    let a = document.activeElement;
    while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
    if (!a || a === document.body) return null;
    const look = (el) => {
      const s = getComputedStyle(el);
      return `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor} ${s.outlineOffset} | ${s.boxShadow}`;
    };
    const visible = (el) => {
      const s = getComputedStyle(el);
      return (s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== "none";
    };
    // A visually hidden control (the file input) shows its focus on its label.
    const r = a.getBoundingClientRect();
    const shower = r.width <= 1 || r.height <= 1 ? a.closest("label") ?? a : a;
    const now = look(shower);
    const before = shower.__kdUnfocused;
    const inWidget = a.getRootNode() instanceof ShadowRoot;
    return {
      id: a.dataset?.testid ?? (a.id || `${a.localName}${a.type ? `[${a.type}]` : ""}:${(a.textContent ?? "").trim().slice(0, 20)}`),
      tag: a.localName,
      type: a.type ?? "",
      role: a.getAttribute("role") ?? "",
      inWidget,
      shows: before !== undefined && before !== now && visible(shower),
      style: now,
      before,
    };
  });
}

/** Records every focusable control's unfocused look, to compare with its focused look. */
async function rememberUnfocused(page) {
  await page.evaluate(() => {
    let a = document.activeElement;
    while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
    a?.blur?.();
    const look = (el) => {
      const s = getComputedStyle(el);
      return `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor} ${s.outlineOffset} | ${s.boxShadow}`;
    };
    for (const host of document.querySelectorAll("[data-keydoctor]")) {
      for (const el of host.shadowRoot.querySelectorAll("button, input, textarea, select, a[href], [tabindex], label")) {
        el.__kdUnfocused = look(el);
      }
    }
  });
}

describe("accessibility", () => {
  let site;
  let gw;
  let b;

  before(async () => {
    assert.ok(existsSync(join(DIST, "index.html")), "dist/ is missing: run `trunk build --release`");
    mkdirSync(ARTIFACTS, { recursive: true });
    gw = await startGateway();
    site = await serve(DIST);
    b = await openRecorded(site.url, { allow: [gw.origin] });
    await b.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: new URL(site.url).origin });
    await b.page.goto(site.url);
    await b.page.waitForSelector('[data-testid="diagnosis"]', { timeout: 15_000 });
  });

  after(async () => {
    await b?.close();
    await site?.close();
    await gw?.close();
  });

  /** Presses `key` until the focused control matches `want` (a testid or a predicate). */
  const focusWalk = [];
  async function tabTo(want, { key = "Tab", max = 80 } = {}) {
    for (let i = 0; i < max; i++) {
      await b.page.keyboard.press(key);
      const f = await focused(b.page);
      if (f) focusWalk.push(f);
      if (f && (typeof want === "function" ? want(f) : f.id === want)) return f;
    }
    throw new Error(`${key} never reached ${want}`);
  }

  test("axe: every panel empty, then with its results shown, light and dark", async () => {
    const { page } = b;
    for (const id of ["diagnose", "sanitize", "connection", "bundle"]) {
      await showTab(page, id);
      assertNoSerious(`${id} (empty)`, await axe(page));
    }
    // axe does look inside the widget's shadow root: a nameless button there is reported.
    await page.evaluate(() => {
      const probe = document.createElement("button");
      probe.className = "kd-axe-probe";
      document.querySelector("[data-keydoctor]").shadowRoot.querySelector(".kd-main").append(probe);
    });
    const probe = await axe(page);
    await page.evaluate(() => document.querySelector("[data-keydoctor]").shadowRoot.querySelector(".kd-axe-probe").remove());
    assert.ok(
      probe.some((v) => v.id === "button-name" && v.impact === "critical" && v.nodes.some((n) => n.includes("kd-axe-probe"))),
      "axe did not see into the shadow root",
    );
    // A diagnosis.
    await showTab(page, "diagnose");
    await page.click('[data-testid="example"] >> nth=0');
    await page.waitForSelector('[data-testid="diagnosis"]:not([data-category="none"])');
    assertNoSerious("diagnose (a diagnosis)", await axe(page));
    // A sanitized request, the found key checked, the reveal view, the findings.
    await showTab(page, "sanitize");
    await page.fill('[data-testid="request-input"]', CURL);
    await page.waitForSelector('[data-testid="sanitize-result"][data-state="done"]');
    await page.click('[data-testid="check-found-key"]');
    await page.fill('[data-testid="sanitize-base-url-input"]', "https://api.openai.com/v1/chat/completions");
    await page.click('[data-testid="key-reveal-toggle"]');
    await page.waitForSelector('[data-testid="key-findings"] [data-finding]');
    assertNoSerious("sanitize (results)", await axe(page));
    await page.screenshot({ path: join(ARTIFACTS, "a11y-sanitize.png"), fullPage: true });
    // The connection check's results and the smoke test's.
    await showTab(page, "connection");
    await page.fill('[data-testid="base-url-input"]', `${gw.origin}/cors/tao/v1`);
    await page.fill('[data-testid="probe-warm-input"]', "3");
    await page.dispatchEvent('[data-testid="probe-warm-input"]', "change");
    await page.click('[data-testid="probe-start"]');
    await page.waitForSelector('[data-testid="probe-results"][data-state="done"]', { timeout: 20_000 });
    await page.fill('[data-testid="probe-key-input"]', "sk-wrong-0000000000000000000000");
    await page.check('[data-testid="smoke-consent"]');
    await page.click('[data-testid="smoke-start"]');
    await page.waitForSelector('[data-testid="probe-check"][data-check="smoke"]', { timeout: 20_000 });
    await page.waitForSelector('[data-testid="probe-results"][data-state="done"]');
    assertNoSerious("connection (results)", await axe(page));
    await page.screenshot({ path: join(ARTIFACTS, "a11y-connection.png"), fullPage: true });
    // The bundle preview.
    await showTab(page, "bundle");
    await page.waitForSelector('[data-testid="bundle-preview"]');
    assertNoSerious("bundle (preview)", await axe(page));
    await page.screenshot({ path: join(ARTIFACTS, "a11y-bundle.png"), fullPage: true });
    // The dark scheme: the same panels, with their results.
    await page.emulateMedia({ colorScheme: "dark" });
    for (const id of ["diagnose", "sanitize", "connection", "bundle"]) {
      await showTab(page, id);
      assertNoSerious(`${id} (dark)`, await axe(page));
    }
    await page.screenshot({ path: join(ARTIFACTS, "a11y-dark.png"), fullPage: true });
    await page.emulateMedia({ colorScheme: "light" });
  });

  test("the tabs: arrow keys, Home and End move the selection and the focus", async () => {
    const { page } = b;
    await showTab(page, "diagnose");
    await page.focus("#kd-tab-diagnose");
    const selected = () =>
      page.evaluate(() => {
        const root = document.querySelector("[data-keydoctor]").shadowRoot;
        return {
          tab: root.querySelector('[role="tab"][aria-selected="true"]').id,
          focus: root.activeElement?.id,
          panel: [...root.querySelectorAll('[role="tabpanel"]')].filter((p) => !p.hidden).map((p) => p.id),
        };
      });
    const steps = [
      ["ArrowRight", "sanitize"],
      ["ArrowRight", "connection"],
      ["End", "bundle"],
      ["ArrowRight", "diagnose"],
      ["ArrowLeft", "bundle"],
      ["Home", "diagnose"],
    ];
    for (const [key, id] of steps) {
      await page.keyboard.press(key);
      assert.deepEqual(await selected(), { tab: `kd-tab-${id}`, focus: `kd-tab-${id}`, panel: [`kd-panel-${id}`] }, key);
    }
    // Only the selected tab is in the Tab order (roving tabindex).
    const inOrder = await page.$$eval('[role="tab"]', (tabs) => tabs.map((t) => t.tabIndex));
    assert.deepEqual(inOrder, [0, -1, -1, -1]);
  });

  test("Tab and Shift+Tab walk every panel; every focused control shows its focus", async () => {
    const { page } = b;
    const walks = {};
    for (const id of ["diagnose", "sanitize", "connection", "bundle"]) {
      await showTab(page, id);
      await rememberUnfocused(page);
      // Onto the tab by the keyboard (a programmatic focus after a click shows no focus ring).
      await page.focus(`#kd-tab-${id}`);
      await page.keyboard.press(id === "bundle" ? "ArrowLeft" : "ArrowRight");
      await page.keyboard.press(id === "bundle" ? "ArrowRight" : "ArrowLeft");
      const forward = [];
      for (let i = 0; i < 120; i++) {
        const f = await focused(page);
        if (!f || !f.inWidget) break;
        forward.push(f);
        await page.keyboard.press("Tab");
      }
      assert.ok(forward.length >= 4, `${id}: only ${forward.length} stops`);
      // Back again with Shift+Tab from the last control: the same stops, reversed.
      await page.keyboard.press("Shift+Tab");
      const backward = [];
      for (let i = 0; i < 120; i++) {
        const f = await focused(page);
        if (!f || !f.inWidget) break;
        backward.push(f.id);
        if (f.id === `kd-tab-${id}`) break;
        await page.keyboard.press("Shift+Tab");
      }
      assert.deepEqual(backward, forward.map((f) => f.id).reverse(), `${id}: Shift+Tab order`);
      const unseen = forward.filter((f) => !f.shows).map((f) => `${f.id} (${f.style}; unfocused ${f.before})`);
      assert.deepEqual(unseen, [], `${id}: focus not visible on`);
      walks[id] = forward.map((f) => f.id);
    }
    console.log(`Tab stops: ${Object.entries(walks).map(([k, v]) => `${k} ${v.length}`).join(", ")}`);
    // Every kind of control was reached.
    const kinds = new Set(Object.values(walks).flat());
    for (const want of ["error-input", "example", "request-input", "request-file-input", "keep-prompts", "key-input", "base-url-preset", "base-url-input", "probe-start", "smoke-consent", "bundle-key-name", "bundle-copy"]) {
      assert.ok(kinds.has(want), `${want} is not reachable with Tab`);
    }
  });

  test("every control works from the keyboard alone, and results are announced", async () => {
    const { page } = b;
    const live = (sel) =>
      page.evaluate((s) => {
        const root = document.querySelector("[data-keydoctor]").shadowRoot;
        return [...root.querySelectorAll(s)].map((el) => {
          const region = el.closest('[aria-live], [role="status"], [role="alert"], [role="log"]');
          return region ? region.textContent.trim() : null;
        });
      }, sel);
    const liveTexts = () =>
      page.evaluate(() =>
        [...document.querySelector("[data-keydoctor]").shadowRoot.querySelectorAll('[aria-live], [role="status"], [role="alert"]')]
          .filter((el) => !el.closest("[hidden]"))
          .map((el) => el.textContent.trim())
          .join("\n"),
      );
    const focusVisible = (f) => assert.ok(f.shows, `no visible focus on ${f.id}: ${f.style}`);

    // Diagnose: an example chip by Enter, then the copy buttons, a step's checkbox by Space.
    await page.emulateMedia({ colorScheme: "light" });
    await page.focus("#kd-tab-diagnose");
    await page.keyboard.press("Home");
    await rememberUnfocused(page);
    focusVisible(await tabTo("example"));
    await page.keyboard.press("Enter");
    await page.waitForSelector('[data-testid="diagnosis"]:not([data-category="none"])');
    const category = await page.getAttribute('[data-testid="diagnosis"]', "data-category");
    assert.ok((await liveTexts()).includes(category), "the diagnosis is not announced");
    await rememberUnfocused(page);
    await page.focus('[data-testid="error-input"]');
    focusVisible(await tabTo((f) => f.type === "checkbox"));
    await page.keyboard.press("Space");
    assert.equal(await page.evaluate(() => {
      let a = document.activeElement;
      while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
      return a.checked;
    }), true, "Space ticks a step");
    focusVisible(await tabTo("copy-summary"));
    await page.keyboard.press("Enter");
    await page.waitForSelector('#kd-panel-diagnose .kd-copy-status:has-text("copied")');
    assert.deepEqual(await live('#kd-panel-diagnose .kd-copy-status'), ["Summary copied to the clipboard."]);

    // Sanitize: type a request, tick "keep prompts" by Space, take the key, reveal, copy.
    await page.focus("#kd-tab-diagnose");
    await page.keyboard.press("ArrowRight");
    await rememberUnfocused(page);
    focusVisible(await tabTo("request-input"));
    await page.keyboard.type("curl https://api.openai.com/v1/models -H 'Authorization: Bearer sk-proj-");
    await page.keyboard.type(`${"Zx9Yw8Vu7Ts6".repeat(5)}'`);
    await page.waitForSelector('[data-testid="sanitize-result"][data-state="done"]');
    assert.match(await liveTexts(), /redact|sanitiz/i, "the sanitize result is not announced");
    await rememberUnfocused(page);
    focusVisible(await tabTo("request-file-input", { key: "Shift+Tab" }));
    focusVisible(await tabTo("keep-prompts"));
    await page.keyboard.press("Space");
    assert.equal(await page.isChecked('[data-testid="keep-prompts"]'), true);
    await page.waitForSelector('[data-testid="sanitize-result"][data-state="done"]');
    await rememberUnfocused(page);
    focusVisible(await tabTo("check-found-key"));
    await page.keyboard.press("Enter");
    await page.waitForSelector('[data-testid="key-findings"] [data-finding]');
    await rememberUnfocused(page);
    focusVisible(await tabTo("sanitized-copy", { key: "Shift+Tab" }));
    await page.keyboard.press("Enter");
    await page.waitForSelector('#kd-panel-sanitize .kd-copy-status:has-text("copied")');
    assert.deepEqual(await live("#kd-panel-sanitize .kd-copy-status"), ["Sanitized copy copied to the clipboard."]);
    focusVisible(await tabTo("key-reveal-toggle"));
    const pressed = async () => page.getAttribute('[data-testid="key-reveal-toggle"]', "aria-pressed");
    const was = await pressed();
    await page.keyboard.press("Enter");
    assert.notEqual(await pressed(), was, "Enter toggles the reveal view");
    await page.keyboard.press("Space");
    assert.equal(await pressed(), was, "Space toggles it back");

    // Connection: a preset by the arrow keys, the base URL typed, Enter runs the check; the
    // smoke test's kind by the arrow keys, the consent by Space, the test by Enter.
    await page.focus("#kd-tab-sanitize");
    await page.keyboard.press("ArrowRight");
    await rememberUnfocused(page);
    focusVisible(await tabTo("base-url-preset"));
    const presetBefore = await page.inputValue('[data-testid="base-url-preset"]');
    await page.keyboard.press("ArrowUp");
    assert.notEqual(await page.inputValue('[data-testid="base-url-preset"]'), presetBefore, "ArrowUp picks a preset");
    focusVisible(await tabTo("base-url-input"));
    await page.keyboard.press("Control+A");
    await page.keyboard.type(`${gw.origin}/cors/v1`);
    focusVisible(await tabTo("probe-warm-input"));
    await page.keyboard.press("Control+A");
    await page.keyboard.type("2");
    await page.keyboard.press("Enter");
    await page.waitForSelector('[data-testid="probe-results"][data-state="done"]', { timeout: 20_000 });
    const verdicts = await page.$$eval('[data-testid="probe-check"]', (els) => els.map((e) => e.dataset.verdict));
    assert.ok(verdicts.length >= 3, verdicts.join());
    assert.match(await liveTexts(), /pass/i, "the connection check's results are not announced");
    await rememberUnfocused(page);
    focusVisible(await tabTo("probe-key-input"));
    await page.keyboard.press("Control+A");
    await page.keyboard.type(TEST_KEY);
    focusVisible(await tabTo((f) => f.type === "radio"));
    await page.keyboard.press("ArrowRight");
    assert.equal(await page.isChecked('[data-testid="smoke-kind-chat"]'), true, "ArrowRight picks the chat test");
    focusVisible(await tabTo("smoke-consent"));
    await page.keyboard.press("Space");
    assert.equal(await page.isChecked('[data-testid="smoke-consent"]'), true);
    focusVisible(await tabTo("smoke-start"));
    await page.keyboard.press("Enter");
    await page.waitForSelector('[data-testid="probe-check"][data-check="smoke"][data-outcome="key_works"]', {
      timeout: 20_000,
    });
    await page.waitForSelector('[data-testid="probe-results"][data-state="done"]');
    assert.match(await liveTexts(), /smoke|key works|works/i, "the smoke test's result is not announced");
    await rememberUnfocused(page);
    focusVisible(await tabTo((f) => /^Copy/.test(f.id.split(":")[1] ?? ""), { key: "Shift+Tab" }));
    await page.keyboard.press("Enter");
    await page.waitForFunction(() =>
      [...document.querySelector("[data-keydoctor]").shadowRoot.querySelectorAll(".kd-curl-copy")].some((b) =>
        /Copied/.test(b.textContent),
      ),
    );
    assert.match(await liveTexts(), /copied/i, "a curl line's copy is not announced");

    // Bundle: a section by Space, the format by the arrow keys, Copy by Enter.
    await page.focus("#kd-tab-connection");
    await page.keyboard.press("ArrowRight");
    await page.waitForSelector('[data-testid="bundle-preview"]');
    await rememberUnfocused(page);
    focusVisible(await tabTo("bundle-key-name"));
    await page.keyboard.type("prod-backend");
    focusVisible(await tabTo("bundle-section"));
    await page.keyboard.press("Space");
    assert.equal(await page.isChecked('[data-testid="bundle-section"] >> nth=0'), false, "Space leaves a section out");
    await page.keyboard.press("Space");
    focusVisible(await tabTo((f) => f.type === "radio"));
    await page.keyboard.press("ArrowRight");
    await page.waitForSelector('[data-testid="bundle-preview"][data-format="json"]');
    focusVisible(await tabTo("bundle-copy"));
    await page.keyboard.press("Enter");
    await page.waitForSelector('[data-testid="bundle-status"][data-outcome="copied"]');
    assert.equal((await live('[data-testid="bundle-status"]')).length, 1);
    assert.match((await live('[data-testid="bundle-status"]'))[0], /copied/i);
    await page.screenshot({ path: join(ARTIFACTS, "a11y-keyboard.png"), fullPage: true });
  });

  test("no page error, no CSP violation (axe ran inside the page's policy)", async () => {
    assert.deepEqual(b.pageErrors, []);
    assert.deepEqual(await b.page.evaluate(() => window.__kdCsp), []);
  });
});
