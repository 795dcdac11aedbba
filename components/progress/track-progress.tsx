"use client";

import Link from "next/link";
import { useTrackState } from "@/components/progress/track-state-provider";
import { ProgressBar } from "@/components/ui/progress-bar";

type LessonRef = { id: string; title: string; href: string };

/** The learner's progress bar for a track, with "continue where you left off" when asked for. */
export function TrackProgress({
  trackId,
  lessons,
  showContinue = false,
}: {
  trackId: string;
  lessons: LessonRef[];
  showContinue?: boolean;
}) {
  const { status, completed } = useTrackState();
  if (status === "signed-out") {
    return showContinue ? (
      <p className="muted small">
        <Link href={`/signin?callbackUrl=/learn/${trackId}`}>Sign in</Link> to track your progress.
      </p>
    ) : null;
  }
  if (status === "loading") return <div className="progress" aria-busy="true" style={{ height: 34 }} />;
  if (status === "error") return <p className="muted small">Your progress could not be loaded. Reload to try again.</p>;
  const done = lessons.filter((lesson) => completed.has(lesson.id)).length;
  const next = lessons.find((lesson) => !completed.has(lesson.id));
  return (
    <div className="stack" data-testid="track-progress" data-completed={done}>
      <ProgressBar value={done} max={lessons.length} label="Track progress" trackId={trackId} />
      {showContinue &&
        (next ? (
          <Link className="button primary" href={next.href}>
            {done ? "Continue where you left off" : "Start the track"}: {next.title}
          </Link>
        ) : (
          <p className="badge ok">You completed every lesson in this track.</p>
        ))}
    </div>
  );
}
