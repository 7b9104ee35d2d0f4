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

test("uploading a calendar shows the figures and draws a chart", async (t) => {
  await withPage(t, browser.context, async (page) => {
    await page.goto(`${baseUrl}/calendar`);
    await page.locator("#from").fill("2026-01-05");
    await page.locator("#to").fill("2026-01-19");
    await page.locator("#calendar").setInputFiles(path.join(fixturesDir, "two-weeks.ics"));
    await Promise.all([page.waitForURL(`${baseUrl}/calendar`), page.getByRole("button", { name: "Analyse my calendar" }).click()]);
    await page.getByRole("heading", { name: "Your week, measured" }).waitFor();
    assert.equal(await page.locator("#stat-working-hours").innerText(), "80");
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
