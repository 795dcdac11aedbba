"use client";

import { useActionState } from "react";
import { setUserRoleAction } from "@/lib/actions/admin";
import { formStart, type ActionResult } from "@/lib/actions/result";
import { SubmitButton } from "@/components/ui/submit-button";
import type { RoleName } from "@/lib/auth/roles";
import "../instructor/instructor.css";

export function RoleForm({ userId, email, role, self }: { userId: string; email: string; role: RoleName; self: boolean }) {
  const [state, action] = useActionState<ActionResult, FormData>(setUserRoleAction, formStart());
  const selectId = `role-${userId}`;
  return (
    <form action={action} className="row">
      <input type="hidden" name="userId" value={userId} />
      <label htmlFor={selectId} className="visually-hidden">
        Role for {email}
      </label>
      <select id={selectId} name="role" defaultValue={role} disabled={self}>
        <option value="LEARNER">Learner</option>
        <option value="INSTRUCTOR">Instructor</option>
        <option value="ADMIN">Admin</option>
      </select>
      {self ? (
        <span className="muted small">That is you</span>
      ) : (
        <SubmitButton pendingText="Saving…" className="button small">
          Save role
        </SubmitButton>
      )}
      {state.error && (
        <span role="alert" className="field-error">
          {state.error}
        </span>
      )}
      {state.ok && (
        <span role="status" className="badge ok">
          {state.message}
        </span>
      )}
    </form>
  );
}
