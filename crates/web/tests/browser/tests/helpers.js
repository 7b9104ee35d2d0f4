// Shared set-up for the browser suite: one headless Chromium per test file, a fresh context
// per test, and a screenshot of the page in test-results/ whenever a test fails.
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = path.dirname(fileURLToPath(import.meta.url));
export const resultsDir = path.join(here, "..", "test-results");
export const fixturesDir = path.join(here, "..", "fixtures");

export const baseUrl = (() => {
  const url = process.env.BASE_URL;
  if (!url) {
    throw new Error("BASE_URL is not set; run the suite through run.sh");
  }
  return url.replace(/\/$/, "");
})();

const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
  "--disable-sync",
  "--disable-quic",
];

/** Start Chromium with a fresh profile directory; returns { context-maker, close }. */
export async function launch() {
  const profile = mkdtempSync(path.join(tmpdir(), "dualtrack-chromium-"));
  const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";
  const launchOptions = { executablePath, headless: true, args: CHROMIUM_ARGS };
  // A persistent context is the only way to hand Chromium our own user-data-dir; each test
  // still gets clean state because we clear cookies before it.
  const context = await chromium.launchPersistentContext(profile, {
    ...launchOptions,
    viewport: { width: 1280, height: 900 },
  });
  let noScriptProfile = null;
  let noScriptContext = null;
  return {
    context,
    /** A second browser with JavaScript disabled, created on first use. */
    async noScript() {
      if (!noScriptContext) {
        noScriptProfile = mkdtempSync(path.join(tmpdir(), "dualtrack-chromium-nojs-"));
        noScriptContext = await chromium.launchPersistentContext(noScriptProfile, {
          ...launchOptions,
          javaScriptEnabled: false,
          viewport: { width: 1280, height: 900 },
        });
      }
      return noScriptContext;
    },
    async close() {
      await context.close();
      if (noScriptContext) await noScriptContext.close();
      rmSync(profile, { recursive: true, force: true });
      if (noScriptProfile) rmSync(noScriptProfile, { recursive: true, force: true });
    },
  };
}

function slug(text) {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 80);
}

/**
 * Run `body(page)` in a fresh page of `context`; on failure save a full-page screenshot named
 * after the test, then rethrow. Also fails the test on any console error or page error, since
 * those mean a broken script or a CSP violation.
 */
export async function withPage(t, context, body) {
  await context.clearCookies();
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (err) => problems.push(`page error: ${err.message}`));
  page.on("console", (msg) => {
    if (msg.type() === "error" && !/status of (4|5)\d\d/.test(msg.text())) {
      problems.push(`console error: ${msg.text()}`);
    }
  });
  try {
    await body(page);
    if (problems.length) {
      throw new Error(problems.join("\n"));
    }
  } catch (err) {
    mkdirSync(resultsDir, { recursive: true });
    const file = path.join(resultsDir, `${slug(t.name)}.png`);
    await page.screenshot({ path: file, fullPage: true }).catch(() => {});
    err.message += `\n(screenshot: ${file})`;
    throw err;
  } finally {
    await page.close();
  }
}

/** Save a screenshot on purpose (for reviewing how pages look). */
export async function snapshot(page, name) {
  if (!process.env.SCREENSHOTS) return;
  mkdirSync(resultsDir, { recursive: true });
  await page.screenshot({ path: path.join(resultsDir, `${name}.png`), fullPage: true });
}
