"use server";

import { firstIssue, formAction } from "@/lib/actions/define";
import { joinCohortByCode } from "@/lib/instructor/cohorts";
import { JoinCodeSchema } from "@/lib/schemas/cohorts";

/** A learner joins a cohort with its invite code; signed out, they sign in and come back to the filled-in form. */
export const joinCohortAction = formAction(
  {
    name: "joinCohort",
    auth: { signInTo: (fields) => `/join?code=${encodeURIComponent((fields.code ?? "").slice(0, 40))}` },
    schema: JoinCodeSchema,
    invalid: firstIssue,
    keep: ["code"],
  },
  async ({ user, input }) => {
    // No revalidatePath: nothing the join changes is rendered on the server, and the dashboard's page is
    // prerendered (revalidating it would render it again, unlike the build's copy whose script hashes the CSP lists).
    const outcome = await joinCohortByCode(user.id, input.code); // JoinError: its message
    return {
      code: input.code,
      message: outcome.alreadyMember ? `You are already in ${outcome.cohortName}.` : `You joined ${outcome.cohortName}.`,
    };
  },
);
