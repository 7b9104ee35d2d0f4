import assert from "node:assert/strict";
import path from "node:path";
import { after, before, test } from "node:test";
import { baseUrl, fixturesDir, launch, snapshot, withPage } from "./helpers.js";

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser.close();
});

test("the decision page joins the assessment and the calendar", async (t) => {
  await withPage(t, browser.context, async (page) => {
    await page.goto(`${baseUrl}/decision`);
    await page.getByText("first; the report is built around your answers").waitFor();

    await page.goto(`${baseUrl}/assess`);
    for (const id of ["absorbed-hard_problem_alone", "drift-refactoring", "amplify-own_keyboard", "next_project-hands_on_system", "hard_feedback-avoid_for_weeks"]) {
      await page.locator(`#${id}`).check();
    }
    await page.getByRole("button", { name: "See my result" }).click();
    await page.waitForURL(/\/assess\/result/);

    await page.goto(`${baseUrl}/calendar`);
    await page.locator("#from").fill("2026-01-05");
    await page.locator("#to").fill("2026-01-19");
    await page.locator("#calendar").setInputFiles(path.join(fixturesDir, "two-weeks.ics"));
    await page.getByRole("button", { name: "Analyse my calendar" }).click();
    await page.getByRole("heading", { name: "Your week, measured" }).waitFor();

    await page.getByRole("link", { name: "decision page" }).first().click();
    await page.waitForURL(`${baseUrl}/decision`);
    assert.equal(await page.locator(".report-frame").getAttribute("data-agreement"), "agree");
    await page.locator(".dt-report").waitFor();

    await page.locator("#months").fill("18");
    await page.locator("#org").selectOption("scale-up");
    await page.getByRole("button", { name: "Update the report" }).click();
    await page.waitForURL(/months=18/);

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download HTML" }).click()]);
    assert.match(download.suggestedFilename(), /dualtrack-report\.html/);
    await snapshot(page, "decision");
  });
});
