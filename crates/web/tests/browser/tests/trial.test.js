// The trial story in a real browser (issue 15): sign up, start an IC -> manager trial with its
// exit criteria, twelve weekly check-ins on simulated dates, three calendar uploads, the trend,
// the month-6 review with a recommendation that cites its signals, the private feed, export and
// delete. The trial and review pages at 390 px: no sideways scrolling and no serious axe finding.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { after, before, test } from "node:test";
import { baseUrl, launch, signUp, withPage } from "./helpers.js";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core"), "utf8");
const here = path.dirname(fileURLToPath(import.meta.url));
// The CLI's calendar fixtures, shared with its trial story.
const cliFixtures = path.join(here, "..", "..", "..", "..", "cli", "tests", "fixtures", "calendar");
const PHONE = { width: 390, height: 844 };

const EARLY = {
  energy: "hard_technical_problem",
  drained: "back_to_back_meetings",
  hard_feedback: "put_it_off",
  missed_building: "retreated_into_code",
  helped_grow: "guided_through_technical_work",
  drift: "code",
  keeps_you_going: "the_pay",
};
const LATER = {
  energy: "people_work",
  drained: "nothing",
  hard_feedback: "gave_it_and_moved_on",
  missed_building: "not_really",
  helped_grow: "a_report_stepped_up",
  drift: "team_process",
  keeps_you_going: "the_work_itself",
};
const UPLOADS = [
  { file: "analyze-week.ics", from: "2026-01-05", to: "2026-01-12", tz: "UTC" },
  { file: "trial-second-week.ics", from: "2026-01-12", to: "2026-01-19", tz: "UTC" },
  { file: "outlook-manager.ics", from: "2026-02-02", to: "2026-02-09", tz: "" },
];

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser.close();
});

/** The date `weeks` weeks after 2026-01-12, as YYYY-MM-DD. */
function week(weeks) {
  const d = new Date(Date.UTC(2026, 0, 12 + 7 * weeks));
  return d.toISOString().slice(0, 10);
}

async function seriousFindings(page) {
  if (!(await page.evaluate(() => typeof window.axe !== "undefined"))) {
    await page.evaluate(axeSource);
  }
  const violations = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ["violations"] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.slice(0, 3).map((n) => n.target.join(" ")) }));
  });
  return violations
    .filter((v) => v.impact === "critical" || v.impact === "serious")
    .map((v) => `${v.impact} ${v.id} at ${v.targets.join(", ")}`);
}

async function fitsThePhone(page, step) {
  const { scrollWidth, innerWidth, wide } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
    // The elements that stick out, to say what to fix.
    wide: Array.from(document.querySelectorAll("main *"))
      .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
      .slice(0, 5)
      .map((e) => `${e.tagName.toLowerCase()}${e.id ? "#" + e.id : ""}.${e.className}`),
  }));
  assert.ok(
    scrollWidth <= innerWidth,
    `${step}: ${scrollWidth} px of content in a ${innerWidth} px window (${wide.join(", ")})`,
  );
  assert.deepEqual(await seriousFindings(page), [], `${step}: serious axe findings`);
}

