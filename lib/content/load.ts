import "server-only";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import matter from "gray-matter";
import { parse as parseYaml } from "yaml";
import type { z } from "zod";
import { config } from "@/lib/config";
import {
  ChooserFileSchema,
  ExerciseFileSchema,
  LessonFrontMatterSchema,
  ProjectFileSchema,
  QuizFileSchema,
  TRACK_IDS,
  TrackFileSchema,
  type ChooserFile,
  type ExerciseFile,
  type LessonFrontMatter,
  type ProjectFile,
  type QuizFile,
  type TrackFile,
  type TrackId,
} from "@/lib/content/schema";
import { MIN_BROKEN_APPS, WORKING_APP } from "@/lib/runner/tests-verdict";
import type { TestedApp, TestsRequest } from "@/lib/runner/types";

export type Quiz = QuizFile & { lessonId: string; trackId: TrackId; version: string };
export type Exercise = ExerciseFile & {
  lessonId: string;
  trackId: TrackId;
  starter: string;
  solution: string;
  checks: string;
  /** kind: tests only: the apps in apps/ the learner's tests run against, and the framework's test client. */
  tests?: TestsRequest;
  /** Other correct solutions (alternatives/*.py) and plausible wrong ones (wrong/*.py), by file name. */
  alternatives: Record<string, string>;
  wrong: Record<string, string>;
};
export type Lesson = LessonFrontMatter & {
  trackId: TrackId;
  slug: string;
  /** The lesson's folder under lessons/<track>/. */
  folder: string;
  /** Position in the track, from 0. */
  index: number;
  body: string;
  quiz?: Quiz;
  exercise?: Exercise;
};
export type Track = Omit<TrackFile, "lessons"> & { lessons: Lesson[] };
export type Project = ProjectFile;

export interface Course {
  tracks: Track[];
  lessons: Map<string, Lesson>;
  quizzes: Map<string, Quiz>;
  exercises: Map<string, Exercise>;
  projects: Map<string, Project>;
  chooser: ChooserFile;
  /** lessons/_support/*.py by file name: copied beside every exercise run. */
  support: Record<string, string>;
}

/** A content file that does not match its schema. The message names the file and the field. */
export class ContentError extends Error {
  constructor(
    readonly file: string,
    detail: string,
  ) {
    super(`${file}: ${detail}`);
    this.name = "ContentError";
  }
}

export function contentRoot(): string {
  // CONTENT_DIR lets tests point at fixtures; the build reads lessons/ (kept in the trace by next.config.js).
  return path.resolve(/*turbopackIgnore: true*/ process.cwd(), config.CONTENT_DIR);
}

function relative(root: string, file: string): string {
  return path.join("lessons", path.relative(root, file));
}

