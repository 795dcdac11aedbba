import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { LOCK_MAX_MS, reserveSignInAttempt } from "@/lib/auth/sign-in-limits";
import { PEER_HEADER } from "@/lib/http/client-ip";
import { makeUser } from "@/tests/setup/factories";

// The real next-auth route (no session faked): each bypass from the security review (#1) is sent to
// the credentials callback as an attacker would, and the attempt must count and the account lock.
// The site-wide ceiling is raised for this file, except in the test about it.
process.env.RATE_SIGNIN_SITE_PER_MINUTE = "100000";
const { GET, POST } = await import("@/app/api/auth/[...nextauth]/route");

const BASE = "http://localhost:3000/api/auth";
let addressCounter = 0;

/** A fresh address per test, so the per-address limit (30 per 15 minutes) never decides a test. */
function address() {
  return `198.51.100.${++addressCounter}`;
}

async function csrf(ip: string) {
  const response = await GET(new NextRequest(`${BASE}/csrf`, { headers: { [PEER_HEADER]: ip } }));
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  return { csrfToken, cookie };
}

type Post = { body: string; type?: string; headers?: Record<string, string>; withCsrfCookie?: boolean; ip: string };

async function callback({ body, type = "application/x-www-form-urlencoded", headers = {}, ip }: Post, cookie: string) {
  const response = await POST(
    new NextRequest(`${BASE}/callback/credentials`, {
      method: "POST",
      body,
      headers: { "content-type": type, cookie, origin: "http://localhost:3000", [PEER_HEADER]: ip, ...headers },
    }),
  );
  const signedIn = response.headers.getSetCookie().some((c) => /session-token=[^;]+/.test(c));
  return { response, signedIn };
}

function form(fields: [string, string][]) {
  return new URLSearchParams(fields).toString();
}

/** A sign-in with the right password, sent the ordinary way: true when a session cookie came back. */
async function rightPasswordWorks(user: { email: string; password: string }, ip: string) {
  const { csrfToken, cookie } = await csrf(ip);
  const body = form([
    ["csrfToken", csrfToken],
    ["email", user.email],
    ["password", user.password],
  ]);
  return (await callback({ body, ip }, cookie)).signedIn;
}

async function lockRow(email: string) {
  return db.rateLimitHit.findUnique({ where: { key: `signin:lock:${email}` } });
}

