import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { endOtherSessions } from "@/lib/auth/sessions";
import { clearSignInLimits, recordSignInSuccess, reserveSignInAttempt } from "@/lib/auth/sign-in-limits";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { db } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db-errors";
import { ExpectedError } from "@/lib/errors";
import { afterResponse } from "@/lib/http/after-response";
import { log } from "@/lib/log";
import { sendMail, type Mail } from "@/lib/mail";
import { hit } from "@/lib/rate-limit";
import type { SignUp } from "@/lib/schemas/auth";
import { DuplicateEmailError, createUser, revokeSessions, type PublicUser } from "@/lib/users";

// Account flows: sign-up that does not reveal existing accounts (review #12), password reset by a
// single-use, hashed, short-lived token, and password or email changes after re-authentication.

/** A reset link works once, within this time. */
export const RESET_TOKEN_MINUTES = 30;
/**
 * Mails anyone can trigger, per address and hour, so nobody can flood a mailbox. Reset links have a
 * budget of their own: sign-up attempts with someone's address must not use up their way back in.
 */
const MAIL_BUDGETS = {
  signUp: { max: 3, windowMs: 60 * 60_000 },
  reset: { max: 3, windowMs: 60 * 60_000 },
};

const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");

async function mayMail(email: string, kind: keyof typeof MAIL_BUDGETS): Promise<boolean> {
  const { allowed } = await hit(`mail:${kind}:${email}`, MAIL_BUDGETS[kind]);
  if (!allowed) log("warn", "mail held back: hourly budget for this address spent", { kind });
  return allowed;
}

/**
 * Creates the account if the email is free. Either way the caller gives the same answer, and the
 * owner of the address learns what happened by email: "your account is ready" or "someone tried to
 * sign up with your address". Both paths hash a password, so they take about the same time.
 */
export async function registerAccount(input: SignUp, site: string): Promise<void> {
  let created: PublicUser | null = null;
  try {
    created = await createUser(input);
  } catch (error) {
    if (!(error instanceof DuplicateEmailError)) throw error;
  }
  await mailLater(
    created
      ? {
          to: input.email,
          subject: "Your Crossroads account is ready",
          text: `Welcome, ${created.name}. Your account is ready: sign in at ${site}/signin`,
        }
      : {
          to: input.email,
          subject: "Someone tried to create a Crossroads account with your email",
          text:
            `Someone (maybe you) tried to sign up with this address, which already has an account. Nothing was changed.\n` +
            `To sign in: ${site}/signin\nForgot your password? ${site}/forgot-password`,
        },
    "signUp",
  );
}

/**
 * Sends a mail after the response. Mails anyone can trigger stay within the address's hourly budget;
 * notices of a change the account's owner made (or should know about) always go.
 */
function mailLater(mail: Mail, budget: keyof typeof MAIL_BUDGETS | "always"): Promise<void> {
  return afterResponse("mail", async () => {
    if (budget === "always" || (await mayMail(mail.to, budget))) await sendMail(mail);
  });
}

/** Tells the owner their password changed (ASVS 2.2.3), so a change they did not make does not go unnoticed. */
function passwordChangedMail(email: string): Promise<void> {
  return mailLater(
    {
      to: email,
      subject: "Your Crossroads password was changed",
      text: "The password of your account was just changed, and other devices were signed out. If this was not you, reset your password now and tell your instructor.",
    },
    "always",
  );
}

/**
 * Sends a reset link if the email has an account. The caller answers the same either way, and the
 * work happens after the response, so its timing does not tell an account from none.
 */
export function requestPasswordReset(email: string, site: string, now = new Date()): Promise<void> {
  return afterResponse("password reset", () => createResetLink(email, site, now));
}

