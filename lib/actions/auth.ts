"use server";

import { AuthError as NextAuthError } from "next-auth";
import { headers } from "next/headers";
import { action, formAction } from "@/lib/actions/define";
import { signIn, signOut } from "@/lib/auth/auth";
import { SignInLimitedError, checkSignUp } from "@/lib/auth/sign-in-limits";
import { ExpectedError } from "@/lib/errors";
import { RateLimitError, clientIp } from "@/lib/rate-limit";
import { SignInSchema, SignUpSchema, safeCallbackUrl } from "@/lib/schemas/auth";
import { createUser, revokeSessions } from "@/lib/users";

const SIGN_IN_FAILED = "That email and password do not match an account. Check both and try again.";

/** Creates a learner account, then signs in and redirects (next-auth throws the redirect). */
export const signUpAction = formAction(
  { name: "signUp", auth: "none", schema: SignUpSchema, keep: ["name", "email"] },
  async ({ input, fields }) => {
    const gate = await checkSignUp(clientIp(await headers()));
    if (!gate.allowed) throw new RateLimitError(gate.message, gate.retryAfter);
    await createUser(input); // DuplicateEmailError: a message on the email field
    await signIn("credentials", { email: input.email, password: input.password, redirectTo: safeCallbackUrl(fields.callbackUrl) });
    return {};
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

export const signOutAction = action({ name: "signOut", auth: "optional" }, async ({ user }) => {
  if (user) await revokeSessions(user.id);
  await signOut({ redirect: false });
  return {};
});
