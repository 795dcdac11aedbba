import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { parse } from "yaml";
import { newAccount, signUp } from "./fixtures";

// The e2e server's database (scripts/e2e-server.sh): the role command runs against it, as an admin would.
const databaseUrl = process.env.TEST_DB === "postgres" ? `${process.env.PG_BASE_URL}/crossroads_e2e` : "file:./tests/.tmp/e2e.db";

function setRole(email: string, role: "INSTRUCTOR" | "ADMIN") {
  const output = execFileSync("npm", ["run", "-s", "user:role", "--", email, role], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
    encoding: "utf8",
  });
  expect(output).toContain(`is now ${role}`);
}

const LESSON = "/learn/flask/first-app";
const LESSON_ID = "flask-first-app";
type QuizQuestion = { id: string; type: string; answer?: string | string[]; items?: { id: string }[] };
const quiz = parse(fs.readFileSync(path.join(process.cwd(), "lessons/flask/01-first-app/quiz.yaml"), "utf8")) as {
  questions: QuizQuestion[];
};

/** Answers every question right: ticks the answers, and moves ordering steps up into place. */
async function answerAllRight(page: Page) {
  // The server draws five questions from the bank: answer the ones shown.
  const fieldsets = page.locator("fieldset.quiz-question");
  await expect(fieldsets.first()).toBeVisible();
  const shown = await fieldsets.evaluateAll((els) => els.map((el) => el.id.replace(/^question-/, "")));
  for (const question of quiz.questions.filter((q) => shown.includes(q.id))) {
    const fieldset = page.locator(`#question-${question.id}`);
    if (question.type !== "order") {
      const answers = Array.isArray(question.answer) ? question.answer : [question.answer!];
      for (const id of answers) await fieldset.locator(`input[value="${id}"]`).check();
      continue;
    }
    const wanted = question.items!.map((item) => item.id);
    const currentOrder = () =>
      fieldset.locator("li").evaluateAll((items) => items.map((item) => item.getAttribute("data-testid")!.replace("order-item-", "")));
    for (let place = 0; place < wanted.length; place++) {
      for (let index = (await currentOrder()).indexOf(wanted[place]); index > place; index--) {
        await fieldset.getByRole("button", { name: `Move step ${index + 1} up` }).click();
      }
    }
  }
}

