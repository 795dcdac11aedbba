import { AxeBuilder } from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { openEditor } from "./fixtures";

// Site search (docs/decisions/0021-search-pagefind.md): a Pagefind index written after next build from the
// prerendered lesson pages and the project briefs, searched in the browser from static files.

/** CSP violations the page reports, except zod's eval probe (see csp.spec.ts). */
function watchViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on("console", (message) => {
    const text = message.text();
    if (/Content Security Policy/i.test(text) && !/evaluate a string as JavaScript|script-src eval$/.test(text)) violations.push(text);
  });
  page.on("pageerror", (error) => violations.push(`page error: ${error.message}`));
  return violations;
}

const dialog = (page: Page) => page.getByRole("dialog", { name: "Search lessons and projects" });
const results = (page: Page) => dialog(page).getByRole("list", { name: "Results" }).getByRole("link");

/** Presses `/` until the dialog opens: the shortcut listens once the page has hydrated, and a press before that is lost. */
async function pressSlash(page: Page) {
  await expect(async () => {
    if (!(await dialog(page).isVisible())) await page.keyboard.press("/");
    await expect(dialog(page)).toBeVisible({ timeout: 1_000 });
  }).toPass();
}

test("/ opens the search; a word only one Django lesson has finds that lesson, and Enter or a click opens it", async ({
  page,
  context,
}) => {
  const violations = watchViolations(page);
  await page.goto("/learn/flask/first-app");
  await expect(page.getByRole("button", { name: /Search/ })).toBeVisible();

  await pressSlash(page);
  const input = dialog(page).getByLabel("Search for");
  await expect(input).toBeFocused();
  // TabularInline appears in the Django admin lesson only.
  await input.fill("TabularInline");
  await expect(results(page)).toHaveCount(1);
  await expect(results(page)).toHaveAttribute("href", "/learn/django/admin");
  await expect(results(page)).toContainText("Django · lesson");
  await expect(results(page).locator("mark").first()).toHaveText(/TabularInline/i);
  await expect(dialog(page).getByRole("status")).toHaveText("1 result for “TabularInline”.");
  // The open dialog with a result passes axe's WCAG 2.1 AA rules in both colour schemes.
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    const axe = await new AxeBuilder({ page }).include(".search-dialog").withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    expect(axe.violations.map((v) => `${colorScheme}: ${v.id} ${v.nodes[0]?.target.join(" ")}`)).toEqual([]);
  }

  await input.press("Enter");
  await expect(page).toHaveURL(/\/learn\/django\/admin$/);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(dialog(page)).toBeHidden();

  // Escape closes it; a click on a result opens that page. Project briefs are indexed too.
  await pressSlash(page);
  await page.keyboard.press("Escape");
  await expect(dialog(page)).toBeHidden();
  await pressSlash(page);
  // "screenshot" appears in the Flask portfolio brief only.
  await dialog(page).getByLabel("Search for").fill("screenshot");
  await expect(results(page)).toHaveCount(1);
  await expect(results(page)).toContainText("Flask project");
  await results(page).click();
  await expect(page).toHaveURL(/\/projects\/flask-portfolio$/);

  // Once the index has arrived, searching needs no server.
  await page.goto("/learn/flask/first-app");
  await pressSlash(page);
  await expect(dialog(page)).toHaveAttribute("data-offline-ready", "true");
  await context.setOffline(true);
  try {
    await dialog(page).getByLabel("Search for").fill("aggregation");
    await expect(dialog(page).locator('a[href="/learn/django/orm-queries"]')).toBeVisible();
  } finally {
    await context.setOffline(false);
  }
  expect(violations).toEqual([]);
});

test("/ stays a character in form fields and in the code editor", async ({ page }) => {
  await page.goto("/signin");
  await page.getByLabel("Email").fill("a");
  await page.getByLabel("Email").press("/");
  await expect(page.getByLabel("Email")).toHaveValue("a/");
  await expect(dialog(page)).toBeHidden();

  await openEditor(page, "/learn/flask/first-app");
  await page.getByTestId("code-editor").click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.press("Delete");
  // One key at a time, each seen by the editor before the next: typed in one burst, the `/` was lost in
  // 2 of 6 runs on a busy machine (the search stayed closed, so it did not take the key).
  for (const [key, text] of [
    ["a", "a"],
    ["/", "a/"],
    ["b", "a/b"],
  ] as const) {
    await page.keyboard.press(key);
    await expect(page.locator(".view-lines")).toHaveText(text);
  }
  await expect(dialog(page)).toBeHidden();
});

test("the index is served as static files under the asset policy, its hashed chunks cached for good", async ({ request }) => {
  const script = await request.get("/pagefind/pagefind.js");
  expect(script.status()).toBe(200);
  const scriptSrc = (script.headers()["content-security-policy"] ?? "").split(/;\s*/).find((d) => d.startsWith("script-src ")) ?? "";
  expect(scriptSrc).toBe("script-src 'self' 'wasm-unsafe-eval'");
  const files = (await (await request.get("/pagefind/crossroads-files.json")).json()) as string[];
  expect(files.some((file) => file.startsWith("index/"))).toBe(true);
  expect(files.some((file) => file.startsWith("fragment/"))).toBe(true);
  const chunk = await request.get(`/pagefind/${files[0]}`);
  expect(chunk.status()).toBe(200);
  expect(chunk.headers()["cache-control"]).toBe("public, max-age=31536000, immutable");
});
