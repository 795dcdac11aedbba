import type { Metadata } from "next";
import Link from "next/link";
import { formatDuration } from "@/lib/format";
import { notFound } from "next/navigation";
import { LessonBadges } from "@/components/progress/lesson-badges";
import { LessonMark } from "@/components/progress/lesson-mark";
import { TrackProgress } from "@/components/progress/track-progress";
import { TrackStateProvider } from "@/components/progress/track-state-provider";
import { getTrack, lessonPath, listTracks } from "@/lib/content/queries";

type Params = { track: string };

export const dynamicParams = false;

export function generateStaticParams(): Params[] {
  return listTracks().map((track) => ({ track: track.id }));
}

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const track = getTrack((await params).track);
  return track ? { title: `${track.title} track`, description: track.summary } : {};
}

export default async function TrackPage({ params }: { params: Promise<Params> }) {
  const track = getTrack((await params).track);
  if (!track) notFound();
  const refs = track.lessons.map((lesson) => ({ id: lesson.id, title: lesson.title, href: lessonPath(lesson) }));
  const minutes = track.lessons.reduce((sum, lesson) => sum + lesson.minutes, 0);
  return (
    <TrackStateProvider trackId={track.id}>
      <div className="stack" style={{ "--track": `var(--${track.id})` } as React.CSSProperties}>
        <header className="stack">
          <h1>{track.title}</h1>
          <p className="hero" style={{ padding: 0 }}>
            {track.summary}
          </p>
          <p className="muted">
            {track.lessons.length} lessons · {formatDuration(minutes)}
          </p>
          <div className="card">
            <TrackProgress trackId={track.id} lessons={refs} showContinue />
          </div>
        </header>
        <ol className="stack" style={{ listStyle: "none", padding: 0 }}>
          {track.lessons.map((lesson) => (
            <li key={lesson.id} className="card row" style={{ alignItems: "flex-start" }} data-testid={`lesson-row-${lesson.id}`}>
              <LessonMark lessonId={lesson.id} />
              <div className="stack" style={{ gap: "0.25rem", flex: 1 }}>
                <Link href={lessonPath(lesson)}>
                  <strong>
                    {lesson.index + 1}. {lesson.title}
                  </strong>
                </Link>
                <span className="muted small">{lesson.summary}</span>
                <span className="row small muted">
                  <span>{lesson.minutes} min</span>
                  {lesson.exercise && <span className="badge">Exercise</span>}
                  {lesson.quiz && <span className="badge">Quiz</span>}
                  <LessonBadges quizId={lesson.quiz?.id} exerciseId={lesson.exercise?.id} />
                </span>
              </div>
            </li>
          ))}
        </ol>
        {track.id !== "compare" && (
          <p>
            Ready to build something? See the <Link href={`/projects?track=${track.id}`}>{track.title} project ideas</Link>.
          </p>
        )}
      </div>
    </TrackStateProvider>
  );
}
