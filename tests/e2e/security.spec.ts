import { expect, test } from "@playwright/test";
import { postCredentials, signedInLearner } from "./fixtures";

const PAGES = ["/", "/signin", "/signup", "/learn/flask", "/learn/flask/first-app", "/dashboard", "/api/health", "/api/me"];

test("security headers are present on every page", async ({ request }) => {
  for (const url of PAGES) {
    const response = await request.get(url, { maxRedirects: 0 });
    const headers = response.headers();
    expect(headers["content-security-policy"], url).toContain("frame-ancestors 'none'");
    expect(headers["content-security-policy"], url).toContain("object-src 'none'");
    expect(headers["x-content-type-options"], url).toBe("nosniff");
    expect(headers["referrer-policy"], url).toBe("strict-origin-when-cross-origin");
    expect(headers["x-frame-options"], url).toBe("DENY");
    expect(headers["strict-transport-security"], url).toContain("max-age=");
  }
});

test("the session cookie is httpOnly and SameSite=Lax", async ({ page, context }) => {
  await signedInLearner(page);
  const cookie = (await context.cookies()).find((c) => c.name.includes("session-token"));
  expect(cookie?.httpOnly).toBe(true);
  expect(cookie?.sameSite).toBe("Lax");
});

test("a session cannot be reused after sign-out", async ({ page, context, browser }) => {
  await signedInLearner(page);
  const stolen = await context.cookies();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
  // Someone who copied the cookie before sign-out replays it in a fresh browser.
  const other = await browser.newContext();
  await other.addCookies(stolen);
  const replay = await other.newPage();
  const me = await replay.request.get("/api/me");
  expect((await me.json()).user).toBeNull();
  await replay.goto("/dashboard");
  await expect(replay).toHaveURL(/\/signin/);
  await other.close();
});

test("the health endpoint checks the database and the sandbox", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(await response.json()).toMatchObject({ status: "ok", database: "ok", sandbox: "ok" });
});

test("brute-forcing the credentials endpoint gets 429 with Retry-After", async ({ request }) => {
  const email = `brute-${Date.now()}@example.test`;
  const statuses: number[] = [];
  let retryAfter: string | undefined;
  for (let i = 0; i < 7; i++) {
    const response = await postCredentials(request, email, `guess number ${i}`);
    statuses.push(response.status());
    if (response.status() === 429) retryAfter = response.headers()["retry-after"];
  }
  // Five failures are allowed; after that the email is locked.
  expect(statuses.slice(0, 5).every((s) => s !== 429)).toBe(true);
  expect(statuses.slice(5)).toEqual([429, 429]);
  expect(Number(retryAfter)).toBeGreaterThan(0);
});

test("a server action or API write replayed from another site is refused and changes nothing", async ({ page, baseURL }) => {
  await signedInLearner(page);
  await page.goto("/learn/flask/first-app");
  // Capture the request the page itself sends when the learner marks the lesson complete.
  // (The page also starts the quiz through an action: match the one that carries the lesson's completion.)
  const sent = page.waitForRequest(
    (request) =>
      request.method() === "POST" && Boolean(request.headers()["next-action"]) && (request.postData() ?? "").includes('"complete"'),
  );
  await page.getByRole("button", { name: "Mark lesson complete" }).click();
  const original = await sent;
  await expect(page.getByRole("button", { name: /Completed/ })).toBeVisible();

  // The same action for another lesson, sent with the learner's cookies but from another site's page.
  const { "next-action": action, "content-type": contentType } = original.headers();
  const replay = (origin: string) =>
    page.request.post("/learn/flask/first-app", {
      headers: { "next-action": action, "content-type": contentType, accept: "text/x-component", origin },
      data: original.postData()!.replace("flask-first-app", "flask-routing-and-requests"),
    });
  const completed = async () =>
    ((await (await page.request.get("/api/progress?track=flask")).json()) as { completedLessonIds: string[] }).completedLessonIds;

  const forged = await replay("https://evil.example");
  expect(forged.status()).toBe(403);
  expect((await forged.json()).error).toContain("another website");
  const api = await page.request.post("/api/progress", {
    headers: { origin: "https://evil.example" },
    data: { lessonId: "flask-routing-and-requests", complete: true },
  });
  expect(api.status()).toBe(403);
  expect(await completed()).toEqual(["flask-first-app"]);

  // The identical request from this site's own origin goes through, so the refusal above was the origin's doing.
  expect((await replay(new URL(baseURL!).origin)).status()).toBe(200);
  expect((await completed()).sort()).toEqual(["flask-first-app", "flask-routing-and-requests"]);
});
