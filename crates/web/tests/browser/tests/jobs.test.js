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

const count = async (page) => Number((await page.locator("#results-title").innerText()).match(/\d+/)[0]);

test("job board filters change the address and the results", async (t) => {
  await withPage(t, browser.context, async (page) => {
    await page.goto(`${baseUrl}/jobs`);
    const all = await count(page);
    assert.ok(all > 0);
    await Promise.all([page.waitForURL(/track=management/), page.locator("#track").selectOption("management")]);
    const management = await count(page);
    assert.ok(management > 0 && management < all, `${management} of ${all}`);
    for (const badge of await page.locator(".listing .meta .badge").allInnerTexts()) {
      assert.equal(badge, "Management");
    }
    await Promise.all([page.waitForURL(/remote=true/), page.locator("#remote").check()]);
    assert.match(page.url(), /track=management/, "earlier filters stay in the address");
    assert.ok((await count(page)) <= management);
    await page.goBack();
    assert.equal(await count(page), management, "the address alone restores the results");
    await snapshot(page, "jobs");
  });
});

test("a listing page carries JobPosting data", async (t) => {
  await withPage(t, browser.context, async (page) => {
    await page.goto(`${baseUrl}/jobs`);
    await page.locator(".listing h3 a").first().click();
    await page.waitForURL(/\/jobs\/\d+$/);
    const data = JSON.parse(await page.locator('script[type="application/ld+json"]').textContent());
    assert.equal(data["@type"], "JobPosting");
    assert.equal(data.title, await page.locator("h1").innerText());
    await page.locator(".breadcrumb a").nth(1).click();
    await page.getByRole("heading", { name: "Culture tags" }).waitFor();
  });
});

test("an account verifies as an employee and endorses a tag", async (t) => {
  await withPage(t, browser.context, async (page) => {
    const email = `pat${Date.now()}@lumenfold.example`;
    await page.goto(`${baseUrl}/signup`);
    await page.locator("#email").fill(email);
    await page.locator("#password").fill("a long enough password");
    await page.getByRole("button", { name: "Create account" }).click();
    await page.getByRole("heading", { name: `Signed in as ${email}` }).waitFor();
    await page.getByRole("button", { name: "Send me a code" }).click();
    const code = await page.locator("#verification-code").innerText();
    await page.locator("#code").fill(code);
    await page.getByRole("button", { name: "Confirm" }).click();
    await page.getByText("You are now a verified employee").waitFor();
    await page.goto(`${baseUrl}/companies/lumenfold`);
    await page.getByRole("button", { name: "Endorse Sustainable pace" }).click();
    await page.getByRole("button", { name: "Withdraw your endorsement of Sustainable pace" }).waitFor();
    await page.getByRole("button", { name: "Log out" }).click();
    await page.getByRole("link", { name: "Log in" }).waitFor();
  });
});

test("a culture preference ranks the board and says how each result matches", async (t) => {
  await withPage(t, browser.context, async (page) => {
    await page.goto(`${baseUrl}/jobs`);
    const all = await count(page);
    await Promise.all([
      page.waitForURL(/prefer=remote-first%3Aimportant/),
      page.locator("#prefer-remote-first").selectOption("remote-first:important"),
    ]);
    assert.equal(await count(page), all, "an important tag ranks, it does not filter");
    assert.match(await page.locator(".listing .fit").first().innerText(), /Matches 1 of your 1 important tag/);
    await Promise.all([
      page.waitForURL(/prefer=deep-work%3Adealbreaker/),
      page.locator("#prefer-deep-work").selectOption("deep-work:dealbreaker"),
    ]);
    const filtered = await count(page);
    assert.ok(filtered > 0 && filtered < all, `${filtered} of ${all}`);
    assert.match(page.url(), /remote-first%3Aimportant/, "earlier preferences stay in the address");
  });
});
