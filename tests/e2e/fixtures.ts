import { randomUUID } from "node:crypto";
import { expect, type Page } from "@playwright/test";

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
