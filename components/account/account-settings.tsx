"use client";

import { useActionState, useState, useTransition } from "react";
import { changeEmailAction, changePasswordAction, signOutEverywhereAction } from "@/lib/actions/account";
import { formStart, type ActionResult } from "@/lib/actions/result";
import { callAction } from "@/lib/client/call-action";
import { FormError, FormNotice } from "@/components/ui/form-status";
import { FormField } from "@/components/ui/form-field";
import { SubmitButton } from "@/components/ui/submit-button";

export function ChangePasswordForm() {
  const [state, action] = useActionState<ActionResult, FormData>(changePasswordAction, formStart());
  return (
    <form action={action} className="stack" noValidate>
      {state.ok ? <FormNotice>{state.message}</FormNotice> : <FormError message={state.error} />}
      <FormField
        id="password-current"
        label="Current password"
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        required
        errors={state.fieldErrors?.currentPassword}
      />
      <FormField
        label="New password"
        name="newPassword"
        type="password"
        autoComplete="new-password"
        required
        hint="At least 10 characters. Every other device signed in to your account will be signed out."
        errors={state.fieldErrors?.newPassword}
      />
      <SubmitButton pendingText="Saving…">Change password</SubmitButton>
    </form>
  );
}

export function ChangeEmailForm({ email }: { email: string }) {
  const [state, action] = useActionState<ActionResult, FormData>(changeEmailAction, formStart({ email }));
  return (
    <form action={action} className="stack" noValidate>
      {state.ok ? <FormNotice>{state.message}</FormNotice> : <FormError message={state.error} />}
      <FormField
        label="New email"
        name="email"
        type="email"
        autoComplete="email"
        required
        defaultValue={state.values?.email ?? email}
        errors={state.fieldErrors?.email}
      />
      <FormField
        id="email-current-password"
        label="Current password (to confirm)"
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        required
        errors={state.fieldErrors?.currentPassword}
      />
      <SubmitButton pendingText="Saving…">Change email</SubmitButton>
    </form>
  );
}

export function SignOutEverywhere() {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const run = () =>
    startTransition(async () => {
      const result = await callAction(() => signOutEverywhereAction());
      if (!result.ok) return setError(result.error ?? null);
      // eslint-disable-next-line @next/next/no-location-assign-relative-destination -- a full load drops the signed-in state
      window.location.assign("/signin");
    });
  return (
    <div className="stack">
      <FormError message={error} />
      <button type="button" className="button" onClick={run} disabled={pending}>
        {pending ? "Signing out…" : "Sign out of all devices"}
      </button>
    </div>
  );
}
