import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { makeUser } from "@/tests/setup/factories";

// Accounts: sign-up that does not enumerate (review #12), password reset, change of password and
// email after re-authentication, and server-side session timeouts. The session source and request
// headers are the only things faked.
vi.mock("@/lib/auth/auth", () => ({ auth: async () => null, signIn: vi.fn(), signOut: vi.fn() }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ host: "crossroads.test", "x-crossroads-peer": "192.0.2.10" }) }));

const { signUpAction } = await import("@/lib/actions/auth");
const { changeEmail, changePassword, requestPasswordReset, resetPassword, ResetLinkError, WrongPasswordError, RESET_TOKEN_MINUTES } =
  await import("@/lib/auth/accounts");
const { checkSession, startSession } = await import("@/lib/auth/sessions");
const { reserveSignInAttempt } = await import("@/lib/auth/sign-in-limits");
const { verifyCredentials } = await import("@/lib/users");

process.env.RATE_SIGNIN_SITE_PER_MINUTE = "100000";

let lines: Record<string, unknown>[] = [];
beforeEach(() => {
  lines = [];
  delete process.env.LOG_LEVEL;
  vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    lines.push(JSON.parse(String(chunk)));
    return true;
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  process.env.LOG_LEVEL = "silent";
});

const mails = (to: string) => lines.filter((line) => line.msg === "mail" && line.to === to) as { subject: string; text: string }[];

function form(fields: Record<string, string>) {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return data;
}

describe("sign-up does not reveal whether an email has an account (review #12)", () => {
  it("answers a new and an existing email the same way; the owner is told by mail", async () => {
    const existing = await makeUser();
    const fresh = `new-${crypto.randomUUID()}@example.test`;
    const answer = async (email: string) => {
      const result = await signUpAction(undefined, form({ name: "Someone", email, password: "a long enough passphrase" }));
      return JSON.stringify(result).replaceAll(email, "<email>");
    };
    const forNew = await answer(fresh);
    const forExisting = await answer(existing.email);
    expect(forExisting).toBe(forNew);
    expect(forNew).not.toMatch(/already|exists/i);
    // The new account exists; the existing one keeps its password.
    expect(await verifyCredentials(fresh, "a long enough passphrase")).not.toBeNull();
    expect(await verifyCredentials(existing.email, existing.password)).not.toBeNull();
    expect(mails(fresh).map((m) => m.subject)).toEqual(["Your Crossroads account is ready"]);
    expect(mails(existing.email).map((m) => m.subject)).toEqual(["Someone tried to create a Crossroads account with your email"]);
  });
});

describe("password reset", () => {
  async function linkFor(email: string) {
    await requestPasswordReset(email, "https://crossroads.test");
    const text = mails(email).at(-1)?.text ?? "";
    return /reset-password\?token=([\w-]+)/.exec(text)?.[1];
  }

  it("mails a single-use link, stores only its hash, and the new password ends every session", async () => {
    const user = await makeUser();
    const sessionId = await startSession(user.id);
    const token = await linkFor(user.email);
    expect(token).toMatch(/^[\w-]{43}$/);
    const row = await db.passwordResetToken.findFirstOrThrow({ where: { userId: user.id } });
    expect(row.tokenHash).not.toContain(token!);
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBeLessThanOrEqual(60 * 60_000);

    await resetPassword(token!, "a brand new passphrase");
    expect(mails(user.email).at(-1)?.subject).toBe("Your Crossroads password was changed");
    expect(await verifyCredentials(user.email, "a brand new passphrase")).not.toBeNull();
    expect(await verifyCredentials(user.email, user.password)).toBeNull();
    expect((await checkSession(sessionId, user.id)).ok).toBe(false);
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).sessionVersion).toBe(user.sessionVersion + 1);

    // The same link a second time, even with another password, is refused.
    await expect(resetPassword(token!, "yet another passphrase")).rejects.toBeInstanceOf(ResetLinkError);
    expect(await verifyCredentials(user.email, "a brand new passphrase")).not.toBeNull();
  });

  it("sign-up attempts with someone's address do not use up their reset links", async () => {
    const user = await makeUser();
    for (let i = 0; i < 5; i++)
      await signUpAction(undefined, form({ name: "Intruder", email: user.email, password: "a long enough passphrase" }));
    expect(mails(user.email)).toHaveLength(3); // the sign-up notices' own hourly budget
    expect(lines.some((line) => line.msg === "mail held back: hourly budget for this address spent")).toBe(true);
    expect(await linkFor(user.email)).toMatch(/^[\w-]{43}$/);
  });

  it("a link is refused once it has expired, and only the newest link works", async () => {
    const user = await makeUser();
    const first = await linkFor(user.email);
    const second = await linkFor(user.email);
    await expect(resetPassword(first!, "a brand new passphrase")).rejects.toBeInstanceOf(ResetLinkError);
    const late = new Date(Date.now() + RESET_TOKEN_MINUTES * 60_000 + 1000);
    await expect(resetPassword(second!, "a brand new passphrase", late)).rejects.toBeInstanceOf(ResetLinkError);
  });

  it("two concurrent uses of one link: exactly one succeeds", async () => {
    const user = await makeUser();
    const token = await linkFor(user.email);
    const results = await Promise.allSettled([
      resetPassword(token!, "first new passphrase"),
      resetPassword(token!, "second new passphrase"),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
  });

  it("an unknown email gets no mail and no token, and the caller cannot tell", async () => {
    const before = await db.passwordResetToken.count();
    await expect(requestPasswordReset("nobody-here@example.test", "https://crossroads.test")).resolves.toBeUndefined();
    expect(mails("nobody-here@example.test")).toEqual([]);
    expect(await db.passwordResetToken.count()).toBe(before);
  });

  it("a reset lifts the sign-in lock of the account", async () => {
    const user = await makeUser();
    for (let i = 0; i < 6; i++) await reserveSignInAttempt("192.0.2.20", user.email);
    expect((await reserveSignInAttempt("192.0.2.20", user.email)).allowed).toBe(false);
    await resetPassword((await linkFor(user.email))!, "a brand new passphrase");
    expect((await reserveSignInAttempt("192.0.2.20", user.email)).allowed).toBe(true);
  });
});

