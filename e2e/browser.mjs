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
