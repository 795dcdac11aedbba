import { AxeBuilder } from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { signUp } from "./fixtures";

// axe-core's WCAG 2.1 A and AA rules on the pages a learner uses, in both colour schemes.
async function violations(page: Page, url: string): Promise<string[]> {
  await page.goto(url);
  await expect(page.locator("main")).toBeVisible();
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return result.violations.map((v) => `${url}: ${v.id} (${v.nodes.length}×) ${v.nodes[0]?.target.join(" ")}`);
}

for (const colorScheme of ["light", "dark"] as const) {
  test(`the main pages pass axe's WCAG 2.1 AA checks (${colorScheme})`, async ({ browser }) => {
    const context = await browser.newContext({ colorScheme });
    const page = await context.newPage();
    const found: string[] = [];
    for (const url of ["/", "/signin", "/signup"]) found.push(...(await violations(page, url)));
    await signUp(page);
    for (const url of ["/dashboard", "/learn/flask", "/learn/flask/first-app", "/learn/fastapi/request-bodies", "/chooser", "/projects", "/projects/fastapi-model-api", "/join"]) {
      found.push(...(await violations(page, url)));
    }
    expect(found).toEqual([]);
    await context.close();
  });
}