function validate<T>(schema: z.ZodType<T>, data: unknown, file: string): T {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const issues = result.error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? issue.path.join(".") : "(top level)"}: ${issue.message}`);
  throw new ContentError(file, issues.join("; "));
}

function readText(root: string, file: string): string {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    throw new ContentError(relative(root, file), "file is missing");
  }
}

function readYaml(root: string, file: string): unknown {
  const text = readText(root, file);
  try {
    return parseYaml(text);
  } catch (error) {
    throw new ContentError(relative(root, file), `not valid YAML: ${(error as Error).message.split("\n")[0]}`);
  }
}

function hash(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 12);
}

function claimId(seen: Map<string, string>, id: string, file: string) {
  const earlier = seen.get(id);
  if (earlier) throw new ContentError(file, `id "${id}" is already used by ${earlier}`);
  seen.set(id, file);
}

function loadExercise(root: string, dir: string, lesson: { id: string; trackId: TrackId }): Exercise {
  const file = path.join(dir, "exercise.yaml");
  const meta = validate(ExerciseFileSchema, readYaml(root, file), relative(root, file));
  const read = (name: string) => readText(root, path.join(dir, name));
  const tests = meta.kind === "tests" ? loadTestedApps(root, dir, lesson.trackId) : undefined;
  // Probes ran in the learner's process, where they could be lied to; facts now come from the source.
  if (fs.existsSync(path.join(dir, "probe.py"))) {
    throw new ContentError(
      relative(root, file),
      "probe.py is no longer read: check facts HTTP cannot show from the submitted source (docs/content-format.md)",
    );
  }
  return {
    ...meta,
    lessonId: lesson.id,
    trackId: lesson.trackId,
    starter: read("starter.py"),
    solution: read("solution.py"),
    // A testing exercise has no checks: its verdict comes from the learner's tests against apps/.
    checks: tests ? "" : read("checks.py"),
    tests,
    alternatives: readSolutions(root, path.join(dir, "alternatives")),
    wrong: readSolutions(root, path.join(dir, "wrong")),
  };
}

const BUG_LINE = /^# Bug: (.+)$/;

/**
 * apps/ of a testing exercise: working.py and at least MIN_BROKEN_APPS broken copies, each starting with
 * a "# Bug: <what the app does wrong>" line (shown to the learner as "Your tests catch: ...").
 */
function loadTestedApps(root: string, dir: string, trackId: TrackId): TestsRequest {
  const rel = relative(root, path.join(dir, "exercise.yaml"));
  if (trackId === "compare") throw new ContentError(rel, "kind: tests needs a framework track");
  if (fs.existsSync(path.join(dir, "checks.py")))
    throw new ContentError(rel, "kind: tests has no checks.py (the verdict comes from apps/)");
  const appsDir = path.join(dir, "apps");
  const names = fs.existsSync(appsDir)
    ? fs
        .readdirSync(appsDir)
        .filter((n) => n.endsWith(".py"))
        .sort()
    : [];
  if (!names.includes(`${WORKING_APP}.py`)) throw new ContentError(rel, `kind: tests needs apps/${WORKING_APP}.py`);
  const apps: TestedApp[] = names.map((fileName) => {
    const name = fileName.slice(0, -3);
    const code = readText(root, path.join(appsDir, fileName));
    if (!/^[a-z][a-z0-9_]*$/.test(name))
      throw new ContentError(relative(root, path.join(appsDir, fileName)), "app file names use a-z, 0-9 and _");
    const bug = BUG_LINE.exec(code.split("\n")[0] ?? "")?.[1]?.trim();
    if (name !== WORKING_APP && !bug) {
      throw new ContentError(relative(root, path.join(appsDir, fileName)), 'the first line must be "# Bug: <what this app does wrong>"');
    }
    return { name, description: bug ?? "", code };
  });
  if (apps.length - 1 < MIN_BROKEN_APPS) {
    throw new ContentError(rel, `kind: tests needs at least ${MIN_BROKEN_APPS} broken apps in apps/ besides ${WORKING_APP}.py`);
  }
  return { framework: trackId, apps };
}

function readSolutions(root: string, dir: string): Record<string, string> {
  if (!fs.existsSync(dir)) return {};
  const names = fs
    .readdirSync(dir)
    .filter((name) => name.endsWith(".py"))
    .sort();
  return Object.fromEntries(names.map((name) => [name, readText(root, path.join(dir, name))]));
}

function loadLesson(root: string, trackId: TrackId, folder: string, index: number): Lesson {
  const dir = path.join(root, trackId, folder);
  const lessonFile = path.join(dir, "lesson.md");
  const parsed = matter(readText(root, lessonFile));
  const front = validate(LessonFrontMatterSchema, parsed.data, relative(root, lessonFile));
  if (!front.id.startsWith(`${trackId}-`)) {
    throw new ContentError(relative(root, lessonFile), `id: "${front.id}" must start with "${trackId}-"`);
  }
  const lesson: Lesson = { ...front, trackId, slug: folder.replace(/^\d{2}-/, ""), folder, index, body: parsed.content };

  const quizFile = path.join(dir, "quiz.yaml");
  if (fs.existsSync(quizFile)) {
    const text = readText(root, quizFile);
    const quiz = validate(QuizFileSchema, readYaml(root, quizFile), relative(root, quizFile));
    lesson.quiz = { ...quiz, lessonId: front.id, trackId, version: hash(text) };
  }
  if (fs.existsSync(path.join(dir, "exercise"))) {
    lesson.exercise = loadExercise(root, path.join(dir, "exercise"), lesson);
  }
  return lesson;
}

function loadTrack(root: string, trackId: TrackId): Track {
  const file = path.join(root, trackId, "track.yaml");
  const meta = validate(TrackFileSchema, readYaml(root, file), relative(root, file));
  if (meta.id !== trackId) throw new ContentError(relative(root, file), `id: must be "${trackId}", the folder's name`);
  const listed = new Set(meta.lessons);
  for (const entry of fs.readdirSync(path.join(root, trackId), { withFileTypes: true })) {
    if (entry.isDirectory() && /^\d{2}-/.test(entry.name) && !listed.has(entry.name)) {
      throw new ContentError(relative(root, file), `lessons: folder "${entry.name}" exists but is not listed`);
    }
  }
  const { lessons, ...rest } = meta;
  return { ...rest, lessons: lessons.map((folder, index) => loadLesson(root, trackId, folder, index)) };
}

