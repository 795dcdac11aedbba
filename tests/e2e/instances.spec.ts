import { expect, test } from "@playwright/test";
import { postCredentials, signOut, signedInLearner } from "./fixtures";

// playwright.config.ts starts a second instance of the same build on the next port, on the same
// database. Nothing may live only in one instance's memory: sessions and their revocation, progress,
// and rate-limit counters must hold whichever instance a request reaches.
function secondInstance(baseURL: string): string {
  const url = new URL(baseURL);
  url.port = String(Number(url.port) + 1);
  return url.origin;
}

test("two app instances on one database share sessions, sign-out, progress and rate limits", async ({ page, baseURL, playwright }) => {
  const first = await playwright.request.newContext({ baseURL });
  const second = await playwright.request.newContext({ baseURL: secondInstance(baseURL!) });
  const account = await signedInLearner(page);
  const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  const onSecond = (url: string) => second.get(url, { headers: { cookie } }).then((response) => response.json());

  // Signed in on the first instance, known to the second.
  expect((await onSecond("/api/me")).user).toMatchObject({ name: account.name });

  // Progress saved through the first instance is read through the second.
  await page.goto("/learn/flask/first-app");
  await page.getByRole("button", { name: "Mark lesson complete" }).click();
  await expect(page.getByRole("button", { name: /Completed/ })).toBeVisible();
  expect((await onSecond("/api/progress?track=flask")).completedLessonIds).toEqual(["flask-first-app"]);

  // Signing out on the first instance ends the session on the second too.
  await signOut(page);
  expect((await onSecond("/api/me")).user).toBeNull();

  // Failed sign-ins count across instances: five on the first lock the email on the second.
  for (let i = 0; i < 5; i++) expect((await postCredentials(first, account.email, "not the password")).status()).not.toBe(429);
  expect((await postCredentials(second, account.email, "not the password")).status()).toBe(429);

  await first.dispose();
  await second.dispose();
});
