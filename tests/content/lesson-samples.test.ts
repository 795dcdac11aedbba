import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { contentRoot, loadCourseFrom } from "@/lib/content/load";
import { venvPath } from "@/lib/runner/sandbox";
import { codeSamples, outputMatches } from "@/tests/content/samples";

// A sentence that shows output was produced by running that code (docs/content-format.md, "Samples that
// show their output"): every lesson's Python block followed by a `text output` block is run here with the
// runner's venv (the versions the course pins), in a new folder holding the course's support files, after
// the lesson folder's sample-setup.py if it has one (what the prose already set up: settings, models, a
// module the sample imports), and what it prints must be what the lesson shows. A block that shows output
// which cannot run here says so, with the reason.
const root = contentRoot();
const course = loadCourseFrom(root);
const lessons = [...course.lessons.values()];
const run = promisify(execFile);

async function runSample(code: string): Promise<string> {
  const cwd = mkdtempSync(path.join(os.tmpdir(), "crossroads-sample-"));
  try {
    // The course's support files (django_setup and its app), as beside an exercise's main.py.
    for (const [name, text] of Object.entries(course.support)) writeFileSync(path.join(cwd, name), text);
    const { stdout, stderr } = await run(path.join(venvPath(), "bin", "python"), ["-c", code], {
      cwd,
      timeout: 60_000,
      env: {
        NODE_ENV: "test",
        PATH: process.env.PATH ?? "/usr/bin:/bin",
        HOME: cwd,
        PYTHONHASHSEED: "0",
        PYTHONDONTWRITEBYTECODE: "1",
        PYTHONWARNINGS: "ignore",
      },
    }).catch((error: { stdout?: string; stderr?: string }) => ({ stdout: error.stdout ?? "", stderr: error.stderr ?? "" }));
    return stdout + stderr;
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
}

const samples = lessons.flatMap((lesson) => {
  const setupFile = path.join(root, lesson.trackId, lesson.folder, "sample-setup.py");
  const setup = existsSync(setupFile) ? `${readFileSync(setupFile, "utf8")}\n` : "";
  return codeSamples(lesson.body).map((sample) => ({
    ...sample,
    name: `${lesson.trackId}/${lesson.folder} line ${sample.line}`,
    program: sample.kind === "output" ? setup + sample.code : "",
  }));
});

describe("lesson samples that show their output", () => {
  it("a text block right after a Python block says whether it is that code's output", () => {
    const unmarked = samples.filter((sample) => sample.kind === "unmarked").map((sample) => sample.name);
    expect(unmarked, "mark the block `text output` (it is run) or `text output-not-run: <reason>`").toEqual([]);
  });

  it("every block that cannot run says why", () => {
    const silent = samples.filter((sample) => sample.kind === "not-run" && sample.reason.length < 10).map((sample) => sample.name);
    expect(silent).toEqual([]);
  });

  const runnable = samples.filter((sample) => sample.kind === "output");
  it.concurrent.each(runnable.map((sample) => [sample.name, sample] as const))(
    "%s prints what the lesson shows",
    async (_name, sample) => {
      const printed = await runSample(sample.program);
      expect(outputMatches(printed, sample.output), `printed:\n${printed}`).toBe(true);
    },
    90_000,
  );
});