test("an IC to manager trial from the start to the month-6 review, export and delete", async (t) => {
  await withPage(t, browser.context, async (page) => {
    const email = `trial${Date.now()}@mailbox.example`;
    await signUp(page, email, "a long enough password");

    // --- start, with the exit criteria written now ---
    await page.goto(`${baseUrl}/trial`);
    await page.locator("#kind").selectOption("ic-to-manager");
    await page.locator("#start").fill("2026-01-05");
    await page.locator("#months").fill("6");
    await page.locator("#continue_if").fill(
      "My reports say our one-on-ones help them\nI held a hard feedback conversation without putting it off",
    );
    await page.locator("#return_if").fill("I keep taking the critical-path tickets myself");
    await page.locator("#sponsor_name").fill("Ana");
    await page.locator("#sponsor_role").fill("my manager");

    // A criterion too long to check one by one: the form comes back with everything kept,
    // focus on the summary, whose link leads to the field marked.
    const rambling = "I will keep going as long as ".concat("it feels right ".repeat(20));
    await page.locator("#return_if").fill(`I keep taking the critical-path tickets myself\n${rambling}`);
    await page.getByRole("button", { name: "Start the trial" }).click();
    await page.locator("#form-errors").waitFor();
    assert.equal(await page.evaluate(() => document.activeElement && document.activeElement.id), "form-errors");
    assert.match(await page.locator("#form-errors").innerText(), /240 are allowed/);
    assert.doesNotMatch(await page.locator("#form-errors").innerText(), /\b[a-z]+_[a-z]+\b|`/, "no field ids on the page");
    assert.equal(await page.locator("#return_if").getAttribute("aria-invalid"), "true");
    assert.match(await page.locator("#continue_if").inputValue(), /hard feedback conversation/);
    assert.equal(await page.locator("#sponsor_name").inputValue(), "Ana");
    await page.locator("#form-errors a").click();
    assert.equal(await page.evaluate(() => document.activeElement && document.activeElement.id), "return_if");
    assert.deepEqual(await seriousFindings(page), [], "refused start: serious axe findings");
    await page.locator("#return_if").fill("I keep taking the critical-path tickets myself");

    await page.getByRole("button", { name: "Start the trial" }).click();
    await page.waitForURL(/\/trial\/t-[A-Za-z0-9-]+\?done=started/);
    const trialUrl = page.url().split("?")[0];
    assert.match(await page.locator("#notice").innerText(), /Your trial has started/);
    assert.match(await page.locator("#calendar").innerText(), /Your calendar file is not kept/);

    // --- twelve weekly check-ins on simulated dates, then one every other week to the end
    // (a decision needs answers across the trial) ---
    const weeks = [...Array(12).keys(), 13, 15, 17, 19, 21, 23];
    for (const [i, w] of weeks.entries()) {
      const answers = i < 4 ? EARLY : LATER;
      await page.locator("#checkin-date").fill(week(w));
      for (const [question, option] of Object.entries(answers)) {
        await page.locator(`#q-${question}-${option}`).check();
      }
      await page.getByRole("button", { name: "Save the check-in" }).click();
      await page.locator("#notice", { hasText: `Saved the check-in for ${week(w)}` }).waitFor();
    }

    // --- three calendar uploads; only weekly shares are kept ---
    for (const upload of UPLOADS) {
      await page.locator("#calendar-file").setInputFiles(path.join(cliFixtures, upload.file));
      await page.locator("#cal-from").fill(upload.from);
      await page.locator("#cal-to").fill(upload.to);
      await page.locator("#cal-tz").fill(upload.tz);
      await page.getByRole("button", { name: "Add these weeks" }).click();
      await page.locator("#notice", { hasText: "shares of 1 week; the calendar file itself was not stored" }).waitFor();
    }
    assert.match(await page.locator(".lede").innerText(), /Check-ins so far: 18\. Calendar weeks: 3\./);
    // The trend: three weeks and the two typical weeks, in the chart and its table.
    assert.equal(await page.locator("#weeks-table tbody tr").count(), 5);
    assert.equal(await page.locator(".chart.trend svg").count(), 1);

    // --- the month-6 review: too thin to decide until the criteria are marked ---
    await page.goto(`${trialUrl}/review?at=2026-07-05`);
    assert.equal(await page.locator("#recommendation").getAttribute("data-outcome"), "not-enough-evidence");
    assert.match(await page.locator("#reasons").innerText(), /Mark each criterion met or not met/);
    // The criteria, checked one by one, are kept; then the review decides, citing its signals.
    await page.locator("#c0-met").check();
    await page.locator("#c1-met").check();
    await page.locator("#r0-not").check();
    await page.getByRole("button", { name: "Keep my marks" }).click();
    await page.locator("text=Kept your marks for this review.").waitFor();
    assert.equal(await page.locator("fieldset.criterion[data-met=met]").count(), 2);
    assert.equal(await page.locator("#recommendation").getAttribute("data-outcome"), "continue");
    const reasons = await page.locator("#reasons").innerText();
    assert.match(reasons, /Based on: .*I gave it; it was uncomfortable, then it was done/);
    assert.match(reasons, /your calendar/);
    assert.match(reasons, /you will continue if/);

    // --- the sponsor answers through a private link; the review shows both views ---
    await page.goto(trialUrl);
    await page.getByRole("button", { name: "Make a link for them" }).click();
    const sponsorUrl = await page.locator("#sponsor-url").getAttribute("href");
    const sponsorPage = await browser.context.newPage();
    try {
      await sponsorPage.goto(sponsorUrl.replace(/^https?:\/\/[^/]+/, baseUrl));
      await sponsorPage.getByRole("heading", { name: "How is the trial going, Ana?" }).waitFor();
      await sponsorPage.locator("#gate").selectOption("month-6");
      for (const fieldset of await sponsorPage.locator("#sponsor-form fieldset").all()) {
        await fieldset.locator("input[type=radio]").first().check();
      }
      await sponsorPage.getByRole("button", { name: "Send my answers" }).click();
      await sponsorPage.locator("#notice", { hasText: "your answers are kept" }).waitFor();
    } finally {
      await sponsorPage.close();
    }
    await page.goto(`${trialUrl}/review?at=2026-07-05`);
    assert.match(await page.locator("#sponsor-view").innerText(), /Their answers point/);
    assert.match(await page.locator("#your-view").innerText(), /Your check-ins point/);

    // --- at 390 px: no sideways scrolling, no serious axe finding ---
    await page.setViewportSize(PHONE);
    await fitsThePhone(page, "the review on a phone");
    await page.goto(trialUrl);
    await fitsThePhone(page, "the trial page on a phone");
    await page.goto(`${baseUrl}/trial`);
    await fitsThePhone(page, "the trial list on a phone");
    await page.setViewportSize({ width: 1280, height: 900 });

    // --- a private feed of the dates, for a calendar app ---
    await page.goto(trialUrl);
    await page.getByRole("button", { name: "Make a private address" }).click();
    const feedUrl = await page.locator("#feed-url").getAttribute("href");
    const feed = await page.request.get(feedUrl.replace(/^https?:\/\/[^/]+/, baseUrl));
    assert.equal(feed.status(), 200);
    const ics = await feed.text();
    assert.match(ics, /^BEGIN:VCALENDAR\r\n/);
    assert.match(ics, /RRULE:FREQ=WEEKLY;COUNT=25/);

    // --- export everything, then delete it in one confirmed click ---
    const [download] = await Promise.all([page.waitForEvent("download"), page.locator("#export-link").click()]);
    const exported = JSON.parse(readFileSync(await download.path(), "utf8"));
    assert.equal(exported.format, "dualtrack-trial");
    assert.equal(exported.trial.checkins.length, 18);
    assert.equal(exported.trial.calendar.length, 3);
    await page.locator("#confirm-delete").check();
    await page.getByRole("button", { name: "Delete the trial" }).click();
    await page.waitForURL(/\/trial\?done=deleted/);
    const gone = await page.request.get(trialUrl);
    assert.equal(gone.status(), 404);
    const feedGone = await page.request.get(feedUrl.replace(/^https?:\/\/[^/]+/, baseUrl));
    assert.equal(feedGone.status(), 404);
  });
});
