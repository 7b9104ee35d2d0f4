// Issue 14's "done when", in the browser, on whichever database run.sh started the server with
// (it runs the suite on SQLite and on PostgreSQL): an employer signs up and verifies through a
// link that arrives at a real SMTP server, posts a listing; a member finds it through a
// dealbreaker preference and applies; an administrator hides it; the same link a second time
// fails; a member cannot verify at a domain whose mail they do not receive; repeated wrong
// passwords are slowed, then refused until the time the page names.
//
// The steps share one story, so they run in order and later steps use what earlier ones made.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, test } from "node:test";
import {
  admin,
  askForLink,
  baseUrl,
  becomeEmployer,
  launch,
  logIn,
  mailTo,
  signUp,
  verificationLink,
  waitForMail,
  withPage,
} from "./helpers.js";

// Two people, two browsers: the employer (later the administrator, after signing out) and the member.
let employerBrowser;
let memberBrowser;
before(async () => {
  employerBrowser = await launch();
  memberBrowser = await launch();
});
after(async () => {
  await employerBrowser.close();
  await memberBrowser.close();
});

const PASSWORD = "a long enough password";
const stamp = `${Date.now()}${randomBytes(2).toString("hex")}`;
// A search word no demonstration listing uses: letters only, so every backend's text search
// takes it as one word.
const word = `quillon${[...stamp].map((d) => "abcdefghijklmnop"[parseInt(d, 16)]).join("")}`;

const company = { slug: "saltmarsh", name: "Saltmarsh Security", domain: "saltmarsh.example" };
// Saltmarsh claims no-meeting days and lacks sane on-call (data/board-demo.toml).
const has = { id: "no-meeting-days", label: "No-meeting days" };
const lacks = { id: "on-call-sane" };

const employer = {
  email: `hiring${stamp}@mailbox.example`,
  work: `hiring${stamp}@${company.domain}`,
};
const member = { email: `member${stamp}@mailbox.example` };
const listing = {
  title: `Staff Engineer, ${word} detection`,
  applyUrl: `https://${company.domain}/careers/${word}`,
  applyEmail: `jobs@${company.domain}`,
  url: null,
};
let link = null;

const count = async (page) => Number((await page.locator("#results-title").innerText()).match(/\d+/)[0]);

const search = (prefers) => {
  const params = new URLSearchParams({ q: word });
  for (const p of prefers) params.append("prefer", p);
  return `${baseUrl}/jobs?${params}`;
};

test("an employer signs up and verifies through a link that arrives at the SMTP server", async (t) => {
  await withPage(t, employerBrowser.context, async (page) => {
    await signUp(page, employer.email, PASSWORD);
    link = await becomeEmployer(page, company.slug, employer.work);
    assert.ok(link.startsWith(`${baseUrl}/account/verify/`), link);
    const [mail] = mailTo(employer.work);
    assert.deepEqual(mail.to, [employer.work], "the link goes to the work address only");
    assert.equal(mail.subject, `Confirm that you work at ${company.name}`);
    assert.match(mail.body, /as someone who hires for it/);
    assert.deepEqual(mailTo(employer.email), [], "nothing goes to the sign-in address");
    await page.getByText(`You are a verified employee of ${company.name}`).waitFor();
    await page.getByText("Role: employer").waitFor();
  });
});

test("following the same verification link a second time fails, and the page says so", async (t) => {
  await withPage(
    t,
    employerBrowser.context,
    async (page) => {
      const response = await page.goto(link);
      assert.equal(response.status(), 410);
      await page.getByText("This verification link has already been used").waitFor();
    },
    { keepCookies: true },
  );
});