describe("sign-in limits on next-auth's credentials callback (review #1)", () => {
  it("an ordinary sign-in with the right password works, and a wrong one does not", async () => {
    const user = await makeUser();
    const ip = address();
    expect(await rightPasswordWorks(user, ip)).toBe(true);
    expect(await rightPasswordWorks({ ...user, password: "wrong password here" }, ip)).toBe(false);
  });

  it("X-Auth-Return-Redirect: failures answered as JSON still count, and the account locks", async () => {
    const user = await makeUser();
    const ip = address();
    const { csrfToken, cookie } = await csrf(ip);
    for (let i = 0; i < 5; i++) {
      const body = form([
        ["csrfToken", csrfToken],
        ["email", user.email],
        ["password", `guess number ${i}`],
      ]);
      const { response, signedIn } = await callback({ body, ip, headers: { "X-Auth-Return-Redirect": "1" } }, cookie);
      expect(signedIn).toBe(false);
      expect(response.headers.get("location")).toBeNull(); // the answer that used to be read as a success
    }
    expect(await rightPasswordWorks(user, ip)).toBe(false);
    expect(await lockRow(user.email)).not.toBeNull();
    // A locked account is answered 429 with Retry-After, not with next-auth's redirect.
    const body = form([
      ["csrfToken", csrfToken],
      ["email", user.email],
      ["password", user.password],
    ]);
    const { response } = await callback({ body, ip }, cookie);
    expect(response.status).toBe(429);
    expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(800);
  });

  it("a duplicated email field: the attempt is charged to the email actually checked", async () => {
    const user = await makeUser();
    const ip = address();
    const { csrfToken, cookie } = await csrf(ip);
    for (let i = 0; i < 5; i++) {
      const body = form([
        ["csrfToken", csrfToken],
        ["email", `decoy-${i}@example.test`],
        ["email", user.email],
        ["password", `guess number ${i}`],
      ]);
      expect((await callback({ body, ip }, cookie)).signedIn).toBe(false);
    }
    expect(await rightPasswordWorks(user, ip)).toBe(false);
    expect(await lockRow(user.email)).not.toBeNull();
  });

  it("a JSON body: the attempt counts, and the account locks", async () => {
    const user = await makeUser();
    const ip = address();
    const { csrfToken, cookie } = await csrf(ip);
    for (let i = 0; i < 5; i++) {
      const body = JSON.stringify({ csrfToken, email: user.email, password: `guess number ${i}` });
      expect((await callback({ body, ip, type: "application/json" }, cookie)).signedIn).toBe(false);
    }
    expect(await rightPasswordWorks(user, ip)).toBe(false);
    expect(await lockRow(user.email)).not.toBeNull();
  });

  it("a request without a CSRF token neither signs in nor resets the count", async () => {
    const user = await makeUser();
    const ip = address();
    const { csrfToken, cookie } = await csrf(ip);
    for (let i = 0; i < 5; i++) {
      const body = form([
        ["csrfToken", csrfToken],
        ["email", user.email],
        ["password", `guess number ${i}`],
      ]);
      expect((await callback({ body, ip }, cookie)).signedIn).toBe(false);
      // The old wrapper read this request's answer (no "error=") as a success and cleared the count.
      const noToken = form([
        ["email", user.email],
        ["password", user.password],
      ]);
      expect((await callback({ body: noToken, ip }, "")).signedIn).toBe(false);
    }
    expect(await rightPasswordWorks(user, ip)).toBe(false);
    expect(await lockRow(user.email)).not.toBeNull();
  });

  it("concurrent guesses cannot slip past the count: at most 5 are checked", async () => {
    const user = await makeUser();
    const ip = address();
    const results = await Promise.all(Array.from({ length: 12 }, () => reserveSignInAttempt(ip, user.email)));
    // The sixth locks the account; an attempt still in flight then meets the lock, never a fresh count
    // (how many of the first five get through before the lock depends on how the burst interleaves).
    expect(results.filter((r) => r.allowed).length).toBeLessThanOrEqual(5);
    expect(await lockRow(user.email)).not.toBeNull();
    expect((await reserveSignInAttempt(ip, user.email)).allowed).toBe(false);
  });
});

describe("sessions behind the token (ASVS L2, review #18)", () => {
  async function signedInCookie(user: { email: string; password: string }, ip: string) {
    const { csrfToken, cookie } = await csrf(ip);
    const body = form([
      ["csrfToken", csrfToken],
      ["email", user.email],
      ["password", user.password],
    ]);
    const { response } = await callback({ body, ip }, cookie);
    const session = response.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .find((c) => c.includes("session-token="));
    return { cookie: `${cookie}; ${session}`, csrfToken };
  }
  async function sessionOf(cookie: string, ip: string) {
    const response = await GET(new NextRequest(`${BASE}/session`, { headers: { cookie, [PEER_HEADER]: ip } }));
    return (await response.json()) as { user?: { id: string } } | null;
  }

  it("a token works only while its session row exists: ending the row elsewhere signs that browser out", async () => {
    const user = await makeUser();
    const ip = address();
    const { cookie } = await signedInCookie(user, ip);
    expect((await sessionOf(cookie, ip))?.user?.id).toBe(user.id);
    expect(await db.userSession.count({ where: { userId: user.id } })).toBe(1);
    await db.userSession.deleteMany({ where: { userId: user.id } });
    expect(await sessionOf(cookie, ip)).toBeNull();
  });

  it("next-auth's own sign-out endpoint ends the session row, so a copy of the token stops working", async () => {
    const user = await makeUser();
    const ip = address();
    const { cookie, csrfToken } = await signedInCookie(user, ip);
    await POST(
      new NextRequest(`${BASE}/signout`, {
        method: "POST",
        body: form([["csrfToken", csrfToken]]),
        headers: { "content-type": "application/x-www-form-urlencoded", cookie, origin: "http://localhost:3000", [PEER_HEADER]: ip },
      }),
    );
    expect(await db.userSession.count({ where: { userId: user.id } })).toBe(0);
    expect(await sessionOf(cookie, ip)).toBeNull();
  });
});

