// Every main page at desktop and phone width: axe-core finds no critical or serious problem, the
// visible text speaks to people (no CLI flag, code quote, internal id or unrounded number), and
// nothing scrolls sideways (issue 13).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { after, before, test } from "node:test";
import { admin, baseUrl, becomeEmployer, fixturesDir, launch, logIn, signUp, withPage } from "./helpers.js";

const require = createRequire(import.meta.url);
// Injected with evaluate, which the page's CSP (script-src 'self') does not govern; a script
// tag with inline content would be refused.
const axeSource = readFileSync(require.resolve("axe-core"), "utf8");

const WIDTHS = [
  { name: "desktop", width: 1280, height: 900 },
  { name: "phone", width: 390, height: 844 },
];

const IC_ANSWERS =
  "absorbed=hard_problem_alone&drift=refactoring&amplify=own_keyboard&next_project=hands_on_system&hard_feedback=avoid_for_weeks&reason=protect_deep_work";

/** Patterns that mean the page is showing internals instead of sentences. */
const LEAKS = [
  { name: "a CLI flag", re: /(^|\s)--[a-z][a-z-]*/ },
  { name: "a code quote (backtick)", re: /`/ },
  { name: "a snake_case id", re: /\b[a-z][a-z0-9]*_[a-z0-9_]+\b/ },
  { name: "a number with more than two decimals", re: /\d\.\d{3,}/ },
  { name: "an unwieldy plural such as error(s)", re: /\w\(s\)/ },
];

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser.close();
});

/** The leaks in `text`, each with a little context. */
function leaksIn(text) {
  const found = [];
  for (const { name, re } of LEAKS) {
    const m = re.exec(text);
    if (m) {
      const at = m.index;
      found.push(`${name}: "…${text.slice(Math.max(0, at - 40), at + 40).replace(/\s+/g, " ")}…"`);
    }
  }
  return found;
}

/** axe findings of impact critical or serious, one line each. */
async function seriousFindings(page) {
  const hasAxe = await page.evaluate(() => typeof window.axe !== "undefined");
  if (!hasAxe) {
    await page.evaluate(axeSource);
  }
  const results = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ["violations"] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.slice(0, 3).map((n) => n.target.join(" ")),
    }));
  });
  return results
    .filter((v) => v.impact === "critical" || v.impact === "serious")
    .map((v) => `${v.impact} ${v.id} (${v.help}) at ${v.targets.join(", ")}`);
}

/** Check the page now shown; returns problems, and text leaks inside `exempt` separately. */
async function inspect(page, exempt) {
  const problems = await seriousFindings(page);
  const { text, exemptText, scrollWidth, innerWidth, headerScrolls } = await page.evaluate((exemptSelector) => {
    const exempted = exemptSelector ? Array.from(document.querySelectorAll(exemptSelector)) : [];
    const exemptText = exempted.map((e) => e.innerText).join("\n");
    for (const e of exempted) e.setAttribute("data-a11y-hidden", e.style.display), (e.style.display = "none");
    const text = document.body.innerText;
    for (const e of exempted) (e.style.display = e.getAttribute("data-a11y-hidden")), e.removeAttribute("data-a11y-hidden");
    return {
      text,
      exemptText,
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
      // Parts of the header whose content is wider than they are (they would scroll sideways).
      headerScrolls: Array.from(document.querySelectorAll(".site-header, .site-header *"))
        .filter((e) => e.scrollWidth > e.clientWidth + 1 && ["auto", "scroll"].includes(getComputedStyle(e).overflowX))
        .map((e) => `${e.tagName.toLowerCase()}${e.className ? "." + e.className : ""}: ${e.scrollWidth} px in ${e.clientWidth} px`),
    };
  }, exempt || null);
  problems.push(...leaksIn(text));
  if (scrollWidth > innerWidth) {
    problems.push(`scrolls sideways: ${scrollWidth} px of content in a ${innerWidth} px window`);
  }
  for (const part of headerScrolls) problems.push(`the header scrolls sideways: ${part}`);
  return { problems, exemptLeaks: leaksIn(exemptText) };
}

/** The pages to walk: [label, how to get there, selector whose text is checked separately]. */
function pages() {
  return [
    ["home", async (page) => page.goto(`${baseUrl}/`)],
    ["ladder", async (page) => page.goto(`${baseUrl}/ladder`)],
    ["ladder comparison", async (page) => page.goto(`${baseUrl}/ladder/compare`)],
    ["role page", async (page) => page.goto(`${baseUrl}/ladder/roles/staff_engineer`)],
    ["assessment", async (page) => page.goto(`${baseUrl}/assess`)],
    ["assessment result", async (page) => page.goto(`${baseUrl}/assess/result?${IC_ANSWERS}`)],
    ["calendar", async (page) => page.goto(`${baseUrl}/calendar`)],
    [
      "calendar result",
      async (page) => {
        await page.goto(`${baseUrl}/calendar`);
        await page.locator("#from").fill("2026-01-05");
        await page.locator("#to").fill("2026-01-19");
        await page.locator("#calendar").setInputFiles(path.join(fixturesDir, "two-weeks.ics"));
        await page.getByRole("button", { name: "Analyse my calendar" }).click();
        await page.getByRole("heading", { name: "Your week, measured" }).waitFor();
      },
    ],
    ["decision, empty", async (page) => page.goto(`${baseUrl}/decision`)],
    [
      "decision from a result link",
      async (page) => page.goto(`${baseUrl}/decision?${IC_ANSWERS}&months=18&org=scale-up`),
    ],
    ["jobs", async (page) => page.goto(`${baseUrl}/jobs`)],
    [
      "a job page",
      async (page) => {
        await page.goto(`${baseUrl}/jobs`);
        const href = await page.locator(".listing h3 a").first().getAttribute("href");
        await page.goto(`${baseUrl}${href}`);
      },
    ],
    ["a company page", async (page) => page.goto(`${baseUrl}/companies/copperline`)],
    ["ladder audit of a company", async (page) => page.goto(`${baseUrl}/ladder/audit?company=sprocket`)],
    ["log in", async (page) => page.goto(`${baseUrl}/login`)],
    ["sign up", async (page) => page.goto(`${baseUrl}/signup`)],
  ];
}

for (const size of WIDTHS) {
  test(`main pages at ${size.width} px: no serious axe findings, no internal words, no sideways scrolling`, async (t) => {
    const exemptLeaks = [];
    await withPage(t, browser.context, async (page) => {
      await page.setViewportSize({ width: size.width, height: size.height });
      const failures = [];
      for (const [label, go, exempt] of pages()) {
        await go(page);
        const { problems, exemptLeaks: leaks } = await inspect(page, exempt);
        for (const p of problems) failures.push(`${label} (${page.url()}): ${p}`);
        for (const l of leaks) exemptLeaks.push(`${label}: ${l}`);
      }
      assert.deepEqual(failures, [], failures.join("\n"));
    });
    if (exemptLeaks.length) {
      t.todo(`the decision report body (crates/decide) still shows: ${exemptLeaks.join("; ")}`);
    }
  });
}

/** The pages behind a sign-in: an employer's (verified through the SMTP server), then an administrator's. */
function signedInPages(width) {
  const stamp = `${Date.now()}w${width}`;
  return [
    [
      "your account, verified employer",
      async (page) => {
        await signUp(page, `a11y${stamp}@mailbox.example`, "a long enough password");
        await becomeEmployer(page, "copperline", `a11y${stamp}@copperline.example`);
      },
    ],
    ["post a listing", async (page) => page.goto(`${baseUrl}/jobs/new`)],
    ["the company page, with the ladder upload", async (page) => page.goto(`${baseUrl}/companies/copperline`)],
    [
      "a listing form with its errors",
      async (page) => {
        await page.goto(`${baseUrl}/jobs/new`);
        await page.locator("#title").fill("Staff Engineer");
        await page.locator("#location").fill("Remote");
        await page.locator("#description").fill("Builds things.");
        await page.getByRole("button", { name: "Post the listing" }).click();
        await page.locator("#form-errors").waitFor();
      },
    ],
    ["your company's listings", async (page) => page.goto(`${baseUrl}/account/listings`)],
    ["API tokens", async (page) => page.goto(`${baseUrl}/account/api-tokens`)],
    ["jobs, as an employer", async (page) => page.goto(`${baseUrl}/jobs?prefer=remote-first%3Aimportant`)],
    [
      "moderation",
      async (page) => {
        await page.context().clearCookies();
        const { email, password } = admin();
        await logIn(page, email, password);
        await page.goto(`${baseUrl}/admin`);
      },
    ],
  ];
}

for (const size of WIDTHS) {
  test(`signed-in pages at ${size.width} px: no serious axe findings, no internal words, no sideways scrolling`, async (t) => {
    await withPage(t, browser.context, async (page) => {
      await page.setViewportSize({ width: size.width, height: size.height });
      const failures = [];
      for (const [label, go] of signedInPages(size.width)) {
        await go(page);
        const { problems } = await inspect(page);
        for (const p of problems) failures.push(`${label} (${page.url()}): ${p}`);
      }
      assert.deepEqual(failures, [], failures.join("\n"));
    });
  });
}

test("job search on a phone: the first listing is near the top and filters fold away", async (t) => {
  await withPage(t, browser.context, async (page) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${baseUrl}/jobs?q=platform`);
    const top = await page.locator(".listing").first().evaluate((e) => e.getBoundingClientRect().top + window.scrollY);
    assert.ok(top < 900, `the first listing starts ${top} px down`);
    assert.ok(await page.locator("#tag-filters, .tag-filters").first().isHidden(), "the tag filters start folded");
    await page.locator(".more-filters summary").click();
    assert.ok(await page.locator(".tag-filters").isVisible());
    const header = await page.locator(".header-row").evaluate((e) => e.getBoundingClientRect().height);
    // Two short lines: the mark and the account links, then the section links (they wrap
    // rather than scroll sideways).
    assert.ok(header < 90, `the header is ${header} px tall (two lines expected)`);
  });
});
