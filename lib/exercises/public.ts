import "server-only";
import type { Exercise } from "@/lib/content/load";
import { getCourse } from "@/lib/content/load";
import { renderMarkdown, renderInline } from "@/lib/content/markdown";
import type { TestsRequest } from "@/lib/runner/types";

/** What the exercise page sends to the browser: never the reference solution. */
export interface PublicExercise {
  id: string;
  lessonId: string;
  trackId: string;
  title: string;
  engine: "browser" | "server";
  minutes: number;
  promptHtml: string;
  hintsHtml: string[];
  starter: string;
  /** Whether the learner's code is an app the request console can talk to (not a testing exercise's tests). */
  requestConsole: boolean;
  /** Only for the browser engine, which runs the checks itself; the server's verdict still decides. */
  browserBundle?: { checks: string; tests?: TestsRequest; support: Record<string, string> };
}

export async function toPublicExercise(exercise: Exercise): Promise<PublicExercise> {
  const { html } = await renderMarkdown(exercise.prompt);
  return {
    id: exercise.id,
    lessonId: exercise.lessonId,
    trackId: exercise.trackId,
    title: exercise.title,
    engine: exercise.engine,
    minutes: exercise.minutes,
    promptHtml: html,
    hintsHtml: exercise.hints.map((hint) => renderInline(hint)),
    starter: exercise.starter,
    requestConsole: !exercise.tests,
    browserBundle:
      exercise.engine === "browser" ? { checks: exercise.checks, tests: exercise.tests, support: getCourse().support } : undefined,
  };
}
