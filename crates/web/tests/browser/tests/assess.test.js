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

const IC_ANSWERS = [
  "absorbed-hard_problem_alone",
  "drift-refactoring",
  "amplify-own_keyboard",
  "next_project-hands_on_system",
  "hard_feedback-avoid_for_weeks",
  "reason-protect_deep_work",
];

async function answer(page, ids) {
  await page.goto(`${baseUrl}/assess`);
  for (const id of ids) {
    await page.locator(`#${id}`).check();
  }
  await Promise.all([page.waitForURL(/\/assess\/result\?/), page.getByRole("button", { name: "See my result" }).click()]);
}

test("taking the assessment end to end shows the verdict", async (t) => {
  await withPage(t, browser.context, async (page) => {
    await answer(page, IC_ANSWERS);
    const url = new URL(page.url());
    assert.equal(url.searchParams.get("absorbed"), "hard_problem_alone");
    assert.deepEqual(url.searchParams.getAll("reason"), ["protect_deep_work"]);
    const verdict = page.locator("section.verdict");
    assert.equal(await verdict.getAttribute("data-verdict"), "ic");
    assert.match(await verdict.innerText(), /The IC track/);
    assert.equal(await page.locator("table tbody tr").count(), 6, "one reading per answer");
    assert.ok(await page.locator("button[data-copy]").isVisible(), "app.js ran");
    await snapshot(page, "assess-result");
  });
});

test("a red-flag reason is called out", async (t) => {
  await withPage(t, browser.context, async (page) => {
    await answer(page, [
      "absorbed-team_conflict",
      "drift-people_conversations",
      "amplify-amplify_with_headcount",
      "next_project-coordinate_many",
      "hard_feedback-part_of_caring",
      "reason-more_money",
    ]);
    assert.equal(await page.locator("section.verdict").getAttribute("data-verdict"), "management");
    await page.getByRole("heading", { name: "Reasons worth doubting" }).waitFor();
  });
});

test("missing answers are pointed out and the others kept", async (t) => {
  await withPage(t, browser.context, async (page) => {
    await page.goto(`${baseUrl}/assess`);
    await page.locator("#absorbed-org_design").check();
    await page.getByRole("button", { name: "See my result" }).click();
    await page.locator("#form-errors").waitFor();
    assert.ok(await page.locator("#absorbed-org_design").isChecked());
    assert.match(await page.locator("#err-drift").innerText(), /Question 2 needs an answer/);
  });
});

test("the assessment works with JavaScript disabled", async (t) => {
  const context = await browser.noScript();
  await withPage(t, context, async (page) => {
    await answer(page, IC_ANSWERS);
    assert.equal(await page.locator("section.verdict").getAttribute("data-verdict"), "ic");
    // app.js reveals the copy button; without JavaScript it stays hidden and the page still works.
    assert.ok(await page.locator("button[data-copy]").isHidden());
  });
});

test("after a failed post focus is on the error summary, whose items lead to their questions", async (t) => {
  await withPage(t, browser.context, async (page) => {
    await page.goto(`${baseUrl}/assess`);
    await page.locator("#absorbed-org_design").check();
    await page.getByRole("button", { name: "See my result" }).click();
    await page.locator("#form-errors").waitFor();
    assert.equal(await page.evaluate(() => document.activeElement && document.activeElement.id), "form-errors");
    const link = page.locator("#form-errors a").first();
    assert.match(await link.innerText(), /^Question 2: /);
    await link.click();
    assert.equal(await page.evaluate(() => document.activeElement && document.activeElement.name), "drift");
  });
});
