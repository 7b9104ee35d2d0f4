// Shared set-up for the browser suite: one headless Chromium per test file, a fresh context
// per test, and a screenshot of the page in test-results/ whenever a test fails.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
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
 * Run `body(page)` in a fresh page of `context` (signed out first, unless `keepCookies`); on
 * failure save a full-page screenshot named after the test, then rethrow. Also fails the test on any console error or page error, since
 * those mean a broken script or a CSP violation.
 */
export async function withPage(t, context, body, { keepCookies = false } = {}) {
  if (!keepCookies) await context.clearCookies();
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

/** The administrator run.sh made with `dualtrack admin create`. */
export function admin() {
  const email = process.env.ADMIN_EMAIL;
  const password = process.env.ADMIN_PASSWORD;
  if (!email || !password) {
    throw new Error("ADMIN_EMAIL and ADMIN_PASSWORD are not set; run the suite through run.sh");
  }
  return { email, password };
}

/** The directory where run.sh's SMTP server drops each message it accepts, as JSON. */
function mailDir() {
  const dir = process.env.MAIL_DIR;
  if (!dir) {
    throw new Error("MAIL_DIR is not set; run the suite through run.sh (it starts the SMTP server)");
  }
  return dir;
}

/** Every message the SMTP server has accepted for `address`: [{ from, to, subject, body }]. */
export function mailTo(address) {
  const wanted = address.toLowerCase();
  return readdirSync(mailDir())
    .filter((name) => name.endsWith(".json") && !name.startsWith("."))
    .sort()
    .map((name) => JSON.parse(readFileSync(path.join(mailDir(), name), "utf8")))
    .filter((m) => m.to.some((to) => to.toLowerCase() === wanted));
}

/** Wait (up to 10 s) for a message to `address` at the SMTP server; returns the newest. */
export async function waitForMail(address) {
  for (let i = 0; i < 100; i++) {
    const found = mailTo(address);
    if (found.length) return found[found.length - 1];
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no message to ${address} reached the SMTP server within 10 s`);
}

/** The verification link in a mailed message's body. */
export function verificationLink(message) {
  const m = /https?:\/\/\S+\/account\/verify\/[A-Za-z0-9_-]+/.exec(message.body);
  if (!m) throw new Error(`no verification link in the message:\n${message.body}`);
  return m[0];
}

/** Sign up a new account on the page shown; ends on the account page. */
export async function signUp(page, email, password) {
  await page.goto(`${baseUrl}/signup`);
  await page.locator("#email").fill(email);
  await page.locator("#password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  await page.getByRole("heading", { name: `Signed in as ${email}` }).waitFor();
}

/** Log in through the form; returns the response to the form's POST. */
export async function logIn(page, email, password) {
  if (!page.url().includes("/login")) await page.goto(`${baseUrl}/login`);
  await page.locator("#email").fill(email);
  await page.locator("#password").fill(password);
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/login"),
    page.getByRole("button", { name: "Log in" }).click(),
  ]);
  await page.waitForLoadState();
  return response;
}

/**
 * Ask, on the signed-in account page, for a verification link for `company` (its slug) at
 * `address`, as someone who hires for it when `hires`.
 */
export async function askForLink(page, company, address, { hires = false } = {}) {
  await page.goto(`${baseUrl}/account`);
  await page.locator("#company").selectOption(company);
  await page.locator("#address").fill(address);
  if (hires) await page.getByLabel("I hire for this company").check();
  await page.getByRole("button", { name: "Send me a link" }).click();
  await page.waitForLoadState();
}

/**
 * Make the signed-in account of `page` an employer of `company` at `address` (a mailbox at the
 * company's domain), through the mail the SMTP server receives. Returns the link it used.
 */
export async function becomeEmployer(page, company, address) {
  await askForLink(page, company, address, { hires: true });
  await page.getByText(`We sent a link to ${address}`).waitFor();
  const link = verificationLink(await waitForMail(address));
  await page.goto(link);
  await page.getByText("You are now a verified employee and an employer for your company").waitFor();
  return link;
}
