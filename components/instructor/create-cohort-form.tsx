"use client";

import Link from "next/link";
import { useActionState } from "react";
import { createCohortAction } from "@/lib/actions/cohorts";
import { formStart, type ActionResult } from "@/lib/actions/result";
import { FormError, FormNotice } from "@/components/ui/form-status";
import { FormField } from "@/components/ui/form-field";
import { SubmitButton } from "@/components/ui/submit-button";
import { ExpirySelect } from "@/components/instructor/expiry-select";
import "./instructor.css";

export function CreateCohortForm() {
  const [state, action] = useActionState<ActionResult<{ cohortId: string }>, FormData>(createCohortAction, formStart());
  const createdId = state.ok ? state.cohortId : undefined;
  return (
    <form action={action} className="stack card" noValidate aria-labelledby="create-cohort-heading">
      <h2 id="create-cohort-heading">Create a cohort</h2>
      <FormError message={state.error} />
      {state.ok && state.message && (
        <FormNotice>
          {state.message} <Link href={`/instructor/cohorts/${createdId}`}>Open its dashboard</Link>
        </FormNotice>
      )}
      <FormField
        label="Cohort name"
        name="name"
        required
        maxLength={80}
        defaultValue={state.ok ? "" : state.values?.name}
        errors={state.fieldErrors?.name}
        key={`name-${createdId ?? ""}`}
      />
      <div className="field">
        <label htmlFor="field-description">Description (optional)</label>
        <textarea
          id="field-description"
          name="description"
          rows={2}
          maxLength={500}
          defaultValue={state.ok ? "" : state.values?.description}
          key={`description-${createdId ?? ""}`}
          aria-describedby={state.fieldErrors?.description ? "field-description-error" : undefined}
        />
        {state.fieldErrors?.description && (
          <p id="field-description-error" className="field-error">
            {state.fieldErrors.description.join(" ")}
          </p>
        )}
      </div>
      <ExpirySelect id="create-expiry" errors={state.fieldErrors?.expiresInDays} />
      <SubmitButton pendingText="Creating…">Create cohort</SubmitButton>
    </form>
  );
}
