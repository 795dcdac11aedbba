"use client";

import Link from "next/link";
import { useState, useTransition } from "react";
import { markLessonCompleteAction } from "@/app/learn/[track]/[lesson]/actions";
import { useTrackState } from "@/components/progress/track-state-provider";

/** Marks the lesson complete (or not). The server write is an idempotent upsert, so repeats are harmless. */
export function MarkComplete({ lessonId, lessonHref }: { lessonId: string; lessonHref: string }) {
  const { status, completed, setLessonComplete } = useTrackState();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);

  if (status === "signed-out") {
    return (
      <p className="alert info" data-testid="sign-in-to-save">
        <Link href={`/signin?callbackUrl=${encodeURIComponent(lessonHref)}`}>Sign in</Link> or{" "}
        <Link href={`/signup?callbackUrl=${encodeURIComponent(lessonHref)}`}>create a free account</Link> to save your progress.
      </p>
    );
  }
  const done = completed.has(lessonId);
  const toggle = () =>
    startTransition(async () => {
      setError(null);
      const result = await markLessonCompleteAction({ lessonId, complete: !done }).catch(() => ({
        ok: false as const,
        error: "We could not reach the server. Check your connection and try again.",
      }));
      if (result.ok) setLessonComplete(lessonId, !done);
      else setError(result.error);
    });
  return (
    <div className="row">
      <button type="button" className={done ? "button" : "button primary"} onClick={toggle}
        disabled={pending || status !== "ready"} aria-pressed={done}>
        {pending ? "Saving…" : done ? "✓ Completed (undo)" : "Mark lesson complete"}
      </button>
      <span role="status" className="small muted">{done && !pending ? "Saved to your progress." : ""}</span>
      {error && <p role="alert" className="field-error">{error}</p>}
    </div>
  );
}
