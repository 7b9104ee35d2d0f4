import assert from "node:assert/strict";
import path from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { baseUrl, fixturesDir, launch, snapshot, withPage } from "./helpers.js";

// The CLI's calendar fixtures, shared so the three shells are tested on the same files.
const cliFixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "..", "cli", "tests", "fixtures", "calendar");

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser.close();
});

test("uploading a calendar shows the figures and draws a chart", async (t) => {
  await withPage(t, browser.context, async (page) => {
    await page.goto(`${baseUrl}/calendar`);
    await page.locator("#from").fill("2026-01-05");
    await page.locator("#to").fill("2026-01-19");
    await page.locator("#calendar").setInputFiles(path.join(fixturesDir, "two-weeks.ics"));
    await Promise.all([page.waitForURL(`${baseUrl}/calendar`), page.getByRole("button", { name: "Analyse my calendar" }).click()]);
    await page.getByRole("heading", { name: "Your week, measured" }).waitFor();
    assert.equal(await page.locator("#stat-working-hours").innerText(), "80.0");
    assert.equal(await page.locator("#stat-meeting-hours").innerText(), "8.5");
    assert.equal(await page.locator("#stat-busy").innerText(), "16");
    assert.equal(await page.locator("section.verdict").getAttribute("data-closest"), "ic");
    const chart = page.locator("figure.chart svg");
    assert.equal(await chart.count(), 1);
    const box = await chart.boundingBox();
    assert.ok(box && box.width > 300 && box.height > 100, "the chart is drawn at a visible size");
    assert.ok((await chart.locator("rect").count()) > 5, "the chart has bars");
    assert.doesNotMatch(await page.content(), /Team standup/, "event titles are never shown");
    await snapshot(page, "calendar-result");
  });
});

test("a file that is not a calendar is explained", async (t) => {
  await withPage(t, browser.context, async (page) => {
    await page.goto(`${baseUrl}/calendar`);
    await page.locator("#calendar").setInputFiles({ name: "notes.ics", mimeType: "text/calendar", buffer: Buffer.from("just some notes\n") });
    await page.getByRole("button", { name: "Analyse my calendar" }).click();
    await page.locator("#calendar-error").waitFor();
    assert.match(await page.locator("#calendar-error").innerText(), /not an iCalendar file/);
  });
});

test("the browser's zone is filled in by the page's script", async (t) => {
  await withPage(t, browser.context, async (page) => {
    await page.goto(`${baseUrl}/calendar`);
    const own = await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
    assert.equal(await page.locator("#browser_tz").inputValue(), own);
    assert.ok((await page.locator("#tz-zones option").count()) > 300, "the zone picker lists IANA zones");
  });
});

test("an Outlook manager export is read in its own zone and called a manager's week", async (t) => {
  await withPage(t, browser.context, async (page) => {
    await page.goto(`${baseUrl}/calendar`);
    await page.locator("#calendar").setInputFiles(path.join(cliFixtures, "outlook-manager.ics"));
    await Promise.all([page.waitForURL(`${baseUrl}/calendar`), page.getByRole("button", { name: "Analyse my calendar" }).click()]);
    await page.getByRole("heading", { name: "Your week, measured" }).waitFor();
    assert.equal(await page.locator("section.verdict").getAttribute("data-closest"), "management");
    assert.match(await page.locator("p.lede").innerText(), /America\/Los_Angeles/);
    assert.match(await page.locator("#guesses").innerText(), /Time zone: America\/Los_Angeles, a guess/);
  });
});

test("an old export without dates is analysed over its last busy weeks, and the settings can change without a new upload", async (t) => {
  await withPage(t, browser.context, async (page) => {
    await page.goto(`${baseUrl}/calendar`);
    await page.locator("#calendar").setInputFiles(path.join(cliFixtures, "google-old.ics"));
    await Promise.all([page.waitForURL(`${baseUrl}/calendar`), page.getByRole("button", { name: "Analyse my calendar" }).click()]);
    await page.getByRole("heading", { name: "Your week, measured" }).waitFor();
    assert.match(await page.locator("#window-words").innerText(), /the four weeks up to your last meeting on 12 March 2014/);
    assert.match(await page.locator("#span-words").innerText(), /2 September 2013 to 12 March 2014/);
    // Change the window on the result page: no second upload.
    await page.locator("#again-from").fill("2014-03-03");
    await page.locator("#again-to").fill("2014-03-10");
    await Promise.all([page.waitForURL(`${baseUrl}/calendar`), page.getByRole("button", { name: "Analyse again" }).click()]);
    await page.getByRole("heading", { name: "Your week, measured" }).waitFor();
    // The To day is exclusive in the form; the page names the last day analysed.
    assert.match(await page.locator("p.lede").innerText(), /3 March 2014 to 9 March 2014/);
  });
});

test("a calendar with almost nothing in the window names no track, and the decision says thin_calendar", async (t) => {
  await withPage(t, browser.context, async (page) => {
    // IC answers first, so the report has a clear verdict to compare with.
    await page.goto(`${baseUrl}/assess`);
    for (const id of ["absorbed-hard_problem_alone", "drift-refactoring", "amplify-own_keyboard", "next_project-hands_on_system", "hard_feedback-avoid_for_weeks"]) {
      await page.locator(`#${id}`).check();
    }
    await page.getByRole("button", { name: "See my result" }).click();
    await page.waitForURL(/\/assess\/result/);

    await page.goto(`${baseUrl}/calendar`);
    await page.locator("#from").fill("2026-01-05");
    await page.locator("#to").fill("2026-02-02");
    await page.locator("#calendar").setInputFiles(path.join(cliFixtures, "thin.ics"));
    await Promise.all([page.waitForURL(`${baseUrl}/calendar`), page.getByRole("button", { name: "Analyse my calendar" }).click()]);
    await page.getByRole("heading", { name: "Your week, measured" }).waitFor();
    assert.equal(await page.locator("section.verdict").getAttribute("data-evidence"), "thin");
    assert.equal(await page.locator("section.verdict").getAttribute("data-closest"), "none");
    assert.match(await page.locator("#evidence-reason").innerText(), /Too little evidence/);
    // The kept totals reach the decision page, which must not call this agreement.
    await page.getByRole("link", { name: "decision page" }).first().click();
    await page.waitForURL(`${baseUrl}/decision`);
    assert.equal(await page.locator(".report-frame").getAttribute("data-agreement"), "thin_calendar");
  });
});
