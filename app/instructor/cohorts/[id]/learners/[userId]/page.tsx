import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { RemoveLearnerForm } from "@/components/instructor/cohort-controls";
import { Timeline } from "@/components/instructor/timeline";
import { orNotFound, requirePageRole } from "@/lib/auth/guards";
import { decodeTimelineCursor, getLearnerTimeline } from "@/lib/instructor/learner";
import { RecordIdSchema } from "@/lib/schemas/cohorts";
import { formatDate } from "@/lib/format";

export const metadata: Metadata = { title: "Learner" };

type Props = { params: Promise<{ id: string; userId: string }>; searchParams?: Promise<{ before?: string | string[] }> };

export default async function LearnerPage({ params, searchParams }: Props) {
  const { id, userId } = await params;
  const { before } = (await searchParams) ?? {};
  const cursor = decodeTimelineCursor(typeof before === "string" ? before : undefined);
  const user = await requirePageRole("INSTRUCTOR", `/instructor/cohorts/${encodeURIComponent(id)}/learners/${encodeURIComponent(userId)}`);
  const cohortId = RecordIdSchema.safeParse(id);
  const learnerId = RecordIdSchema.safeParse(userId);
  if (!cohortId.success || !learnerId.success) notFound();
  const timeline = await orNotFound(() => getLearnerTimeline(user, cohortId.data, learnerId.data, cursor));
  const { learner, cohort, latestChoice } = timeline;
  return (
    <div className="stack">
      <p>
        <Link href={`/instructor/cohorts/${cohort.id}`}>← {cohort.name}</Link>
      </p>
      <h1>{learner.name}</h1>
      <p className="muted">
        {learner.email} · joined {formatDate(learner.joinedAt)}
      </p>
      {latestChoice && (
        <p className="alert info">
          Latest chooser result: <strong>{latestChoice.recommendation}</strong> ({formatDate(latestChoice.at)})
          {latestChoice.summary ? `. ${latestChoice.summary}` : ""}
        </p>
      )}
      <section className="stack" aria-labelledby="timeline-heading">
        <h2 id="timeline-heading">Timeline</h2>
        <Timeline items={timeline.items} />
        {(cursor || timeline.nextCursor) && (
          <nav className="row" aria-label="Timeline pages">
            {cursor && <Link href={`/instructor/cohorts/${cohort.id}/learners/${learner.id}`}>← Newest</Link>}
            {timeline.nextCursor && (
              <Link href={`/instructor/cohorts/${cohort.id}/learners/${learner.id}?before=${encodeURIComponent(timeline.nextCursor)}`}>
                Older activity →
              </Link>
            )}
          </nav>
        )}
      </section>
      <section className="card stack" aria-labelledby="remove-heading">
        <h2 id="remove-heading">Membership</h2>
        <RemoveLearnerForm cohortId={cohort.id} userId={learner.id} name={learner.name} />
      </section>
    </div>
  );
}