describe("per-account lock, backoff and ceilings", () => {
  it("locks an email after 5 failures, for known and unknown emails alike", async () => {
    for (const email of ["someone@example.test", "nobody-at-all@example.test"]) {
      for (let i = 0; i < 5; i++) expect((await reserveSignInAttempt(address(), email)).allowed).toBe(true);
      const gate = await reserveSignInAttempt(address(), email);
      expect(gate).toMatchObject({ allowed: false, message: expect.stringContaining("Sign-in is paused") });
    }
  });

  it("each lock on the same day lasts twice as long as the one before, up to the cap", async () => {
    const email = "backoff@example.test";
    let now = 1_900_000_000_000;
    const locks: number[] = [];
    for (let round = 0; round < 6; round++) {
      for (let i = 0; i < 5; i++) expect((await reserveSignInAttempt(address(), email, now)).allowed).toBe(true);
      const gate = await reserveSignInAttempt(address(), email, now);
      if (gate.allowed) throw new Error("expected a lock");
      locks.push(gate.retryAfter);
      now += gate.retryAfter * 1000 + 1;
    }
    expect(locks).toEqual([900, 1800, 3600, 7200, 14_400, LOCK_MAX_MS / 1000]);
  });

  it("the lock is temporary: after it ends the right password works again", async () => {
    const user = await makeUser();
    const now = Date.now();
    for (let i = 0; i < 6; i++) await reserveSignInAttempt(address(), user.email, now);
    expect((await reserveSignInAttempt(address(), user.email, now + 14 * 60_000)).allowed).toBe(false);
    expect((await reserveSignInAttempt(address(), user.email, now + 15 * 60_000 + 1)).allowed).toBe(true);
  });

  it("limits attempts per address whatever the email", async () => {
    const ip = address();
    let last;
    for (let i = 0; i < 31; i++) last = await reserveSignInAttempt(ip, `spray-${i}@example.test`);
    expect(last).toMatchObject({ allowed: false, message: expect.stringContaining("from your network") });
  });

  it("the site-wide ceiling holds against rotating addresses and emails, and only delays (under a minute)", async () => {
    process.env.RATE_SIGNIN_SITE_PER_MINUTE = "120";
    const now = 1_950_000_000_000;
    const gates = [];
    for (let i = 0; i < 121; i++) gates.push(await reserveSignInAttempt(address(), `rotating-${i}@example.test`, now));
    expect(gates.slice(0, 120).every((g) => g.allowed)).toBe(true);
    const over = gates[120];
    expect(over).toMatchObject({ allowed: false, message: expect.stringContaining("a lot of sign-in attempts") });
    expect(over.allowed === false && over.retryAfter).toBeLessThanOrEqual(60);
    // The next minute, sign-in works again for everyone: nobody was locked out by it.
    expect((await reserveSignInAttempt(address(), "rotating-0@example.test", now + 60_001)).allowed).toBe(true);
    process.env.RATE_SIGNIN_SITE_PER_MINUTE = "100000";
  });

  it("one address over its own limit does not spend the site-wide budget", async () => {
    process.env.RATE_SIGNIN_SITE_PER_MINUTE = "120";
    const now = 1_960_000_000_000;
    const flooder = address();
    for (let i = 0; i < 200; i++) await reserveSignInAttempt(flooder, `flood-${i}@example.test`, now);
    expect((await reserveSignInAttempt(flooder, "flood-last@example.test", now)).allowed).toBe(false);
    expect((await reserveSignInAttempt(address(), "someone-else@example.test", now)).allowed).toBe(true);
    process.env.RATE_SIGNIN_SITE_PER_MINUTE = "100000";
  });
});
