import { expect, test } from "@playwright/test";
import { newAccount, signIn, signOut, signUp } from "./fixtures";

test("sign up, sign out, sign in again and see your name", async ({ page }) => {
  const account = await signUp(page, newAccount("Grace Hopper"));
  await expect(page.getByRole("heading", { name: "Welcome back, Grace Hopper" })).toBeVisible();
  await signOut(page);
  await signIn(page, account);
  await expect(page).toHaveURL(/\/dashboard/);
  await expect(page.getByTestId("account-name")).toHaveText("Grace Hopper");
});

test("a wrong password shows an error that does not say whether the email exists", async ({ page }) => {
  const account = await signUp(page);
  await signOut(page);
  await signIn(page, { email: account.email, password: "definitely not it" });
  const alert = page.locator("form").getByRole("alert");
  await expect(alert).toContainText("do not match an account");
  const message = await alert.textContent();
  await signIn(page, { email: `nobody-${Date.now()}@example.test`, password: "definitely not it" });
  await expect(page.locator("form").getByRole("alert")).toHaveText(message ?? "");
  await expect(page).toHaveURL(/\/signin/);
});

test("sign-up refuses a weak password with reasons, and answers a taken email like a new one", async ({ page }) => {
  const account = await signUp(page);
  await signOut(page);
  await page.goto("/signup");
  await page.getByLabel("Name").fill("Someone Else");
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill("password123");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("one of the most common")).toBeVisible();
  await page.getByLabel("Password").fill("a different long passphrase");
  await page.getByRole("button", { name: "Create account" }).click();
  // The same answer as for a new email (review #12): nothing says the account exists, and the
  // password typed here does not replace the account's.
  await expect(page.getByRole("status")).toContainText("If this email was new, your account is ready");
  await expect(page.getByText(/already exists/)).toHaveCount(0);
  await page.getByLabel("Password").fill("a different long passphrase");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("That email and password do not match")).toBeVisible();
});

test("a signed-out visit to the dashboard redirects to sign-in and back", async ({ page }) => {
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fdashboard/);
  const account = await signUp(page);
  await signOut(page);
  await page.goto("/dashboard");
  await signIn(page, account);
  await expect(page).toHaveURL(/\/dashboard/);
});
