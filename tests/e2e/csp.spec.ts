import { expect, test, type Page } from "@playwright/test";
import { openEditor, runAndWait, signedInLearner } from "./fixtures";

// The Content-Security-Policy allows no inline script by default (docs/decisions/0015): prerendered pages
// list their inline scripts' hashes, dynamic pages carry a per-request nonce. These tests check the
// headers and that every kind of page still runs its scripts in Chromium, editor and Pyodide included.

const scriptSrc = (policy: string | undefined) => policy?.split(/;\s*/).find((directive) => directive.startsWith("script-src ")) ?? "";

/**
 * Records every CSP violation a page reports, from the DOM event and from the console, except one: zod
 * probes whether eval works (`new Function("")` in a try/catch) and the browser reports the refusal.
 * Production never allowed eval, before or after nonces and hashes, and zod falls back without it.
 */
function watchViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on("console", (message) => {
    const text = message.text();
    if (/Content Security Policy/i.test(text) && !/evaluate a string as JavaScript|script-src eval$/.test(text)) violations.push(text);
  });
  void page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      console.error(`Content Security Policy violation: ${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  return violations;
}

/** True once the page's inline scripts ran and Next started (the flight data and the router are there). */
async function hydrated(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const w = window as unknown as { __next_f?: unknown[]; next?: { version?: string } };
    return Array.isArray(w.__next_f) && typeof w.next?.version === "string";
  });
}

test("a lesson page is allowed its own inline scripts by hash, never by 'unsafe-inline', and stays prerendered", async ({ request }) => {
  for (const url of ["/learn/flask/first-app", "/learn/flask", "/"]) {
    const response = await request.get(url);
    const policy = response.headers()["content-security-policy"];
    expect(scriptSrc(policy), url).not.toContain("'unsafe-inline'");
    expect(scriptSrc(policy), url).not.toContain("'nonce-");
    expect(scriptSrc(policy), url).toMatch(/'sha256-[A-Za-z0-9+/]{43}='/);
    expect(policy, url).toContain("object-src 'none'");
    expect(policy, url).toContain("base-uri 'none'");
    // Served from the build, not rendered per request: the same bytes and the same policy every time.
    const again = await request.get(url);
    expect(again.headers()["content-security-policy"], url).toBe(policy);
    expect(await again.text(), url).toBe(await response.text());
  }
});

test("a dynamic page gets a fresh nonce per request, and Next puts it on its scripts", async ({ request }) => {
  const nonces: string[] = [];
  for (let i = 0; i < 2; i++) {
    const response = await request.get("/signin");
    const source = scriptSrc(response.headers()["content-security-policy"]);
    expect(source).not.toContain("'unsafe-inline'");
    const nonce = /'nonce-([^']+)'/.exec(source)?.[1];
    expect(nonce).toBeTruthy();
    nonces.push(nonce!);
    const html = await response.text();
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  }
  expect(nonces[0]).not.toBe(nonces[1]);
});

test("static, dynamic and not-found pages hydrate with no CSP violation", async ({ page }) => {
  const violations = watchViolations(page);
  await signedInLearner(page);
  for (const url of [
    "/",
    "/learn/flask",
    "/learn/flask/first-app",
    "/dashboard",
    "/chooser",
    "/no-such-page",
    "/learn/flask/no-such-lesson",
  ]) {
    await page.goto(url);
    await page.waitForLoadState("networkidle");
    expect(await hydrated(page), url).toBe(true);
  }
  expect(violations).toEqual([]);
});

test("the Monaco editor and the Pyodide worker run under the policy", async ({ page }) => {
  test.setTimeout(120_000);
  const violations = watchViolations(page);
  await signedInLearner(page);
  await openEditor(page, "/learn/flask/first-app");
  const results = await runAndWait(page);
  await expect(results).toHaveAttribute("data-status", /pass|fail|error/);
  // Each check ran in the Pyodide worker and reported its own verdict.
  await expect(results.getByTestId("check").first()).toBeVisible();
  expect(violations).toEqual([]);
});
