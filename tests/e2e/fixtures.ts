import { randomUUID } from "node:crypto";
import { createClient } from "@libsql/client";
import { hash } from "@node-rs/argon2";
import { expect, type APIRequestContext, type Page } from "@playwright/test";
import pg from "pg";

export type Account = { name: string; email: string; password: string };

export function newAccount(name = "Ada Lovelace"): Account {
  return { name, email: `e2e-${randomUUID()}@example.test`, password: `analytical engine ${randomUUID().slice(0, 8)}` };
}

/** Signs up through the form, as a person would, and waits for the dashboard. */
export async function signUp(page: Page, account: Account = newAccount(), callbackUrl?: string): Promise<Account> {
  await page.goto(callbackUrl ? `/signup?callbackUrl=${encodeURIComponent(callbackUrl)}` : "/signup");
  await page.getByLabel("Name").fill(account.name);
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Create account" }).click();
  // Sign-up answers the same whether or not the email is taken, then offers sign-in (review #12).
  await expect(page.getByRole("status")).toContainText("If this email was new");
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(callbackUrl ? new RegExp(callbackUrl.replace(/[/?]/g, "\\$&")) : /\/dashboard/);
  await expect(page.getByTestId("account-name")).toHaveText(account.name);
  return account;
}

/** The database the e2e server uses (scripts/e2e-server.sh picks it the same way). */
function e2eDatabase(): { postgres: boolean; url: string } {
  if (process.env.TEST_DB === "postgres") return { postgres: true, url: `${process.env.PG_BASE_URL}/crossroads_e2e` };
  return { postgres: false, url: "file:tests/.tmp/e2e.db" };
}

/** Adds an account straight to the e2e database (the columns not named take their defaults: a learner). */
async function insertAccount(account: Account): Promise<void> {
  const row = [randomUUID(), account.email, account.name, await hash(account.password)];
  const { postgres, url } = e2eDatabase();
  if (postgres) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(`INSERT INTO "User" (id, email, name, "passwordHash") VALUES ($1, $2, $3, $4)`, row);
    } finally {
      await client.end();
    }
    return;
  }
  const client = createClient({ url });
  try {
    await client.execute({ sql: `INSERT INTO "User" (id, email, name, passwordHash) VALUES (?, ?, ?, ?)`, args: row });
  } finally {
    client.close();
  }
}

/**
 * A signed-in learner without the sign-up form, for tests about something else: the account is written
 * to the database and the page's context signs in through the credentials endpoint. auth.spec.ts keeps
 * signing up through the form, as a person would.
 */
export async function signedInLearner(page: Page, account: Account = newAccount()): Promise<Account> {
  await insertAccount(account);
  const response = await postCredentials(page.request, account.email, account.password);
  expect(response.headers().location ?? "", "signing in through the credentials endpoint").not.toContain("error");
  await page.goto("/dashboard");
  await expect(page.getByTestId("account-name")).toHaveText(account.name);
  return account;
}

export async function signIn(page: Page, account: Pick<Account, "email" | "password">) {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

export async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
}

/** Opens a lesson and its code editor, and waits for Monaco (loaded only on demand). */
export async function openEditor(page: Page, lessonUrl: string) {
  await page.goto(lessonUrl);
  await page.getByRole("button", { name: "Open the code editor" }).click();
  await expect(page.getByTestId("code-editor")).toBeVisible({ timeout: 30_000 });
}

/** Replaces the editor's code by pasting (typing would trip the editor's auto-indent and suggestions). Needs the clipboard permissions. */
export async function setCode(page: Page, code: string) {
  await page.getByTestId("code-editor").click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.press("Delete");
  await page.evaluate((text) => navigator.clipboard.writeText(text), code);
  await page.keyboard.press("ControlOrMeta+V");
}

/** Runs the code and waits for this run's result (the results area counts finished runs). */
export async function runAndWait(page: Page, via: "button" | "keyboard" = "button") {
  const area = page.getByTestId("results-area");
  const before = Number(await area.getAttribute("data-runs"));
  if (via === "keyboard") await page.keyboard.press("ControlOrMeta+Enter");
  else await page.getByTestId("run-button").click();
  await expect(area).toHaveAttribute("data-runs", String(before + 1), { timeout: 60_000 });
  return page.getByTestId("run-results");
}

/** Posts an email and password to next-auth's credentials endpoint, as a script would, with a fresh CSRF token. */
export async function postCredentials(api: APIRequestContext, email: string, password: string) {
  const { csrfToken } = (await (await api.get("/api/auth/csrf")).json()) as { csrfToken: string };
  return api.post("/api/auth/callback/credentials", { form: { email, password, csrfToken }, maxRedirects: 0 });
}
