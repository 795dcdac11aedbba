"use client";

import { useTrackState } from "@/components/progress/track-state-provider";

/** ✓ beside a completed lesson in a list; an empty circle otherwise. */
export function LessonMark({ lessonId }: { lessonId: string }) {
  const { completed } = useTrackState();
  const done = completed.has(lessonId);
  return (
    <span className={done ? "mark done" : "mark"} data-testid={`mark-${lessonId}`} data-done={done}>
      <span aria-hidden="true">{done ? "✓" : "○"}</span>
      <span className="visually-hidden">{done ? "(completed)" : ""}</span>
    </span>
  );
}
