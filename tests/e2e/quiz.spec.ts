import fs from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { parse } from "yaml";
import { signedInLearner } from "./fixtures";

// The test reads the answers from the content files, as an instructor would; the page never has them.
type Question = {
  id: string;
  type: string;
  explanation: string;
  answer?: string | string[];
  options?: { id: string }[];
  items?: { id: string }[];
};
const quizFile = path.join(process.cwd(), "lessons/flask/01-first-app/quiz.yaml");
const quiz = parse(fs.readFileSync(quizFile, "utf8")) as { questions: Question[] };
const LESSON = "/learn/flask/first-app";

/** The questions this attempt drew, in the order shown (the server draws them from the bank). */
async function shownQuestions(page: Page): Promise<Question[]> {
  const fieldsets = page.locator("fieldset.quiz-question");
  await expect(fieldsets.first()).toBeVisible();
  const ids = await fieldsets.evaluateAll((els) => els.map((el) => el.id.replace(/^question-/, "")));
  return ids.map((id) => quiz.questions.find((q) => q.id === id)!);
}

/** Option (or step) ids of every shown question, in the order shown. */
async function shownOrder(page: Page): Promise<string[][]> {
  return page
    .locator("fieldset.quiz-question")
    .evaluateAll((els) =>
      els.map((el) =>
        [...el.querySelectorAll("input, li[data-testid]")].map((node) => node.getAttribute("value") ?? node.getAttribute("data-testid")!),
      ),
    );
}

async function answer(page: Page, questions: Question[], wrongIds: string[] = []) {
  for (const question of questions) {
    const fieldset = page.locator(`#question-${question.id}`);
    if (question.type === "order") {
      // Bubble each item into its place with the Move up buttons.
      const target = question.items!.map((item) => item.id);
      for (let place = 0; place < target.length; place++) {
        let current = await fieldset
          .locator("li")
          .evaluateAll((els) => els.map((el) => el.getAttribute("data-testid")!.replace("order-item-", "")));
        let index = current.indexOf(target[place]);
        while (index > place) {
          await fieldset.getByRole("button", { name: `Move step ${index + 1} up` }).click();
          current = await fieldset
            .locator("li")
            .evaluateAll((els) => els.map((el) => el.getAttribute("data-testid")!.replace("order-item-", "")));
          index = current.indexOf(target[place]);
        }
      }
      continue;
    }
    const right = Array.isArray(question.answer) ? question.answer : [question.answer!];
    const chosen = wrongIds.includes(question.id) ? [question.options!.find((o) => !right.includes(o.id))!.id] : right;
    for (const id of chosen) await fieldset.locator(`input[value="${id}"]`).check();
  }
}

test("the lesson page's HTML holds no quiz questions, answers or explanations", async ({ request }) => {
  const html = await (await request.get(LESSON)).text();
  for (const question of quiz.questions) expect(html).not.toContain(question.explanation.slice(0, 60));
  expect(html).not.toMatch(/"(answer|correctAnswer|explanation)"\s*:/);
  expect(html).not.toContain('class="card quiz-question"');
});

test("take a quiz, get questions wrong, read why, retake it, master it, and see it on the dashboard", async ({ page }) => {
  await signedInLearner(page);
  await page.goto(LESSON);
  const form = page.locator("form[data-attempt]");
  const first = await shownQuestions(page);
  expect(first.length).toBe(Math.min(5, quiz.questions.length));

  // A reload shows the same attempt: the same questions, options in the same order.
  const attemptKey = await form.getAttribute("data-attempt");
  const order = await shownOrder(page);
  await page.reload();
  await shownQuestions(page);
  expect(await form.getAttribute("data-attempt")).toBe(attemptKey);
  expect(await shownOrder(page)).toEqual(order);

  const submit = page.getByRole("button", { name: "Submit answers" });
  await submit.click();
  await expect(page.locator("form").getByRole("alert")).toContainText("not answered yet");

  // Two wrong answers keep the score under the 80% mastery line for a quiz of five.
  const [wrong, alsoWrong] = first.filter((q) => q.type !== "order");
  await answer(page, first, [wrong.id, alsoWrong.id]);
  // What the action sends back: a right answer only for the questions answered right.
  // Taken from the network by the test itself (reading a body back through the browser is racy: the page
  // refreshes right after); the page also calls other actions, so match the one carrying the answers.
  let body = "";
  await page.route("**/*", async (route) => {
    const request = route.request();
    if (request.method() !== "POST" || !request.headers()["next-action"] || !(request.postData() ?? "").includes('"answers"')) {
      return route.fallback();
    }
    const response = await route.fetch();
    body = await response.text();
    await route.fulfill({ response, body });
  });
  await submit.click();
  await expect.poll(() => body).not.toBe("");
  await page.unroute("**/*");
  expect(body.match(/"correctAnswer"/g)?.length ?? 0).toBe(first.length - 2);

  const feedback = page.getByTestId(`feedback-${wrong.id}`);
  await expect(feedback).toContainText("Not quite");
  await expect(feedback).toContainText("Not shown yet");
  await expect(feedback).toContainText(wrong.explanation.replace(/`/g, "").split(/\s+/).slice(0, 4).join(" "));
  await expect(page.getByTestId("quiz-reveal")).toContainText("after 2 more attempts");
  await expect(page.getByTestId("quiz-stats")).toContainText("Needs review");

  // The retake is a new attempt, drawn again; answered right, it masters the quiz.
  await page.getByRole("button", { name: "Retake the quiz" }).click();
  const second = await shownQuestions(page);
  expect(await form.getAttribute("data-attempt")).not.toBe(attemptKey);
  await answer(page, second);
  await submit.click();
  await expect(page.getByTestId("quiz-results")).toContainText("You scored 100%");
  await expect(page.getByTestId("quiz-reveal")).toContainText("Every right answer is shown");
  await expect(page.getByTestId("quiz-stats")).toContainText("Mastered");
  await expect(page.getByTestId("quiz-stats")).toContainText("2 attempts");

  await page.goto("/dashboard");
  const row = page.getByTestId("dashboard-quizzes").getByRole("row", { name: /100%/ });
  await expect(row).toContainText("Mastered");
  await expect(page.getByTestId("dashboard-track-flask")).toContainText("1 of");
});
