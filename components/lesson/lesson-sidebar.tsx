import Link from "next/link";
import { LessonMark } from "@/components/progress/lesson-mark";
import { TrackProgress } from "@/components/progress/track-progress";
import type { Track } from "@/lib/content/load";
import { lessonPath } from "@/lib/content/queries";

export function LessonSidebar({ track, currentId }: { track: Track; currentId: string }) {
  const refs = track.lessons.map((lesson) => ({ id: lesson.id, title: lesson.title, href: lessonPath(lesson) }));
  return (
    <nav className="lesson-sidebar stack" aria-label={`${track.title} lessons`}>
      <Link href={`/learn/${track.id}`}>
        <strong>{track.title} track</strong>
      </Link>
      <TrackProgress trackId={track.id} lessons={refs} />
      <ol>
        {refs.map((lesson, index) => (
          <li key={lesson.id}>
            <Link href={lesson.href} aria-current={lesson.id === currentId ? "page" : undefined}>
              <LessonMark lessonId={lesson.id} />
              <span>
                {index + 1}. {lesson.title}
              </span>
            </Link>
          </li>
        ))}
      </ol>
    </nav>
  );
}
