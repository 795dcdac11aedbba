"use client";

import Link from "next/link";
import { useCallback, useEffect, useRef, useState } from "react";
import { LivePreview, type LivePreviewHandle } from "@/components/code-exercise/live-preview";
import { PythonEditor } from "@/components/code-exercise/python-editor";
import { RequestConsole } from "@/components/code-exercise/request-console";
import { RunResults } from "@/components/code-exercise/run-results";
import { useTrackState } from "@/components/progress/track-state-provider";
import { useDraft, type SaveState } from "@/lib/client/use-draft";
import { useMe } from "@/lib/client/use-me";
import type { PublicExercise } from "@/lib/exercises/public";
import type { SubmissionOutcome } from "@/lib/exercises/submissions";
import type { BrowserRunner, BrowserRunnerStatus } from "@/lib/runner/browser/browser-runner";
import { engineWarmUp, existingPageEngine, mayPreload, pageEngine } from "@/lib/runner/browser/page-engine";
import type { ProbeRequest, RunResult } from "@/lib/runner/types";
import { FormError } from "@/components/ui/form-status";

const SAVE_TEXT: Record<SaveState, string> = {
  loading: "Loading your draft…",
  saved: "All changes saved",
  saving: "Saving…",
  unsaved: "Saving soon…",
  offline: "Offline: kept in this browser, will sync when the server is back",
  "local-only": "Kept in this browser (sign in to save it to your account)",
};

async function postJson<T>(url: string, body: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  } catch {
    throw new Error(
      "This needs the server, which we could not reach. Your code is kept in this browser: try again when you are back online.",
    );
  }
  const data = (await response.json().catch(() => ({}))) as T & { error?: string };
  if (!response.ok) {
    const retry = response.headers.get("Retry-After");
    throw new Error((data.error ?? `The server answered ${response.status}.`) + (retry ? ` Try again in ${retry} s.` : ""));
  }
  return data;
}

export function ExerciseWorkspace({ exercise }: { exercise: PublicExercise }) {
  const me = useMe();
  if (me.status === "loading")
    return (
      <div className="editor-loading" role="status">
        Loading your draft…
      </div>
    );
  return <Workspace exercise={exercise} userId={me.user?.id ?? null} />;
}

function Workspace({ exercise, userId }: { exercise: PublicExercise; userId: string | null }) {
  const { code, setCode, saveState } = useDraft(exercise.id, exercise.starter, userId);
  const { setExerciseStats } = useTrackState();
  const [hintsShown, setHintsShown] = useState(0);
  const [busy, setBusy] = useState<null | "run" | "submit">(null);
  // Rendered in the browser only (after the session loads), so the page's engine can be asked as is.
  const [runtime, setRuntime] = useState<BrowserRunnerStatus | null>(() => existingPageEngine()?.status ?? null);
  const [download, setDownload] = useState<{ loaded: number; total: number } | null>(null);
  const inBrowser = exercise.engine === "browser" && exercise.browserBundle !== undefined;
  const warmUp = engineWarmUp(exercise);
  const [result, setResultState] = useState<RunResult | null>(null);
  const [runCount, setRunCount] = useState(0);
  const setResult = useCallback((next: RunResult | null) => {
    setResultState(next);
    if (next) setRunCount((n) => n + 1);
  }, []);
  const [submission, setSubmission] = useState<SubmissionOutcome | null>(null);
  const [error, setError] = useState<string | null>(null);
  const codeRef = useRef(code);
  const preview = useRef<LivePreviewHandle>(null);
  useEffect(() => {
    codeRef.current = code;
  }, [code]);

  /** The page's engine, reporting to whichever workspace used it last. */
  const engine = useCallback((): BrowserRunner => {
    const runner = pageEngine();
    runner.onStatus = setRuntime;
    runner.onProgress = (loaded, total) => setDownload({ loaded, total });
    return runner;
  }, []);

  // Opening the editor starts the engine, so it is ready (or nearly) by the time the learner runs.
  useEffect(() => {
    if (!inBrowser) return;
    const runner = engine();
    if (mayPreload("editor-opened")) runner.preload(warmUp);
  }, [engine, inBrowser, warmUp]);

  const run = useCallback(async () => {
    const current = codeRef.current;
    if (current === null || busy) return;
    setBusy("run");
    setError(null);
    try {
      if (inBrowser && exercise.browserBundle) {
        setResult(await engine().run({ code: current, ...exercise.browserBundle }));
        preview.current?.restart();
      } else {
        setResult((await postJson<{ result: RunResult }>("/api/runs", { exerciseId: exercise.id, code: current })).result);
      }
    } catch (caught) {
      setError((caught as Error).message);
    } finally {
      setBusy(null);
    }
  }, [busy, engine, exercise, inBrowser, setResult]);

  // The console's requests go to the same engine as Run; they are practice and change no result shown above.
  const sendInBrowser = useCallback(
    (current: string, probe: ProbeRequest) => engine().run({ code: current, ...exercise.browserBundle!, probe }),
    [engine, exercise],
  );
  const currentCode = useCallback(() => codeRef.current, []);

  const submit = async () => {
    if (code === null || busy) return;
    setBusy("submit");
    setError(null);
    try {
      const outcome = await postJson<SubmissionOutcome>("/api/submissions", {
        exerciseId: exercise.id,
        code,
        submitKey: crypto.randomUUID(),
      });
      setSubmission(outcome);
      setExerciseStats(outcome.stats);
    } catch (caught) {
      setError((caught as Error).message);
    } finally {
      setBusy(null);
    }
  };

  const reset = () => {
    if (window.confirm("Replace your code with the starter code? Your current code will be lost.")) {
      setCode(exercise.starter);
      setResult(null);
    }
  };

  if (code === null)
    return (
      <div className="editor-loading" role="status">
        Loading your draft…
      </div>
    );
  const runLabel = busy === "run" ? (runtime === "loading-runtime" ? "Starting Python…" : "Running…") : "Run";
  return (
    <div className="stack">
      <div className="exercise-toolbar">
        <button type="button" className="button primary" onClick={run} disabled={busy !== null} data-testid="run-button">
          {runLabel}
        </button>
        <button type="button" className="button" onClick={submit} disabled={busy !== null || !userId} data-testid="submit-button">
          {busy === "submit" ? "Checking on the server…" : "Submit"}
        </button>
        <button type="button" className="button" onClick={reset} disabled={busy !== null}>
          Reset to starter
        </button>
        <span className="kbd-hint">
          <kbd>Ctrl</kbd>/<kbd>⌘</kbd> + <kbd>Enter</kbd> runs
        </span>
        <span className="spacer" />
        <span className={`save-state ${saveState}`} role="status" data-testid="save-state">
          {SAVE_TEXT[saveState]}
        </span>
      </div>
      {!userId && (
        <p className="alert info small">
          <Link href="/signin">Sign in</Link> to submit your solution and save your code to your account.
        </p>
      )}
      {inBrowser && <EngineStatus status={runtime} download={download} />}
      <PythonEditor value={code} onChange={setCode} onRun={run} label={`Code for ${exercise.title}`} />
      <FormError message={error} />
      <div aria-live="polite" className="stack" data-testid="results-area" data-runs={runCount}>
        {submission && <SubmissionPanel submission={submission} />}
        {result && <RunResults result={result} heading="Run" />}
      </div>
      {exercise.requestConsole && (
        <RequestConsole
          exerciseId={exercise.id}
          code={currentCode}
          sendInBrowser={inBrowser ? sendInBrowser : undefined}
          signedIn={userId !== null}
          openapi={exercise.trackId === "fastapi"}
        />
      )}
      {exercise.requestConsole && inBrowser && <LivePreview ref={preview} code={currentCode} support={exercise.browserBundle!.support} />}
      <Hints hintsHtml={exercise.hintsHtml} shown={hintsShown} onShowNext={() => setHintsShown((n) => n + 1)} />
    </div>
  );
}

