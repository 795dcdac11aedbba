import Link from "next/link";
import { formatDuration } from "@/lib/format";
import type { Track } from "@/lib/content/load";

export function TrackCard({
  track,
  children,
}: {
  track: Pick<Track, "id" | "title" | "tagline" | "summary" | "color" | "lessons">;
  children?: React.ReactNode;
}) {
  const minutes = track.lessons.reduce((sum, lesson) => sum + lesson.minutes, 0);
  return (
    <article className="card track-card" style={{ "--track": `var(--${track.id})` } as React.CSSProperties}>
      <h3>
        <Link href={`/learn/${track.id}`}>{track.title}</Link>
      </h3>
      <p className="tagline">{track.tagline}</p>
      <p>{track.summary}</p>
      <p className="muted small">
        {track.lessons.length} lessons · {formatDuration(minutes)}
      </p>
      {children}
    </article>
  );
}
