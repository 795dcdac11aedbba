import { randomUUID } from "node:crypto";
import { expect, type APIRequestContext, type Page } from "@playwright/test";

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
  await expect(page).toHaveURL(callbackUrl ? new RegExp(callbackUrl.replace(/[/?]/g, "\\$&")) : /\/dashboard/);
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
