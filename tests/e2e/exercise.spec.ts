import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { openEditor, runAndWait, setCode, signedInLearner } from "./fixtures";

// Reads an exercise's files from lessons/ (the test knows the answers; the page does not).
function exerciseFile(lessonDir: string, name: string): string {
  return fs.readFileSync(path.join(process.cwd(), "lessons", lessonDir, "exercise", name), "utf8");
}

// Pasted rather than typed: typing would trigger the editor's auto-indent and bracket closing.
test.use({ permissions: ["clipboard-read", "clipboard-write"] });

for (const { track, lessonDir, url } of [
  { track: "Flask (in the browser)", lessonDir: "flask/01-first-app", url: "/learn/flask/first-app" },
  { track: "FastAPI (on the server)", lessonDir: "fastapi/01-first-api", url: "/learn/fastapi/first-api" },
]) {
  test(`${track}: a wrong answer fails a check, the fix passes, and the submission is marked solved`, async ({ page }) => {
    test.setTimeout(120_000);
    await signedInLearner(page);
    await openEditor(page, url);

    await setCode(page, exerciseFile(lessonDir, "starter.py"));
    const results = await runAndWait(page);
    await expect(results).toHaveAttribute("data-status", /fail|error/);
    await expect(
      results.locator('[data-testid="check"][data-status="fail"], [data-testid="check"][data-status="error"]').first(),
    ).toBeVisible();
    // A failed check shows the request it sent, what it expected and what the learner's app answered.
    const exchange = results.getByTestId("check-exchange").first();
    await expect(exchange).toContainText("Request");
    await expect(exchange).toContainText(/(GET|POST|PUT|PATCH|DELETE) \//);
    await expect(exchange).toContainText("Your app answered");

    await setCode(page, exerciseFile(lessonDir, "solution.py"));
    await runAndWait(page, "keyboard");
    await expect(page.getByTestId("run-results")).toHaveAttribute("data-status", "pass");

    await page.getByTestId("submit-button").click();
    await expect(page.getByTestId("submission")).toHaveAttribute("data-verdict", "PASS", { timeout: 30_000 });
    await expect(page.getByTestId("exercise-solved")).toBeVisible();

    // The verdict is the server's and survives a reload; so does the draft.
    await expect(page.getByTestId("save-state")).toHaveText("All changes saved", { timeout: 10_000 });
    await page.reload();
    await expect(page.getByTestId("exercise-solved")).toBeVisible();
    await page.getByRole("button", { name: "Open the code editor" }).click();
    await expect(page.locator(".view-lines")).toContainText(
      exerciseFile(lessonDir, "solution.py")
        .split("\n")
        .find((l) => l.includes("def "))!
        .trim(),
    );
  });
}

test("an infinite loop is stopped and the page stays responsive", async ({ page }) => {
  test.setTimeout(120_000);
  await signedInLearner(page);
  await openEditor(page, "/learn/flask/first-app");
  await setCode(page, "from flask import Flask\n\napp = Flask(__name__)\n\nwhile True:\n    pass\n");
  await page.getByTestId("run-button").click();
  // While Python spins in the worker, the page still reacts.
  await page.getByRole("button", { name: "Show a hint" }).click();
  await expect(page.getByText("1 of", { exact: false }).first()).toBeVisible();
  await expect(page.getByTestId("run-results")).toHaveAttribute("data-status", "timeout", { timeout: 60_000 });
  await expect(page.getByTestId("run-results")).toContainText("was stopped");
  // The next run starts a fresh interpreter and works.
  await setCode(page, exerciseFile("flask/01-first-app", "solution.py"));
  await expect(await runAndWait(page)).toHaveAttribute("data-status", "pass");
});

test("on a fast connection, an exercise scrolled into view starts loading Python before the editor is opened", async ({ page }) => {
  const engineFile = page.waitForRequest((request) => new URL(request.url()).pathname.startsWith("/runtime/v/"));
  await page.goto("/learn/flask/first-app");
  expect(await page.evaluate(() => (navigator as Navigator & { connection?: { effectiveType?: string } }).connection?.effectiveType)).toBe(
    "4g",
  );
  await page.getByTestId("exercise").scrollIntoViewIfNeeded();
  await engineFile;
  await expect(page.getByRole("button", { name: "Open the code editor" })).toBeVisible();
});

test("opening the editor starts Python in the browser, shows its progress, and the first run downloads nothing more", async ({ page }) => {
  test.setTimeout(120_000);
  const runtime: { url: string; cacheControl: string }[] = [];
  page.on("response", (response) => {
    if (new URL(response.url()).pathname.startsWith("/runtime/"))
      runtime.push({ url: response.url(), cacheControl: response.headers()["cache-control"] ?? "" });
  });
  await openEditor(page, "/learn/flask/first-app");
  const status = page.getByTestId("engine-status");
  await expect(status).toHaveAttribute("data-state", "loading");
  await expect(status).toContainText(/Starting Python in your browser/);
  await expect(status).toHaveAttribute("data-state", "ready", { timeout: 90_000 });

  // Every engine file came from a content-addressed folder, cacheable for a year without revalidation.
  const bundle = runtime.find((file) => file.url.endsWith("/frameworks.zip"));
  expect(bundle?.url).toMatch(/\/runtime\/v\/[0-9a-f]{16}\/frameworks\.zip$/);
  expect(runtime.every((file) => /\/runtime\/v\/[0-9a-f]{16}\//.test(file.url) && /immutable/.test(file.cacheControl))).toBe(true);

  const before = runtime.length;
  const results = await runAndWait(page);
  await expect(results).toHaveAttribute("data-status", /pass|fail|error/);
  expect(runtime.slice(before).map((file) => file.url)).toEqual([]);
});

test("a typical framework mistake gets a hint that names it, in the browser and on the server", async ({ page }) => {
  test.setTimeout(120_000);
  // Flask in the browser: the status code written before the body.
  await openEditor(page, "/learn/flask/first-app");
  await setCode(
    page,
    [
      "from flask import Flask",
      "",
      "app = Flask(__name__)",
      "",
      "",
      '@app.get("/")',
      "def index():",
      '    return 201, {"message": "Hello"}',
      "",
    ].join("\n"),
  );
  let results = await runAndWait(page);
  await expect(results).toHaveAttribute("data-status", /fail|error/);
  const tupleOrder = page.locator('[data-testid="run-hint"][data-rule="flask-status-tuple-order"]');
  await expect(tupleOrder).toContainText("Line 8: ");
  await expect(tupleOrder).toContainText("Write return body, 201");

  // FastAPI on the server: time.sleep inside async def blocks every other request.
  await signedInLearner(page);
  await openEditor(page, "/learn/fastapi/first-api");
  await setCode(
    page,
    [
      "import time",
      "",
      "from fastapi import FastAPI",
      "",
      "app = FastAPI()",
      "",
      "",
      '@app.get("/")',
      "async def index():",
      "    time.sleep(0.01)",
      '    return {"nothing": "useful"}',
      "",
    ].join("\n"),
  );
  results = await runAndWait(page);
  await expect(results).toHaveAttribute("data-status", /fail|error/);
  const sleep = page.locator('[data-testid="run-hint"][data-rule="sleep-in-async"]');
  await expect(sleep).toContainText("Line 10: ");
  await expect(sleep).toContainText("await asyncio.sleep(...)");
});
