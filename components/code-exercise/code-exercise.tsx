"use client";

import dynamic from "next/dynamic";
import { useEffect, useRef, useState } from "react";
import { useTrackState } from "@/components/progress/track-state-provider";
import type { PublicExercise } from "@/lib/exercises/public";
import { engineWarmUp, mayPreload, pageEngine } from "@/lib/runner/browser/page-engine";
import "./code-exercise.css";

// The workspace (Monaco, the Python runtimes) loads only when the learner opens the exercise.
const ExerciseWorkspace = dynamic(() => import("@/components/code-exercise/exercise-workspace").then((m) => m.ExerciseWorkspace), {
  ssr: false,
  loading: () => (
    <div className="editor-loading" role="status">
      Loading the editor…
    </div>
  ),
});

export function CodeExercise({ exercise }: { exercise: PublicExercise }) {
  const [open, setOpen] = useState(false);
  const { state } = useTrackState();
  const stats = state?.exercises[exercise.id];
  const section = useRef<HTMLElement>(null);
  const inBrowser = exercise.engine === "browser" && exercise.browserBundle !== undefined;

  // On a fast connection the engine starts loading as soon as the exercise scrolls into view.
  useEffect(() => {
    const element = section.current;
    if (!inBrowser || !element || !mayPreload("in-view") || typeof IntersectionObserver === "undefined") return;
    const observer = new IntersectionObserver((entries) => {
      if (!entries.some((entry) => entry.isIntersecting)) return;
      observer.disconnect();
      pageEngine().preload(engineWarmUp(exercise));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [inBrowser, exercise]);

  return (
    <section ref={section} className="exercise stack" aria-labelledby={`exercise-${exercise.id}`} data-testid="exercise">
      <div className="row" style={{ justifyContent: "space-between" }}>
        <h2 id={`exercise-${exercise.id}`} style={{ margin: 0 }}>
          Exercise: {exercise.title}
        </h2>
        <span className="row small">
          <span className="muted">About {exercise.minutes} minutes</span>
          {stats?.solved ? (
            <span className="badge ok" data-testid="exercise-solved">
              Solved
            </span>
          ) : stats ? (
            <span className="badge warn">
              Not solved yet · {stats.submissions} submission{stats.submissions === 1 ? "" : "s"}
            </span>
          ) : null}
        </span>
      </div>
      <div className="prose" dangerouslySetInnerHTML={{ __html: exercise.promptHtml }} />
      {open ? (
        <ExerciseWorkspace exercise={exercise} />
      ) : (
        <div className="row">
          <button type="button" className="button primary" onClick={() => setOpen(true)}>
            Open the code editor
          </button>
          <span className="muted small">
            {exercise.engine === "browser"
              ? "Runs real Python in your browser; your submission is checked on our server."
              : "Runs real Python in a sandbox on our server."}
          </span>
        </div>
      )}
    </section>
  );
}
