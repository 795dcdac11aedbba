"use server";

import { AuthError as NextAuthError } from "next-auth";
import { headers } from "next/headers";
import { action, formAction } from "@/lib/actions/define";
import { signIn, signOut } from "@/lib/auth/auth";
import { SignInLimitedError, checkSignUp } from "@/lib/auth/sign-in-limits";
import { ExpectedError } from "@/lib/errors";
import { RateLimitError, clientIp } from "@/lib/rate-limit";
import { SignInSchema, SignUpSchema, safeCallbackUrl } from "@/lib/schemas/auth";
import { requestOrigin } from "@/lib/http/request-origin";
import { registerAccount } from "@/lib/auth/accounts";
import { endSession } from "@/lib/auth/sessions";
import { getCurrentSessionId } from "@/lib/auth/guards";
import { siteUrl } from "@/lib/mail";

const SIGN_IN_FAILED = "That email and password do not match an account. Check both and try again.";

/**
 * Creates a learner account when the email is free. The answer is the same whether or not the email
 * already had an account (review #12); the address's owner learns which by email (lib/auth/accounts.ts).
 * The person then signs in on the same page.
 */
export const signUpAction = formAction(
  { name: "signUp", auth: "none", schema: SignUpSchema, keep: ["name", "email"] },
  async ({ input }) => {
    const gate = await checkSignUp(clientIp(await headers()));
    if (!gate.allowed) throw new RateLimitError(gate.message, gate.retryAfter);
    await registerAccount(input, siteUrl(await requestOrigin()));
    return {
      email: input.email,
      message: `Thanks. We have sent a message to ${input.email}. If this email was new, your account is ready: sign in below.`,
    };
  },
);

/** Signs in and redirects. The limits are enforced inside the credentials check (lib/auth/sign-in-limits.ts). */
export const signInAction = formAction(
  { name: "signIn", auth: "none", schema: SignInSchema, keep: ["email"] },
  async ({ input, fields }) => {
    try {
      await signIn("credentials", { ...input, redirectTo: safeCallbackUrl(fields.callbackUrl) });
    } catch (error) {
      if (error instanceof SignInLimitedError) throw new RateLimitError(error.userMessage, error.retryAfter);
      if (error instanceof NextAuthError) throw new ExpectedError(401, SIGN_IN_FAILED);
      throw error; // success arrives here too: next-auth signals its redirect by throwing
    }
    return {};
  },
);

/** Ends this browser's session (its row, so a copy of the token stops working too). */
export const signOutAction = action({ name: "signOut", auth: "optional" }, async ({ user }) => {
  if (user) await endSession(await getCurrentSessionId());
  await signOut({ redirect: false });
  return {};
});