test("the employer posts a listing at its verified company", async (t) => {
  await withPage(
    t,
    employerBrowser.context,
    async (page) => {
      await page.goto(`${baseUrl}/jobs`);
      await page.getByRole("link", { name: "Post a listing" }).click();
      await page.waitForURL(/\/jobs\/new$/);
      await page.getByText(company.name).first().waitFor();
      await page.locator("#title").fill(listing.title);
      await page.locator("#track").selectOption("ic");
      await page.locator("#rung").selectOption("staff_engineer");
      await page.locator("#location").fill("Lisbon, Portugal");
      await page.locator("#workplace").selectOption("remote");
      await page.locator("#salary_min").fill("150000");
      await page.locator("#salary_max").fill("180000");
      await page.locator("#salary_currency").fill("EUR");
      await page
        .locator("#description")
        .fill(`Set the ${word} detection strategy with the Principal engineers.\n\nWednesdays stay free of meetings.`);
      await page.locator("#apply_url").fill(listing.applyUrl);
      await page.locator("#apply_email").fill(listing.applyEmail);
      await page.getByRole("button", { name: "Post the listing" }).click();
      await page.waitForURL(/\/jobs\/\d+$/);
      listing.url = page.url();
      await page.getByRole("heading", { level: 1, name: listing.title }).waitFor();
      const data = JSON.parse(await page.locator('script[type="application/ld+json"]').textContent());
      assert.equal(data.title, listing.title);
      assert.equal(data.hiringOrganization.name, company.name);
      // It is among the company's listings on the employer's own page.
      await page.goto(`${baseUrl}/account/listings`);
      await page.getByRole("link", { name: listing.title, exact: true }).waitFor();
    },
    { keepCookies: true },
  );
});

test("the employer uploads the company's ladder and its page follows the file", async (t) => {
  await withPage(
    t,
    employerBrowser.context,
    async (page) => {
      await page.goto(`${baseUrl}/companies/${company.slug}`);
      await page.getByText("has uploaded a ladder yet").waitFor();
      const ladder = [
        'id = "saltmarsh"',
        'name = "Saltmarsh Security"',
        "",
        "[[tracks]]",
        'id = "ic"',
        'name = "Engineering"',
        "",
        "[[tracks.rungs]]",
        'id = "se"',
        'title = "Senior Engineer"',
        'scope = "team"',
        'maps_to = "senior_engineer"',
        "",
        "[[tracks.rungs]]",
        'id = "pe"',
        'title = "Principal Engineer"',
        'scope = "org"',
        'maps_to = "principal_engineer"',
        "",
      ].join("\n");
      // With no ladder yet, the upload form starts unfolded.
      await page.locator("#ladder-text").fill(ladder);
      await page.getByRole("button", { name: "Upload the ladder" }).click();
      await page.getByText(/uploaded its ladder on/).waitFor();
      const facts = await page.locator(".role-facts").innerText();
      assert.match(facts, /Principal/);
      assert.match(facts, /past Staff/);
      // No management track: the audit says so, in words.
      assert.match(await page.locator(".findings").innerText(), /management/i);
    },
    { keepCookies: true },
  );
});

test("a member finds the listing through a dealbreaker preference and applies", async (t) => {
  await withPage(t, memberBrowser.context, async (page) => {
    await signUp(page, member.email, PASSWORD);
    await page.goto(search([]));
    assert.equal(await count(page), 1, "the search word finds only the new listing");
    // A must-have the company has keeps it; one it lacks drops it.
    // On narrow screens the filters start folded away.
    const more = page.locator(".more-filters summary");
    if (await more.isVisible()) await more.click();
    await Promise.all([
      page.waitForURL(new RegExp(`prefer=${has.id}%3Adealbreaker`)),
      page.locator(`#prefer-${has.id}`).selectOption(`${has.id}:dealbreaker`),
    ]);
    assert.equal(await count(page), 1);
    const card = page.locator(".listing", { hasText: listing.title });
    await card.waitFor();
    assert.match(await card.innerText(), new RegExp(has.label));
    await page.goto(search([`${lacks.id}:dealbreaker`]));
    assert.equal(await count(page), 0, "a dealbreaker the company lacks filters the listing out");
    await page.goto(search([`${has.id}:dealbreaker`]));
    await page.locator(".listing h3 a", { hasText: listing.title }).click();
    await page.waitForURL(listing.url);
    const apply = page.getByRole("link", { name: "Apply on the company's site" });
    assert.equal(await apply.getAttribute("href"), listing.applyUrl);
    assert.equal(
      await page.getByRole("link", { name: listing.applyEmail }).getAttribute("href"),
      `mailto:${listing.applyEmail}`,
    );
    // Following the link leaves for the company's site (answered here: the suite has no network).
    await page.route(`${listing.applyUrl}**`, (route) =>
      route.fulfill({ status: 200, contentType: "text/html", body: "<title>Apply</title><h1>Apply</h1>" }),
    );
    await Promise.all([page.waitForURL(listing.applyUrl), apply.click()]);
    assert.equal(page.url(), listing.applyUrl);
  });
});

