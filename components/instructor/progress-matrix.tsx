import Link from "next/link";
import { dashboardHref } from "@/components/instructor/dashboard-href";
import type { LessonCell, LessonColumn } from "@/lib/instructor/cohort-progress";
import type { CohortDashboard } from "@/lib/instructor/dashboard";
import { formatDate } from "@/lib/format";
import type { DashboardSort } from "@/lib/schemas/cohorts";
import "./instructor.css";

function describeCell(lesson: LessonColumn, cell: LessonCell | undefined): string {
  const parts = [cell?.completed ? "completed" : "not completed"];
  if (lesson.quizId) parts.push(cell?.quizBest == null ? "quiz not taken" : `quiz best ${Math.round(cell.quizBest * 100)}%`);
  if (lesson.exerciseId) parts.push(cell?.exercise ? `exercise ${cell.exercise.toLowerCase()}` : "exercise not submitted");
  return `${lesson.title}: ${parts.join(", ")}`;
}

function Cell({ lesson, cell }: { lesson: LessonColumn; cell: LessonCell | undefined }) {
  const label = describeCell(lesson, cell);
  return (
    <span className="cell" title={label}>
      <span className="visually-hidden">{label}</span>
      <span aria-hidden="true" className={`mark ${cell?.completed ? "done" : "todo"}`}>
        {cell?.completed ? "✓" : "·"}
      </span>
      {lesson.quizId && cell?.quizBest != null && (
        <span aria-hidden="true" className={`badge ${cell.quizBest >= 0.8 ? "ok" : "warn"}`}>
          {Math.round(cell.quizBest * 100)}%
        </span>
      )}
      {lesson.exerciseId && cell?.exercise && (
        <span aria-hidden="true" className={`verdict-${cell.exercise.toLowerCase()}`}>
          {cell.exercise === "PASS" ? "▲" : "✕"}
        </span>
      )}
    </span>
  );
}

function SortHeader({ dashboard, sort, children }: { dashboard: CohortDashboard; sort: DashboardSort; children: React.ReactNode }) {
  const active = dashboard.query.sort === sort;
  return (
    <Link href={dashboardHref(dashboard.cohort.id, dashboard.query, { sort, page: 1 })} aria-current={active ? "true" : undefined}>
      {children}
      {active ? " ▼" : ""}
    </Link>
  );
}

/** Learners × lessons, grouped by track: ✓ completed, quiz best score, ▲ exercise passed / ✕ failed. */
export function ProgressMatrix({ dashboard }: { dashboard: CohortDashboard }) {
  const { tracks, learners, cohort } = dashboard;
  if (learners.length === 0) {
    return <p className="empty">No learners yet. Share the invite link to get started.</p>;
  }
  return (
    <div className="matrix-wrap">
      <table className="matrix" data-testid="progress-matrix">
        <caption className="visually-hidden">Progress of each learner in each lesson. Sorted by {dashboard.query.sort}.</caption>
        <thead>
          <tr>
            <th scope="col" rowSpan={2} className="learner" aria-sort={dashboard.query.sort === "name" ? "ascending" : undefined}>
              <SortHeader dashboard={dashboard} sort="name">
                Learner
              </SortHeader>
            </th>
            <th scope="col" rowSpan={2} aria-sort={dashboard.query.sort === "progress" ? "descending" : undefined}>
              <SortHeader dashboard={dashboard} sort="progress">
                Progress
              </SortHeader>
            </th>
            <th scope="col" rowSpan={2} aria-sort={dashboard.query.sort === "activity" ? "descending" : undefined}>
              <SortHeader dashboard={dashboard} sort="activity">
                Last active
              </SortHeader>
            </th>
            <th scope="col" rowSpan={2} aria-sort={dashboard.query.sort === "risk" ? "descending" : undefined}>
              <SortHeader dashboard={dashboard} sort="risk">
                At risk
              </SortHeader>
            </th>
            {tracks.map((track) => (
              <th key={track.id} scope="colgroup" colSpan={track.lessons.length} className="track-head">
                {track.title}
              </th>
            ))}
          </tr>
          <tr>
            {tracks.flatMap((track) =>
              track.lessons.map((lesson) => (
                <th key={lesson.id} scope="col" title={lesson.title}>
                  <span className="lesson-head">{lesson.title}</span>
                </th>
              )),
            )}
          </tr>
        </thead>
        <tbody>
          {learners.map((learner) => (
            <tr key={learner.userId} data-testid={`matrix-row-${learner.userId}`}>
              <th scope="row" className="learner">
                <Link href={`/instructor/cohorts/${cohort.id}/learners/${learner.userId}`}>{learner.name}</Link>
              </th>
              <td data-testid="learner-percent">
                {learner.completed}/{learner.total} · {learner.percent}%
              </td>
              <td>
                {learner.lastActiveAt ? (
                  <time dateTime={learner.lastActiveAt.toISOString()}>{formatDate(learner.lastActiveAt)}</time>
                ) : (
                  "never"
                )}
              </td>
              <td>
                {learner.risks.length ? (
                  <span className="badge bad" title={learner.risks.join("; ")}>
                    Yes
                  </span>
                ) : (
                  ""
                )}
              </td>
              {tracks.flatMap((track) =>
                track.lessons.map((lesson) => (
                  <td key={lesson.id} data-lesson={lesson.id} data-completed={learner.cells[lesson.id]?.completed ? "true" : "false"}>
                    <Cell lesson={lesson} cell={learner.cells[lesson.id]} />
                  </td>
                )),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
