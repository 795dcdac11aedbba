import { expect, test } from "@playwright/test";
import { signedInLearner } from "./fixtures";

const LESSON = "/learn/flask/first-app";

test("a signed-out visitor can read a lesson and is asked to sign in to save progress", async ({ page }) => {
  await page.goto(LESSON);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByRole("heading", { name: "After this lesson you can" })).toBeVisible();
  await expect(page.getByTestId("sign-in-to-save")).toContainText("to save your progress");
  await expect(page.getByRole("button", { name: "Mark lesson complete" })).toHaveCount(0);
});

test("a learner marks a lesson complete, sees the track progress move, and it survives a reload", async ({ page }) => {
  await signedInLearner(page);
  await page.goto(LESSON);
  const progress = page.getByTestId("track-progress");
  await expect(progress).toHaveAttribute("data-completed", "0");
  // A double click must not store two rows or toggle twice.
  await page.getByRole("button", { name: "Mark lesson complete" }).dblclick();
  await expect(page.getByRole("button", { name: /Completed/ })).toBeVisible();
  await expect(progress).toHaveAttribute("data-completed", "1");
  await page.reload();
  await expect(page.getByRole("button", { name: /Completed/ })).toBeVisible();
  await expect(page.getByTestId("track-progress")).toHaveAttribute("data-completed", "1");
  await page.goto("/learn/flask");
  await expect(page.getByTestId("track-progress")).toHaveAttribute("data-completed", "1");
  await expect(page.getByRole("link", { name: /Continue where you left off/ })).toBeVisible();
});
