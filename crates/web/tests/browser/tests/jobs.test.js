import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import {
  askForLink,
  baseUrl,
  launch,
  signUp,
  snapshot,
  verificationLink,
  waitForMail,
  withPage,
} from "./helpers.js";

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

test("an account verifies as an employee through a link from the SMTP server and endorses a tag", async (t) => {
  await withPage(t, browser.context, async (page) => {
    const stamp = Date.now();
    const email = `pat${stamp}@mailbox.example`;
    const work = `pat${stamp}@lumenfold.example`;
    await signUp(page, email, "a long enough password");
    await askForLink(page, "lumenfold", work);
    await page.getByText(`We sent a link to ${work}`).waitFor();
    assert.equal(await page.getByRole("link", { name: "local outbox" }).count(), 0, "a mail server is set up");
    const link = verificationLink(await waitForMail(work));
    await page.goto(link);
    await page.getByText("You are now a verified employee").waitFor();
    await page.goto(`${baseUrl}/companies/lumenfold`);
    await page.locator("#team-sustainable-pace").fill("Platform");
    await page.getByRole("button", { name: "Endorse Sustainable pace" }).click();
    await page.getByRole("button", { name: "Withdraw your endorsement of Sustainable pace" }).waitFor();
    await page.locator("#tag-sustainable-pace").getByText("teams: Platform").waitFor();
    await page.getByRole("button", { name: "Log out" }).click();
    await page.getByRole("link", { name: "Log in" }).waitFor();
  });
});

// run.sh starts a second server without SMTP on its SQLite run (OUTBOX_URL): its mail goes to
// the local outbox page instead.
const outboxUrl = (process.env.OUTBOX_URL || "").replace(/\/$/, "");

test(
  "without a mail server the link waits in the local outbox, and works once",
  { skip: outboxUrl ? false : "the local outbox server runs with the SQLite pass only" },
  async (t) => {
    await withPage(t, browser.context, async (page) => {
      const stamp = Date.now();
      const email = `sam${stamp}@mailbox.example`;
      const work = `sam${stamp}@lumenfold.example`;
      await page.goto(`${outboxUrl}/signup`);
      await page.locator("#email").fill(email);
      await page.locator("#password").fill("a long enough password");
      await page.getByRole("button", { name: "Create account" }).click();
      await page.getByRole("heading", { name: `Signed in as ${email}` }).waitFor();
      await page.locator("#company").selectOption("lumenfold");
      await page.locator("#address").fill(work);
      await page.getByRole("button", { name: "Send me a link" }).click();
      await page.getByText(`We sent a link to ${work}`).waitFor();
      await page.getByRole("link", { name: "local outbox" }).click();
      await page.getByText("Nothing on this page was sent by email").waitFor();
      const message = page.locator(".outbox-message", { hasText: work }).first();
      await message.locator(".mail-body a").click();
      await page.getByText("You are now a verified employee").waitFor();
      // The same link a second time says it was used.
      await page.goto(`${outboxUrl}/dev/outbox`);
      await page.locator(".outbox-message", { hasText: work }).first().locator(".mail-body a").click();
      await page.getByText("already been used").waitFor();
    });
  },
);

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
