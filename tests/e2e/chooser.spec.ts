import { expect, test } from "@playwright/test";
import { signUp } from "./fixtures";

test("answer the chooser, see a recommendation with reasons, and find it on the dashboard", async ({ page }) => {
  await signUp(page);
  await page.goto("/chooser");
  await page.getByLabel("A JSON API for a mobile app or a JavaScript front end").check();
  await page.getByLabel("Only a JSON API").check();
  await page.getByLabel("Many requests at once that mostly wait on databases or other services").check();
  await page.getByRole("button", { name: "Recommend a framework" }).click();
  // Skipped questions are named first; the learner can go on anyway.
  await expect(page.getByRole("alert")).toContainText("You skipped question");
  await page.getByRole("button", { name: "Recommend a framework" }).click();

  const result = page.getByTestId("chooser-result");
  await expect(result).toHaveAttribute("data-recommendation", "fastapi");
  await expect(page.getByTestId("recommendation")).toHaveText("FastAPI");
  await expect(result).toContainText("validates JSON bodies");
  await expect(page.getByText("Saved to your history")).toBeVisible();

  await page.goto("/dashboard");
  await page.reload();
  await expect(page.getByTestId("dashboard-chooser")).toContainText("FastAPI");
  await page.getByTestId("dashboard-chooser").getByRole("link", { name: "See why" }).click();
  await expect(page.getByTestId("recommendation")).toHaveText("FastAPI");
});

test("a visitor can use the chooser and is invited to sign up to save it", async ({ page }) => {
  await page.goto("/chooser");
  await page.getByLabel("A content-heavy website with editors (a blog, a magazine, a catalogue)").check();
  await page.getByLabel("Yes, all of them").check();
  await page.getByRole("button", { name: "Recommend a framework" }).click();
  await page.getByRole("button", { name: "Recommend a framework" }).click();
  await expect(page.getByTestId("recommendation")).toHaveText("Django");
  await expect(page.getByTestId("chooser-sign-up")).toBeVisible();
});

test("start a project, tick a milestone and add a repository link", async ({ page }) => {
  await signUp(page);
  await page.goto("/projects?track=flask");
  await page.getByRole("link", { name: "A REST API for a reading list" }).click();
  await page.getByRole("button", { name: "Start this project" }).click();
  const tracker = page.getByTestId("project-tracker");
  await tracker.getByRole("checkbox").first().check();
  await expect(tracker).toContainText("Milestone ticked");
  await page.getByLabel("Repository link (optional)").fill("javascript:alert(1)");
  await page.getByRole("button", { name: "Save link" }).click();
  await expect(tracker.getByRole("alert")).toContainText("https://");
  await page.getByLabel("Repository link (optional)").fill("https://github.com/ada/reading-list");
  await page.getByRole("button", { name: "Save link" }).click();
  await expect(tracker.getByRole("link", { name: "Open repository" })).toHaveAttribute("href", "https://github.com/ada/reading-list");
  await page.goto("/dashboard");
  await expect(page.getByTestId("dashboard-projects")).toContainText("1 of 6 milestones");
});
