"use client";

import { createContext, useCallback, useContext, useEffect, useMemo, useState } from "react";
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
  /** Applies a quiz or exercise outcome the server returned. */
  setQuizStats(stats: QuizStats): void;
  setExerciseStats(stats: ExerciseStats): void;
}

const TrackStateContext = createContext<TrackStateValue | null>(null);

/** Loads one learner's state for a track, for the client widgets on a static page. */
export function TrackStateProvider({ trackId, children }: { trackId: string; children: React.ReactNode }) {
  const me = useMe();
  const [loaded, setLoaded] = useState<"loading" | "ready" | "error">("loading");
  const [state, setState] = useState<TrackState | null>(null);
  const signedIn = me.status === "ready" && me.user !== null;
  const status: Status = me.status === "loading" ? "loading" : signedIn ? loaded : "signed-out";

  useEffect(() => {
    if (!signedIn) return;
    let live = true;
    fetch(`/api/progress?track=${trackId}`, { cache: "no-store" })
      .then((response) => {
        if (!response.ok) throw new Error(String(response.status));
        return response.json() as Promise<TrackState>;
      })
      .then((body) => {
        if (!live) return;
        setState(body);
        setLoaded("ready");
      })
      .catch(() => live && setLoaded("error"));
    return () => {
      live = false;
    };
  }, [signedIn, trackId]);

  const setLessonComplete = useCallback((lessonId: string, complete: boolean) => {
    setState((current) => {
      if (!current) return current;
      const ids = new Set(current.completedLessonIds);
      if (complete) ids.add(lessonId);
      else ids.delete(lessonId);
      return { ...current, completedLessonIds: [...ids] };
    });
  }, []);
  const setQuizStats = useCallback((stats: QuizStats) => {
    setState((current) => current && { ...current, quizzes: { ...current.quizzes, [stats.quizId]: stats } });
  }, []);
  const setExerciseStats = useCallback((stats: ExerciseStats) => {
    setState((current) => current && { ...current, exercises: { ...current.exercises, [stats.exerciseId]: stats } });
  }, []);

  const value = useMemo<TrackStateValue>(
    () => ({ status, state, completed: new Set(state?.completedLessonIds ?? []), setLessonComplete, setQuizStats, setExerciseStats }),
    [status, state, setLessonComplete, setQuizStats, setExerciseStats],
  );
  return <TrackStateContext.Provider value={value}>{children}</TrackStateContext.Provider>;
}

export function useTrackState(): TrackStateValue {
  const value = useContext(TrackStateContext);
  if (!value) throw new Error("useTrackState must be used inside <TrackStateProvider>");
  return value;
}
