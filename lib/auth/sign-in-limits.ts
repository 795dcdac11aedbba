import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { CredentialsSignin } from "next-auth";
import { config } from "@/lib/config";
import { LIMITS, clearLimit, hit, isLimited, minutesText } from "@/lib/rate-limit";
import { clientIp } from "@/lib/http/client-ip";
import { SignInSchema } from "@/lib/schemas/auth";
import { verifyCredentials, type PublicUser } from "@/lib/users";

// Sign-in limits live inside the credentials check (authorize), the one place every password guess
// passes through, whether it comes from the sign-in form's action or next-auth's own callback
// endpoint. Each attempt is reserved with an atomic hit() on the exact email that is about to be
// looked up, BEFORE the password is verified, so no header, duplicated field, body format or
// concurrent burst can dodge the count; only a verified password clears it.
// The design (temporary per-account lock with backoff, a site-wide ceiling that slows rather than
// locks) is in docs/decisions/0014-sign-in-limits-and-sessions.md.

export type Gate = { allowed: true } | { allowed: false; retryAfter: number; message: string };

const LOCK_BASE_MS = 15 * 60_000;
/** However often an account is attacked, its lock never lasts longer than this. */
export const LOCK_MAX_MS = 4 * 60 * 60_000;
const LOCKOUTS_WINDOW_MS = 24 * 60 * 60_000;
/** hit() reports what is left of a budget; with this one, what is used is the number of locks today. */
const LOCKOUTS_COUNTED = 1000;

/** Failure counts, locks and the site-wide ceiling, by key. Emails are already normalised. */
const keys = {
  account: (email: string) => `signin:acct:${email}`,
  lock: (email: string) => `signin:lock:${email}`,
  lockouts: (email: string) => `signin:lockouts:${email}`,
  ip: (ip: string) => `signin:ip:${ip}`,
  site: "signin:site",
};

/** A refused attempt. Extends next-auth's CredentialsSignin so next-auth answers it like any failed sign-in. */
export class SignInLimitedError extends CredentialsSignin {
  override code = "rate_limited";
  constructor(
    readonly userMessage: string,
    readonly retryAfter: number,
  ) {
    super(userMessage);
    this.name = "SignInLimitedError";
  }
}

function refuse(retryAfter: number, message: string): Gate {
  return { allowed: false, retryAfter, message };
}

const lockedMessage = (seconds: number) =>
  `Too many failed attempts for this email. Sign-in is paused for ${minutesText(seconds)} to protect the account. You can reset your password meanwhile.`;

/** The refusal while the account is locked, or null. */
async function lockOn(email: string, now: number): Promise<Gate | null> {
  const lock = await isLimited(keys.lock(email), { max: 1, windowMs: LOCK_BASE_MS }, now);
  return lock.allowed ? null : refuse(lock.retryAfter, lockedMessage(lock.retryAfter));
}

/**
 * Reserves one sign-in attempt for `email` from `ip`, or refuses it. Counts the attempt before any
 * password is checked; the caller clears the account's count only after a verified password.
 * Known and unknown emails are counted alike, so a lock reveals nothing about which accounts exist.
 */
export async function reserveSignInAttempt(ip: string, email: string, now = Date.now()): Promise<Gate> {
  const lock = await lockOn(email, now);
  if (lock) return lock;

  const perIp = await hit(keys.ip(ip), LIMITS.signInPerIp, now);
  if (!perIp.allowed) {
    return refuse(perIp.retryAfter, `Too many sign-in attempts from your network. Try again in ${minutesText(perIp.retryAfter)}.`);
  }

  // Site-wide: attempts per minute across every address and account, charged only for attempts their
  // address's budget let through, so one address cannot spend everyone's. Over it, sign-in waits for the
  // next minute (it slows everyone; it never locks anyone out for longer than that).
  const site = await hit(keys.site, { max: config.RATE_SIGNIN_SITE_PER_MINUTE, windowMs: 60_000 }, now);
  if (!site.allowed) {
    return refuse(site.retryAfter, `The site is receiving a lot of sign-in attempts. Try again in ${site.retryAfter} seconds.`);
  }

  const account = await hit(keys.account(email), LIMITS.signInFailuresPerEmail, now);
  // A concurrent attempt may have locked the account since the check above, and cleared its count (so
  // this hit looked like a first failure): the lock wins.
  if (account.allowed) return (await lockOn(email, now)) ?? { allowed: true };
  // Over the account's budget: lock it. Each lock within a day lasts twice as long as the one before
  // (15 minutes, 30, 60, ... at most LOCK_MAX_MS), and the failure count starts again afterwards.
  const lockouts = await hit(keys.lockouts(email), { max: LOCKOUTS_COUNTED, windowMs: LOCKOUTS_WINDOW_MS }, now);
  const nth = LOCKOUTS_COUNTED - lockouts.remaining; // 1 for the first lock today
  const lockMs = Math.min(LOCK_BASE_MS * 2 ** Math.min(nth - 1, 10), LOCK_MAX_MS);
  const locked = await hit(keys.lock(email), { max: 1, windowMs: lockMs }, now);
  await clearLimit(keys.account(email));
  return refuse(locked.retryAfter, lockedMessage(locked.retryAfter));
}

/** After a verified password: the account's failures are forgotten (the lock history is kept). */
export async function recordSignInSuccess(email: string): Promise<void> {
  await clearLimit(keys.account(email));
}

/** After a password reset proved the owner's access to the mailbox: the lock and its history go too. */
export async function clearSignInLimits(email: string): Promise<void> {
  await Promise.all([clearLimit(keys.account(email)), clearLimit(keys.lock(email)), clearLimit(keys.lockouts(email))]);
}

/**
 * The whole credentials check, called from next-auth's authorize(): parse exactly what will be
 * looked up, reserve the attempt, then verify. Null for a wrong password or unreadable input;
 * SignInLimitedError when the attempt is refused by a limit.
 */
export async function authorizeSignIn(raw: unknown, headers: Headers): Promise<PublicUser | null> {
  const parsed = SignInSchema.safeParse(raw);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const gate = await reserveSignInAttempt(clientIp(headers), email);
  if (!gate.allowed) {
    const refused = refusals.getStore();
    if (refused) refused.gate = gate;
    throw new SignInLimitedError(gate.message, gate.retryAfter);
  }
  const user = await verifyCredentials(email, password);
  if (user) await recordSignInSuccess(email);
  return user;
}

const refusals = new AsyncLocalStorage<{ gate?: Gate }>();

/**
 * Runs next-auth's credentials callback and says whether a limit refused the attempt in it, so the
 * endpoint can answer 429 with Retry-After. This shapes the answer only; the counting happened inside.
 */
export async function runSignInCallback(run: () => Promise<Response>): Promise<{ response: Response; refused?: Gate }> {
  const store: { gate?: Gate } = {};
  const response = await refusals.run(store, run);
  return { response, refused: store.gate };
}

export async function checkSignUp(ip: string): Promise<Gate> {
  const perIp = await hit(`signup:ip:${ip}`, LIMITS.signUpPerIp);
  if (perIp.allowed) return { allowed: true };
  return refuse(perIp.retryAfter, `Too many new accounts from your network. Try again in ${minutesText(perIp.retryAfter)}.`);
}
