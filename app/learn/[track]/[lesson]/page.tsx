import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { LessonSidebar } from "@/components/lesson/lesson-sidebar";
import { MarkComplete } from "@/components/lesson/mark-complete";
import { TableOfContents } from "@/components/lesson/table-of-contents";
import { TrackStateProvider } from "@/components/progress/track-state-provider";
import { getLessonBySlug, getTrack, lessonPath, listTracks, neighbours } from "@/lib/content/queries";
import { renderMarkdown } from "@/lib/content/markdown";
import { CodeExercise } from "@/components/code-exercise/code-exercise";
import { Quiz } from "@/components/quiz/quiz";
import { toPublicExercise } from "@/lib/exercises/public";
import { toQuizSummary } from "@/lib/quiz/public";

type Params = { track: string; lesson: string };

// Every lesson is prerendered at build time; per-learner state loads in the browser.
export const dynamicParams = false;

export function generateStaticParams(): Params[] {
  return listTracks().flatMap((track) => track.lessons.map((lesson) => ({ track: track.id, lesson: lesson.slug })));
}

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const { track, lesson: slug } = await params;
  const lesson = getLessonBySlug(track, slug);
  return lesson ? { title: lesson.title, description: lesson.summary } : {};
}

export default async function LessonPage({ params }: { params: Promise<Params> }) {
  const { track: trackId, lesson: slug } = await params;
  const track = getTrack(trackId);
  const lesson = getLessonBySlug(trackId, slug);
  if (!track || !lesson) notFound();
  const { html, toc } = await renderMarkdown(lesson.body);
  const { previous, next } = neighbours(lesson);
  const href = lessonPath(lesson);
  // Only the quiz's sizes: the questions arrive with a started attempt (lib/quiz/attempts.ts).
  const quiz = lesson.quiz ? toQuizSummary(lesson.quiz) : undefined;
  const exercise = lesson.exercise ? await toPublicExercise(lesson.exercise) : undefined;

  return (
    <TrackStateProvider trackId={track.id}>
      <div className="lesson-layout" style={{ "--track": `var(--${track.id})` } as React.CSSProperties}>
        <LessonSidebar track={track} currentId={lesson.id} />
        {/* The search index (scripts/build-search-index.mts) reads this article only; quiz, progress and pager are left out. */}
        <article data-pagefind-body>
          <p className="muted small" data-pagefind-ignore data-pagefind-meta={`kind:${track.title} · lesson ${lesson.index + 1}`}>
            <Link href={`/learn/${track.id}`}>{track.title}</Link> · Lesson {lesson.index + 1} of {track.lessons.length}
          </p>
          <h1 data-pagefind-meta="title">{lesson.title}</h1>
          <div className="lesson-meta" data-pagefind-ignore>
            <span>About {lesson.minutes} minutes</span>
            {lesson.exercise && <span className="badge">Code exercise</span>}
            {quiz && <span className="badge">Quiz · {quiz.drawSize} questions</span>}
          </div>
          <section className="objectives" aria-labelledby="objectives-heading">
            <h2 id="objectives-heading">After this lesson you can</h2>
            <ul>
              {lesson.objectives.map((objective) => (
                <li key={objective}>{objective}</li>
              ))}
            </ul>
          </section>
          <div className="prose" dangerouslySetInnerHTML={{ __html: html }} />

          {exercise && (
            <div className="lesson-section">
              <CodeExercise exercise={exercise} />
            </div>
          )}

          {quiz && (
            <div className="lesson-section" data-pagefind-ignore>
              <Quiz quiz={quiz} lessonHref={href} />
            </div>
          )}

          <section className="lesson-section" aria-label="Your progress" data-pagefind-ignore>
            <MarkComplete lessonId={lesson.id} lessonHref={href} />
          </section>

          <nav className="pager" aria-label="Previous and next lesson" data-pagefind-ignore>
            {previous && (
              <Link href={lessonPath(previous)} rel="prev">
                <span>Previous</span>
                {previous.title}
              </Link>
            )}
            {next && (
              <Link href={lessonPath(next)} rel="next" className="next">
                <span>Next</span>
                {next.title}
              </Link>
            )}
          </nav>
        </article>
        <TableOfContents entries={toc} />
      </div>
    </TrackStateProvider>
  );
}
