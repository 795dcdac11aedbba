import { expect, test } from "@playwright/test";
import { signedInLearner } from "./fixtures";

// The dashboard page is prerendered; its figures load from /api/dashboard (docs/decisions/0032). What a
// learner sees while they load, and when they cannot be loaded.

test("the dashboard says it is loading, then says what failed and loads on Try again", async ({ page }) => {
  const account = await signedInLearner(page);
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  let answers = 0;
  await page.route("**/api/dashboard", async (route) => {
    answers++;
    if (answers === 1) {
      await held;
      return route.fulfill({ status: 500, json: { error: "Something went wrong on our side. Please try again." } });
    }
    return route.continue();
  });
  await page.goto("/dashboard");
  await expect(page.getByRole("status").filter({ hasText: "Loading your progress" })).toBeVisible();
  release();
  await expect(page.getByText("Something went wrong on our side. Please try again.")).toBeVisible();
  await page.getByRole("button", { name: "Try again" }).click();
  await expect(page.getByRole("heading", { name: `Welcome back, ${account.name}` })).toBeVisible();
  await expect(page.getByTestId("dashboard-track-flask")).toContainText("Start: Your first Flask app");
});

test("the dashboard page is the same for everyone: fetched with a learner's cookie it holds no trace of them", async ({ page }) => {
  const account = await signedInLearner(page);
  const response = await page.request.get("/dashboard");
  expect(response.headers()["cache-control"]).toContain("s-maxage=");
  const html = await response.text();
  expect(html).toContain("Loading your progress");
  expect(html).not.toContain(account.name);
  expect(html).not.toContain(account.email);
});
