import type { Metadata } from "next";
import Link from "next/link";
import { ActivityChart } from "@/components/instructor/activity-chart";
import { ArchiveCohortForm, RotateInviteForm } from "@/components/instructor/cohort-controls";
import { DashboardFilters } from "@/components/instructor/dashboard-filters";
import { dashboardHref } from "@/components/instructor/dashboard-href";
import { InviteLink } from "@/components/instructor/invite-link";
import { ProgressMatrix } from "@/components/instructor/progress-matrix";
import { ProgressBar } from "@/components/ui/progress-bar";
import { formatPercent } from "@/lib/format";
import { orNotFound, requirePageRole } from "@/lib/auth/guards";
import { getCohortDashboard } from "@/lib/instructor/dashboard";
import { DashboardQuerySchema, RecordIdSchema } from "@/lib/schemas/cohorts";
import { notFound } from "next/navigation";
import { formatDate } from "@/lib/format";

export const metadata: Metadata = { title: "Cohort dashboard" };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function CohortDashboardPage({ params, searchParams }: Props) {
  const { id } = await params;
  const user = await requirePageRole("INSTRUCTOR", `/instructor/cohorts/${encodeURIComponent(id)}`);
  const cohortId = RecordIdSchema.safeParse(id);
  if (!cohortId.success) notFound();
  const query = DashboardQuerySchema.parse(await searchParams);
  const dashboard = await orNotFound(() => getCohortDashboard(user, cohortId.data, query));
  const { cohort } = dashboard;
  return (
    <div className="stack">
      <p>
        <Link href="/instructor">← Your cohorts</Link>
      </p>
      <h1>{cohort.name}</h1>
      {cohort.description && <p className="muted">{cohort.description}</p>}
      {cohort.archivedAt && <p className="alert warn">Archived on {formatDate(cohort.archivedAt)}.</p>}

      <section className="card stack" aria-labelledby="invite-heading">
        <h2 id="invite-heading">Invite learners</h2>
        <InviteLink code={cohort.inviteCode} disabled={Boolean(cohort.archivedAt)} />
        {cohort.inviteExpiresAt && <p className="muted">The code expires on {formatDate(cohort.inviteExpiresAt)}.</p>}
        {!cohort.archivedAt && <RotateInviteForm cohortId={cohort.id} />}
      </section>

      <section className="stack" aria-labelledby="overview-heading">
        <div className="row">
          <h2 id="overview-heading">
            {dashboard.learnerCount} {dashboard.learnerCount === 1 ? "learner" : "learners"}
          </h2>
          <a className="button small" href={`/instructor/cohorts/${cohort.id}/export`} download>
            Export CSV
          </a>
        </div>
        <DashboardFilters dashboard={dashboard} />
        <div className="grid">
          {dashboard.trackCompletion.map((track) => (
            <div key={track.trackId} className="card" data-testid={`track-completion-${track.trackId}`}>
              <ProgressBar
                value={track.completed}
                max={track.possible}
                label={`${track.title}: lessons completed by the cohort`}
                trackId={track.trackId}
              />
            </div>
          ))}
        </div>
      </section>

      <section className="stack" aria-labelledby="matrix-heading">
        <h2 id="matrix-heading">Progress by lesson</h2>
        <p className="muted small">
          ✓ lesson completed · quiz best score (green at 80% or more) · ▲ exercise passed on the server, ✕ not yet
        </p>
        <ProgressMatrix dashboard={dashboard} />
        {dashboard.pageCount > 1 && (
          <nav className="pagination" aria-label="Learner pages">
            {dashboard.page > 1 && <Link href={dashboardHref(cohort.id, dashboard.query, { page: dashboard.page - 1 })}>← Previous</Link>}
            <span>
              Page {dashboard.page} of {dashboard.pageCount}
            </span>
            {dashboard.page < dashboard.pageCount && (
              <Link href={dashboardHref(cohort.id, dashboard.query, { page: dashboard.page + 1 })}>Next →</Link>
            )}
          </nav>
        )}
      </section>

      <div className="grid">
        <section className="card stack" aria-labelledby="risk-heading">
          <h2 id="risk-heading">Learners at risk</h2>
          {dashboard.atRisk.length === 0 ? (
            <p className="empty">Nobody is inactive for a week or stuck on repeated failures.</p>
          ) : (
            <ul className="risk-list" data-testid="at-risk">
              {dashboard.atRisk.slice(0, 20).map((learner) => (
                <li key={learner.userId}>
                  <Link href={`/instructor/cohorts/${cohort.id}/learners/${learner.userId}`}>{learner.name}</Link>:{" "}
                  {learner.risks.join("; ")}
                </li>
              ))}
              {dashboard.atRisk.length > 20 && <li>…and {dashboard.atRisk.length - 20} more (sort the table by “At risk”).</li>}
            </ul>
          )}
        </section>
        <section className="card stack" aria-labelledby="missed-heading">
          <h2 id="missed-heading">Questions most learners miss</h2>
          {dashboard.missedQuestions.length === 0 ? (
            <p className="empty">No quiz question has been missed yet.</p>
          ) : (
            <ol className="missed-list" data-testid="missed-questions">
              {dashboard.missedQuestions.map((question) => (
                <li key={`${question.quizId}-${question.questionId}`}>
                  {question.prompt}
                  <div className="muted small">
                    {question.lessonTitle}: right on the first try for {formatPercent(question.correctRate)} ({question.missed} of{" "}
                    {question.answered} missed it)
                  </div>
                </li>
              ))}
            </ol>
          )}
        </section>
      </div>

      <section className="stack" aria-labelledby="activity-heading">
        <div className="row">
          <h2 id="activity-heading">Activity</h2>
          <Link
            href={dashboardHref(cohort.id, dashboard.query, { activity: "day" })}
            aria-current={dashboard.query.activity === "day" ? "true" : undefined}
          >
            By day
          </Link>
          <Link
            href={dashboardHref(cohort.id, dashboard.query, { activity: "week" })}
            aria-current={dashboard.query.activity === "week" ? "true" : undefined}
          >
            By week
          </Link>
        </div>
        <ActivityChart buckets={dashboard.activity} unit={dashboard.query.activity} />
      </section>

      <section className={cohort.archivedAt ? "card stack" : "card stack danger-zone"} aria-labelledby="archive-heading">
        <h2 id="archive-heading">{cohort.archivedAt ? "Restore" : "Archive"}</h2>
        <p className="muted">
          {cohort.archivedAt
            ? "Restoring reopens the cohort: its invite code admits learners again until it expires."
            : "Archiving closes the invite code. Learners keep their progress and you keep this dashboard."}
        </p>
        <ArchiveCohortForm cohortId={cohort.id} archived={Boolean(cohort.archivedAt)} key={String(Boolean(cohort.archivedAt))} />
      </section>
    </div>
  );
}