async function createResetLink(email: string, site: string, now: Date): Promise<void> {
  const user = await db.user.findUnique({ where: { email }, select: { id: true } });
  if (!user || !(await mayMail(email, "reset"))) return;
  const token = randomBytes(32).toString("base64url");
  await db.$transaction([
    // Only the newest link works; expired links of every account go too, so the table does not grow.
    db.passwordResetToken.deleteMany({ where: { OR: [{ userId: user.id }, { expiresAt: { lte: now } }] } }),
    db.passwordResetToken.create({
      data: { userId: user.id, tokenHash: sha256(token), expiresAt: new Date(now.getTime() + RESET_TOKEN_MINUTES * 60_000) },
    }),
  ]);
  await sendMail({
    to: email,
    subject: "Reset your Crossroads password",
    text:
      `Open this link within ${RESET_TOKEN_MINUTES} minutes to choose a new password (it works once):\n${site}/reset-password?token=${token}\n` +
      `If you did not ask for this, ignore this mail: your password stays as it is.`,
  });
}

export class ResetLinkError extends ExpectedError {
  constructor() {
    super(400, "This reset link has expired or was already used. Ask for a new one.");
    this.name = "ResetLinkError";
  }
}

/**
 * Sets a new password with a reset token. The token is claimed atomically (a second use, even a
 * concurrent one, fails), every session of the account ends, and the sign-in lock is lifted.
 */
export async function resetPassword(token: string, password: string, now = new Date()): Promise<void> {
  const row = await db.passwordResetToken.findUnique({
    where: { tokenHash: sha256(token) },
    include: { user: { select: { email: true } } },
  });
  if (!row || row.usedAt || row.expiresAt <= now) throw new ResetLinkError();
  const claimed = await db.passwordResetToken.updateMany({ where: { id: row.id, usedAt: null }, data: { usedAt: now } });
  if (claimed.count !== 1) throw new ResetLinkError();
  await db.user.update({ where: { id: row.userId }, data: { passwordHash: await hashPassword(password) } });
  await revokeSessions(row.userId);
  await clearSignInLimits(row.user.email);
  await passwordChangedMail(row.user.email);
}

export class WrongPasswordError extends ExpectedError {
  constructor() {
    super(403, "That is not your current password.", {}, "currentPassword");
    this.name = "WrongPasswordError";
  }
}

/**
 * Re-authentication for a sensitive change: the current password, counted against the same
 * per-account and site-wide sign-in limits, so a stolen session cannot be used to guess it.
 */
export async function reauthenticate(user: PublicUser, password: string, ip: string): Promise<void> {
  const gate = await reserveSignInAttempt(ip, user.email);
  if (!gate.allowed) throw new ExpectedError(429, gate.message, { "Retry-After": String(gate.retryAfter) });
  const row = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { passwordHash: true } });
  if (!(await verifyPassword(row.passwordHash, password))) throw new WrongPasswordError();
  await recordSignInSuccess(user.email);
}

/** After re-authentication: the new password, and every other session of the account ends. */
export async function changePassword(
  user: PublicUser,
  input: { currentPassword: string; newPassword: string },
  context: { ip: string; sessionId?: string },
): Promise<number> {
  await reauthenticate(user, input.currentPassword, context.ip);
  await db.user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword(input.newPassword) } });
  await db.passwordResetToken.deleteMany({ where: { userId: user.id } });
  const ended = await endOtherSessions(user.id, context.sessionId);
  await passwordChangedMail(user.email);
  return ended;
}

export class EmailTakenError extends ExpectedError {
  constructor() {
    super(409, "That email cannot be used. Pick another one.", {}, "email");
    this.name = "EmailTakenError";
  }
}

/** After re-authentication: a new email; the old address is told, and other sessions end. */
export async function changeEmail(
  user: PublicUser,
  input: { currentPassword: string; email: string },
  context: { ip: string; sessionId?: string },
): Promise<void> {
  await reauthenticate(user, input.currentPassword, context.ip);
  if (input.email === user.email) return;
  try {
    await db.user.update({ where: { id: user.id }, data: { email: input.email } });
  } catch (error) {
    if (isUniqueViolation(error)) throw new EmailTakenError();
    throw error;
  }
  await db.passwordResetToken.deleteMany({ where: { userId: user.id } });
  await endOtherSessions(user.id, context.sessionId);
  await mailLater(
    {
      to: user.email,
      subject: "Your Crossroads email was changed",
      text: `The email of your account was changed to ${input.email}. If this was not you, reply to this mail or contact your instructor.`,
    },
    "always",
  );
}
