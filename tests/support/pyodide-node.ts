import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { loadPyodide } from "pyodide";
import { preparePyodide, runExercise, RUNNER_FILE_NAMES, type PyodideLike, type RunnerFiles } from "@/lib/runner/browser/run-in-pyodide";
import type { RunRequest, RunResult } from "@/lib/runner/types";

const root = path.join(import.meta.dirname, "..", "..");
/** The check runner's Python files, as the worker fetches them. */
export const runnerFiles: RunnerFiles = Object.fromEntries(
  RUNNER_FILE_NAMES.map((name) => [name, fs.readFileSync(path.join(root, "scripts/python", name), "utf8")]),
);

let bundleChecked = false;

/** public/runtime/frameworks.zip, built (or rebuilt when its inputs changed) by the same script the app's set-up runs. */
function frameworksZip(): Uint8Array {
  if (!bundleChecked) {
    execFileSync("bash", [path.join(root, "scripts/build-pyodide-bundle.sh")], { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
    bundleChecked = true;
  }
  return new Uint8Array(fs.readFileSync(path.join(root, "public/runtime/frameworks.zip")));
}

/** A Pyodide interpreter in Node with the same framework bundle the browser worker loads. */
export async function nodePyodide(): Promise<PyodideLike> {
  const zip = frameworksZip();
  const pyodide = (await loadPyodide({ indexURL: path.join(root, "node_modules/pyodide") + "/" })) as unknown as PyodideLike;
  preparePyodide(pyodide, zip);
  return pyodide;
}

/**
 * Runs requests the way the browser engine does: one interpreter, reused until a run leaves it
 * spent (Django imported), then a fresh one for the next run.
 */
export class NodePyodideSession {
  private current: Promise<PyodideLike> | undefined;
  loads = 0;

  async run(request: RunRequest): Promise<RunResult> {
    if (!this.current) {
      this.loads++;
      this.current = nodePyodide();
    }
    const { result, spent } = await runExercise(await this.current, runnerFiles, request);
    if (spent) this.current = undefined;
    return result;
  }
}