const MB = (bytes: number) => (bytes / 1_000_000).toFixed(1);

/** Where the in-browser Python stands: downloading (with the bytes so far), ready, or not started. */
function EngineStatus({ status, download }: { status: BrowserRunnerStatus | null; download: { loaded: number; total: number } | null }) {
  if (status === "loading-runtime") {
    const text = download
      ? `Starting Python in your browser: ${MB(download.loaded)} of ${MB(download.total)} MB of Flask and Django downloaded…`
      : "Starting Python in your browser…";
    return (
      <p className="engine-status muted small" role="status" data-testid="engine-status" data-state="loading">
        <span>{text}</span>
        {download && <progress max={download.total} value={download.loaded} aria-label="Python download" />}
      </p>
    );
  }
  if (status === "ready" || status === "running")
    return (
      <p className="engine-status muted small" role="status" data-testid="engine-status" data-state="ready">
        Python is ready: Run checks your code here in your browser; Submit checks it on the server.
      </p>
    );
  return (
    <p className="engine-status muted small" data-testid="engine-status" data-state="idle">
      Python starts in your browser when you press Run.
    </p>
  );
}

function SubmissionPanel({ submission }: { submission: SubmissionOutcome }) {
  return (
    <div className="stack" data-testid="submission" data-verdict={submission.verdict}>
      {submission.verdict === "PASS" ? (
        <p className="alert ok">
          <strong>Solved.</strong> The server ran your code against every check and it passed. This exercise now counts as solved.
        </p>
      ) : (
        <p className="alert warn">
          <strong>Not solved yet.</strong> The server&apos;s checks did not all pass. Read the results below, fix, and submit again.
        </p>
      )}
      <RunResults result={submission.result} heading="Submission" />
      {submission.solution && (
        <details className="solution">
          <summary>Compare with our reference solution</summary>
          <pre>{submission.solution}</pre>
        </details>
      )}
    </div>
  );
}

function Hints({ hintsHtml, shown, onShowNext }: { hintsHtml: string[]; shown: number; onShowNext(): void }) {
  return (
    <div className="hints">
      <div className="row">
        <strong>Hints</strong>
        <span className="muted small">
          {shown} of {hintsHtml.length} shown
        </span>
        {shown < hintsHtml.length && (
          <button type="button" className="button small" onClick={onShowNext}>
            {shown === 0 ? "Show a hint" : "Show the next hint"}
          </button>
        )}
      </div>
      {shown > 0 && (
        <ol>
          {hintsHtml.slice(0, shown).map((hint, index) => (
            <li key={index} dangerouslySetInnerHTML={{ __html: hint }} />
          ))}
        </ol>
      )}
    </div>
  );
}
