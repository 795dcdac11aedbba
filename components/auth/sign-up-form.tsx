"use client";

import Link from "next/link";
import { useActionState } from "react";
import { signUpAction } from "@/lib/actions/auth";
import { formStart, type ActionResult } from "@/lib/actions/result";
import { SignInForm } from "@/components/auth/sign-in-form";
import { FormError, FormNotice } from "@/components/ui/form-status";
import { FormField } from "@/components/ui/form-field";
import { SubmitButton } from "@/components/ui/submit-button";

export function SignUpForm({ callbackUrl }: { callbackUrl: string }) {
  const [state, action] = useActionState<ActionResult<{ email?: string }>, FormData>(signUpAction, formStart());
  // The same answer whether or not the email already had an account: a notice, then sign-in.
  if (state.ok) {
    return (
      <div className="stack">
        <FormNotice>{state.message}</FormNotice>
        <SignInForm callbackUrl={callbackUrl} email={state.email} />
      </div>
    );
  }
  return (
    <form action={action} className="stack" noValidate>
      <FormError message={state.error} />
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <FormField label="Name" name="name" autoComplete="name" required defaultValue={state.values?.name} errors={state.fieldErrors?.name} />
      <FormField
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        required
        defaultValue={state.values?.email}
        errors={state.fieldErrors?.email}
      />
      <FormField
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        hint="At least 10 characters. A short phrase is easy to remember and hard to guess."
        errors={state.fieldErrors?.password}
      />
      <SubmitButton pendingText="Creating your account…">Create account</SubmitButton>
      <p className="muted">
        Already have an account? <Link href={`/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`}>Sign in</Link>
      </p>
    </form>
  );
}
