import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { baseUrl, launch, snapshot, withPage } from "./helpers.js";

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser.close();
});

test("walking the ladder explorer from a rung to its equivalent", async (t) => {
  await withPage(t, browser.context, async (page) => {
    await page.goto(`${baseUrl}/ladder`);
    // Equivalent rungs share a row: Staff Engineer sits beside Engineering Manager.
    const staffRow = page.locator(".ladder-cell.ic", { hasText: "Staff Engineer" }).filter({ hasNotText: "Senior" });
    assert.equal(await staffRow.count(), 1);
    assert.ok((await page.locator(".ladder-cell.mid", { hasText: "≈ stated" }).count()) >= 3, "stated pairs are marked");
    assert.ok((await page.locator(".ladder-cell.mid", { hasText: "our extrapolation" }).count()) >= 1, "our pairings are marked");
    // The link's accessible name contains its visible text (label-content-name-mismatch).
    await page.getByRole("link", { name: /^Staff Engineer multi team scope/ }).click();
    await page.getByRole("heading", { level: 1, name: "Staff Engineer" }).waitFor();
    await page.getByRole("heading", { name: "Where a Staff+ week goes" }).waitFor();
    await page.getByRole("heading", { name: "Parity has limits" }).waitFor();
    await page.locator(".role-facts").getByRole("link", { name: "Engineering Manager" }).click();
    await page.getByRole("heading", { level: 1, name: "Engineering Manager" }).waitFor();
    await page.getByRole("link", { name: "dualtrack reference ladder" }).click();
    await page.getByRole("link", { name: "Compare the tracks on nine dimensions" }).click();
    assert.equal(await page.locator("table.compare tbody tr").count(), 9);
    await snapshot(page, "compare");
  });
});

test("choosing a company's ladder changes the board", async (t) => {
  await withPage(t, browser.context, async (page) => {
    await page.goto(`${baseUrl}/ladder`);
    await Promise.all([page.waitForURL(/company=sprocket/), page.locator("#company").selectOption("sprocket")]);
    await page.getByRole("heading", { level: 1, name: /Sprocket/ }).waitFor();
  });
});

test("a bad ladder file is reported with its line", async (t) => {
  await withPage(t, browser.context, async (page) => {
    await page.goto(`${baseUrl}/ladder/audit`);
    const bad = 'id = "acme"\nname = "Acme"\n\n[[tracks]]\nid = "ic"\nname = "Engineering"\n\n[[tracks.rungs]]\nid = "engineer"\ntitle = "Engineer"\nscope = "galaxy"\n';
    await page.locator("#ladder").setInputFiles({ name: "acme.toml", mimeType: "application/toml", buffer: Buffer.from(bad) });
    await page.getByRole("button", { name: "Audit this ladder" }).click();
    await page.getByRole("heading", { name: "Could not load acme.toml" }).waitFor();
    assert.match(await page.locator(".findings .line-ref").first().innerText(), /line 11, column \d+/);
    assert.match(await page.locator("pre.excerpt .marked").first().innerText(), /11 │ scope = "galaxy"/);
    await snapshot(page, "audit-error");
  });
});

test("title mapping answers with its certainty", async (t) => {
  await withPage(t, browser.context, async (page) => {
    await page.goto(`${baseUrl}/ladder/map`);
    await page.locator("#rung").fill("Staff Engineer");
    await page.getByRole("button", { name: "Find equivalents" }).click();
    await page.locator("#result").waitFor();
    assert.match(await page.locator("#result").innerText(), /Engineering Manager/);
  });
});
