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

test("the home page offers the three ways in", async (t) => {
  await withPage(t, browser.context, async (page) => {
    const response = await page.goto(`${baseUrl}/`);
    assert.equal(response.status(), 200);
    assert.match(response.headers()["content-security-policy"], /default-src 'self'/);
    await assert.doesNotReject(page.getByRole("heading", { level: 1 }).waitFor());
    for (const name of ["Take the assessment", "Analyse a calendar", "Explore the ladders"]) {
      assert.equal(await page.getByRole("link", { name }).count(), 1, name);
    }
    await snapshot(page, "home");
  });
});

test("the skip link moves keyboard focus to the content", async (t) => {
  await withPage(t, browser.context, async (page) => {
    await page.goto(`${baseUrl}/`);
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Skip to content" });
    assert.ok(await skip.evaluate((el) => el === document.activeElement));
    await page.keyboard.press("Enter");
    assert.match(page.url(), /#main$/);
  });
});

test("an unknown address shows the error page", async (t) => {
  await withPage(t, browser.context, async (page) => {
    const response = await page.goto(`${baseUrl}/no/such/page`);
    assert.equal(response.status(), 404);
    await page.getByRole("heading", { name: "Not Found" }).waitFor();
  });
});
