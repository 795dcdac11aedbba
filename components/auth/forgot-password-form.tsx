"use client";

import Link from "next/link";
import { useActionState } from "react";
import { forgotPasswordAction } from "@/lib/actions/account";
import { formStart, type ActionResult } from "@/lib/actions/result";
import { FormError, FormNotice } from "@/components/ui/form-status";
import { FormField } from "@/components/ui/form-field";
import { SubmitButton } from "@/components/ui/submit-button";

export function ForgotPasswordForm() {
  const [state, action] = useActionState<ActionResult, FormData>(forgotPasswordAction, formStart());
  if (state.ok) return <FormNotice>{state.message}</FormNotice>;
  return (
    <form action={action} className="stack" noValidate>
      <FormError message={state.error} />
      <FormField
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        required
        defaultValue={state.values?.email}
        errors={state.fieldErrors?.email}
      />
      <SubmitButton pendingText="Sending…">Send me a reset link</SubmitButton>
      <p className="muted">
        Remembered it? <Link href="/signin">Sign in</Link>
      </p>
    </form>
  );
}
