import { expect, test, type Page } from "@playwright/test";
import { signedInLearner } from "./fixtures";

// Options are picked by their ids from lessons/chooser.yaml, which stay stable when labels are reworded.
async function pick(page: Page, questionId: string, optionId: string) {
  await page.locator(`input[name="${questionId}"][value="${optionId}"]`).check();
}

test("answer the chooser, see a recommendation with reasons, and find it on the dashboard", async ({ page }) => {
  await signedInLearner(page);
  await page.goto("/chooser");
  await pick(page, "project-type", "json-api");
  await pick(page, "api-contract", "openapi");
  await pick(page, "concurrency", "high-io");
  await page.getByRole("button", { name: "Recommend a framework" }).click();
  // Skipped questions are named first; the learner can go on anyway.
  await expect(page.locator("form").getByRole("alert")).toContainText("You skipped question");
  await page.getByRole("button", { name: "Recommend a framework" }).click();

  const result = page.getByTestId("chooser-result");
  await expect(result).toHaveAttribute("data-recommendation", "fastapi");
  await expect(page.getByTestId("recommendation")).toHaveText("FastAPI");
  // Reasons for and against, in plain words, for each framework.
  await expect(result.locator("section").filter({ hasText: "For" }).first().locator(".evidence li").first()).toBeVisible();
  await expect(result.locator(".weight.minus").first()).toBeVisible();
  await expect(page.getByText("Saved to your history")).toBeVisible();
  // The label gives the lead in points, and the record section says the record can only tip a close call.
  await expect(page.getByTestId("confidence")).toContainText("A clear lead");
  await expect(page.getByTestId("record-cap")).toContainText("never overturn a clear lead");

  await page.goto("/dashboard");
  await page.reload();
  await expect(page.getByTestId("dashboard-chooser")).toContainText("FastAPI");
  await page.getByTestId("dashboard-chooser").getByRole("link", { name: "See why" }).click();
  await expect(page.getByTestId("recommendation")).toHaveText("FastAPI");
});

test("no answers, or only neutral ones, give no recommendation and say why", async ({ page }) => {
  await page.goto("/chooser");
  await page.getByRole("button", { name: "Recommend a framework" }).click();
  await expect(page.getByTestId("chooser-no-answers")).toContainText("No recommendation yet");
  await pick(page, "concurrency", "cpu-heavy");
  await pick(page, "conventions", "no-preference");
  await page.getByRole("button", { name: "Recommend a framework" }).click();
  await page.getByRole("button", { name: "Recommend a framework" }).click();
  await expect(page.locator("form").getByRole("alert").last()).toContainText(
    "No recommendation yet: none of your answers points to a framework",
  );
  await expect(page.getByTestId("chooser-result")).toHaveCount(0);
});

test("a visitor can use the chooser and is invited to sign up to save it", async ({ page }) => {
  await page.goto("/chooser");
  await pick(page, "project-type", "content-site");
  await pick(page, "batteries", "need-all");
  await pick(page, "team-experience", "new");
  await page.getByRole("button", { name: "Recommend a framework" }).click();
  await page.getByRole("button", { name: "Recommend a framework" }).click();
  await expect(page.getByTestId("recommendation")).toHaveText("Django");
  await expect(page.getByTestId("chooser-sign-up")).toBeVisible();
});

test("start a project, tick a milestone and add a repository link", async ({ page }) => {
  await signedInLearner(page);
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
