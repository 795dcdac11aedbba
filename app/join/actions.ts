"use server";

import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/guards";
import { JoinError, joinCohortByCode } from "@/lib/instructor/cohorts";
import { JoinCodeSchema } from "@/lib/schemas/cohorts";
import { loggedAction } from "@/lib/http/action-log";

export type JoinFormState = {
  ok?: boolean;
  error?: string;
  message?: string;
  code?: string;
};

export const joinCohortAction = loggedAction("joinCohort", async (_prev: JoinFormState, formData: FormData): Promise<JoinFormState> => {
  const rawCode = formData.get("code");
  const code = typeof rawCode === "string" ? rawCode : "";
  const user = await requireUser(`/join?code=${encodeURIComponent(code.slice(0, 40))}`);
  const parsed = JoinCodeSchema.safeParse({ code });
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? "Check the invite code.", code };
  try {
    const outcome = await joinCohortByCode(user.id, parsed.data.code);
    revalidatePath("/dashboard");
    return {
      ok: true,
      code: parsed.data.code,
      message: outcome.alreadyMember ? `You are already in ${outcome.cohortName}.` : `You joined ${outcome.cohortName}.`,
    };
  } catch (error) {
    if (error instanceof JoinError) return { error: error.message, code: parsed.data.code };
    throw error;
  }
});
