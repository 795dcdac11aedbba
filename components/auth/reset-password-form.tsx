"use client";

import Link from "next/link";
import { useActionState } from "react";
import { resetPasswordAction } from "@/lib/actions/account";
import { formStart, type ActionResult } from "@/lib/actions/result";
import { FormError, FormNotice } from "@/components/ui/form-status";
import { FormField } from "@/components/ui/form-field";
import { SubmitButton } from "@/components/ui/submit-button";

export function ResetPasswordForm({ token }: { token: string }) {
  const [state, action] = useActionState<ActionResult, FormData>(resetPasswordAction, formStart());
  if (state.ok) {
    return (
      <div className="stack">
        <FormNotice>{state.message}</FormNotice>
        <Link href="/signin" className="button primary">
          Sign in
        </Link>
      </div>
    );
  }
  return (
    <form action={action} className="stack" noValidate>
      <FormError message={state.error ?? state.fieldErrors?.token?.[0]} />
      <input type="hidden" name="token" value={token} />
      <FormField
        label="New password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        hint="At least 10 characters. A short phrase is easy to remember and hard to guess."
        errors={state.fieldErrors?.password}
      />
      <SubmitButton pendingText="Saving…">Set the new password</SubmitButton>
      <p className="muted">
        Link expired? <Link href="/forgot-password">Ask for a new one</Link>
      </p>
    </form>
  );
}
