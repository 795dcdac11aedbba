import { AxeBuilder } from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { openEditor, runAndWait, signedInLearner } from "./fixtures";

// axe-core's WCAG 2.1 A and AA rules on the pages a learner uses, and on the states that only appear
// after they act (run results and hints, quiz feedback, the chooser's result), in both colour schemes.
async function check(page: Page, label: string): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return result.violations.map((v) => `${label}: ${v.id} (${v.nodes.length}×) ${v.nodes[0]?.target.join(" ")}`);
}

async function checkPage(page: Page, url: string): Promise<string[]> {
  await page.goto(url);
  await expect(page.locator("main")).toBeVisible();
  // The dashboard's figures load after the page: check them, not the loading line.
  if (url === "/dashboard") await expect(page.getByTestId("dashboard")).toBeVisible();
  return check(page, url);
}

for (const colorScheme of ["light", "dark"] as const) {
  test(`pages and their interactive states pass axe's WCAG 2.1 AA checks (${colorScheme})`, async ({ browser }) => {
    test.setTimeout(120_000);
    const context = await browser.newContext({ colorScheme });
    const page = await context.newPage();
    const found: string[] = [];
    for (const url of ["/", "/signin", "/signup"]) found.push(...(await checkPage(page, url)));
    await signedInLearner(page);
    for (const url of ["/dashboard", "/learn/flask", "/learn/flask/first-app", "/projects", "/projects/fastapi-model-api", "/join"]) {
      found.push(...(await checkPage(page, url)));
    }

    // An exercise with the editor open, a failed run and a hint; then the quiz's feedback.
    await openEditor(page, "/learn/fastapi/request-bodies");
    await expect(await runAndWait(page)).toBeVisible();
    await page.getByRole("button", { name: "Show a hint" }).click();
    found.push(...(await check(page, "exercise with results")));
    for (const question of await page.locator("fieldset.quiz-question").all()) {
      const first = question.locator("input").first();
      if (await first.count()) await first.check();
    }
    await page.getByRole("button", { name: "Submit answers" }).click();
    await expect(page.getByTestId("quiz-results")).toBeVisible();
    found.push(...(await check(page, "quiz feedback")));

    // The chooser's result.
    await page.goto("/chooser");
    for (const question of await page.locator("fieldset").all()) await question.locator("input").first().check();
    await page.getByRole("button", { name: "Recommend a framework" }).click();
    await expect(page.getByRole("button", { name: "Change my answers" })).toBeVisible();
    found.push(...(await check(page, "chooser result")));

    expect(found).toEqual([]);
    await context.close();
  });
}