test("an instructor creates a cohort, a learner joins and makes progress, and the instructor sees it on the dashboard and in the CSV", async ({
  page,
  browser,
}) => {
  // The instructor signs up like anyone, then is promoted with the role command.
  const instructor = await signUp(page, newAccount("Ines Instructor"));
  setRole(instructor.email, "INSTRUCTOR");
  await page.goto("/instructor");
  await expect(page.getByRole("heading", { name: "Your cohorts" })).toBeVisible();
  const cohortName = `Evening cohort ${Date.now()}`;
  await page.getByLabel("Cohort name").fill(cohortName);
  await page.getByLabel("Description (optional)").fill("Tuesdays and Thursdays");
  await page.getByRole("button", { name: "Create cohort" }).click();
  await expect(page.getByRole("status")).toContainText(`Created “${cohortName}”`);
  await page.getByRole("link", { name: "Open its dashboard" }).click();
  await expect(page.getByRole("heading", { name: cohortName })).toBeVisible();
  const cohortUrl = new URL(page.url()).pathname;
  const code = (await page.getByTestId("invite-code").textContent())!.trim();
  expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
  await expect(page.getByLabel("Invite link")).toHaveValue(new RegExp(`/join\\?code=${code}$`));

  // The learner opens the invite link signed out, signs up, and comes back to the join form.
  const learnerContext = await browser.newContext();
  const learnerPage = await learnerContext.newPage();
  await learnerPage.goto(`/join?code=${code}`);
  await expect(learnerPage).toHaveURL(/\/signin\?callbackUrl=/);
  const learner = await signUp(learnerPage, newAccount("Lena Learner"), `/join?code=${code}`);
  await expect(learnerPage.getByLabel("Invite code")).toHaveValue(code);
  await learnerPage.getByRole("button", { name: "Join cohort" }).click();
  await expect(learnerPage.locator("form").getByRole("status")).toContainText(`You joined ${cohortName}`);
  // Joining must not make Next render the prerendered dashboard again: its scripts would no longer match the
  // page's CSP hashes, and it would never load (ADR 0032).
  await learnerPage.goto("/dashboard");
  await expect(learnerPage.getByTestId("dashboard")).toBeVisible();
  await learnerPage.goto(`/join?code=${code}`);
  await learnerPage.getByLabel("Invite code").fill("WRNG-WRNG-WRNG");
  await learnerPage.getByRole("button", { name: "Join cohort" }).click();
  await expect(learnerPage.locator("form").getByRole("alert")).toContainText("No cohort has that invite code");

  // The learner completes a lesson and masters its quiz.
  await learnerPage.goto(LESSON);
  await learnerPage.getByRole("button", { name: "Mark lesson complete" }).click();
  await expect(learnerPage.getByRole("button", { name: /Completed/ })).toBeVisible();
  await answerAllRight(learnerPage);
  await learnerPage.getByRole("button", { name: "Submit answers" }).click();
  await expect(learnerPage.getByTestId("quiz-results")).toContainText("You scored 100%");

  // A learner is shown nothing of the instructor's pages.
  for (const url of ["/instructor", cohortUrl, "/admin"]) {
    const response = await learnerPage.goto(url);
    expect(response?.status()).toBe(404);
    await expect(learnerPage.getByText(cohortName)).toHaveCount(0);
  }
  const refused = await learnerPage.request.get(`${cohortUrl}/export`);
  expect(refused.status()).toBe(403);
  expect(await refused.text()).not.toContain(learner.name);

  // The instructor sees the completion and the quiz score in the matrix.
  await page.reload();
  const row = page.getByTestId("progress-matrix").getByRole("row", { name: new RegExp(learner.name) });
  await expect(row).toBeVisible();
  await expect(row.locator(`td[data-lesson="${LESSON_ID}"]`)).toHaveAttribute("data-completed", "true");
  await expect(row.locator(`td[data-lesson="${LESSON_ID}"]`)).toContainText("100%");
  await expect(page.getByTestId("track-completion-flask").getByRole("progressbar")).toHaveAttribute("aria-valuenow", "1");

  // ...on the learner's own page...
  await row.getByRole("link", { name: learner.name }).click();
  await expect(page.getByRole("heading", { name: learner.name })).toBeVisible();
  await expect(page.getByTestId("learner-timeline")).toContainText("Completed the lesson");
  await expect(page.getByTestId("learner-timeline")).toContainText("100%");

  // ...and in the CSV.
  const csvResponse = await page.request.get(`${cohortUrl}/export`);
  expect(csvResponse.status()).toBe(200);
  expect(csvResponse.headers()["content-type"]).toBe("text/csv; charset=utf-8");
  const bytes = await csvResponse.body();
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = bytes.toString("utf8").slice(1).split("\r\n");
  const header = lines[0].split(",");
  const learnerLine = lines.find((line) => line.startsWith(`${learner.name},`))!.split(",");
  expect(learnerLine[header.indexOf("Email")]).toBe(learner.email);
  expect(learnerLine[header.indexOf(`${LESSON_ID} completed`)]).toBe("yes");
  expect(learnerLine[header.indexOf(`${LESSON_ID} quiz best %`)]).toBe("100");

  // Archiving closes the invite code (after a confirmation); restoring opens it again.
  const joinWithCode = async () => {
    await learnerPage.goto(`/join?code=${code}`);
    await learnerPage.getByRole("button", { name: "Join cohort" }).click();
  };
  await page.goto(cohortUrl);
  page.once("dialog", (dialog) => dialog.accept());
  await page.getByRole("button", { name: "Archive cohort" }).click();
  await expect(page.getByText(/^Archived on \d{4}-\d{2}-\d{2}/)).toBeVisible();
  await joinWithCode();
  await expect(learnerPage.locator("form").getByRole("alert")).toContainText("archived");
  await page.getByRole("button", { name: "Restore cohort" }).click();
  await expect(page.getByRole("button", { name: "Archive cohort" })).toBeVisible();
  await expect(page.getByText(/^Archived on/)).toHaveCount(0);
  await joinWithCode();
  await expect(learnerPage.locator("form").getByRole("status")).toContainText(`You are already in ${cohortName}`);
  await learnerContext.close();
});

test("an admin promotes a learner to instructor on the admin page", async ({ page, browser }) => {
  const someoneContext = await browser.newContext();
  const someone = await signUp(await someoneContext.newPage(), newAccount("Promo Candidate"));
  await someoneContext.close();
  const admin = await signUp(page, newAccount("Ada Admin"));
  setRole(admin.email, "ADMIN");
  await page.goto(`/admin?q=${encodeURIComponent(someone.email)}`);
  const row = page.getByTestId(`admin-user-${someone.email}`);
  await row.getByLabel(`Role for ${someone.email}`).selectOption("INSTRUCTOR");
  await row.getByRole("button", { name: "Save role" }).click();
  await expect(row.getByRole("status")).toContainText("is now instructor");
});