describe("changing the password or the email needs the current password", () => {
  it("a wrong current password is refused and counts toward the account's lock", async () => {
    const user = await makeUser();
    for (let i = 0; i < 5; i++) {
      await expect(
        changePassword(user, { currentPassword: "not it", newPassword: "a brand new passphrase" }, { ip: "192.0.2.30" }),
      ).rejects.toBeInstanceOf(WrongPasswordError);
    }
    // Locked now, even with the right one.
    await expect(
      changePassword(user, { currentPassword: user.password, newPassword: "a brand new passphrase" }, { ip: "192.0.2.30" }),
    ).rejects.toMatchObject({
      status: 429,
    });
  });

  it("the right one changes the password and ends every other session, keeping this one", async () => {
    const user = await makeUser();
    const current = await startSession(user.id);
    const other = await startSession(user.id);
    const ended = await changePassword(
      user,
      { currentPassword: user.password, newPassword: "a brand new passphrase" },
      { ip: "192.0.2.31", sessionId: current },
    );
    expect(ended).toBe(1);
    expect((await checkSession(current, user.id)).ok).toBe(true);
    expect((await checkSession(other, user.id)).ok).toBe(false);
    expect(await verifyCredentials(user.email, "a brand new passphrase")).not.toBeNull();
    expect(mails(user.email).map((m) => m.subject)).toEqual(["Your Crossroads password was changed"]);
  });

  it("changing the email re-authenticates, and tells the old address", async () => {
    const user = await makeUser();
    const email = `moved-${crypto.randomUUID()}@example.test`;
    await expect(changeEmail(user, { currentPassword: "not it", email }, { ip: "192.0.2.32" })).rejects.toBeInstanceOf(WrongPasswordError);
    await changeEmail(user, { currentPassword: user.password, email }, { ip: "192.0.2.32" });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).email).toBe(email);
    expect(mails(user.email).map((m) => m.subject)).toEqual(["Your Crossroads email was changed"]);
  });
});

describe("session timeouts (ASVS L2), enforced against the session's row", () => {
  it("a session ends after SESSION_IDLE_MINUTES without a request, and activity keeps it alive", async () => {
    const user = await makeUser();
    const id = await startSession(user.id);
    const start = Date.now();
    const at = (minutes: number) => new Date(start + minutes * 60_000);
    expect((await checkSession(id, user.id, at(50))).ok).toBe(true); // seen at 50: the idle clock restarts
    expect((await checkSession(id, user.id, at(100))).ok).toBe(true);
    expect(await checkSession(id, user.id, at(161))).toEqual({ ok: false, reason: "idle" });
    expect((await checkSession(id, user.id, at(162))).ok).toBe(false); // and its row is gone
  });

  it("a session ends SESSION_MAX_HOURS after sign-in, however active", async () => {
    const user = await makeUser();
    const id = await startSession(user.id);
    const start = Date.now();
    let result;
    for (let minutes = 30; minutes <= 12 * 60; minutes += 30) result = await checkSession(id, user.id, new Date(start + minutes * 60_000));
    expect(result).toEqual({ ok: false, reason: "expired" });
  });

  it("a sign-in sweeps away every account's timed-out sessions, and a reset request every expired link", async () => {
    const [idle, old, live] = [await makeUser(), await makeUser(), await makeUser()];
    const hours = (n: number) => new Date(Date.now() - n * 60 * 60_000);
    await db.userSession.createMany({
      data: [
        { id: `idle-${idle.id}`, userId: idle.id, createdAt: hours(2), lastSeenAt: hours(2) },
        { id: `old-${old.id}`, userId: old.id, createdAt: hours(13), lastSeenAt: new Date() },
        { id: `live-${live.id}`, userId: live.id },
      ],
    });
    await db.passwordResetToken.createMany({
      data: [
        { userId: idle.id, tokenHash: `expired-${idle.id}`, expiresAt: hours(1) },
        { userId: live.id, tokenHash: `open-${live.id}`, expiresAt: new Date(Date.now() + 60_000) },
      ],
    });
    await startSession((await makeUser()).id);
    const left = await db.userSession.findMany({ where: { userId: { in: [idle.id, old.id, live.id] } }, select: { id: true } });
    expect(left).toEqual([{ id: `live-${live.id}` }]);
    await requestPasswordReset((await makeUser()).email, "https://crossroads.test");
    const links = await db.passwordResetToken.findMany({ where: { userId: { in: [idle.id, live.id] } }, select: { tokenHash: true } });
    expect(links).toEqual([{ tokenHash: `open-${live.id}` }]);
  });

  it("a token naming another user's session, or none, is refused", async () => {
    const [a, b] = [await makeUser(), await makeUser()];
    const id = await startSession(a.id);
    expect((await checkSession(id, b.id)).ok).toBe(false);
    expect((await checkSession(undefined, a.id)).ok).toBe(false);
  });
});
