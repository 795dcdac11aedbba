"use server";

import { AuthError as NextAuthError } from "next-auth";
import { headers } from "next/headers";
import { z } from "zod";
import { signIn, signOut } from "@/lib/auth/auth";
import { getSessionUser } from "@/lib/auth/guards";
import { checkSignIn, checkSignUp, recordSignInResult } from "@/lib/auth/sign-in-limits";
import { clientIp } from "@/lib/rate-limit";
import { SignInSchema, SignUpSchema, safeCallbackUrl } from "@/lib/schemas/auth";
import { DuplicateEmailError, createUser, revokeSessions } from "@/lib/users";
import { loggedAction } from "@/lib/http/action-log";

export type AuthFormState = {
  error?: string;
  fieldErrors?: Partial<Record<"name" | "email" | "password", string[]>>;
  values?: { name?: string; email?: string };
};

const SIGN_IN_FAILED = "That email and password do not match an account. Check both and try again.";

function field(formData: FormData, name: string): string {
  const value = formData.get(name);
  return typeof value === "string" ? value : "";
}

export const signUpAction = loggedAction("signUp", async (_prev: AuthFormState, formData: FormData): Promise<AuthFormState> => {
  const raw = { name: field(formData, "name"), email: field(formData, "email"), password: field(formData, "password") };
  const values = { name: raw.name, email: raw.email };
  const parsed = SignUpSchema.safeParse(raw);
  if (!parsed.success) return { fieldErrors: z.flattenError(parsed.error).fieldErrors, values };
  const gate = await checkSignUp(clientIp(await headers()));
  if (!gate.allowed) return { error: gate.message, values };
  try {
    await createUser(parsed.data);
  } catch (error) {
    if (error instanceof DuplicateEmailError) return { fieldErrors: { email: [error.message] }, values };
    throw error;
  }
  // Signs in and redirects (next-auth throws the redirect).
  await signIn("credentials", {
    email: parsed.data.email,
    password: parsed.data.password,
    redirectTo: safeCallbackUrl(formData.get("callbackUrl")),
  });
  return {};
});

export const signInAction = loggedAction("signIn", async (_prev: AuthFormState, formData: FormData): Promise<AuthFormState> => {
  const raw = { email: field(formData, "email"), password: field(formData, "password") };
  const values = { email: raw.email };
  const parsed = SignInSchema.safeParse(raw);
  if (!parsed.success) return { fieldErrors: z.flattenError(parsed.error).fieldErrors, values };
  const gate = await checkSignIn(clientIp(await headers()), parsed.data.email);
  if (!gate.allowed) return { error: gate.message, values };
  try {
    await signIn("credentials", { ...parsed.data, redirectTo: safeCallbackUrl(formData.get("callbackUrl")) });
  } catch (error) {
    if (error instanceof NextAuthError) {
      await recordSignInResult(parsed.data.email, false);
      return { error: SIGN_IN_FAILED, values };
    }
    // Success arrives here too: next-auth signals its redirect by throwing.
    await recordSignInResult(parsed.data.email, true);
    throw error;
  }
  return {};
});

export const signOutAction = loggedAction("signOut", async (): Promise<void> => {
  const user = await getSessionUser();
  if (user) await revokeSessions(user.id);
  await signOut({ redirect: false });
});
