import net from "node:net";
import { expect, test, type Browser } from "@playwright/test";
import { newAccount, signIn, signUp } from "./fixtures";

// Accounts end to end: the reset link comes from a tiny SMTP catcher started here (the e2e server is
// pointed at it by playwright.config.ts: SMTP_HOST=127.0.0.1, SMTP_PORT=E2E_PORT+50).

const smtpPort = Number(process.env.E2E_PORT ?? 3100) + 50;
const inbox: { to: string; body: string }[] = [];
let smtp: net.Server;

/** Just enough SMTP for nodemailer: no TLS, no auth; each message is kept, decoded from quoted-printable. */
function startCatcher(): Promise<net.Server> {
  const server = net.createServer((socket) => {
    let to = "";
    let data: string | null = null;
    let buffer = "";
    socket.write("220 catcher\r\n");
    socket.on("data", (chunk) => {
      buffer += chunk.toString("utf8");
      for (;;) {
        if (data !== null) {
          const end = buffer.indexOf("\r\n.\r\n");
          if (end < 0) return;
          data += buffer.slice(0, end);
          buffer = buffer.slice(end + 5);
          const body = data.replace(/=\r\n/g, "").replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
          inbox.push({ to, body });
          data = null;
          socket.write("250 queued\r\n");
          continue;
        }
        const eol = buffer.indexOf("\r\n");
        if (eol < 0) return;
        const line = buffer.slice(0, eol);
        buffer = buffer.slice(eol + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === "EHLO" || verb === "HELO") socket.write("250 catcher\r\n");
        else if (verb === "RCPT") {
          to = /<([^>]+)>/.exec(line)?.[1] ?? "";
          socket.write("250 ok\r\n");
        } else if (verb === "DATA") {
          data = "";
          socket.write("354 go on\r\n");
        } else if (verb === "QUIT") {
          socket.end("221 bye\r\n");
          return;
        } else socket.write("250 ok\r\n");
      }
    });
    socket.on("error", () => {});
  });
  return new Promise((resolve) => server.listen(smtpPort, "127.0.0.1", () => resolve(server)));
}

test.beforeAll(async () => {
  smtp = await startCatcher();
});
test.afterAll(async () => {
  await new Promise((resolve) => smtp.close(resolve));
});

async function resetLinkFor(email: string): Promise<string> {
  let link: string | undefined;
  await expect
    .poll(() => {
      const mail = inbox.findLast((m) => m.to === email && m.body.includes("/reset-password?token="));
      link = mail ? /https?:\/\/\S+\/reset-password\?token=[\w-]+/.exec(mail.body)?.[0] : undefined;
      return link;
    })
    .toBeTruthy();
  return link!;
}

async function signedInElsewhere(browser: Browser, account: { email: string; password: string }) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, account);
  await expect(page).toHaveURL(/\/dashboard/);
  return { context, page };
}

test("forgot password: the mailed link sets a new password once, and every old session ends", async ({ page, browser }) => {
  const account = await signUp(page, newAccount("Reset Tester"));
  const other = await signedInElsewhere(browser, account);

  const visitor = await browser.newContext();
  const forgot = await visitor.newPage();
  await forgot.goto("/signin");
  await forgot.getByRole("link", { name: "Forgot your password?" }).click();
  await expect(forgot.getByRole("heading", { name: "Forgot your password?" })).toBeVisible();
  await forgot.getByLabel("Email").fill(account.email);
  await forgot.getByRole("button", { name: "Send me a reset link" }).click();
  await expect(forgot.getByRole("status")).toContainText("If an account uses");
  const link = await resetLinkFor(account.email);

  await forgot.goto(link);
  await forgot.getByLabel("New password").fill("a fresh reset passphrase");
  await forgot.getByRole("button", { name: "Set the new password" }).click();
  await expect(forgot.getByRole("status")).toContainText("Your password was changed");
  // The owner is told by mail, sent after the answer.
  await expect
    .poll(() => inbox.some((m) => m.to === account.email && m.body.includes("password of your account was just changed")))
    .toBe(true);

  // Both browsers that were signed in are signed out.
  for (const signedIn of [page, other.page]) {
    await signedIn.goto("/dashboard");
    await expect(signedIn).toHaveURL(/\/signin\?callbackUrl=%2Fdashboard/);
  }

  // The link works once.
  await forgot.goto(link);
  await forgot.getByLabel("New password").fill("another reset passphrase");
  await forgot.getByRole("button", { name: "Set the new password" }).click();
  await expect(forgot.getByText("This reset link has expired or was already used.")).toBeVisible();

  // The old password no longer works; the new one does.
  await signIn(page, account);
  await expect(page.getByText("That email and password do not match")).toBeVisible();
  await signIn(page, { email: account.email, password: "a fresh reset passphrase" });
  await expect(page).toHaveURL(/\/dashboard/);
  await expect(page.getByTestId("account-name")).toHaveText("Reset Tester");

  await other.context.close();
  await visitor.close();
});

test("changing the password signs out the other browser, keeps this one, and 'sign out of all devices' ends both", async ({
  page,
  browser,
}) => {
  const account = await signUp(page, newAccount("Change Tester"));
  const other = await signedInElsewhere(browser, account);

  await page.goto("/account");
  await page.getByLabel("Current password", { exact: true }).fill("not my password");
  await page.getByLabel("New password").fill("a changed passphrase here");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("That is not your current password.")).toBeVisible();

  await page.getByLabel("Current password", { exact: true }).fill(account.password);
  await page.getByLabel("New password").fill("a changed passphrase here");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByRole("status")).toContainText("1 other session was signed out");

  await other.page.goto("/dashboard");
  await expect(other.page).toHaveURL(/\/signin\?callbackUrl=%2Fdashboard/);
  await page.goto("/dashboard");
  await expect(page.getByTestId("account-name")).toHaveText("Change Tester");

  // Sign in again elsewhere with the new password, then end every session from here.
  await signIn(other.page, { email: account.email, password: "a changed passphrase here" });
  await expect(other.page).toHaveURL(/\/dashboard/);
  await page.goto("/account");
  await page.getByRole("button", { name: "Sign out of all devices" }).click();
  await expect(page).toHaveURL(/\/signin/);
  for (const signedOut of [page, other.page]) {
    await signedOut.goto("/dashboard");
    await expect(signedOut).toHaveURL(/\/signin\?callbackUrl=%2Fdashboard/);
  }
  await other.context.close();
});

test("a signed-in visit to /signin with the review's callbackUrl payloads stays on this site", async ({ page, baseURL }) => {
  await signUp(page);
  for (const payload of ["/\t/evil.example", "/\\evil.example", "/.//evil.example", "//evil.example", "https://evil.example/"]) {
    const response = await page.request.get(`/signin?callbackUrl=${encodeURIComponent(payload)}`, { maxRedirects: 0 });
    const location = response.headers().location ?? "";
    expect(new URL(location, baseURL).origin, payload).toBe(new URL(baseURL!).origin);
  }
});
