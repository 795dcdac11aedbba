// GET /instructor/cohorts/:id/export - the cohort's progress as CSV, one row per learner
import { withUser } from "@/lib/http/api";
import { CohortNotFoundError } from "@/lib/instructor/access";
import { streamCohortCsv } from "@/lib/instructor/csv";
import { RecordIdSchema } from "@/lib/schemas/cohorts";

export const dynamic = "force-dynamic";

// Missing, someone else's, or malformed: one 404 (CohortNotFoundError) that tells nothing about which.
export const GET = withUser<{ params: Promise<{ id: string }> }>(
  async ({ user, context }) => {
    const id = RecordIdSchema.safeParse((await context.params).id);
    if (!id.success) throw new CohortNotFoundError();
    // Streamed: the header goes out at once and each page of learners is read as the client takes it.
    const { filename, stream } = await streamCohortCsv(user, id.data);
    return new Response(stream, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${filename}"`,
        "Cache-Control": "private, no-store",
      },
    });
  },
  { role: "INSTRUCTOR" },
);
