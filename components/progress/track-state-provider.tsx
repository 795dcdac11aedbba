"use client";

import { createContext, useCallback, useContext, useEffect, useMemo, useState } from "react";
import { markLessonCompleteAction } from "@/lib/actions/learn";
import { callAction, UNREACHABLE } from "@/lib/client/call-action";
import { isOffline, subscribeConnection } from "@/lib/client/connection";
import {
  flushCompletions,
  pendingCompletions,
  type PendingCompletions,
  queueCompletion,
  rememberedProgress,
  rememberProgress,
  withPending,
} from "@/lib/client/offline-memory";
import { useMe } from "@/lib/client/use-me";
import type { ExerciseStats } from "@/lib/exercises/stats";
import type { TrackState } from "@/lib/progress";
import type { QuizStats } from "@/lib/quiz/attempts";

type Status = "loading" | "signed-out" | "ready" | "error";

interface TrackStateValue {
  status: Status;
  state: TrackState | null;
  completed: ReadonlySet<string>;
  /** Applies a change the server has confirmed, so every widget on the page updates at once. */
  setLessonComplete(lessonId: string, complete: boolean): void;
  /** Keeps a change the server could not be reached for; it is sent when the connection returns. */
  queueLessonComplete(lessonId: string, complete: boolean): void;
  /** Lessons whose change waits for the connection. */
  pending: ReadonlySet<string>;
  /** Applies a quiz or exercise outcome the server returned. */
  setQuizStats(stats: QuizStats): void;
  setExerciseStats(stats: ExerciseStats): void;
}

const TrackStateContext = createContext<TrackStateValue | null>(null);

/**
 * The server's progress for a track, remembered for a visit without a connection (then the remembered copy),
 * and the changes made offline, sent first so the server's answer already includes them.
 */
async function loadTrackState(userId: string, trackId: string): Promise<{ known: TrackState | null; waiting: PendingCompletions }> {
  const waiting = await flushCompletions(userId, async (lessonId, complete) => {
    const result = await callAction(() => markLessonCompleteAction({ lessonId, complete }));
    return result.ok ? "sent" : result.error === UNREACHABLE ? "unreachable" : "refused";
  });
  try {
    const response = await fetch(`/api/progress?track=${trackId}`, { cache: "no-store" });
    if (response.ok) {
      const body = (await response.json()) as TrackState;
      rememberProgress(userId, trackId, body);
      return { known: body, waiting };
    }
  } catch {
    // No connection: what this browser remembers.
  }
  return { known: rememberedProgress(userId, trackId), waiting };
}

/** Loads one learner's state for a track, for the client widgets on a static page. */
export function TrackStateProvider({ trackId, children }: { trackId: string; children: React.ReactNode }) {
  const me = useMe();
  const [loaded, setLoaded] = useState<"loading" | "ready" | "error">("loading");
  const [state, setState] = useState<TrackState | null>(null);
  const [pending, setPending] = useState<ReadonlySet<string>>(new Set());
  const userId = me.status === "ready" ? (me.user?.id ?? null) : null;
  const status: Status = me.status === "loading" ? "loading" : userId ? loaded : "signed-out";

  useEffect(() => {
    if (!userId) return;
    let live = true;
    const refresh = () =>
      loadTrackState(userId, trackId).then(({ known, waiting }) => {
        if (!live) return;
        setPending(new Set(Object.keys(waiting)));
        if (!known) return setLoaded("error");
        setState(withPending(known, waiting));
        setLoaded("ready");
      });
    void refresh();
    // Back online: send what waited, then read the server's progress again.
    const unsubscribe = subscribeConnection(() => {
      if (!isOffline()) void refresh();
    });
    return () => {
      live = false;
      unsubscribe();
    };
  }, [trackId, userId]);

  const setLessonComplete = useCallback((lessonId: string, complete: boolean) => {
    setState((current) => {
      if (!current) return current;
      const ids = new Set(current.completedLessonIds);
      if (complete) ids.add(lessonId);
      else ids.delete(lessonId);
      return { ...current, completedLessonIds: [...ids] };
    });
  }, []);
  const queueLessonComplete = useCallback(
    (lessonId: string, complete: boolean) => {
      if (!userId) return;
      queueCompletion(userId, lessonId, complete);
      setPending(new Set(Object.keys(pendingCompletions(userId))));
      setLessonComplete(lessonId, complete);
    },
    [setLessonComplete, userId],
  );
  const setQuizStats = useCallback((stats: QuizStats) => {
    setState((current) => current && { ...current, quizzes: { ...current.quizzes, [stats.quizId]: stats } });
  }, []);
  const setExerciseStats = useCallback((stats: ExerciseStats) => {
    setState((current) => current && { ...current, exercises: { ...current.exercises, [stats.exerciseId]: stats } });
  }, []);

  const value = useMemo<TrackStateValue>(
    () => ({
      status,
      state,
      completed: new Set(state?.completedLessonIds ?? []),
      setLessonComplete,
      queueLessonComplete,
      pending,
      setQuizStats,
      setExerciseStats,
    }),
    [status, state, setLessonComplete, queueLessonComplete, pending, setQuizStats, setExerciseStats],
  );
  return <TrackStateContext.Provider value={value}>{children}</TrackStateContext.Provider>;
}

export function useTrackState(): TrackStateValue {
  const value = useContext(TrackStateContext);
  if (!value) throw new Error("useTrackState must be used inside <TrackStateProvider>");
  return value;
}
