import type { Metadata } from "next";
import Link from "next/link";
import { ProgressBar } from "@/components/ui/progress-bar";
import { requireUser } from "@/lib/auth/guards";
import { getLesson, lessonPath, listTracks } from "@/lib/content/queries";
import { confidenceLabel } from "@/lib/chooser/scoring";
import { getCourse } from "@/lib/content/load";
import { FRAMEWORK_NAMES } from "@/lib/content/schema";
import { getLearnerDashboard } from "@/lib/learner-dashboard";

export const metadata: Metadata = { title: "Your dashboard" };

export default async function DashboardPage() {
  const user = await requireUser("/dashboard");
  const { overview, projects, latestChoice } = await getLearnerDashboard(user.id, listTracks());
  const projectIdeas = getCourse().projects;
  return (
    <div className="stack">
      <h1>Welcome back, {user.name}</h1>
      <section aria-labelledby="progress-heading" className="stack">
        <h2 id="progress-heading">Your tracks</h2>
        <div className="grid">
          {overview.tracks.map((track) => {
            const next = track.nextLessonId ? getLesson(track.nextLessonId) : undefined;
            return (
              <article key={track.trackId} className="card stack" data-testid={`dashboard-track-${track.trackId}`}>
                <h3>
                  <Link href={`/learn/${track.trackId}`}>{track.title}</Link>
                </h3>
                <ProgressBar value={track.completed} max={track.total} label="Lessons completed" trackId={track.trackId} />
                <ProgressBar value={track.quizzesMastered} max={track.quizTotal} label="Quizzes mastered" trackId={track.trackId} />
                {track.exerciseTotal > 0 && (
                  <ProgressBar value={track.exercisesSolved} max={track.exerciseTotal} label="Exercises solved" trackId={track.trackId} />
                )}
                {next ? (
                  <Link href={lessonPath(next)} className="button small">
                    {track.completed ? "Continue" : "Start"}: {next.title}
                  </Link>
                ) : (
                  <span className="badge ok">Track complete</span>
                )}
              </article>
            );
          })}
        </div>
      </section>

      <div className="grid">
        <section aria-labelledby="chooser-heading" className="card stack" data-testid="dashboard-chooser">
          <h2 id="chooser-heading" style={{ margin: 0, fontSize: "1.2rem" }}>
            Your framework pick
          </h2>
          {latestChoice ? (
            <>
              <p style={{ margin: 0 }}>
                Latest result: <strong>{FRAMEWORK_NAMES[latestChoice.result.recommendation]}</strong>
                {latestChoice.result.confidence !== "clear" && (
                  <span className="muted">
                    {" "}
                    (
                    {latestChoice.result.tippedByRecord
                      ? confidenceLabel(latestChoice.result)
                      : latestChoice.result.confidence === "tie"
                        ? "a tie"
                        : "a close call"}
                    )
                  </span>
                )}
              </p>
              <p className="row" style={{ margin: 0 }}>
                <Link href={`/chooser/results/${latestChoice.id}`}>See why</Link>
                <Link href="/chooser">Retake the chooser</Link>
              </p>
            </>
          ) : (
            <p className="muted" style={{ margin: 0 }}>
              Not taken yet. <Link href="/chooser">Try the chooser</Link>: it weighs your project and your record here.
            </p>
          )}
        </section>
        <section aria-labelledby="projects-heading" className="card stack" data-testid="dashboard-projects">
          <h2 id="projects-heading" style={{ margin: 0, fontSize: "1.2rem" }}>
            Your projects
          </h2>
          {projects.length === 0 ? (
            <p className="muted" style={{ margin: 0 }}>
              None started. <Link href="/projects">Browse project ideas</Link>.
            </p>
          ) : (
            <ul style={{ margin: 0 }}>
              {projects.map((state) => {
                const idea = projectIdeas.get(state.projectId);
                if (!idea) return null;
                return (
                  <li key={state.projectId}>
                    <Link href={`/projects/${idea.id}`}>{idea.title}</Link>{" "}
                    <span className="muted small">
                      {state.doneMilestoneIds.length} of {idea.milestones.length} milestones
                    </span>
                  </li>
                );
              })}
            </ul>
          )}
        </section>
      </div>

      <section aria-labelledby="quizzes-heading" className="stack">
        <h2 id="quizzes-heading">Your quizzes</h2>
        {overview.quizzes.length === 0 ? (
          <p className="empty">No quizzes taken yet. Every lesson ends with one: score 80% to master it.</p>
        ) : (
          <div className="table-wrap">
            <table data-testid="dashboard-quizzes">
              <thead>
                <tr>
                  <th scope="col">Lesson</th>
                  <th scope="col">Best score</th>
                  <th scope="col">Attempts</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {overview.quizzes.map((quiz) => {
                  const lesson = getLesson(quiz.lessonId);
                  return (
                    <tr key={quiz.quizId}>
                      <td>{lesson ? <Link href={lessonPath(lesson)}>{lesson.title}</Link> : quiz.lessonId}</td>
                      <td>{Math.round(quiz.best * 100)}%</td>
                      <td>{quiz.attempts}</td>
                      <td>
                        {quiz.mastered ? <span className="badge ok">Mastered</span> : <span className="badge warn">Needs review</span>}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
