"use client";

import { useActionState } from "react";
import { archiveCohortAction, removeLearnerAction, restoreCohortAction, rotateInviteCodeAction } from "@/lib/actions/cohorts";
import { formStart, type ActionResult } from "@/lib/actions/result";
import { ExpirySelect } from "@/components/instructor/expiry-select";
import { FormError, FormNotice } from "@/components/ui/form-status";
import { SubmitButton } from "@/components/ui/submit-button";
import "./instructor.css";

function Status({ state }: { state: ActionResult }) {
  if (state.error) return <FormError message={state.error} />;
  return state.message ? <FormNotice>{state.message}</FormNotice> : null;
}

export function RotateInviteForm({ cohortId }: { cohortId: string }) {
  const [state, action] = useActionState<ActionResult, FormData>(rotateInviteCodeAction, formStart());
  return (
    <form action={action} className="stack cohort-form">
      <Status state={state} />
      <input type="hidden" name="cohortId" value={cohortId} />
      <ExpirySelect id="rotate-expiry" />
      <SubmitButton pendingText="Rotating…" className="button small">
        Rotate invite code
      </SubmitButton>
    </form>
  );
}

/** Archive an active cohort (after a confirmation) or restore an archived one. */
export function ArchiveCohortForm({ cohortId, archived }: { cohortId: string; archived: boolean }) {
  const [state, action] = useActionState<ActionResult, FormData>(archived ? restoreCohortAction : archiveCohortAction, formStart());
  return (
    <form
      action={action}
      className="stack cohort-form"
      onSubmit={(event) => {
        if (!archived && !window.confirm("Archive this cohort? Its invite code stops working; progress records stay."))
          event.preventDefault();
      }}
    >
      <Status state={state} />
      <input type="hidden" name="cohortId" value={cohortId} />
      <SubmitButton pendingText={archived ? "Restoring…" : "Archiving…"} className="button small">
        {archived ? "Restore cohort" : "Archive cohort"}
      </SubmitButton>
    </form>
  );
}

export function RemoveLearnerForm({ cohortId, userId, name }: { cohortId: string; userId: string; name: string }) {
  const [state, action] = useActionState<ActionResult, FormData>(removeLearnerAction, formStart());
  return (
    <form
      action={action}
      className="inline-form"
      onSubmit={(event) => {
        if (!window.confirm(`Remove ${name} from this cohort? Their own progress is kept.`)) event.preventDefault();
      }}
    >
      <input type="hidden" name="cohortId" value={cohortId} />
      <input type="hidden" name="userId" value={userId} />
      <SubmitButton pendingText="Removing…" className="button small">
        Remove from cohort
      </SubmitButton>
      {state.error && (
        <span role="alert" className="field-error">
          {state.error}
        </span>
      )}
      {state.ok && (
        <span role="status" className="alert ok">
          {state.message} <a href={`/instructor/cohorts/${cohortId}`}>Back to the cohort</a>
        </span>
      )}
    </form>
  );
}
