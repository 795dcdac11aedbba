import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { openEditor, setCode, signedInLearner } from "./fixtures";

// The request console (issue 18): a FastAPI exercise sends through the server and lists the app's operations;
// a Flask exercise answers in the browser.

test.use({ permissions: ["clipboard-read", "clipboard-write"] });

function solution(lessonDir: string): string {
  return fs.readFileSync(path.join(process.cwd(), "lessons", lessonDir, "exercise", "solution.py"), "utf8");
}

test("FastAPI: the operations fill the form in, and a POST with an invalid JSON body shows the 422 body", async ({ page }) => {
  test.setTimeout(120_000);
  await signedInLearner(page);
  await openEditor(page, "/learn/fastapi/request-bodies");
  await setCode(page, solution("fastapi/02-request-bodies"));
  const console = page.getByTestId("request-console");
  await console.getByText("Try a request").click();

  await console.getByRole("button", { name: "list my app's operations" }).click();
  await expect(console.getByTestId("console-response")).toHaveAttribute("data-status", "200", { timeout: 30_000 });
  await console.getByRole("button", { name: "POST /orders" }).click();
  await expect(console.getByLabel("Method")).toHaveValue("POST");
  await expect(console.getByLabel("Path")).toHaveValue("/orders");
  await expect(console.getByLabel("Headers")).toHaveValue(/Content-Type: application\/json/);
  await expect(console.getByLabel("Body")).toHaveValue(/"customer"/);

  await console.getByLabel("Body").fill('{"customer": "Ada", "lines": []}');
  await console.getByTestId("console-send").click();
  const response = console.getByTestId("console-response");
  await expect(response).toHaveAttribute("data-status", "422", { timeout: 30_000 });
  await expect(console.getByTestId("console-status")).toHaveText(/422 Unprocessable Content/);
  await expect(console.getByTestId("console-body")).toContainText('"detail"');
  await expect(console.getByTestId("console-body")).toContainText('"lines"');
});

test("Flask: a request is answered by the app in the browser", async ({ page }) => {
  test.setTimeout(120_000);
  await signedInLearner(page);
  await openEditor(page, "/learn/flask/first-app");
  await setCode(page, solution("flask/01-first-app"));
  const console = page.getByTestId("request-console");
  await console.getByText("Try a request").click();
  await expect(console.getByRole("button", { name: "list my app's operations" })).toHaveCount(0);
  await console.getByLabel("Path").fill("/hello/Ada");
  await console.getByTestId("console-send").click();
  await expect(console.getByTestId("console-response")).toHaveAttribute("data-status", "200", { timeout: 90_000 });
  await expect(console.getByTestId("console-body")).toHaveText("Hello, Ada!");
  await expect(console.getByTestId("console-response")).toContainText("answered in your browser");
});
