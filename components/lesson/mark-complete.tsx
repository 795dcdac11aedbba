"use client";

import Link from "next/link";
import { useState, useTransition } from "react";
import { markLessonCompleteAction } from "@/lib/actions/learn";
import { useTrackState } from "@/components/progress/track-state-provider";
import { callAction, UNREACHABLE } from "@/lib/client/call-action";

/** Marks the lesson complete (or not). The server write is an idempotent upsert, so repeats are harmless. */
export function MarkComplete({ lessonId, lessonHref }: { lessonId: string; lessonHref: string }) {
  const { status, completed, setLessonComplete, queueLessonComplete, pending: waiting } = useTrackState();
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
      const result = await callAction(() => markLessonCompleteAction({ lessonId, complete: !done }));
      if (result.ok) setLessonComplete(lessonId, !done);
      // No connection: kept in this browser and sent when it returns (TrackStateProvider).
      else if (result.error === UNREACHABLE) queueLessonComplete(lessonId, !done);
      else setError(result.error ?? null);
    });
  return (
    <div className="row">
      <button
        type="button"
        className={done ? "button" : "button primary"}
        onClick={toggle}
        disabled={pending || status !== "ready"}
        aria-pressed={done}
      >
        {pending ? "Saving…" : done ? "✓ Completed (undo)" : "Mark lesson complete"}
      </button>
      <span role="status" className="small muted" data-testid="completion-state">
        {pending
          ? ""
          : waiting.has(lessonId)
            ? "Saved in this browser: it reaches your progress when you are back online."
            : done
              ? "Saved to your progress."
              : ""}
      </span>
      {error && (
        <p role="alert" className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}
