"use server";

import { headers } from "next/headers";
import { action, formAction } from "@/lib/actions/define";
import { signOut } from "@/lib/auth/auth";
import { changeEmail, changePassword, requestPasswordReset, resetPassword } from "@/lib/auth/accounts";
import { getCurrentSessionId } from "@/lib/auth/guards";
import { clientIp } from "@/lib/http/client-ip";
import { requestOrigin } from "@/lib/http/request-origin";
import { siteUrl } from "@/lib/mail";
import { LIMITS, RateLimitError, hit, minutesText } from "@/lib/rate-limit";
import { ChangeEmailSchema, ChangePasswordSchema, ForgotPasswordSchema, ResetPasswordSchema } from "@/lib/schemas/auth";
import { revokeSessions } from "@/lib/users";

export const forgotPasswordAction = formAction(
  { name: "forgotPassword", auth: "none", schema: ForgotPasswordSchema, keep: ["email"] },
  async ({ input }) => {
    const perIp = await hit(`reset:ip:${clientIp(await headers())}`, LIMITS.signUpPerIp);
    if (!perIp.allowed)
      throw new RateLimitError(`Too many requests from your network. Try again in ${minutesText(perIp.retryAfter)}.`, perIp.retryAfter);
    await requestPasswordReset(input.email, siteUrl(await requestOrigin()));
    // The same answer whether or not the email has an account.
    return {
      message: `If an account uses ${input.email}, we have sent it a link to choose a new password. It works once, within 30 minutes.`,
    };
  },
);

export const resetPasswordAction = formAction({ name: "resetPassword", auth: "none", schema: ResetPasswordSchema }, async ({ input }) => {
  await resetPassword(input.token, input.password);
  return { message: "Your password was changed, and every device that was signed in has been signed out. Sign in with the new password." };
});

export const changePasswordAction = formAction(
  { name: "changePassword", auth: { signInTo: "/account" }, schema: ChangePasswordSchema },
  async ({ user, input }) => {
    const ended = await changePassword(user, input, { ip: clientIp(await headers()), sessionId: await getCurrentSessionId() });
    const others = ended === 1 ? "1 other session was" : `${ended} other sessions were`;
    return { message: `Your password was changed. ${others} signed out.` };
  },
);

export const changeEmailAction = formAction(
  { name: "changeEmail", auth: { signInTo: "/account" }, schema: ChangeEmailSchema, keep: ["email"] },
  async ({ user, input }) => {
    await changeEmail(user, input, { ip: clientIp(await headers()), sessionId: await getCurrentSessionId() });
    return { message: `Your email is now ${input.email}. Other devices were signed out.` };
  },
);

/** Ends every session of the account, this one included. */
export const signOutEverywhereAction = action(
  { name: "signOutEverywhere", auth: { signedOut: "You are already signed out." } },
  async ({ user }) => {
    await revokeSessions(user.id);
    await signOut({ redirect: false });
    return {};
  },
);