function loadProjects(root: string, seen: Map<string, string>, lessons: Map<string, Lesson>): Map<string, Project> {
  const projects = new Map<string, Project>();
  for (const trackId of TRACK_IDS) {
    const dir = path.join(root, trackId, "projects");
    if (!fs.existsSync(dir)) continue;
    for (const name of fs
      .readdirSync(dir)
      .filter((n) => n.endsWith(".yaml"))
      .sort()) {
      const file = path.join(dir, name);
      const rel = relative(root, file);
      const project = validate(ProjectFileSchema, readYaml(root, file), rel);
      if (project.track !== trackId) throw new ContentError(rel, `track: must be "${trackId}", the folder it is in`);
      project.buildsOn.forEach((lessonId, i) => {
        if (!lessons.has(lessonId)) throw new ContentError(rel, `buildsOn.${i}: no lesson has the id "${lessonId}"`);
      });
      claimId(seen, project.id, rel);
      projects.set(project.id, project);
    }
  }
  return projects;
}

function loadSupport(root: string): Record<string, string> {
  const dir = path.join(root, "_support");
  if (!fs.existsSync(dir)) return {};
  const files: Record<string, string> = {};
  for (const name of fs
    .readdirSync(dir)
    .filter((n) => n.endsWith(".py"))
    .sort()) {
    files[name] = readText(root, path.join(dir, name));
  }
  return files;
}

/** Reads and validates all of lessons/. Throws ContentError naming the first bad file and field. */
export function loadCourseFrom(root: string): Course {
  const tracks = TRACK_IDS.filter((id) => fs.existsSync(path.join(root, id, "track.yaml"))).map((id) => loadTrack(root, id));
  const seen = new Map<string, string>();
  const lessons = new Map<string, Lesson>();
  const quizzes = new Map<string, Quiz>();
  const exercises = new Map<string, Exercise>();
  for (const track of tracks) {
    for (const lesson of track.lessons) {
      const base = path.join("lessons", track.id, lesson.folder);
      claimId(seen, lesson.id, path.join(base, "lesson.md"));
      lessons.set(lesson.id, lesson);
      if (lesson.quiz) {
        claimId(seen, lesson.quiz.id, path.join(base, "quiz.yaml"));
        quizzes.set(lesson.quiz.id, lesson.quiz);
      }
      if (lesson.exercise) {
        claimId(seen, lesson.exercise.id, path.join(base, "exercise", "exercise.yaml"));
        exercises.set(lesson.exercise.id, lesson.exercise);
      }
    }
  }
  const projects = loadProjects(root, seen, lessons);
  const chooserFile = path.join(root, "chooser.yaml");
  const chooser = validate(ChooserFileSchema, readYaml(root, chooserFile), relative(root, chooserFile));
  return { tracks, lessons, quizzes, exercises, projects, chooser, support: loadSupport(root) };
}

let cached: Course | undefined;

// A production server runs several bundles (pages, route handlers, the instrumentation hook), each
// with its own copy of this module: kept on globalThis, the course is read and parsed once per
// process, at boot (instrumentation.ts), instead of once per bundle on the first request that needs
// it (about a second of YAML and Markdown parsing that the first learners would wait for). Keyed by
// the content root, so a process that points CONTENT_DIR elsewhere never gets another course.
// Development and tests keep the module-level copy, so a reloaded module reads the files again.
const shared = globalThis as unknown as { crossroadsCourse?: { root: string; course: Course } };

/** The course, loaded once per process. */
export function getCourse(): Course {
  if (config.NODE_ENV !== "production") {
    cached ??= loadCourseFrom(contentRoot());
    return cached;
  }
  const root = contentRoot();
  if (shared.crossroadsCourse?.root !== root) shared.crossroadsCourse = { root, course: loadCourseFrom(root) };
  return shared.crossroadsCourse.course;
}
