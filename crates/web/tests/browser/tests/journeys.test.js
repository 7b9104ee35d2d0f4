// The three journeys a person makes on a phone, each step checked for sideways scrolling:
// assessment -> result (kept in the browser) -> decision; calendar upload -> adjust the window -> decision
// (job search on a phone is in a11y.test.js). Regression for issue 13's done-when: the pages
// were each checked alone, never as the path a person walks.
import assert from "node:assert/strict";
import path from "node:path";
import { after, before, test } from "node:test";
import { baseUrl, fixturesDir, launch, withPage } from "./helpers.js";

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser.close();
});

const PHONE = { width: 390, height: 844 };

async function fitsTheScreen(page, step) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  assert.ok(scrollWidth <= innerWidth, `${step}: ${scrollWidth} px of content in a ${innerWidth} px window`);
}

const IC_CHOICES = [
  "absorbed-hard_problem_alone",
  "drift-refactoring",
  "amplify-own_keyboard",
  "next_project-hands_on_system",
  "hard_feedback-uncomfortable_but_doable",
];

test("on a phone: assessment, result, keep it, decision", async (t) => {
  await withPage(t, browser.context, async (page) => {
    await page.setViewportSize(PHONE);
    await page.goto(`${baseUrl}/assess`);
    await fitsTheScreen(page, "the questions");
    for (const id of IC_CHOICES) {
      await page.locator(`#${id}`).check();
    }
    await page.getByRole("button", { name: "See my result" }).click();
    await page.waitForURL(/\/assess\/result/);
    await fitsTheScreen(page, "the result");

    // Answers sent from the form are kept in this browser for the decision page, and the
    // result says so.
    await page.getByText("These answers are kept in this browser").waitFor();

    await page.getByRole("link", { name: "Open the decision page with these answers" }).click();
    await page.waitForURL(/\/decision/);
    await page.getByRole("heading", { name: "What your answers say" }).waitFor();
    await fitsTheScreen(page, "the decision page");
    // Conclusion first: the report comes before the form that changes it.
    const order = await page.evaluate(() => {
      const report = document.querySelector(".report-frame");
      const form = document.querySelector("form");
      return report && form ? report.compareDocumentPosition(form) & Node.DOCUMENT_POSITION_FOLLOWING : -1;
    });
    assert.ok(order > 0, "the report is above the inputs");
  });
});

test("on a phone: calendar upload, adjust the window, decision", async (t) => {
  await withPage(t, browser.context, async (page) => {
    await page.setViewportSize(PHONE);
    await page.goto(`${baseUrl}/calendar`);
    await fitsTheScreen(page, "the upload form");
    await page.locator("#from").fill("2026-01-05");
    await page.locator("#to").fill("2026-01-19");
    await page.locator("#calendar").setInputFiles(path.join(fixturesDir, "two-weeks.ics"));
    await page.getByRole("button", { name: "Analyse my calendar" }).click();
    await page.getByRole("heading", { name: "Your week, measured" }).waitFor();
    await fitsTheScreen(page, "the calendar result");

    await page.locator("#again-from").fill("2026-01-12");
    await page.locator("#again-to").fill("2026-01-19");
    await Promise.all([page.waitForURL(`${baseUrl}/calendar`), page.getByRole("button", { name: "Analyse again" }).click()]);
    await page.getByRole("heading", { name: "Your week, measured" }).waitFor();
    assert.match(await page.locator("p.lede").innerText(), /12 January 2026 to 18 January 2026/);
    await fitsTheScreen(page, "the adjusted result");

    await page.getByRole("link", { name: "Open the decision page" }).first().click();
    await page.waitForURL(`${baseUrl}/decision`);
    // Without answers yet, the page asks for them first and says which calendar window it holds.
    await page.getByText("Totals from your last upload (12 January 2026 to 18 January 2026) are ready").waitFor();
    await fitsTheScreen(page, "the decision page with a calendar");
  });
});