test("an administrator hides the listing with a reason and the member no longer finds it", async (t) => {
  const reason = `Story check ${stamp}: the role is a duplicate`;
  await withPage(t, employerBrowser.context, async (page) => {
    const { email, password } = admin();
    const response = await logIn(page, email, password);
    assert.ok(response.status() < 400, `the administrator's log-in answered ${response.status()}`);
    await page.goto(listing.url);
    await page.locator("#reason").fill(reason);
    await page.getByRole("button", { name: "Hide this listing" }).click();
    await page.getByText("The moderators have hidden it from the board").waitFor();
    await page.goto(`${baseUrl}/admin`);
    await page.locator("table tr", { hasText: reason }).waitFor();
  });
  await withPage(
    t,
    memberBrowser.context,
    async (page) => {
      await page.goto(search([`${has.id}:dealbreaker`]));
      assert.equal(await count(page), 0, "a hidden listing leaves search");
      await page.goto(search([]));
      assert.equal(await count(page), 0);
      const response = await page.goto(listing.url);
      assert.equal(response.status(), 404, "and its page is gone for members");
    },
    { keepCookies: true },
  );
});

test("a member cannot verify at a domain whose mail they do not receive", async (t) => {
  await withPage(
    t,
    memberBrowser.context,
    async (page) => {
      // Their own address is not at the company's domain: refused, no mail.
      await askForLink(page, "driftwood", member.email);
      await page.getByText(`${member.email} is not an address at Driftwood Commerce`).waitFor();
      // An address at the domain: the link goes there, to whoever reads that mailbox.
      const someone = `someone${stamp}@driftwood.example`;
      await askForLink(page, "driftwood", someone);
      await page.getByText(`We sent a link to ${someone}`).waitFor();
      const mail = await waitForMail(someone);
      assert.deepEqual(mail.to, [someone]);
      verificationLink(mail);
      assert.deepEqual(mailTo(member.email), [], "the member's own mailbox gets nothing");
      // Guessing a link fails and verifies nothing.
      const guess = `${baseUrl}/account/verify/${randomBytes(32).toString("base64url")}`;
      const response = await page.goto(guess);
      assert.equal(response.status(), 404);
      await page.getByText("We do not know this verification link").waitFor();
      await page.getByText("You are not verified for any company yet.").waitFor();
    },
    { keepCookies: true },
  );
});

test("repeated wrong passwords are slowed, then refused until the time the page names", async (t) => {
  await withPage(t, memberBrowser.context, async (page) => {
    const email = `guessed${stamp}@mailbox.example`;
    await signUp(page, email, PASSWORD);
    await page.context().clearCookies();
    await page.goto(`${baseUrl}/login`);
    const statuses = [];
    const waits = [];
    let lastWait = 0;
    for (let i = 0; i < 14; i++) {
      const response = await logIn(page, email, `wrong password ${i}`);
      statuses.push(response.status());
      const alert = await page.getByRole("alert").innerText();
      if (response.status() === 401) {
        assert.match(alert, /do not match an account/);
        continue;
      }
      assert.equal(response.status(), 429, alert);
      const m = /try again in (\d+) seconds?/.exec(alert);
      assert.ok(m, `the page says when to try again: ${alert}`);
      lastWait = Number(m[1]);
      assert.equal(response.headers()["retry-after"], String(lastWait));
      waits.push(lastWait);
      if (waits.length >= 2 && lastWait > waits[0]) break;
      await new Promise((resolve) => setTimeout(resolve, lastWait * 1000 + 300));
    }
    assert.deepEqual(statuses.slice(0, 5), [401, 401, 401, 401, 401], "a few mistakes cost nothing");
    assert.ok(waits.length >= 2 && waits[waits.length - 1] > waits[0], `the waits grow: ${waits.join(", ")} s`);
    // While the wait runs even the right password is refused, and the page says when to retry.
    const refused = await logIn(page, email, PASSWORD);
    assert.equal(refused.status(), 429);
    assert.match(await page.getByRole("alert").innerText(), /try again in \d+ seconds?/);
    // After it, the right password works.
    await new Promise((resolve) => setTimeout(resolve, lastWait * 1000 + 300));
    await logIn(page, email, PASSWORD);
    await page.getByRole("heading", { name: `Signed in as ${email}` }).waitFor();
  });
});
