// The page's one browser engine, shared by every exercise on it. Client-only.
import { BrowserRunner } from "@/lib/runner/browser/browser-runner";

let runner: BrowserRunner | undefined;

/** The page's engine, created on first use (creating it downloads nothing). */
export function pageEngine(): BrowserRunner {
  return (runner ??= new BrowserRunner());
}

/** The engine if something on the page has created it, to show its status from the start. */
export function existingPageEngine(): BrowserRunner | undefined {
  return runner;
}

type Connection = { saveData?: boolean; effectiveType?: string };

/**
 * Whether to download the engine (about 20 MB) before the learner asks. Opening the editor: unless the
 * browser asks to save data. An exercise merely scrolled into view: only on a fast connection as well.
 */
export function mayPreload(reason: "editor-opened" | "in-view"): boolean {
  const connection = (navigator as Navigator & { connection?: Connection }).connection;
  if (connection?.saveData) return false;
  return reason === "editor-opened" || connection?.effectiveType === "4g";
}

/** What the engine imports ahead of the first run for this exercise's track (Flask's imports are the slow part). */
export function engineWarmUp(exercise: { trackId: string }): "flask" | undefined {
  return exercise.trackId === "flask" ? "flask" : undefined;
}
