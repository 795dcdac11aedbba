import fs from "node:fs";
import path from "node:path";
import { loadPyodide } from "pyodide";
import { preparePyodide, type PyodideLike } from "@/lib/runner/browser/run-in-pyodide";

const root = path.join(import.meta.dirname, "..", "..");
export const harnessSource = fs.readFileSync(path.join(root, "scripts/python/harness.py"), "utf8");

/** A Pyodide interpreter in Node with the same framework bundle the browser worker loads. */
export async function nodePyodide(): Promise<PyodideLike> {
  const zipPath = path.join(root, "public/runtime/frameworks.zip");
  if (!fs.existsSync(zipPath)) throw new Error("public/runtime/frameworks.zip is missing: run bash scripts/build-pyodide-bundle.sh");
  const pyodide = (await loadPyodide({ indexURL: path.join(root, "node_modules/pyodide") + "/" })) as unknown as PyodideLike;
  preparePyodide(pyodide, new Uint8Array(fs.readFileSync(zipPath)));
  return pyodide;
}
