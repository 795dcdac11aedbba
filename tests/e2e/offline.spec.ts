import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, expect, test } from "@playwright/test";
import { openEditor, runAndWait, signedInLearner } from "./fixtures";

// Offline (issue 18): a lesson read once opens without a connection, its browser exercise runs, and a draft edit
// and a "mark complete" made offline reach the server when the connection returns.

test.use({ permissions: ["clipboard-read", "clipboard-write"] });

const LESSON = "/learn/flask/first-app";
const EXERCISE = "flask-first-app-ex";

test("a visited lesson and its exercise work offline; the draft and the completion sync when back online", async ({ page, context }) => {
  test.setTimeout(240_000);
  await signedInLearner(page);
  await page.goto(LESSON);
  // The first visit installs the offline worker, which takes control of open pages (clients.claim) and keeps what
  // Run fetches. Signing in lands on the dashboard, which registers it too; when it claims its pages while this one
  // is still loading, this page is missed and comes under its control from its next load, as for a learner.
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  if (!(await page.evaluate(() => navigator.serviceWorker.controller !== null))) await page.reload();
  await page.waitForFunction(() => navigator.serviceWorker.controller?.scriptURL.endsWith("/sw.js"), null, { timeout: 30_000 });
  await openEditor(page, LESSON);
  await expect(await runAndWait(page)).toBeVisible();
  await expect(page.getByTestId("save-state")).toHaveText("All changes saved", { timeout: 30_000 });

  await context.setOffline(true);
  const reloaded = await page.reload();
  expect(reloaded?.fromServiceWorker(), "the page came from the offline worker's copy").toBe(true);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByTestId("offline-banner")).toContainText("You are offline");

  // The browser engine runs from the kept files; a draft edit waits in this browser.
  await page.getByRole("button", { name: "Open the code editor" }).click();
  await expect(page.getByTestId("code-editor")).toBeVisible({ timeout: 30_000 });
  await page.getByTestId("code-editor").click();
  await page.keyboard.press("ControlOrMeta+End");
  // Pasted, not typed: a typed newline may accept one of the editor's word suggestions.
  await page.evaluate(() => navigator.clipboard.writeText("\n# written offline\n"));
  await page.keyboard.press("ControlOrMeta+V");
  await expect(page.getByTestId("save-state")).toContainText("Offline", { timeout: 30_000 });
  const results = await runAndWait(page);
  await expect(results).toBeVisible();

  // Submitting says it needs the server; marking complete is kept for later.
  await page.getByTestId("submit-button").click();
  await expect(page.getByRole("alert").filter({ hasText: "needs the server" })).toBeVisible();
  await page.getByRole("button", { name: "Mark lesson complete" }).click();
  await expect(page.getByTestId("completion-state")).toHaveText(/Saved in this browser/);
  await expect(page.getByRole("button", { name: /Completed/ })).toBeVisible();

  await context.setOffline(false);
  await expect(page.getByTestId("save-state")).toHaveText("All changes saved", { timeout: 60_000 });
  await expect(page.getByTestId("completion-state")).toHaveText("Saved to your progress.", { timeout: 30_000 });
  const draft = await (await page.request.get(`/api/drafts/${EXERCISE}`)).json();
  expect(draft.draft.code).toContain("# written offline");
  const progress = await (await page.request.get("/api/progress?track=flask")).json();
  expect(progress.completedLessonIds).toContain("flask-first-app");
});

test("an exercise opened again in a new tab, with the offline worker in control, starts Python and runs", async ({
  launchOptions,
  baseURL,
}) => {
  // The engine's worker script is Turbopack's, and learns which chunks to load from its address's #fragment. The
  // offline worker used to answer that request from its cache, which drops the fragment: the worker started with
  // nothing to load, and every later visit said "Starting Python…" forever. Seen with a profile on disk, as a
  // learner's browser has (an incognito context did not show it), hence a persistent context here.
  test.setTimeout(180_000);
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "crossroads-offline-profile-"));
  const context = await chromium.launchPersistentContext(profile, { ...launchOptions, baseURL });
  try {
    const first = await context.newPage();
    await openEditor(first, LESSON);
    await expect(await runAndWait(first)).toBeVisible();
    await first.waitForFunction(() => navigator.serviceWorker.controller?.scriptURL.endsWith("/sw.js"), null, { timeout: 30_000 });
    await first.close();

    const again = await context.newPage();
    await openEditor(again, LESSON);
    expect(await again.evaluate(() => navigator.serviceWorker.controller !== null), "the new tab is under the offline worker").toBe(true);
    await expect(again.locator('[data-testid="engine-status"][data-state="ready"]')).toBeVisible({ timeout: 60_000 });
    await expect(await runAndWait(again)).toBeVisible();
  } finally {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
});
