// Launches the system Chromium (headless, fresh profile) through playwright-core and records
// what must never happen on the page: page errors, console errors, and requests that leave
// the page's own origin (which are blocked and recorded).
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";

export const ARGS = [
  "--no-sandbox",
  "--headless",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/**
 * Defines `kd(selector)` in every page of `context`: the first match inside a widget's shadow
 * root. Page functions use it where `document.querySelector` would stop at the shadow boundary
 * (Playwright's own selectors pierce open shadow roots).
 */
export async function addHelpers(context) {
  await context.addInitScript(() => {
    window.kd = (sel) => {
      for (const host of document.querySelectorAll("[data-keydoctor]")) {
        const hit = host.shadowRoot?.querySelector(sel);
        if (hit) return hit;
      }
      return document.querySelector(sel);
    };
  });
}

/**
 * Opens `url` in a new headless Chromium. Resolves to
 * `{ context, page, problems, foreign, close }`: `problems` collects page and console errors,
 * `foreign` every request to another origin (each is aborted).
 */
export async function open(url, { viewport = { width: 1280, height: 900 }, locale } = {}) {
  const profile = await mkdtemp(join(tmpdir(), "kd-e2e-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport,
    ...(locale ? { locale } : {}),
  });
  const origin = new URL(url).origin;
  const problems = [];
  const foreign = [];
  await context.route("**/*", (route) => {
    const u = route.request().url();
    if (u.startsWith("data:") || new URL(u).origin === origin) return route.continue();
    foreign.push(u);
    return route.abort();
  });
  await addHelpers(context);
  const page = context.pages()[0] ?? (await context.newPage());
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console.error: ${m.text()}`);
  });
  try {
    await page.goto(url);
    await page.waitForSelector('[data-testid="diagnosis"]', { timeout: 15_000 });
  } catch (e) {
    // Never leave a browser behind: it would keep the test process alive.
    await context.close();
    await rm(profile, { recursive: true, force: true });
    throw new Error(`the page did not start: ${e.message}\n${problems.join("\n")}`);
  }
  return {
    context,
    page,
    problems,
    foreign,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** Fills the error input and resolves to the category once the diagnosis caught up. */
export async function diagnoseIn(page, text) {
  await page.fill('[data-testid="error-input"]', text);
  await page.waitForSelector('[data-testid="diagnosis"][aria-busy="false"]');
  return page.getAttribute('[data-testid="diagnosis"]', "data-category");
}

/** Replaces the error input's text the way a paste does (one `insertFromPaste` input event). */
export async function pasteIn(page, text) {
  await page.$eval(
    '[data-testid="error-input"]',
    (el, t) => {
      el.value = t;
      el.dispatchEvent(new InputEvent("input", { bubbles: true, inputType: "insertFromPaste" }));
    },
    text,
  );
}

// --- Helpers of the trust suites (privacy, hostile input, accessibility) ---------------------

/**
 * Opens `url` in a fresh headless Chromium that records everything a page could leak through,
 * for the suites that prove absences. Resolves to
 * `{ context, page, cdp, requests, consoleLines, pageErrors, dialogs, workers, close }`:
 * - `requests`: every request seen by `page.on('request')`, `context.on('request')` (service
 *   workers too) and CDP `Network.requestWillBeSent`, as `{ via, url, method, headers }`;
 * - `consoleLines`: every console message, any type, as `type: text`;
 * - `pageErrors`, `dialogs` (each dialog is dismissed), `workers` (URLs of any worker started).
 * A request to an origin outside `allow` (an array of origins; the page's own is always in it)
 * is aborted as well as recorded, so a leak fails the test without leaving the machine. Each
 * page also gets `window.__kdCsp` (every `securitypolicyviolation` event) and `kd(selector)`.
 */
export async function openRecorded(url, { allow = [], viewport = { width: 1280, height: 900 }, locale } = {}) {
  const profile = await mkdtemp(join(tmpdir(), "kd-trust-e2e-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport,
    ...(locale ? { locale } : {}),
  });
  const allowed = new Set([new URL(url).origin, ...allow.map((a) => new URL(a).origin)]);
  const requests = [];
  const consoleLines = [];
  const pageErrors = [];
  const dialogs = [];
  const workers = [];
  const record = (via) => (r) =>
    requests.push({ via, url: r.url(), method: r.method(), headers: r.headers() });
  await context.route("**/*", (route) => {
    const u = route.request().url();
    if (/^(data|blob):/.test(u) || allowed.has(new URL(u).origin)) return route.continue();
    return route.abort();
  });
  await addHelpers(context);
  await context.addInitScript(() => {
    window.__kdCsp = [];
    document.addEventListener(
      "securitypolicyviolation",
      (e) =>
        window.__kdCsp.push({
          directive: e.violatedDirective,
          blocked: e.blockedURI,
          sample: e.sample,
          source: `${e.sourceFile}:${e.lineNumber}`,
        }),
      true,
    );
  });
  context.on("request", record("context"));
  context.on("serviceworker", (w) => workers.push(`service worker ${w.url()}`));
  const page = context.pages()[0] ?? (await context.newPage());
  page.on("request", record("page"));
  page.on("worker", (w) => workers.push(`worker ${w.url()}`));
  page.on("console", (m) => consoleLines.push(`${m.type()}: ${m.text()}`));
  page.on("pageerror", (e) => pageErrors.push(e.message));
  page.on("dialog", (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    d.dismiss().catch(() => {});
  });
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  cdp.on("Network.requestWillBeSent", (e) =>
    requests.push({ via: "cdp", url: e.request.url, method: e.request.method, headers: e.request.headers }),
  );
  return {
    context,
    page,
    cdp,
    requests,
    consoleLines,
    pageErrors,
    dialogs,
    workers,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** Activates the tab of panel `id` (`diagnose`, `sanitize`, `connection`, `bundle`). */
export async function showTab(page, id) {
  await page.click(`#kd-tab-${id}`);
  await page.waitForSelector(`#kd-panel-${id}:not([hidden])`);
}

/** Every 12-character piece of `secret` found in `text` (all windows, not only aligned ones). */
export function piecesIn(text, secret, n = 12) {
  const found = [];
  for (let i = 0; i + n <= secret.length; i++) {
    const piece = secret.slice(i, i + n);
    if (text.includes(piece)) found.push(piece);
  }
  return found;
}

/**
 * Starts watching the main thread in the page: a `PerformanceObserver` of long tasks and a
 * `requestAnimationFrame` heartbeat. `stopWatch(page)` resolves to
 * `{ longestTaskMs, tasks, longestGapMs, frames, ms, seen }`: the longest task (and every task
 * over 50 ms), the longest time between two animation frames, how many frames, how long it ran,
 * and the texts `seen` of the element matching `watch` (a selector for `kd`) at painted frames.
 */
export async function startWatch(page, watch = null) {
  await page.evaluate((sel) => {
    const w = { tasks: [], gaps: 0, frames: 0, t0: performance.now(), last: performance.now(), on: true, seen: [] };
    w.observer = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.tasks.push(Math.round(e.duration));
    });
    w.observer.observe({ type: "longtask" });
    const beat = (t) => {
      if (!w.on) return;
      w.gaps = Math.max(w.gaps, t - w.last);
      w.last = t;
      w.frames++;
      const el = sel && window.kd(sel);
      if (el && el.checkVisibility() && w.seen.at(-1) !== el.textContent) w.seen.push(el.textContent);
      requestAnimationFrame(beat);
    };
    requestAnimationFrame(beat);
    window.__kdWatch = w;
  }, watch);
}

/** Stops the watch started by `startWatch`; see there. */
export async function stopWatch(page) {
  return page.evaluate(async () => {
    const w = window.__kdWatch;
    // One more frame, so a stall that is still going on is measured too.
    await new Promise((ok) => requestAnimationFrame(ok));
    w.gaps = Math.max(w.gaps, performance.now() - w.last);
    w.on = false;
    for (const e of w.observer.takeRecords()) w.tasks.push(Math.round(e.duration));
    w.observer.disconnect();
    return {
      longestTaskMs: Math.max(0, ...w.tasks),
      tasks: w.tasks,
      longestGapMs: Math.round(w.gaps),
      frames: w.frames,
      ms: Math.round(performance.now() - w.t0),
      seen: w.seen,
    };
  });
}
