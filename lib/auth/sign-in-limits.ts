import "server-only";
import { LIMITS, clearLimit, hit, isLimited, minutesText } from "@/lib/rate-limit";

export type Gate = { allowed: true } | { allowed: false; retryAfter: number; message: string };

/**
 * Before a sign-in attempt: a per-IP limit, and a lockout for an email with repeated failures.
 * Failures are counted for any email, known or not, so the lockout reveals nothing about accounts.
 */
export async function checkSignIn(ip: string, email: string): Promise<Gate> {
  const perIp = await hit(`signin:ip:${ip}`, LIMITS.signInPerIp);
  if (!perIp.allowed) {
    return {
      allowed: false,
      retryAfter: perIp.retryAfter,
      message: `Too many sign-in attempts from your network. Try again in ${minutesText(perIp.retryAfter)}.`,
    };
  }
  const lock = await isLimited(`signin:fail:${email}`, LIMITS.signInFailuresPerEmail);
  if (!lock.allowed) {
    return {
      allowed: false,
      retryAfter: lock.retryAfter,
      message: `Too many failed attempts for this email. Sign-in is paused for ${minutesText(lock.retryAfter)} to protect the account.`,
    };
  }
  return { allowed: true };
}

export async function recordSignInResult(email: string, succeeded: boolean): Promise<void> {
  if (succeeded) await clearLimit(`signin:fail:${email}`);
  else await hit(`signin:fail:${email}`, LIMITS.signInFailuresPerEmail);
}

export async function checkSignUp(ip: string): Promise<Gate> {
  const perIp = await hit(`signup:ip:${ip}`, LIMITS.signUpPerIp);
  if (perIp.allowed) return { allowed: true };
  return {
    allowed: false,
    retryAfter: perIp.retryAfter,
    message: `Too many new accounts from your network. Try again in ${minutesText(perIp.retryAfter)}.`,
  };
}
