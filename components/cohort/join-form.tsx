"use client";

import Link from "next/link";
import { useActionState } from "react";
import { joinCohortAction } from "@/lib/actions/join";
import { formStart, type ActionResult } from "@/lib/actions/result";
import { FormError, FormNotice } from "@/components/ui/form-status";
import { FormField } from "@/components/ui/form-field";
import { SubmitButton } from "@/components/ui/submit-button";
import "../instructor/instructor.css";

/** Joining is a POST from this form: opening a /join?code= link only fills the code in. */
export function JoinForm({ initialCode }: { initialCode: string }) {
  const [state, action] = useActionState<ActionResult<{ code: string }>, FormData>(joinCohortAction, formStart({ code: initialCode }));
  // After a join, the code as stored (upper case); after a refusal, the code as typed.
  const code = state.ok ? state.code : state.values?.code;
  return (
    <form action={action} className="stack" noValidate>
      <FormError message={state.error} />
      {state.ok && (
        <FormNotice>
          {state.message} Your instructor can now follow your progress. <Link href="/dashboard">Go to your dashboard</Link>
        </FormNotice>
      )}
      <FormField
        label="Invite code"
        name="code"
        required
        autoComplete="off"
        spellCheck={false}
        defaultValue={code}
        key={code}
        hint="Letters and digits, like ABCD-EFGH-JKMN."
      />
      <SubmitButton pendingText="Joining…">Join cohort</SubmitButton>
    </form>
  );
}
