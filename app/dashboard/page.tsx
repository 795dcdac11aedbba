import type { Metadata } from "next";
import Link from "next/link";
import { ProgressBar } from "@/components/ui/progress-bar";
import { requireUser } from "@/lib/auth/guards";
import { getLesson, lessonPath, listTracks } from "@/lib/content/queries";
import { listCompletedLessonIds, summarizeTrack } from "@/lib/progress";

export const metadata: Metadata = { title: "Your dashboard" };

export default async function DashboardPage() {
  const user = await requireUser("/dashboard");
  const completed = await listCompletedLessonIds(user.id);
  const tracks = listTracks();
  return (
    <div className="stack">
      <h1>Welcome back, {user.name}</h1>
      <section aria-labelledby="progress-heading" className="stack">
        <h2 id="progress-heading">Your tracks</h2>
        <div className="grid">
          {tracks.map((track) => {
            const progress = summarizeTrack(track, completed);
            const next = progress.nextLessonId ? getLesson(progress.nextLessonId) : undefined;
            return (
              <article key={track.id} className="card stack" data-testid={`dashboard-track-${track.id}`}>
                <h3>
                  <Link href={`/learn/${track.id}`}>{track.title}</Link>
                </h3>
                <ProgressBar value={progress.completed} max={progress.total} label="Lessons completed" trackId={track.id} />
                {next ? (
                  <Link href={lessonPath(next)} className="button small">
                    {progress.completed ? "Continue" : "Start"}: {next.title}
                  </Link>
                ) : (
                  <span className="badge ok">Track complete</span>
                )}
              </article>
            );
          })}
        </div>
      </section>
    </div>
  );
}
